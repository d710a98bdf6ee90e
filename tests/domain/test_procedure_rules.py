"""Casework prompts: pure functions of a Case at a given time."""
from __future__ import annotations

from datetime import date, datetime, timezone

from desktop.domain.action import Action, ActionStatus
from desktop.domain.checklist import ChecklistItem, ChecklistStatus
from desktop.domain.closure import Agreement, Closure, KeepInTouch
from desktop.domain.contact import ContactAttempt, ContactOutcome
from desktop.domain.meeting import Meeting, MeetingKind
from desktop.domain.person import CaseStatus, Person
from desktop.domain.rules import Case, RuleConfig, Severity, evaluate
from desktop.domain.rules import actions, checklist, meetings
from desktop.domain.rules import closure as closure_rules

CFG = RuleConfig()


def _now(d: date, hour=12) -> datetime:
    return datetime(d.year, d.month, d.day, hour, tzinfo=timezone.utc)


def _case(**kw) -> Case:
    return Case(person=Person(name="Morag", id="p"), **kw)


def _meeting(d, **kw):
    return Meeting(person_id="p", kind=MeetingKind.ENGAGEMENT_ESCALATION, date=d, **kw)


def _codes(alerts):
    return [a.code for a in alerts]


# ---------------------------------------------------------------- review meeting
def test_review_due_within_fourteen_days():
    case = _case(meetings=[_meeting(date(2026, 5, 12), next_review=date(2026, 8, 11))])
    assert meetings.review_meeting_due(case, CFG, _now(date(2026, 7, 27))) == []        # 15 days
    due = meetings.review_meeting_due(case, CFG, _now(date(2026, 7, 28)))              # 14 days
    assert _codes(due) == ["review_meeting_due"] and "in 14 days" in due[0].message
    assert "due today" in meetings.review_meeting_due(case, CFG, _now(date(2026, 8, 11)))[0].message
    late = meetings.review_meeting_due(case, CFG, _now(date(2026, 8, 12)))
    assert _codes(late) == ["review_meeting_overdue"] and late[0].severity is Severity.URGENT
    assert "(1 day ago)" in late[0].message


def test_review_uses_the_latest_meeting_and_a_planned_meeting_clears_it():
    old = _meeting(date(2026, 2, 1), next_review=date(2026, 5, 1))
    new = _meeting(date(2026, 5, 12), next_review=date(2026, 8, 11))
    assert meetings.review_meeting_due(_case(meetings=[new, old]), CFG, _now(date(2026, 6, 1))) == []
    planned = _meeting(date(2026, 8, 20))
    case = _case(meetings=[new, planned])
    assert meetings.review_meeting_due(case, CFG, _now(date(2026, 8, 15))) == []


def test_review_date_missing_and_closed_cases_are_quiet():
    case = _case(meetings=[_meeting(date(2026, 5, 12))])
    assert _codes(meetings.review_meeting_due(case, CFG, _now(date(2026, 5, 13)))) == \
        ["review_date_missing"]
    case.person.status = CaseStatus.CLOSED
    assert meetings.review_meeting_due(case, CFG, _now(date(2026, 5, 13))) == []


# ---------------------------------------------------------------- minutes (working days)
def test_minutes_five_working_days_across_a_weekend():
    thu = date(2026, 5, 14)                       # due the following Thursday, 21 May
    case = _case(meetings=[_meeting(thu)])
    assert _codes(meetings.minutes_not_circulated(case, CFG, _now(date(2026, 5, 21)))) == \
        ["minutes_due"]
    late = meetings.minutes_not_circulated(case, CFG, _now(date(2026, 5, 22)))
    assert _codes(late) == ["minutes_not_circulated"] and "Thu 21 May" in late[0].message


def test_minutes_of_a_friday_meeting_are_due_the_next_friday_and_weekends_do_not_count():
    fri = date(2026, 5, 15)
    case = _case(meetings=[_meeting(fri)])
    assert _codes(meetings.minutes_not_circulated(case, CFG, _now(date(2026, 5, 22)))) == ["minutes_due"]
    assert _codes(meetings.minutes_not_circulated(case, CFG, _now(date(2026, 5, 23)))) == \
        ["minutes_not_circulated"]                # Saturday after the deadline
    sat = _case(meetings=[_meeting(date(2026, 5, 16))])   # weekend meeting → next Friday
    assert _codes(meetings.minutes_not_circulated(sat, CFG, _now(date(2026, 5, 22)))) == ["minutes_due"]
    assert _codes(meetings.minutes_not_circulated(sat, CFG, _now(date(2026, 5, 25)))) == \
        ["minutes_not_circulated"]


