"""Merging: newest stamp per field, true conflicts listed, append-only never conflicts,
possible duplicates flagged and never merged, bad records quarantined."""
from datetime import date

import pytest

from desktop.domain.hlc import Stamp
from desktop.domain.ids import new_id, to_iso, utc_now
from desktop.domain.person import Person
from desktop.sync import (
    export_packages, import_paths, list_conflicts, list_duplicates, list_quarantine,
    resolve_conflict, resolve_duplicate, sync_status)
from tests.sync.helpers import edit, inject_change, log_attempts, make_trio


@pytest.fixture
def trio(tmp_path):
    t, pid = make_trio(tmp_path)
    yield t, pid
    t.lock()


def _send(src, dst, tmp, name):
    out = export_packages(src, tmp / name, for_device=dst.device_id)
    return import_paths(dst, out.packages)


def test_same_field_edited_on_two_devices_is_a_conflict_newest_wins(trio):
    t, pid = trio
    edit(t.a, pid, address="Flat 1, Quay Street")
    edit(t.b, pid, address="The Hostel, Mill Lane")            # later: the newer stamp
    assert _send(t.a, t.lead, t.tmp, "a1").conflicts == 0     # the lead had not changed it
    s = _send(t.b, t.lead, t.tmp, "b1")
    assert s.conflicts == 1 and "conflict" in s.text()
    assert t.lead.people.require(pid).address == "The Hostel, Mill Lane"
    (c,) = list_conflicts(t.lead)
    assert (c["field"], c["winner"], c["person_name"]) == ("address", "remote",
                                                           "Morag Delacroix-Baird")
    assert {c["local_value"], c["remote_value"]} == {"Flat 1, Quay Street",
                                                     "The Hostel, Mill Lane"}
    # The losing value stays in history.
    values = [h.fields.get("address") for h in t.lead.people.history(pid)]
    assert "Flat 1, Quay Street" in values

    # The back-channel carries both edits to both devices; everyone converges.
    assert _send(t.lead, t.a, t.tmp, "la").conflicts == 1
    assert _send(t.lead, t.b, t.tmp, "lb").conflicts == 1
    for s in t.stores():
        assert s.people.require(pid).address == "The Hostel, Mill Lane"

    # The coordinator keeps the other value: a new edit that travels and closes the
    # conflict everywhere.
    resolve_conflict(t.lead, c["id"], keep="other")
    assert t.lead.people.require(pid).address == "Flat 1, Quay Street"
    assert list_conflicts(t.lead) == []
    for dev, name in ((t.a, "la2"), (t.b, "lb2")):
        _send(t.lead, dev, t.tmp, name)
        assert dev.people.require(pid).address == "Flat 1, Quay Street"
        assert list_conflicts(dev) == []


def test_different_fields_merge_without_conflict(trio):
    t, pid = trio
    edit(t.a, pid, address="Flat 1, Quay Street")
    edit(t.b, pid, known_as="Mo")
    _send(t.a, t.lead, t.tmp, "a")
    s = _send(t.b, t.lead, t.tmp, "b")
    assert s.conflicts == 0
    p = t.lead.people.require(pid)
    assert (p.address, p.known_as) == ("Flat 1, Quay Street", "Mo")


def test_a_stale_edit_loses_to_a_newer_one_without_conflict(trio):
    """The lead edits after having seen the device's edit: no conflict, newest wins."""
    t, pid = trio
    edit(t.a, pid, address="Flat 1")
    _send(t.a, t.lead, t.tmp, "a")
    edit(t.lead, pid, address="Flat 1A")
    s = _send(t.lead, t.a, t.tmp, "la")
    assert s.conflicts == 0 and t.a.people.require(pid).address == "Flat 1A"


def test_append_only_records_never_conflict(trio):
    t, pid = trio
    log_attempts(t.a, pid, 2, "ash")
    log_attempts(t.b, pid, 3, "bo")
    _send(t.a, t.lead, t.tmp, "a")
    s = _send(t.b, t.lead, t.tmp, "b")
    assert s.conflicts == 0
    assert len(t.lead.attempts.timeline(pid)) == 5
    _send(t.lead, t.a, t.tmp, "la")
    assert sorted(a.note for a in t.a.attempts.timeline(pid)) == \
        ["ash 0", "ash 1", "bo 0", "bo 1", "bo 2"]


