"""Authorisation on import, tried as an attacker would: a field device's genuine key, its own
device id on every change, and changes it may not make. Each refused change is quarantined
as "not permitted: …" and the rest of the package applies (docs/sync-format.md, "Who may
change what")."""
from datetime import date, datetime, timezone

import pytest

from desktop.domain import codec
from desktop.domain.closure import Closure
from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.ids import new_id
from desktop.domain.meeting import MeetingKind
from desktop.domain.person import CaseStatus, Person
from desktop.domain.risk import RiskLevel
from desktop.sync import export_packages, import_paths, list_quarantine
from tests.sync.attacker import change, forge
from tests.sync.helpers import edit, log_attempts, make_trio


@pytest.fixture
def trio(tmp_path):
    t, pid = make_trio(tmp_path)
    yield t, pid
    t.lock()


def _send(src, dst, folder):
    return import_paths(dst, export_packages(src, folder).packages)


def _attempt(person_id: str, note: str) -> ContactAttempt:
    return ContactAttempt(person_id=person_id, at=datetime.now(timezone.utc),
                          method=ContactMethod.PHONE, outcome=ContactOutcome.NO_ANSWER, note=note)


def _reasons(store) -> str:
    return " | ".join(q["reason"] for q in list_quarantine(store))


def test_a_field_device_cannot_change_the_leads_meeting(trio):
    t, pid = trio
    m = t.lead.meetings.add_meeting(pid, MeetingKind.MULTI_AGENCY, date(2026, 11, 20),
                                    chair="Lee", agreed_risk_level=RiskLevel.HIGH)
    _send(t.lead, t.a, t.tmp / "down")
    # The attacker edits the meeting with the app's own code on the field store, adds an
    # honest attempt, and exports normally: genuine key, own device id, own worker name.
    mine = t.a.meetings.require(m.id)
    mine.chair, mine.agreed_risk_level = "Sam", RiskLevel.LOW
    t.a.meetings.update(mine)
    log_attempts(t.a, pid, 1, "honest")
    s = _send(t.a, t.lead, t.tmp / "up")
    assert (s.imported, s.rejected, s.not_permitted, s.changes_applied) == (1, 0, 1, 1), s.text()
    kept = t.lead.meetings.require(m.id)
    assert (kept.chair, kept.agreed_risk_level) == ("Lee", RiskLevel.HIGH)
    assert [a.note for a in t.lead.attempts.timeline(pid)] == ["honest 0"]
    assert "not permitted: meeting records are kept by the lead agency" in _reasons(t.lead)
    assert "not permitted" in s.text()


def test_a_field_device_cannot_change_a_risk_assessment(trio):
    t, pid = trio
    ra = t.lead.risk_assessments.draft_version(pid)
    ra.level = RiskLevel.HIGH
    ra = t.lead.risk_assessments.add(ra)
    _send(t.lead, t.a, t.tmp / "down")
    mine = t.a.risk_assessments.require(ra.id)
    mine.level = RiskLevel.LOW
    t.a.risk_assessments.update(mine)
    s = _send(t.a, t.lead, t.tmp / "up")
    assert s.not_permitted == 1, s.text()
    assert t.lead.risk_assessments.require(ra.id).level is RiskLevel.HIGH


def test_renaming_and_closing_a_person_not_assigned_to_the_device(trio):
    t, pid = trio
    other = t.lead.people.add(Person(name="Quentin Oduya", address="3 Mill Lane"))
    dev = t.a
    forged = forge(dev, t.lead, [
        change("person", other.id, {"name": "Someone Else"}, origin=dev.device_id,
               actor=dev.actor, old={"name": "Quentin Oduya"}),
        change("person", other.id, {"status": "closed"}, origin=dev.device_id,
               actor=dev.actor, old={"status": "open"}),
    ], t.tmp / "forged")
    s = import_paths(t.lead, [forged])
    assert (s.imported, s.not_permitted, s.changes_applied) == (1, 2, 0), s.text()
    kept = t.lead.people.require(other.id)
    assert (kept.name, kept.status) == ("Quentin Oduya", CaseStatus.OPEN)
    assert "not permitted: it changes a person whose case is not assigned to this device" \
        in _reasons(t.lead)


