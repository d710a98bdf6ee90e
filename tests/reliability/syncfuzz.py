"""Sync packages under attack: worlds, mutations and checks shared by the suite
(tests/reliability/test_sync_fuzz.py, a few hundred cases) and bench/soak_fuzz.py (10,000).

A ``World`` is a lead agency and a field device enrolled with each other; the field device has
exported three genuine packages. Attacks:

* ``bytes``: the encrypted file flipped, cut, extended, spliced;
* ``members``: decrypted (as the lead agency could), a member edited, dropped, duplicated or
  added, re-encrypted to the lead agency (anyone can: its age recipient is public), optionally
  re-signed with an attacker's key (claiming that key or not);
* ``signed``: the enrolled field device itself (a buggy or newer build) signs arbitrary changes:
  they must be applied or quarantined, never crash the import, and importing them again must
  change nothing;
* ``replay``: genuine packages offered again, out of order and in batches.
"""
from __future__ import annotations

import io
import itertools
import json
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import strategies as st

from desktop.domain.contact import ContactAttempt
from desktop.domain.ids import new_id
from desktop.domain.person import Person
from desktop.store.syncstate import SyncState
from desktop.sync import export_packages, identity, import_paths
from desktop.sync.identity import b64, canonical, unb64
from desktop.sync.package import MEMBERS, change_line, make_manifest, parse_changes, sign

OUTCOMES = {"imported", "already_imported", "held", "rejected", "skipped"}
_counter = itertools.count()


@dataclass
class World:
    lead: object
    field: object
    tmp: Path
    packages: list[bytes] = field(default_factory=list)

    @property
    def field_id(self) -> str:
        return self.field.device_id


def make_world(tmp: Path) -> World:
    from tests.sync.helpers import enrol_pair, log_attempts, make_store
    tmp.mkdir(parents=True, exist_ok=True)
    lead = make_store(tmp / "lead", "lead", "Lee Coordinator", "Social Work Team")
    fld = make_store(tmp / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, fld, tmp)
    world = World(lead, fld, tmp)
    p = fld.people.add(Person(name="Fuzz Person", address="1 Test Row"))
    for n in range(3):
        log_attempts(fld, p.id, n + 1, note=f"batch {n}")
        (pkg,) = export_packages(fld, tmp / f"out-{n}").packages
        world.packages.append(pkg.read_bytes())
    return world


def snapshot(world: World) -> tuple:
    """What an import may change: records, history, and the sync bookkeeping."""
    lead = world.lead
    peer = SyncState(lead).peer(world.field_id)
    return (frozenset(p.id for p in lead.people.where(include_deleted=True)),
            frozenset(a.id for a in lead.repo(ContactAttempt).where(include_deleted=True)),
            lead.db.execute("SELECT count(*) FROM change_log").fetchone()[0],
            peer.in_through, peer.in_last_hash,
            tuple(r[1] for r in SyncState(lead).held(world.field_id)))


def import_bytes(world: World, data: bytes):
    """Import one file; returns its ``PackageOutcome``. Any exception is a failure."""
    folder = world.tmp / "incoming"
    folder.mkdir(exist_ok=True)
    path = folder / f"fuzz-{next(_counter)}.stkpkg"
    path.write_bytes(data)
    try:
        summary = import_paths(world.lead, [path])
    finally:
        path.unlink()
    assert len(summary.packages) == 1, summary.text()
    outcome = summary.packages[0]
    assert outcome.outcome in OUTCOMES
    if outcome.outcome == "rejected":
        assert outcome.reason and len(outcome.reason) > 10, outcome
    return outcome


def assert_rejected_and_unchanged(world: World, data: bytes, before: tuple) -> str:
    outcome = import_bytes(world, data)
    assert outcome.outcome == "rejected", outcome
    after = snapshot(world)
    assert after == before, [(a, b) for a, b in zip(before, after) if a != b]
    return outcome.reason


# -- byte-level mutations -----------------------------------------------------------------
POS = st.integers(0, 1 << 20)
MUTATION = st.one_of(
    st.tuples(st.just("flip"), POS, st.integers(1, 255)),
    st.tuples(st.just("truncate"), POS),
    st.tuples(st.just("extend"), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("insert"), POS, st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), POS, st.integers(1, 64)),
    st.tuples(st.just("overwrite"), POS, st.binary(min_size=1, max_size=16)),
)
MUTATIONS = st.lists(MUTATION, min_size=1, max_size=4)


