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
