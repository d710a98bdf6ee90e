"""A stolen laptop reveals less (issue 18, item 6): a case closed or reassigned away by the
agency that holds it leaves the field device once that agency has acknowledged everything the
device sent about it; only a tombstone and the audit entries stay."""
from datetime import datetime, timedelta, timezone

import pytest

from desktop.domain.person import CaseStatus, Person
from desktop.store.settings import CLOSED_CASE_DAYS
from desktop.sync import export_packages, import_paths
from desktop.sync.cases import reassign_case
from desktop.sync.purge import finished_cases, remove_finished_cases
from tests.sync.attacker import forge
from tests.sync.helpers import edit, enrol_pair, log_attempts, make_store, make_trio

CANARY = "kettle-canary-7731"


@pytest.fixture
def pair(tmp_path):
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    p = lead.people.add(Person(name="Morag Delacroix-Baird", address="12 Harbour Row"))
    from desktop.sync import assign_case
    assign_case(lead, field.device_id, p.id)
    import_paths(field, export_packages(lead, tmp_path / "down0").packages)
    yield lead, field, p.id, tmp_path
    lead.lock()
    field.lock()


_n = iter(range(1, 1000))


def _round(src, dst, tmp):
    return import_paths(dst, export_packages(src, tmp / f"r{next(_n)}",
                                             for_device=dst.device_id).packages)


def _gone(field, pid) -> bool:
    tomb = field.people.get(pid, include_deleted=True)
    left = field.db.execute("SELECT count(*) FROM change_log WHERE record_id = ? OR "
                            "json_extract(fields, '$.person_id') = ?", (pid, pid)).fetchone()[0]
    return tomb is not None and tomb.deleted and tomb.name == "" and \
        field.attempts.timeline(pid) == [] and left == 0


def _audited(field, pid) -> bool:
    return field.db.execute("SELECT count(*) FROM audit_event WHERE action = 'case-removed' "
                            "AND record_id = ?", (pid,)).fetchone()[0] == 1


def test_a_closed_case_leaves_once_everything_is_acknowledged(pair):
    lead, field, pid, tmp = pair
    log_attempts(field, pid, 2, CANARY)
    _round(field, lead, tmp)                         # the lead has the attempts ...
    edit(lead, pid, status=CaseStatus.CLOSED)        # ... and closes the case
    log_attempts(field, pid, 1, "after")             # one more, not yet sent
    _round(lead, field, tmp)                         # closure + acknowledgement arrive
    assert field.people.require(pid).status is CaseStatus.CLOSED
    assert not _gone(field, pid)                     # "after" is not acknowledged yet
    _round(field, lead, tmp)
    assert sorted(a.note for a in lead.attempts.timeline(pid)) == \
        ["after 0", f"{CANARY} 0", f"{CANARY} 1"]
    _round(lead, field, tmp)                         # acknowledgement only
    assert _gone(field, pid) and _audited(field, pid)
    assert field.people.get(pid) is None             # not on the caseload
    assert field.db.execute("PRAGMA freelist_count").fetchone()[0] == 0
    tables = [r[0] for r in field.db.execute("SELECT name FROM sqlite_master WHERE type = "
                                              "'table' AND name NOT LIKE 'sqlite_%'")]
    dump = "\n".join(repr(field.db.execute(f"SELECT * FROM {t}").fetchall()) for t in tables)
    assert CANARY not in dump and "Morag" not in dump and "Harbour" not in dump
    wal = field.folder / "store.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert len(lead.attempts.timeline(pid)) == 3     # the lead keeps the case, of course
    assert _round(field, lead, tmp).quarantined == 0


def test_closed_cases_stay_as_long_as_the_setting_says(pair):
    lead, field, pid, tmp = pair
    field.settings.set(CLOSED_CASE_DAYS, 30)
    log_attempts(field, pid, 1)
    _round(field, lead, tmp)
    edit(lead, pid, status=CaseStatus.CLOSED)
    _round(lead, field, tmp)
    assert not _gone(field, pid)
    later = datetime.now(timezone.utc) + timedelta(days=29)
    assert finished_cases(field, later) == []
    assert remove_finished_cases(field, datetime.now(timezone.utc) + timedelta(days=31)) == 1
    assert _gone(field, pid)


def test_closing_on_the_device_itself_removes_nothing(pair):
    lead, field, pid, tmp = pair
    edit(field, pid, status=CaseStatus.CLOSED)       # the field worker's own (refused upstream)
    _round(field, lead, tmp)
    _round(lead, field, tmp)
    assert finished_cases(field) == [] and not _gone(field, pid)
    assert lead.people.require(pid).status is CaseStatus.OPEN


def test_a_reassigned_case_leaves_the_first_device(tmp_path):
    t, pid = make_trio(tmp_path)
    log_attempts(t.a, pid, 2, CANARY)
    _round(t.a, t.lead, tmp_path)
    reassign_case(t.lead, pid, t.a.device_id, t.b.device_id)
    s = _round(t.lead, t.a, tmp_path)                # released + acknowledgement
    assert s.imported == 1, s.text()
    assert _gone(t.a, pid) and _audited(t.a, pid)
    _round(t.lead, t.b, tmp_path)
    assert sorted(a.note for a in t.b.attempts.timeline(pid)) == [f"{CANARY} 0", f"{CANARY} 1"]
    edit(t.lead, pid, address="Somewhere new")       # nothing more goes to device a
    out = export_packages(t.lead, tmp_path / "later", for_device=t.a.device_id)
    assert out.changes == 0
    t.lock()


def test_only_the_agency_holding_the_case_can_release_it(tmp_path):
    a = make_store(tmp_path / "a", "lead", "Ann Adults", "Agency A")
    b = make_store(tmp_path / "b", "lead", "Ben Housing", "Agency B")
    f = make_store(tmp_path / "f", "field", "Sam Outreach", "Street Team")
    enrol_pair(a, f, tmp_path)
    enrol_pair(b, f, tmp_path)
    from desktop.sync import assign_case
    p = a.people.add(Person(name="Pat"))
    assign_case(a, f.device_id, p.id)
    import_paths(f, export_packages(a, tmp_path / "a0").packages)
    # agency B (real key) lists A's case as released in a package of its own
    s = import_paths(f, [forge(b, f, [], tmp_path / "forged", released=[p.id])])
    assert s.imported == 1, s.text()
    assert not _gone(f, p.id) and f.people.require(p.id).name == "Pat"
    for s_ in (a, b, f):
        s_.lock()


def test_a_failed_removal_never_spoils_the_import(pair, monkeypatch):
    from desktop.sync import purge
    lead, field, pid, tmp = pair
    log_attempts(field, pid, 1)
    _round(field, lead, tmp)
    edit(lead, pid, status=CaseStatus.CLOSED)

    def broken(*a, **k):
        raise OSError("disk went away")
    monkeypatch.setattr(purge, "erase_person", broken)
    s = _round(lead, field, tmp)
    assert s.imported == 1 and "could not be removed from this device now" in s.text()
    assert field.people.require(pid).status is CaseStatus.CLOSED     # the package applied
    monkeypatch.undo()
    assert remove_finished_cases(field) == 1 and _gone(field, pid)