def test_closing_a_case_directly_is_the_leads(trio):
    """`close` refuses without every agency's agreement; a field device's package that just
    sets the status, or carries a closure record, is refused too."""
    t, pid = trio
    dev = t.a
    closure = Closure(person_id=pid, reason="engaged with services", evidence="says so",
                      closed_on=date(2026, 11, 30))
    closure_fields = codec.to_fields(closure)
    forged = forge(dev, t.lead, [
        change("person", pid, {"status": "closed"}, origin=dev.device_id, actor=dev.actor,
               old={"status": "open"}),
        change("closure", closure.id, closure_fields, origin=dev.device_id, actor=dev.actor),
        change("person", pid, {"address": "Flat 2, 14 Harbour Row"}, origin=dev.device_id,
               actor=dev.actor, old={"address": "12 Harbour Row"}),
    ], t.tmp / "forged")
    s = import_paths(t.lead, [forged])
    assert (s.imported, s.not_permitted, s.changes_applied) == (1, 2, 1), s.text()
    p = t.lead.people.require(pid)
    assert p.status is CaseStatus.OPEN
    assert p.address == "Flat 2, 14 Harbour Row"        # contact details are the device's to keep
    assert t.lead.closures.where("person_id = ?", (pid,)) == []
    reasons = _reasons(t.lead)
    assert "not permitted: it changes the person's status; these are the lead agency's" in reasons
    assert "not permitted: closure records are kept by the lead agency" in reasons


def test_status_lead_agency_and_spoc_are_the_leads_but_details_are_shared(trio):
    t, pid = trio
    edit(t.a, pid, spoc="Sam", lead_agency="Community Nursing", known_as="Mo")
    s = _send(t.a, t.lead, t.tmp / "up")
    # one change carries all three fields: refused whole, nothing of it applied
    assert s.not_permitted == 1, s.text()
    p = t.lead.people.require(pid)
    assert (p.spoc, p.lead_agency, p.known_as) == ("", "", "")
    assert "spoc" in _reasons(t.lead) and "lead_agency" in _reasons(t.lead)
    edit(t.a, pid, known_as="Morag")      # details only: applied
    edit(t.a, pid, safe_contact=type(p.safe_contact)(safe_number="07700 900123"))
    s = _send(t.a, t.lead, t.tmp / "up2")
    assert (s.not_permitted, s.quarantined) == (0, 0), s.text()
    p = t.lead.people.require(pid)
    assert (p.known_as, p.safe_contact.safe_number) == ("Morag", "07700 900123")


def test_a_field_device_cannot_delete_a_person(trio):
    t, pid = trio
    forged = forge(t.a, t.lead, [change("person", pid, {"deleted": True}, op="tombstone",
                                        origin=t.a.device_id, actor=t.a.actor)],
                   t.tmp / "forged")
    s = import_paths(t.lead, [forged])
    assert s.not_permitted == 1, s.text()
    assert t.lead.people.get(pid) is not None


def test_claiming_another_devices_origin_or_worker(trio):
    t, pid = trio
    att = _attempt(pid, "spoofed")
    fields = codec.to_fields(att)
    as_b = change("contact_attempt", att.id, fields, origin=t.b.device_id, actor=t.b.actor)
    by_b_worker = change("contact_attempt", new_id(), {**fields, "note": "in Bo's name"},
                         origin=t.a.device_id, actor=t.b.actor)
    forged = forge(t.a, t.lead, [as_b, by_b_worker], t.tmp / "forged")
    s = import_paths(t.lead, [forged])
    assert (s.not_permitted, s.changes_applied) == (2, 0), s.text()
    reasons = _reasons(t.lead)
    assert "not permitted: a field device can only send changes made on it" in reasons
    assert "names Bo Housing's worker as its author" in reasons
    assert t.lead.attempts.timeline(pid) == []


def test_a_field_device_changes_only_records_it_created(trio):
    t, pid = trio
    (b_attempt,) = log_attempts(t.b, pid, 1, "Bo's")
    _send(t.b, t.lead, t.tmp / "b-up")
    _send(t.lead, t.a, t.tmp / "a-down")      # Bo's attempt reaches Ash's device as a relay
    theirs = t.a.attempts.require(b_attempt.id)
    assert theirs.note == "Bo's 0"
    theirs.note = "rewritten by Ash"
    t.a.attempts.update(theirs)
    s = _send(t.a, t.lead, t.tmp / "a-up")
    assert s.not_permitted == 1, s.text()
    assert t.lead.attempts.require(b_attempt.id).note == "Bo's 0"
    assert "made on another device" in _reasons(t.lead)