def mutate(data: bytes, mutations) -> bytes:
    b = bytearray(data)
    for m in mutations:
        at = m[1] % (len(b) + 1) if len(m) > 1 and isinstance(m[1], int) else 0
        if m[0] == "flip" and b:
            b[at % len(b)] ^= m[2]
        elif m[0] == "truncate":
            del b[at:]
        elif m[0] == "extend":
            b += m[1]
        elif m[0] == "insert":
            b[at:at] = m[2]
        elif m[0] == "delete":
            del b[at:at + m[2]]
        elif m[0] == "overwrite":
            b[at:at + len(m[2])] = m[2]
    return bytes(b)


# -- member-level attacks -----------------------------------------------------------------
JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63),
                        st.floats(allow_nan=False), st.text(max_size=30))
JSON = st.recursive(JSON_SCALAR, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=12), kids, max_size=4)),
    max_leaves=12)
MANIFEST_KEYS = ["format", "package_id", "sender_device_id", "sender_role", "sender_signing_key",
                 "sender_key_fingerprint", "recipient_device_id", "recipient_key_fingerprint",
                 "sequence", "previous_package_hash", "created_at", "counts", "payload_sha256",
                 "payload_bytes", "acknowledgement"]
MEMBER_ATTACK = st.one_of(
    st.tuples(st.just("bytes"), st.sampled_from(MEMBERS), MUTATIONS),
    st.tuples(st.just("set"), st.sampled_from(MANIFEST_KEYS) | st.text(max_size=10), JSON),
    st.tuples(st.just("del"), st.sampled_from(MANIFEST_KEYS)),
    st.tuples(st.just("drop"), st.sampled_from(MEMBERS)),
    st.tuples(st.just("duplicate"), st.sampled_from(MEMBERS)),
    st.tuples(st.just("extra"), st.text("abcxyz./", min_size=1, max_size=12),
              st.binary(max_size=32)),
)
RESIGN = st.sampled_from(["keep", "attacker", "attacker-claims-key"])


def open_members(world: World, data: bytes) -> list[tuple[str, bytes]]:
    plain = pyrage.decrypt(data, [identity(world.lead).age])
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar]