def test_same_person_created_on_two_devices_is_flagged_never_merged(trio):
    t, _ = trio
    x = t.a.people.add(Person(name="Jo Bloggs", date_of_birth=date(1970, 5, 1)))
    y = t.b.people.add(Person(name="jo bloggs ", date_of_birth=date(1970, 5, 1)))
    t.b.people.add(Person(name="Jo Bloggs", date_of_birth=date(1971, 5, 1)))   # another Jo
    _send(t.a, t.lead, t.tmp, "a")
    s = _send(t.b, t.lead, t.tmp, "b")
    assert s.duplicates == 1
    (d,) = list_duplicates(t.lead)
    assert {d["record_id"], d["other_id"]} == {x.id, y.id}
    assert "date of birth" in d["reason"]
    assert len(t.lead.people.where("name LIKE 'jo bloggs%'")) == 3   # nothing merged
    resolve_duplicate(t.lead, d["id"], same_person=False, note="different mothers' names")
    assert list_duplicates(t.lead) == [] and sync_status(t.lead)["duplicates"] == 0


def test_one_bad_record_is_quarantined_without_blocking_the_rest(trio):
    t, pid = trio
    log_attempts(t.a, pid, 1, "good")
    inject_change(t.a, "mystery_record", new_id(), {"x": 1})
    inject_change(t.a, "contact_attempt", new_id(),
                  {"person_id": pid, "at": to_iso(utc_now()), "method": "phone",
                   "outcome": "bogus"})
    inject_change(t.a, "contact_attempt", new_id(),
                  {"person_id": "no-such-person", "at": to_iso(utc_now()), "method": "phone",
                   "outcome": "no_answer"})
    log_attempts(t.a, pid, 1, "also good")
    s = _send(t.a, t.lead, t.tmp, "a")
    assert (s.imported, s.quarantined, s.rejected) == (1, 3, 0)
    assert sorted(a.note for a in t.lead.attempts.timeline(pid)) == ["also good 0", "good 0"]
    reasons = " | ".join(q["reason"] for q in list_quarantine(t.lead))
    assert "does not know 'mystery record' records" in reasons
    assert "cannot be read" in reasons
    assert "person not yet received" in reasons
    assert sync_status(t.lead)["quarantined"] == 3


def test_quarantined_record_is_applied_when_its_person_arrives(trio):
    t, _ = trio
    pid = new_id()
    inject_change(t.a, "contact_attempt", new_id(),
                  {"person_id": pid, "at": to_iso(utc_now()), "method": "phone",
                   "outcome": "no_answer", "note": "early"})
    inject_change(t.a, "person", pid, {"name": "Late Arrival"})
    s = _send(t.a, t.lead, t.tmp, "a")
    assert s.quarantined == 1
    assert [a.note for a in t.lead.attempts.timeline(pid)] == ["early"]
    assert list_quarantine(t.lead) == []


def test_quarantined_record_is_applied_when_its_person_arrives_packages_later(trio):
    """In one import of several packages: after the first package a quarantined change is
    tried again only when a package brings a record it names; it still applies then."""
    t, _ = trio
    pid, other = new_id(), new_id()
    inject_change(t.a, "contact_attempt", new_id(),
                  {"person_id": pid, "at": to_iso(utc_now()), "method": "phone",
                   "outcome": "no_answer", "note": "early"})
    packages = export_packages(t.a, t.tmp / "q1", for_device=t.lead.device_id).packages
    inject_change(t.a, "person", other, {"name": "Someone Else"})
    packages += export_packages(t.a, t.tmp / "q2", for_device=t.lead.device_id).packages
    inject_change(t.a, "person", pid, {"name": "Late Arrival"})
    packages += export_packages(t.a, t.tmp / "q3", for_device=t.lead.device_id).packages
    assert len(packages) == 3
    s = import_paths(t.lead, packages)
    assert (s.imported, s.quarantined) == (3, 1)
    assert [a.note for a in t.lead.attempts.timeline(pid)] == ["early"]
    assert list_quarantine(t.lead) == []


def test_remote_stamps_move_the_local_clock_on(trio):
    """A device whose clock runs 10 minutes fast: the lead's next edit still sorts after
    what it received (hybrid logical clock), so the coordinator's later edit wins."""
    import time
    t, pid = trio
    t.a._clock._now_ms = lambda: time.time_ns() // 1_000_000 + 600_000
    edit(t.a, pid, address="Flat 1")
    _send(t.a, t.lead, t.tmp, "a")
    remote = Stamp.parse(t.a.people.require(pid).version)
    edit(t.lead, pid, address="Flat 2")
    local = Stamp.parse(t.lead.people.require(pid).version)
    assert (local.wall_ms, local.counter) > (remote.wall_ms, remote.counter)
    _send(t.lead, t.a, t.tmp, "la")
    assert t.a.people.require(pid).address == "Flat 2"