def test_moving_a_record_to_another_person_is_the_leads(trio):
    t, pid = trio
    mine = t.a.people.add(Person(name="Rhiannon Prys"))
    (att,) = log_attempts(t.a, pid, 1, "mine")
    _send(t.a, t.lead, t.tmp / "up1")
    att = t.a.attempts.require(att.id)
    att.person_id = mine.id
    t.a.attempts.update(att)
    s = _send(t.a, t.lead, t.tmp / "up2")
    assert s.not_permitted == 1, s.text()
    assert t.lead.attempts.require(att.id).person_id == pid
    assert "only the lead agency moves records between people" in _reasons(t.lead)


def test_records_for_a_person_not_assigned_are_refused_but_own_people_are_fine(trio):
    t, pid = trio
    other = t.lead.people.add(Person(name="Quentin Oduya"))
    own = t.a.people.add(Person(name="Rhiannon Prys", date_of_birth=date(1970, 1, 2)))
    log_attempts(t.a, own.id, 2, "own person")
    att = _attempt(other.id, "snooping")
    _send(t.a, t.lead, t.tmp / "up")
    forged = forge(t.a, t.lead, [change("contact_attempt", att.id, codec.to_fields(att),
                                        origin=t.a.device_id, actor=t.a.actor)],
                   t.tmp / "forged")
    s = import_paths(t.lead, [forged])
    assert s.not_permitted == 1, s.text()
    assert t.lead.attempts.timeline(other.id) == []
    assert len(t.lead.attempts.timeline(own.id)) == 2
    assert "whose case is not assigned to this device" in _reasons(t.lead)


def test_refused_for_a_case_not_assigned_then_applied_when_the_lead_assigns_it(trio):
    """A record refused because the person's case was not the device's waits in quarantine
    (it is not tried again on every import) and applies when the lead assigns the case."""
    from desktop.sync.review import assign_case
    t, _ = trio
    other = t.lead.people.add(Person(name="Quentin Oduya"))
    att = _attempt(other.id, "before the case was theirs")
    forged = forge(t.a, t.lead, [change("contact_attempt", att.id, codec.to_fields(att),
                                        origin=t.a.device_id, actor=t.a.actor)],
                   t.tmp / "forged")
    assert import_paths(t.lead, [forged]).not_permitted == 1
    log_attempts(t.a, t.a.people.add(Person(name="Rhiannon Prys")).id, 1, "later")
    _send(t.a, t.lead, t.tmp / "up")                  # another import: still waiting
    assert t.lead.attempts.timeline(other.id) == []
    assign_case(t.lead, t.a.device_id, other.id)
    assert [a.note for a in t.lead.attempts.timeline(other.id)] == [
        "before the case was theirs"]
    assert list_quarantine(t.lead) == []


def test_the_lead_relays_a_reassigned_cases_history_to_the_new_device(trio):
    """The documented exception: records made on device a reach device b through the lead
    agency that holds the case, and b accepts them."""
    t, pid = trio
    log_attempts(t.a, pid, 2, "Ash")
    _send(t.a, t.lead, t.tmp / "a-up")
    s = _send(t.lead, t.b, t.tmp / "b-down")
    assert (s.imported, s.not_permitted, s.quarantined) == (1, 0, 0), s.text()
    assert sorted(a.note for a in t.b.attempts.timeline(pid)) == ["Ash 0", "Ash 1"]


def test_lead_agency_and_spoc_of_its_own_new_person_until_the_lead_sets_them(trio):
    t, _ = trio
    mine = t.a.people.add(Person(name="Rhiannon Prys"))
    edit(t.a, mine.id, lead_agency="Social Work Team", spoc="Ash")
    s = _send(t.a, t.lead, t.tmp / "up1")
    assert (s.not_permitted, s.quarantined) == (0, 0), s.text()
    assert (t.lead.people.require(mine.id).lead_agency,
            t.lead.people.require(mine.id).spoc) == ("Social Work Team", "Ash")
    edit(t.lead, mine.id, spoc="Lee")                  # the lead takes the SPOC over
    _send(t.lead, t.a, t.tmp / "down")
    edit(t.a, mine.id, spoc="Ash again", status=CaseStatus.ESCALATED)
    s = _send(t.a, t.lead, t.tmp / "up2")
    assert s.not_permitted == 1, s.text()
    p = t.lead.people.require(mine.id)
    assert (p.spoc, p.status) == ("Lee", CaseStatus.OPEN)
    assert "it changes the person's status, spoc" in _reasons(t.lead)