def test_minutes_circulated_or_future_meeting_is_quiet():
    done = _meeting(date(2026, 5, 12), minutes_circulated_on=date(2026, 5, 15))
    future = _meeting(date(2026, 6, 1))
    assert meetings.minutes_not_circulated(_case(meetings=[done, future]), CFG,
                                     _now(date(2026, 5, 30))) == []


# ---------------------------------------------------------------- actions
def test_action_overdue_only_when_open_and_past_due():
    a = Action(person_id="p", what="Pause letters", lead_person="Kim", lead_agency="Housing",
               due=date(2026, 5, 19))
    done = Action(person_id="p", what="x", lead_person="y", lead_agency="z",
                  due=date(2026, 5, 1), status=ActionStatus.DONE)
    case = _case(actions=[a, done])
    assert actions.action_overdue(case, CFG, _now(date(2026, 5, 19))) == []
    alerts = actions.action_overdue(case, CFG, _now(date(2026, 5, 20)))
    assert _codes(alerts) == ["action_overdue"] and alerts[0].record_id == a.id
    assert "Kim, Housing" in alerts[0].message


# ---------------------------------------------------------------- checklist
def test_checklist_status_without_evidence_is_named():
    ok = ChecklistItem(person_id="p", code="2.considered", status=ChecklistStatus.CONSIDERED,
                       evidence="Discussed at visit", date=date(2026, 5, 2))
    ticked = ChecklistItem(person_id="p", code="9.considered", status=ChecklistStatus.CONSIDERED)
    blank = ChecklistItem(person_id="p", code="12")
    alerts = checklist.checklist_without_evidence(_case(checklist=[ok, ticked, blank]), CFG,
                                           _now(date(2026, 5, 20)))
    assert _codes(alerts) == ["checklist_no_evidence"]
    assert "Item 9 (Considered)" in alerts[0].message and "Item 2" not in alerts[0].message


# ---------------------------------------------------------------- keep in touch
def _closed_case(every=1, attempts=()):
    person = Person(name="Morag", id="p", status=CaseStatus.CLOSED)
    closure = Closure(person_id="p", closed_on=date(2026, 8, 11), reason="r", evidence="e",
                      involved_agencies=["Housing"],
                      agreements=[Agreement("Kim", "Housing", date(2026, 8, 11))],
                      keep_in_touch=KeepInTouch("Nurse", every))
    return Case(person=person, closures=[closure], attempts=list(attempts))


def test_keep_in_touch_due_after_closure():
    case = _closed_case()
    assert closure_rules.keep_in_touch_due(case, CFG, _now(date(2026, 9, 3))) == []
    assert _codes(closure_rules.keep_in_touch_due(case, CFG, _now(date(2026, 9, 4)))) == ["keep_in_touch_due"]
    late = closure_rules.keep_in_touch_due(case, CFG, _now(date(2026, 9, 12)))
    assert _codes(late) == ["keep_in_touch_overdue"] and "11 Sep 2026" in late[0].message


def test_a_contact_after_closure_restarts_the_keep_in_touch_clock():
    contact = ContactAttempt(person_id="p", at=_now(date(2026, 9, 10)),
                             outcome=ContactOutcome.SEEN_ENGAGED)
    case = _closed_case(attempts=[contact])
    assert closure_rules.keep_in_touch_due(case, CFG, _now(date(2026, 9, 20))) == []
    assert _codes(closure_rules.keep_in_touch_due(case, CFG, _now(date(2026, 10, 11)))) == \
        ["keep_in_touch_overdue"]
    case.person.status = CaseStatus.OPEN          # reopened: no keep-in-touch prompt
    assert closure_rules.keep_in_touch_due(case, CFG, _now(date(2026, 10, 11))) == []


def test_evaluate_includes_casework_rules():
    case = _case(meetings=[_meeting(date(2026, 5, 12), next_review=date(2026, 5, 20))])
    codes = _codes(evaluate(case, CFG, _now(date(2026, 5, 25))))
    assert "review_meeting_overdue" in codes and "minutes_not_circulated" in codes
    assert codes.index("review_meeting_overdue") < codes.index("minutes_not_circulated")
