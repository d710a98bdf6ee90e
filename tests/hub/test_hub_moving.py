"""Moving a laptop lead store into the hub, backing the hub up, and the importer's watch loop."""
from __future__ import annotations

import json
import signal
import subprocess
import time

import pyrage

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store.store import Store
from desktop.sync import export_packages, identity, import_paths
from tests.conftest import PASSPHRASE
from tests.hub.conftest import cli_process
from tests.sync.helpers import enrol_pair, make_store


def test_migrate_from_moves_everything_and_verifies(cli, hub_db, tmp_path):
    _, _, url = hub_db
    lead = make_store(tmp_path / "laptop", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    p = field.people.add(Person(name="Morag", address="12 Harbour Row"))
    field.attempts.log(p.id, ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER, "curtains")
    import_paths(lead, export_packages(field, tmp_path / "box1").packages)
    mine = lead.people.add(Person(name="Dee Elm"))
    lead.people.update(lead.people.copy(lead.people.require(mine.id), address="3 Quay Street"))
    before = {"people": lead.people.count(), "audit": lead.audit_verify().checked,
              "fingerprint": identity(lead).fingerprint, "device": lead.device_id,
              "history": len(lead.people.history(mine.id))}
    lead.lock()

    code, data, out = cli("hub", "migrate-from", tmp_path / "laptop", "--to", url)
    assert code == 0, out.err
    assert data["audit_ok"] and data["audit_events"] == before["audit"]
    assert data["tables"]["person"] == 2 and len(data["recovery_code"]) == 29
    code, data, _ = cli("--store", url, "audit", "verify")
    assert code == 0 and data["checked"] == before["audit"]

    hub = Store.unlock(url, PASSPHRASE)
    try:
        assert hub.device_id == before["device"] and hub.people.count() == before["people"]
        assert identity(hub).fingerprint == before["fingerprint"]      # devices carry on
        assert len(hub.people.history(mine.id)) == before["history"]
        [row] = hub.people.caseload(search="Morag")
        assert row.unsuccessful_since_seen == 1                  # summary rebuilt
        # the field device's next package continues its sequence on the hub
        field.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, "later")
        s = import_paths(hub, export_packages(field, tmp_path / "box2").packages)
        assert s.imported == 1 and s.rejected == 0
        back = export_packages(hub, tmp_path / "back", for_device=field.device_id)
        assert import_paths(field, back.packages).rejected == 0
        assert hub.audit_verify().ok
    finally:
        hub.lock()
        field.lock()
    code, _, out = cli("hub", "migrate-from", tmp_path / "laptop", "--to", url)
    assert code == 1 and "already has a store" in out.err


def test_backup_is_an_age_encrypted_pg_dump(cli, hub_db, tmp_path, monkeypatch):
    _, _, url = hub_db
    store = make_store(url, "lead", "Lee Coordinator", "Social Work Team")
    store.people.add(Person(name="Canary Fairweather-Quill"))
    store.lock()
    monkeypatch.setenv("STICKABILITY_BACKUP_PASSPHRASE", "backup passphrase for the test")
    out = tmp_path / "hub.dump.age"
    code, data, err = cli("hub", "backup", "--url", url, "--out", out)
    assert code == 0, err.err
    sealed = out.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1") and b"Canary" not in sealed
    assert (out.stat().st_mode & 0o777) == 0o600
    dump = pyrage.passphrase.decrypt(sealed, "backup passphrase for the test")
    assert dump.startswith(b"PGDMP")                       # pg_restore's custom format
    ident = pyrage.x25519.Identity.generate()
    code, data, _ = cli("hub", "backup", "--url", url, "--out", tmp_path / "b2.age",
                        "--recipient", str(ident.to_public()))
    assert code == 0 and pyrage.decrypt((tmp_path / "b2.age").read_bytes(),
                                        [ident]).startswith(b"PGDMP")
    code, _, err = cli("hub", "backup", "--url", url, "--out", out)
    assert code == 1 and "already exists" in err.err


def test_watch_exits_cleanly_on_sigterm_and_logs_no_personal_data(hub_db, tmp_path):
    _, _, url = hub_db
    lead = make_store(url, "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    drop = tmp_path / "drop"
    drop.mkdir()
    proc = cli_process("--store", url, "sync", "watch", drop, "--interval", "0.2")
    try:
        p = field.people.add(Person(name="Zebedee Quartermaine"))
        field.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, "secret note")
        export_packages(field, drop)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not lead.people.count():
            time.sleep(0.2)
        assert lead.people.require(p.id).name == "Zebedee Quartermaine"
        while time.monotonic() < deadline and not list(drop.glob(f"to-{field.device_id}/*")):
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    summary = json.loads(out)
    assert summary["imported"] == 1 and summary["back_channel"]
    log = err.decode()
    assert "imported" in log and "Zebedee" not in log and "secret note" not in log
    assert import_paths(field, [drop]).imported == 1        # the back-channel reaches it
    lead.lock()
    field.lock()


def test_a_url_never_creates_a_folder(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, out = cli("--store", "postgresql://nobody@/nowhere?host=/nonexistent", "person",
                       "list")
    assert code == 1 and "Cannot connect to the hub" in out.err
    assert not any(p.name.startswith("postgres") for p in tmp_path.iterdir())


def test_backup_refuses_a_bad_recipient(cli, hub_db, tmp_path):
    _, _, url = hub_db
    args = ["hub", "backup", "--url", url, "--out", tmp_path / "x.age", "--recipient",
            "not-an-age-key"]
    code, _, out = cli(*args)
    assert code == 1 and "age public key" in out.err
    assert not (tmp_path / "x.age").exists()


def test_pg_dump_is_found():
    from desktop.store.hub_moving import find_pg_dump
    assert subprocess.run([find_pg_dump(), "--version"], capture_output=True).returncode == 0
