"""Two fresh stores (a field device and the lead agency), enrolled with each other."""
from __future__ import annotations

import io
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pyrage

from desktop.store.store import Store
from desktop.sync import enrol, export_enrolment, identity, read_enrolment
from desktop.sync.package import Signed, seal
from tests.conftest import PASSPHRASE


def make_store(folder: Path, role: str, worker: str, agency: str) -> Store:
    store, _code = Store.create(folder, PASSPHRASE, role=role, worker=worker, agency=agency)
    return store


def enrol_pair(lead: Store, field: Store, tmp: Path) -> None:
    """Both directions, as a person would after comparing fingerprints by phone."""
    a = tmp / f"agency-{lead.device_id[-6:]}.json"
    export_enrolment(lead, a)
    e = read_enrolment(a)
    enrol(field, e, confirmed_fingerprint=e.fingerprint)
    d = tmp / f"device-{field.device_id[-6:]}.json"
    export_enrolment(field, d)
    e = read_enrolment(d)
    enrol(lead, e, confirmed_fingerprint=e.fingerprint)


@dataclass
class Pair:
    lead: Store
    field: Store
    tmp: Path


def open_plain(store: Store, path: Path) -> dict[str, bytes]:
    """Decrypt a package with the recipient store's age key and return its members."""
    plain = pyrage.decrypt(Path(path).read_bytes(), [identity(store).age])
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar}


def reseal(recipient: Store, path: Path, members: dict[str, bytes], out: Path) -> Path:
    """Re-encrypt edited members to the recipient (what anyone with its public key can do)."""
    signed = Signed(members["manifest.json"], members["changes.jsonl"],
                    members.get("signature", b""))
    data = seal(signed, identity(recipient).age_recipient)
    if "signature" not in members:       # rebuild without the signature member
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            for name, blob in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(blob)
                tar.addfile(info, io.BytesIO(blob))
        data = pyrage.encrypt(buf.getvalue(),
                              [pyrage.x25519.Recipient.from_str(identity(recipient).age_recipient)])
    out.write_bytes(data)
    return out


def rows(store: Store, table: str) -> list[tuple]:
    cur = store.db.execute(f"SELECT * FROM {table} ORDER BY id")
    return [tuple(r) for r in cur]


def count(store: Store, sql: str, *args) -> int:
    return store.db.execute(sql, args).fetchone()[0]


def log_attempts(store: Store, person_id: str, n: int, note: str = "try") -> list:
    from desktop.domain.contact import ContactMethod, ContactOutcome
    return [store.attempts.log(person_id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                               f"{note} {i}") for i in range(n)]


@dataclass
class Trio:
    lead: Store
    a: Store
    b: Store
    tmp: Path

    def stores(self):
        return (self.lead, self.a, self.b)

    def lock(self):
        for s in self.stores():
            s.lock()


def make_trio(tmp: Path, person_name: str = "Morag Delacroix-Baird") -> tuple[Trio, str]:
    """A lead agency and two field devices that both hold one assigned person."""
    from desktop.sync import assign_case, export_packages, import_paths
    lead = make_store(tmp / "lead", "lead", "Lee Coordinator", "Social Work Team")
    a = make_store(tmp / "a", "field", "Ash Outreach", "Community Nursing")
    b = make_store(tmp / "b", "field", "Bo Housing", "Housing Support")
    enrol_pair(lead, a, tmp)
    enrol_pair(lead, b, tmp)
    from desktop.domain.person import Person
    p = lead.people.add(Person(name=person_name, address="12 Harbour Row"))
    for dev in (a, b):
        assign_case(lead, dev.device_id, p.id)
    out = export_packages(lead, tmp / "start")
    for dev in (a, b):
        s = import_paths(dev, out.packages)
        # the other device's package is not theirs: given as a file, it is refused
        assert s.imported == 1 and s.rejected == 1
    return Trio(lead, a, b, tmp), p.id


def edit(store: Store, person_id: str, **changes) -> None:
    p = store.people.require(person_id)
    for k, v in changes.items():
        setattr(p, k, v)
    store.people.update(p)


def inject_change(store: Store, entity: str, record_id: str, fields: dict,
                  op: str = "upsert") -> None:
    """Put a raw change in a store's change log (as a buggy or newer build might)."""
    import json as _json
    with store.transaction() as tx:
        store.db.execute(
            "INSERT INTO change_log (stamp, entity, record_id, op, fields, old, actor, at, "
            "origin_device) VALUES (?,?,?,?,?,NULL,?,?,?)",
            (tx.stamp(), entity, record_id, op, _json.dumps(fields), store.actor, tx.now_iso,
             store.device_id))
