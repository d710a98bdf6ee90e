"""Several writers on one hub at once: importers racing, an importer killed mid-import, two
coordinators on the same field, another coordinator's commit reaching the caseload."""
from __future__ import annotations

import json
import signal
import time
from datetime import datetime, timezone
from pathlib import Path

from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.hlc import Stamp
from desktop.domain.person import Person
from desktop.store.store import Store
from desktop.sync import export_packages
from tests.conftest import PASSPHRASE
from tests.hub.conftest import cli_process
from tests.sync.helpers import enrol_pair, make_store


def _field_with_packages(tmp_path: Path, lead: Store, packages: int, per: int = 3):
    """A field device enrolled with the hub that has exported ``packages`` packages."""
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    box = tmp_path / "drop"
    people = []
    for i in range(packages):
        p = field.people.add(Person(name=f"Person {i}"))
        people.append(p.id)
        for j in range(per - 1):
            field.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, f"try {j}")
        export_packages(field, box)
    return field, box, people


def _hub_lead(hub_db) -> tuple[Store, str]:
    _, _, url = hub_db
    lead = make_store(url, "lead", "Lee Coordinator", "Social Work Team")
    return lead, url


def _exactly_once(lead: Store, sender: str, n: int, per: int) -> None:
    rows = lead.db.execute("SELECT sequence, count(*) FROM sync_received WHERE peer = ? "
                           "GROUP BY sequence ORDER BY sequence", (sender,)).fetchall()
    assert rows == [(s, 1) for s in range(1, n + 1)]
    assert lead.people.count() == n
    assert lead.attempts.count() == n * (per - 1)
    # every change applied once: one change-log row per change the device made
    assert lead.db.execute("SELECT count(*) FROM change_log WHERE origin_device = ?",
                           (sender,)).fetchone()[0] == n * per
    assert lead.audit_verify().ok


def test_two_importers_racing_on_one_folder(hub_db, tmp_path):
    lead, url = _hub_lead(hub_db)
    field, box, _ = _field_with_packages(tmp_path, lead, packages=12)
    procs = [cli_process("--store", url, "sync", "import", box) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1].decode()[-2000:] for o in outs]
    summaries = [json.loads(o[0]) for o in outs]
    imported = sum(s["imported"] for s in summaries)
    already = sum(s["already_imported"] for s in summaries)
    # each package applied by exactly one of them; the other says "already imported" (or,
    # when it ran ahead, held it for the one that then applied it)
    assert imported == 12 and sum(s["rejected"] for s in summaries) == 0, summaries
    assert already + sum(s["held"] for s in summaries) == 12, summaries
    _exactly_once(lead, field.device_id, 12, 3)
    assert lead.db.execute("SELECT count(*) FROM sync_held").fetchone()[0] == 0
    print(f"\nrace: {summaries[0]['imported']} + {summaries[1]['imported']} imported, "
          f"{already} reported already imported")
    lead.lock()
    field.lock()


def test_two_watchers_at_once_import_once_and_write_one_back_channel(hub_db, tmp_path):
    lead, url = _hub_lead(hub_db)
    field, box, _ = _field_with_packages(tmp_path, lead, packages=8)
    procs = [cli_process("--store", url, "sync", "watch", box, "--once") for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1].decode()[-2000:] for o in outs]
    _exactly_once(lead, field.device_id, 8, 3)
    assert not list(box.glob("*.stkpkg"))                  # every file moved out of the drop
    assert len(list((box / "imported").glob("*.stkpkg"))) == 8
    back = list((box / f"to-{field.device_id}").glob("*.stkpkg"))
    assert back, "the back-channel (acknowledgement) was written"
    from desktop.sync import import_paths
    s = import_paths(field, [box])
    assert s.rejected == 0 and s.imported == len(back)
    logs = b"".join(o[1] for o in outs).decode()
    assert "Person " not in logs and "try 0" not in logs          # no personal data logged
    lead.lock()
    field.lock()


def test_importer_killed_mid_import_then_exactly_once(hub_db, tmp_path):
    lead, url = _hub_lead(hub_db)
    n = 30
    field, box, _ = _field_with_packages(tmp_path, lead, packages=n)
    proc = cli_process("--store", url, "sync", "import", box)
    deadline = time.monotonic() + 300
    done = 0
    while time.monotonic() < deadline:
        done = lead.db.execute("SELECT count(*) FROM sync_received").fetchone()[0]
        if done >= 3 or proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    killed_at = lead.db.execute("SELECT count(*) FROM sync_received").fetchone()[0]
    # what the killed importer committed is whole; the package it was inside left nothing
    assert lead.db.execute("SELECT count(*) FROM change_log WHERE origin_device = ?",
                           (field.device_id,)).fetchone()[0] == killed_at * 3
    again = cli_process("--store", url, "sync", "import", box)
    out, err = again.communicate(timeout=600)
    assert again.returncode == 0, err.decode()[-2000:]
    s = json.loads(out)
    assert s["imported"] == n - killed_at and s["already_imported"] == killed_at
    _exactly_once(lead, field.device_id, n, 3)
    print(f"\nkill: SIGKILL after {killed_at} of {n} packages; the rerun imported "
          f"{s['imported']} and skipped {s['already_imported']}")
    lead.lock()
    field.lock()


def test_two_coordinators_editing_the_same_field(hub_db, tmp_path):
    lead, url = _hub_lead(hub_db)
    other = Store.unlock(url, PASSPHRASE)
    try:
        p = lead.people.add(Person(name="Morag", address="12 Harbour Row"))
        mine, theirs = lead.people.require(p.id), other.people.require(p.id)
        mine.address = "3 Quay Street"
        theirs.address = "Flat 2, 9 Mill Lane"
        a = lead.people.update(mine)
        b = other.people.update(theirs)       # later: last writer wins, as on one laptop
        assert lead.people.require(p.id).address == "Flat 2, 9 Mill Lane"
        assert Stamp.parse(b.version) > Stamp.parse(a.version)   # the clock stays monotonic
        hist = lead.people.history(p.id)
        assert [h.fields.get("address") for h in hist][-2:] == \
            ["3 Quay Street", "Flat 2, 9 Mill Lane"]
        assert hist[-1].old == {"address": "3 Quay Street"}      # the second saw the first
        stamps = [r[0] for r in lead.db.execute("SELECT stamp FROM change_log ORDER BY seq")]
        assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
        assert lead.audit_verify().ok
    finally:
        other.lock()
        lead.lock()


def test_another_coordinators_commit_reaches_the_caseload(hub_db):
    lead, url = _hub_lead(hub_db)
    other = Store.unlock(url, PASSPHRASE)
    heard = []
    lead.add_listener(heard.append)
    try:
        assert lead.poll_external() is None                 # nothing new yet
        p = other.people.add(Person(name="Dee Elm"))
        other.attempts.add(ContactAttempt(person_id=p.id, at=datetime.now(timezone.utc),
                                          outcome=ContactOutcome.NO_ANSWER))
        changes = lead.poll_external()
        assert changes is not None and p.id in changes.person_ids
        assert heard and heard[-1] is changes
        [row] = lead.people.caseload(ids=changes.person_ids)
        assert row.name == "Dee Elm" and row.unsuccessful_since_seen == 1
        assert lead.poll_external() is None                 # each change is heard once
    finally:
        other.lock()
        lead.lock()