def seal_members(world: World, members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, blob in members:
            info = tarfile.TarInfo(name)
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    recipient = pyrage.x25519.Recipient.from_str(identity(world.lead).age_recipient)
    return pyrage.encrypt(buf.getvalue(), [recipient])


def attack_members(world: World, data: bytes, attacks, resign: str) -> bytes | None:
    """The attacked, re-encrypted package, or None when the attack changed nothing."""
    members = open_members(world, data)
    original = list(members)
    for attack in attacks:
        kind = attack[0]
        names = [n for n, _ in members]
        if kind == "bytes" and attack[1] in names:
            i = names.index(attack[1])
            members[i] = (attack[1], mutate(members[i][1], attack[2]))
        elif kind in ("set", "del") and "manifest.json" in names:
            i = names.index("manifest.json")
            try:
                doc = json.loads(members[i][1])
            except ValueError:
                continue
            if not isinstance(doc, dict):
                continue
            if kind == "set":
                doc[attack[1]] = attack[2]
            else:
                doc.pop(attack[1], None)
            members[i] = ("manifest.json", canonical(doc))
        elif kind == "drop" and attack[1] in names:
            members.pop(names.index(attack[1]))
        elif kind == "duplicate" and attack[1] in names:
            members.append(members[names.index(attack[1])])
        elif kind == "extra":
            members.append((attack[1], attack[2]))
    if resign != "keep" and "manifest.json" in [n for n, _ in members]:
        key = Ed25519PrivateKey.generate()
        i = [n for n, _ in members].index("manifest.json")
        body = members[i][1]
        if resign == "attacker-claims-key":
            try:
                doc = json.loads(body)
                doc["sender_signing_key"] = b64(key.public_key().public_bytes_raw())
                body = canonical(doc)
                members[i] = ("manifest.json", body)
            except (ValueError, TypeError):
                pass
        sig = (b64(key.sign(body)) + "\n").encode()
        members = [(n, sig if n == "signature" else b) for n, b in members]
    if _same_signed_content(members, original):
        return None            # e.g. whitespace after the signature: still the genuine package
    return seal_members(world, members)


def _same_signed_content(members, original) -> bool:
    names = [n for n, _ in members]
    if len(set(names)) != len(names) or set(names) != set(MEMBERS):
        return False
    a, b = dict(members), dict(original)

    def sig(blob):
        try:
            return unb64(blob.decode("ascii").strip())
        except (ValueError, UnicodeDecodeError):
            return None
    return a["manifest.json"] == b["manifest.json"] and a["changes.jsonl"] == b["changes.jsonl"] \
        and sig(a["signature"]) is not None and sig(a["signature"]) == sig(b["signature"])


# -- the enrolled sender signs arbitrary changes ------------------------------------------
ENTITY = st.sampled_from(["person", "contact_attempt", "visit", "goal", "no_such_kind", "",
                          "change_log", "meta", "sqlite_master", "person; DROP TABLE person"])
FIELD_NAMES = st.sampled_from(["name", "person_id", "at", "method", "outcome", "note", "notes",
                               "deleted", "status", "date_of_birth", "id", "version",
                               "created_by", "nonexistent", "name); DROP TABLE person; --"])


NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@st.composite
def changes(draw, device_id: str, person_ids: list[str]):
    """Changes as a buggy or hostile sender might sign them: about half well-formed (people,
    attempts, edits: these must apply), half malformed (these must be quarantined)."""
    out, made = [], []
    now = time.time_ns() // 1_000_000
    for n in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            out.append(_valid_change(draw, device_id, made, now, n))
            continue
        stamp = draw(st.one_of(
            st.builds(lambda ms, c, d: f"{ms:013d}-{c:04d}-{d}", st.integers(0, 9_999_999_999_999),
                      st.integers(0, 9999), st.sampled_from([device_id, device_id, new_id()])),
            st.text(max_size=20)))
        rid = draw(st.one_of(st.sampled_from(person_ids or ["x"]), st.builds(new_id),
                             st.text(max_size=10)))
        fields = draw(st.dictionaries(FIELD_NAMES, JSON_SCALAR | JSON, max_size=6))
        change = {"entity": draw(ENTITY), "id": rid, "stamp": stamp,
                  "op": draw(st.sampled_from(["upsert", "upsert", "tombstone", "drop"])),
                  "fields": fields, "old": draw(st.none() | st.dictionaries(FIELD_NAMES, JSON,
                                                                           max_size=2)),
                  "actor": draw(st.text(max_size=10)), "at": draw(st.text(max_size=30)),
                  "origin_device": draw(st.sampled_from([device_id, device_id, "other"]))}
        if draw(st.booleans()):
            change.pop(draw(st.sampled_from(sorted(change))))
        out.append(change)
    return out


def _valid_change(draw, device_id: str, made: list[str], now: int, n: int) -> dict:
    stamp = f"{now:013d}-{n:04d}-{device_id}"
    base = {"stamp": stamp, "op": "upsert", "old": None, "actor": "Sam Outreach",
            "at": "2026-11-23T10:00:00+00:00", "origin_device": device_id}
    kind = draw(st.sampled_from(["person", "attempt", "edit", "delete"]) if made else
                st.just("person"))
    if kind == "person":
        made.append(new_id())
        return {**base, "entity": "person", "id": made[-1],
                "fields": {"name": draw(NAME), "notes": draw(st.text(max_size=40))}}
    if kind == "attempt":
        return {**base, "entity": "contact_attempt", "id": new_id(),
                "fields": {"person_id": draw(st.sampled_from(made)),
                           "at": "2026-11-20T09:30:00+00:00",
                           "method": draw(st.sampled_from(["phone", "home_visit", "letter"])),
                           "outcome": draw(st.sampled_from(["no_answer", "seen_engaged"])),
                           "note": draw(st.text(max_size=40))}}
    if kind == "edit":
        return {**base, "entity": "person", "id": draw(st.sampled_from(made)),
                "fields": {"notes": draw(st.text(max_size=40))}, "old": {"notes": ""}}
    return {**base, "entity": "person", "id": draw(st.sampled_from(made)), "op": "tombstone",
            "fields": {"deleted": True}, "old": {"deleted": False}}


def signed_package(world: World, chs: list[dict], junk_lines: list[bytes] = (),
                   sequence: int | None = None, previous: str | None = "chain") -> bytes:
    """A package the enrolled field device really signed, addressed to the lead agency."""
    lead_state = SyncState(world.lead)
    peer = lead_state.peer(world.field_id)
    ident, lead_ident = identity(world.field), identity(world.lead)
    payload = b"".join(change_line(c) for c in chs) + b"".join(
        line.replace(b"\n", b" ") + b"\n" for line in junk_lines)
    manifest = make_manifest(
        package_id=new_id(), sender=ident, sender_role="field",
        recipient_id=world.lead.device_id, recipient_fingerprint=lead_ident.fingerprint_full,
        sequence=sequence or peer.in_through + 1,
        previous_hash=(peer.in_last_hash or None) if previous == "chain" else previous,
        created_at="2026-11-23T10:00:00+00:00", payload=payload,
        changes=[{"entity": str(c.get("entity"))} for c in chs],
        acknowledgement={"imported_through": 0, "last_hash": None, "held": [], "missing": []})
    manifest["counts"]["changes"] = len(parse_changes(payload))
    signed = sign(ident, manifest, payload)
    members = [("manifest.json", signed.manifest), ("changes.jsonl", signed.payload),
               ("signature", signed.signature)]
    return seal_members(world, members)
