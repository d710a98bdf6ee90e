"""A field device enrolled with two lead agencies keeps them apart: each agency gets only its
own cases, an agency cannot touch the other's records or speak in its name, and the two
agencies' packages never overwrite each other (issue 18, item 2)."""
from datetime import date

import pytest

from desktop.domain import codec
from desktop.domain.meeting import Meeting, MeetingKind
from desktop.domain.person import Person
from desktop.sync import assign_case, export_packages, import_paths, list_quarantine
from tests.sync.attacker import change, forge
from tests.sync.helpers import enrol_pair, log_attempts, make_store, open_plain


@pytest.fixture
def two(tmp_path):
    a = make_store(tmp_path / "a", "lead", "Ann Adults", "Agency A Social Work")
    b = make_store(tmp_path / "b", "lead", "Ben Housing", "Agency B Housing")
    f = make_store(tmp_path / "f", "field", "Sam Outreach", "Street Team")
    enrol_pair(a, f, tmp_path)
    enrol_pair(b, f, tmp_path)
    p = a.people.add(Person(name="Pat Agency-A", address="1 A Street"))
    m = a.meetings.add_meeting(p.id, MeetingKind.MULTI_AGENCY, date(2026, 11, 20), chair="Ann")
    r = b.people.add(Person(name="Rob Agency-B", address="2 B Street"))
    assign_case(a, f.device_id, p.id)
    assign_case(b, f.device_id, r.id)
    for lead, name in ((a, "from-a"), (b, "from-b")):
        s = import_paths(f, export_packages(lead, tmp_path / name).packages)
        assert (s.imported, s.quarantined) == (1, 0), s.text()
    yield a, b, f, p.id, r.id, m.id, tmp_path
    for s in (a, b, f):
        s.lock()


def _reasons(store) -> str:
    return " | ".join(q["reason"] for q in list_quarantine(store))


def _people_in(store, path) -> set[str]:
    out = set()
    for line in open_plain(store, path)["changes.jsonl"].splitlines():
        c = codec_json(line)
        out.add(c["id"] if c["entity"] == "person" else c["fields"].get("person_id"))
    return out


def codec_json(line: bytes) -> dict:
    import json
    return json.loads(line)


def test_agency_b_cannot_claim_agency_as_device_or_worker(two):
    a, b, f, pid, rid, mid, tmp = two
    meeting = codec.to_fields(f.meetings.require(mid))
    forged = forge(b, f, [
        # A's meeting rewritten in A's name (A's device id and A's worker)
        change("meeting", mid, {"chair": "Ben", "notes": "moved"}, origin=a.device_id,
               actor=a.actor, old={"chair": meeting["chair"]}),
        # A's person deleted, in A's name
        change("person", pid, {"deleted": True}, op="tombstone", origin=a.device_id,
               actor=a.actor),
        # ... and in B's own name
        change("person", pid, {"address": "elsewhere"}, origin=b.device_id, actor=b.actor,
               old={"address": "1 A Street"}),
        # a relay "from a field device" of a record for A's case
        change("meeting", codec.to_fields(Meeting(person_id=pid, date=date(2026, 11, 1)))["id"],
               codec.to_fields(Meeting(person_id=pid, date=date(2026, 11, 1))),
               origin="01a00000-0000-7000-8000-000000000000", actor="Someone"),
        # B's own case: fine
        change("person", rid, {"address": "3 B Street"}, origin=b.device_id, actor=b.actor,
               old={"address": "2 B Street"}),
    ], tmp / "forged")
    s = import_paths(f, [forged])
    assert (s.imported, s.not_permitted, s.changes_applied) == (1, 4, 1), s.text()
    assert f.meetings.require(mid).chair == "Ann"
    assert f.people.get(pid) is not None and f.people.require(pid).address == "1 A Street"
    assert f.people.require(rid).address == "3 B Street"
    reasons = _reasons(f)
    assert "not permitted: it claims to come from Agency A Social Work, but was signed by " \
        "Agency B Housing" in reasons
    assert "not permitted: it touches a case held by Agency A Social Work; Agency B Housing " \
        "may change only its own cases" in reasons
    assert "and relay records only of them" in reasons


def test_agency_b_cannot_speak_with_agency_as_worker(two):
    a, b, f, pid, rid, mid, tmp = two
    forged = forge(b, f, [change("person", rid, {"notes": "signed Ann"}, origin=b.device_id,
                                 actor=a.actor, old={"notes": ""})], tmp / "forged")
    s = import_paths(f, [forged])
    assert s.not_permitted == 1, s.text()
    assert "names Agency A Social Work's worker as its author" in _reasons(f)


def test_each_agency_gets_only_its_own_cases_and_no_file_is_overwritten(two):
    a, b, f, pid, rid, mid, tmp = two
    log_attempts(f, pid, 2, "for A")
    log_attempts(f, rid, 1, "for B")
    mine = f.people.add(Person(name="New To B", lead_agency="Agency B Housing"))
    log_attempts(f, mine.id, 1, "new for B")
    out = export_packages(f, tmp / "usb")
    assert len(out.packages) == 2 and len(set(out.packages)) == 2
    assert all(p.exists() for p in out.packages)
    by_parent = {p.parent.name: p for p in out.packages}
    to_a, to_b = by_parent[f"to-{a.device_id}"], by_parent[f"to-{b.device_id}"]
    assert _people_in(a, to_a) == {pid}                      # no B case, no A meeting back
    assert _people_in(b, to_b) == {rid, mine.id}
    sa, sb = import_paths(a, [tmp / "usb"]), import_paths(b, [tmp / "usb"])
    assert (sa.imported, sa.quarantined) == (1, 0), sa.text()
    assert (sb.imported, sb.quarantined) == (1, 0), sb.text()
    assert b.people.get(pid) is None and a.people.get(rid) is None
    assert a.people.get(mine.id) is None and b.people.get(mine.id) is not None
    assert sorted(x.note for x in a.attempts.timeline(pid)) == ["for A 0", "for A 1"]


def test_exports_for_two_agencies_into_one_folder_never_overwrite(two):
    a, b, f, pid, rid, mid, tmp = two
    log_attempts(f, pid, 1, "for A")
    log_attempts(f, rid, 1, "for B")
    first = export_packages(f, tmp / "usb", for_device=a.device_id).packages
    second = export_packages(f, tmp / "usb", for_device=b.device_id).packages
    assert first[0].name == second[0].name            # same sender, both sequence 1 ...
    assert first[0] != second[0]                      # ... but never the same file
    assert second[0].parent.name == f"to-{b.device_id}"
    sa = import_paths(a, first)
    sb = import_paths(b, second)
    assert (sa.imported, sb.imported) == (1, 1), (sa.text(), sb.text())
    assert [x.note for x in a.attempts.timeline(pid)] == ["for A 0"]
    assert [x.note for x in b.attempts.timeline(rid)] == ["for B 0"]
