"""Case study 1 end to end: the whole fictional case entered through the store API fits the
records, the rules, the chronology, the reports and sync."""
from datetime import date

import pytest

from desktop.domain.checklist import ChecklistStatus
from desktop.domain.person import CaseStatus
from desktop.synthetic import case_study


@pytest.fixture
def case(store):
    return store, case_study.seed(store)


def test_case_study_records(case):
    store, pid = case
    person = store.people.require(pid)
    assert person.status is CaseStatus.DE_ESCALATED and person.advocacy.accepted
    attempts = store.attempts.timeline(pid)
    assert len(attempts) == 7 and sum(a.outcome.seen for a in attempts) == 3
    assert len(store.visits.for_person(pid)) == 3
    meetings = store.meetings.for_person(pid)
    assert [m.kind.value for m in meetings] == ["review", "engagement_escalation"]
    assert meetings[1].minutes_circulated_on == date(case_study.YEAR, 5, 15)
    checklist = store.checklist.current(pid)
    assert checklist["7.gp"].status is ChecklistStatus.REFERRED
    assert all(i.evidence and i.date for i in checklist.values()
               if i.status is not ChecklistStatus.NOT_YET_CONSIDERED)
    assert store.risk_assessments.current(pid).level.value == "high"
    assert store.audit_verify().ok


def test_chronology_merges_everything_once(case):
    store, pid = case
    rows = store.chronology(pid)
    dates = [r.date for r in rows]
    assert dates == sorted(dates)
    kinds = {r.kind.value for r in rows}
    assert {"report_of_harm", "attempt", "visit", "meeting", "referral", "incident"} <= kinds
    # each attempt appears once, as an attempt or (when it has visit details) as a visit
    attempt_ids = {a.id for a in store.attempts.timeline(pid)}
    from_attempts = [r for r in rows if r.kind.value in ("attempt", "visit")]
    assert len(from_attempts) == len(attempt_ids)


def test_case_study_reports_render(case, tmp_path):
    from pypdf import PdfReader

    from desktop.reports import KINDS, build_meeting_report, build_report
    store, pid = case
    for kind in KINDS:
        out = build_report(store, kind, pid, tmp_path / f"{kind}.pdf",
                           since=date(case_study.YEAR, 1, 1), until=date(case_study.YEAR, 12, 31))
        text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
        assert case_study.NAME in text and "OFFICIAL-SENSITIVE" in text, kind
    meeting = store.meetings.for_person(pid)[-1]
    out = build_meeting_report(store, meeting.id, tmp_path / "meeting.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Lorna McBride" in text and "public task" in text.lower()


def test_case_study_reaches_the_lead_agency_exactly_once(tmp_path):
    from desktop.sync import export_packages, import_paths, list_quarantine
    from tests.sync.helpers import enrol_pair, make_store
    lead = make_store(tmp_path / "lead", "lead", "Fiona Grant", "Social Work")
    field = make_store(tmp_path / "field", "field", "Sam Taylor", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    pid = case_study.seed(field)
    from desktop.domain.contact import ContactMethod, ContactOutcome
    from desktop.domain.person import Person
    other = field.people.add(Person(name="Other Person"))   # no agencies listed on the record
    field.attempts.log(other.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    out = tmp_path / "usb"
    export_packages(field, out)
    first = import_paths(lead, [out])
    again = import_paths(lead, [out])
    # The case study was recorded in one store; from a field device, what the lead agency keeps
    # (meetings, risk, checklist, plan, referrals, supervision, status) is not permitted and
    # waits in quarantine; everything of the field worker's own arrives.
    assert first.imported >= 1 and first.rejected == 0
    assert first.quarantined == first.not_permitted > 0
    assert {q["entity"] for q in list_quarantine(lead)} <= {
        "meeting", "risk_assessment", "checklist_item", "action", "referral", "supervision",
        "closure", "person"}
    assert again.imported == 0 and again.already_imported == first.imported
    field_attempts = {a.id for a in field.attempts.timeline(pid)}
    rows = [r for r in lead.chronology(pid) if r.kind.value in ("attempt", "visit")]
    assert len(rows) == len(field_attempts)  # each attempt once, as an attempt or a visit
    # the sending device's agency, from its enrolment (Sam Taylor is also its lead worker)
    assert {r.agency for r in rows} == {"Community Nursing"}
    [row] = lead.chronology(other.id)
    assert row.agency == "Community Nursing"     # from the device's enrolment
    assert {a.id for a in lead.attempts.timeline(pid)} == field_attempts
    assert len(lead.goals.for_person(pid)) == 2
    assert lead.checklist.current(pid) == {}
    lead.lock()
    field.lock()
