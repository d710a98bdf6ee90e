"""Case study 1 taken through the Fife flow chart, steps 1-6, with the casework records: every
step leaves the record the procedures ask for, and the prompts follow the case."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from desktop.domain.checklist import RECORDABLE_CODES, ChecklistStatus
from desktop.domain.chronology import ChronologyKind as K
from desktop.domain.closure import Agreement, KeepInTouch
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.meeting import Attendee, Decision, MeetingConsent, MeetingKind
from desktop.domain.person import AgencyInvolvement, CaseStatus, LawfulBasis, Person
from desktop.domain.record import ValidationError
from desktop.domain.referral import Referral, ReferralTo
from desktop.domain.risk import DomainEntry, Rara, RiskDomain, RiskLevel, RiskRow, SupervisoryReview
from desktop.domain.supervision import Supervision, SupervisionDecision
from desktop.store.alerts import alerts_for

AGENCIES = ("Housing", "Fire and Rescue", "GP practice", "Police", "Community Nursing")


def _at(m, d, h=11):
    return datetime(2026, m, d, h, tzinfo=timezone.utc)


def _codes(store, pid, on: date):
    return {a.code for a in alerts_for(store, pid, now=_at(on.month, on.day, 12))}


def test_case_study_through_steps_1_to_6(lead_store):
    s = lead_store
    p = s.people.add(Person(name="Morag Delacroix-Baird", lead_agency="Social Work",
                            agencies=[AgencyInvolvement(a) for a in AGENCIES]))
    pid = p.id
    # 1-2: three reports of harm; the protocol starts: chronology expanded, checklist started
    for d, agency, text in ((date(2026, 1, 20), "Fire and Rescue", "Kitchen fire"),
                            (date(2026, 3, 2), "Police", "Man taking her pension"),
                            (date(2026, 4, 10), "Housing", "Hoarding reported")):
        s.chronology.add_entry(pid, d, agency, K.REPORT_OF_HARM, text)
    s.checklist.set(pid, "7.gp", ChecklistStatus.OFFERED, "Letter and call", date(2026, 5, 2))
    s.checklist.set(pid, "2.considered", ChecklistStatus.CONSIDERED, "At the IRD",
                    date(2026, 4, 28))
    s.checklist.set(pid, "9.considered", ChecklistStatus.CONSIDERED, "Threshold not met",
                    date(2026, 5, 2))
    s.people.update(replace(s.people.require(pid), status=CaseStatus.ESCALATED))
    ra = s.risk_assessments.new_version(
        pid, assessed_on=date(2026, 5, 5), circumstances="Three reports of harm",
        entries=[DomainEntry(RiskDomain.CARERS_SIGNIFICANT_ADULTS, date(2026, 3, 2), "Police",
                             "Financial exploitation")],
        level=RiskLevel.HIGH, risks=[
            RiskRow("Fire", "burns", "neighbours", Rara.REDUCE, "", "", "", "Home safety visit",
                    "Fire and Rescue", date(2026, 6, 9)),
            RiskRow("Cat", "hygiene", "", Rara.ACCEPT, "Her choice")],
        review=SupervisoryReview("Service manager", date(2026, 5, 6), True))

    # 3: the engagement escalation meeting, with decisions and the action plan
    m = s.meetings.add_meeting(
        pid, MeetingKind.ENGAGEMENT_ESCALATION, date(2026, 5, 12), chair="Service manager",
        minute_taker="Admin", attendees=[Attendee("Kim", "Housing", "Officer")],
        apologies=[Attendee("", "GP practice")], consent=MeetingConsent.REFUSED,
        lawful_basis=LawfulBasis.PUBLIC_TASK, sharing_rationale="Risk of serious harm",
        decisions=[Decision("Nurse is SPOC", "She lets the nurse in", "The group")],
        agreed_risk_level=RiskLevel.HIGH, spoc_agreed="Community nurse")
    assert m.next_review == date(2026, 8, 12)
    s.actions.add_action(pid, "Pause arrears letters", "Kim", "Housing", date(2026, 5, 19), m.id)
    assert "minutes_due" in _codes(s, pid, date(2026, 5, 14))
    assert "minutes_not_circulated" in _codes(s, pid, date(2026, 5, 20))
    s.meetings.update(replace(s.meetings.require(m.id), minutes_circulated_on=date(2026, 5, 15)))
    assert "action_overdue" in _codes(s, pid, date(2026, 5, 20))

    # 4-5: the SPOC's weeks; supervision and debrief; referrals
    s.attempts.log(pid, ContactMethod.HOME_VISIT, ContactOutcome.SEEN_ENGAGED, at=_at(5, 14))
    s.attempts.log(pid, ContactMethod.HOME_VISIT, ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY,
                   at=_at(6, 4))
    s.supervisions.add(Supervision(person_id=pid, date=date(2026, 6, 5), manager="Pat",
                                   discussion="Debrief", debrief=True, decisions=[
                                       SupervisionDecision("Joint visits", "Safety", "Pat",
                                                           date(2026, 6, 5))]))
    s.referrals.add(Referral(person_id=pid, to_whom=ReferralTo.ADVOCACY, date=date(2026, 7, 23),
                             reason="Accepted an advocate"))
    s.actions.mark_done(s.actions.plan(pid)[0].id, date(2026, 5, 18))
    assert "review_meeting_due" in _codes(s, pid, date(2026, 8, 1))
    rows = s.chronology(pid)
    assert [r.kind for r in rows].count(K.REPORT_OF_HARM) == 3
    assert {K.MEETING, K.ATTEMPT, K.REFERRAL} <= {r.kind for r in rows}

    # 6: review, de-escalation, every checklist item evidenced, closure with every agreement
    s.meetings.add_meeting(pid, MeetingKind.REVIEW, date(2026, 8, 11),
                           agreed_risk_level=RiskLevel.MEDIUM,
                           minutes_circulated_on=date(2026, 8, 13))
    v2 = s.risk_assessments.new_version(pid, level=RiskLevel.MEDIUM)
    assert (v2.version_no, v2.previous_id) == (2, ra.id)
    from desktop.domain.checklist_rules import allowed_statuses
    for code in RECORDABLE_CODES:
        if s.checklist.current(pid).get(code) is None:
            na = ChecklistStatus.NOT_APPLICABLE
            status = na if na in allowed_statuses(code) else ChecklistStatus.CONSIDERED
            s.checklist.set(pid, code, status, "Reviewed on 11 Aug", date(2026, 8, 11))
    s.people.update(replace(s.people.require(pid), status=CaseStatus.DE_ESCALATED))
    with pytest.raises(ValidationError, match="Missing: Police, Community Nursing"):
        s.closures.close(pid, reason="Risk reduced", evidence="Checklist complete",
                         agreements=[Agreement("x", a, date(2026, 8, 11)) for a in AGENCIES[:3]],
                         closed_on=date(2026, 8, 11))
    s.closures.close(pid, reason="Risk reduced", evidence="Checklist complete",
                     agreements=[Agreement("x", a, date(2026, 8, 11)) for a in AGENCIES],
                     keep_in_touch=KeepInTouch("Community nurse", 1), closed_on=date(2026, 8, 11))
    assert s.people.require(pid).status is CaseStatus.CLOSED
    assert "keep_in_touch_overdue" in _codes(s, pid, date(2026, 9, 20))
    assert "review_meeting_overdue" not in _codes(s, pid, date(2026, 12, 1))
    assert s.audit_verify().ok
