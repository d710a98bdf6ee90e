"""Casework repositories: versioning, one checklist row per item, meetings, actions, closure."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop.domain.action import ActionStatus
from desktop.domain.checklist import ChecklistStatus, RECORDABLE_CODES
from desktop.domain.closure import Agreement, KeepInTouch
from desktop.domain.meeting import Attendee, Decision, Meeting, MeetingKind
from desktop.domain.person import AgencyInvolvement, CaseStatus
from desktop.domain.record import ValidationError
from desktop.domain.referral import Referral, ReferralTo
from desktop.domain.risk import (
    DomainEntry, Rara, RiskAssessment, RiskDomain, RiskLevel, RiskRow, SupervisoryReview)
from desktop.domain.supervision import Supervision, SupervisionDecision

D = date(2026, 5, 12)


def test_casework_tables_exist_and_repos_are_on_the_store(store):
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"risk_assessment", "checklist_item", "meeting", "action", "chronology_entry",
            "referral", "supervision", "closure"} <= tables
    assert store.repo(RiskAssessment) is store.risk_assessments
    assert store.repo(Meeting) is store.meetings


# ---------------------------------------------------------------- risk assessment versions
def test_risk_assessment_versions(store, person):
    ra = store.risk_assessments
    assert ra.current(person.id) is None
    v1 = ra.new_version(person.id, circumstances="Three reports of harm", level=RiskLevel.HIGH,
                        entries=[DomainEntry(RiskDomain.OTHER, D, "Fire", "Kitchen fire")],
                        risks=[RiskRow(risk="Fire", risk_to_person="burns", rara=Rara.REDUCE)],
                        review=SupervisoryReview("Team manager", D, True))
    assert v1.version_no == 1 and v1.previous_id == ""
    v2 = ra.new_version(person.id, level=RiskLevel.MEDIUM)
    assert (v2.version_no, v2.previous_id) == (2, v1.id)
    assert v2.circumstances == "Three reports of harm"             # starts from the last
    assert v2.entries[0].detail == "Kitchen fire" and v2.risks[0].rara is Rara.REDUCE
    assert v2.review.reviewer == ""                                 # own review needed
    assert [v.version_no for v in ra.versions(person.id)] == [2, 1]
    assert ra.current(person.id).level is RiskLevel.MEDIUM
    assert ra.require(v1.id).level is RiskLevel.HIGH                # history kept


def test_old_versions_are_history_and_stale_drafts_are_refused(store, person):
    ra = store.risk_assessments
    v1 = ra.new_version(person.id, summary="first")
    draft = ra.draft_version(person.id)
    ra.new_version(person.id, summary="second")
    with pytest.raises(ValidationError, match="saved after this assessment was started"):
        ra.add(draft)
    with pytest.raises(ValidationError, match="kept as history"):
        ra.update(replace(v1, summary="rewritten"))
    current = ra.current(person.id)
    current.review = SupervisoryReview("TM", D, True)
    ra.update(current)
    assert ra.current(person.id).review.npr_confirmed


def test_first_draft_lists_the_persons_agencies(store, person):
    store.people.update(replace(person, agencies=[AgencyInvolvement(agency="Housing", lead_worker="Kim"),
                                                  AgencyInvolvement(agency="Police", lead_worker="Sgt Reid")]))
    assert store.risk_assessments.draft_version(person.id).agencies_involved == \
        ["Housing", "Police"]


# ---------------------------------------------------------------- checklist
def test_checklist_one_current_row_per_item(store, person):
    cl = store.checklist
    rows = cl.rows(person.id)
    assert [r.code for r in rows] == list(RECORDABLE_CODES)
    assert all(r.status is ChecklistStatus.NOT_YET_CONSIDERED for r in rows)
    first = cl.set(person.id, "7.gp", ChecklistStatus.OFFERED, "Letter and call", D)
    second = cl.set(person.id, "7.gp", ChecklistStatus.TRIED_NOT_ENGAGED,
                    "Missed two appointments", D + timedelta(days=7), measure="2 DNAs",
                    by_whom="Sam")
    assert first.id == second.id
    n = store.db.execute("SELECT count(*) FROM checklist_item WHERE person_id = ?",
                         (person.id,)).fetchone()[0]
    assert n == 1
    current = cl.current(person.id)["7.gp"]
    assert current.status is ChecklistStatus.TRIED_NOT_ENGAGED and current.measure == "2 DNAs"
    history = cl.history(current.id)
    assert history[-1].old["status"] == "offered"
    assert first.by_whom == "Sam Outreach"                          # defaults to the worker


def test_checklist_without_evidence_is_refused_and_nothing_is_written(store, person):
    with pytest.raises(ValidationError, match="A tick is not sufficient"):
        store.checklist.set(person.id, "9.considered", ChecklistStatus.CONSIDERED, "", D)
    with pytest.raises(ValidationError, match="unknown checklist item"):
        store.checklist.set(person.id, "99", ChecklistStatus.CONSIDERED, "x", D)
    assert store.checklist.current(person.id) == {}


def test_checklist_row_can_be_revived_after_deletion(store, person):
    item = store.checklist.set(person.id, "12", ChecklistStatus.CONSIDERED, "Benefits check", D)
    store.checklist.delete(item.id)
    assert store.checklist.current(person.id) == {}
    again = store.checklist.set(person.id, "12", ChecklistStatus.REFERRED, "Welfare rights", D)
    assert again.id == item.id and not store.checklist.require(item.id).deleted


# ---------------------------------------------------------------- meetings and actions
def test_meeting_next_review_defaults_to_the_setting(store, person):
    m = store.meetings.add_meeting(person.id, MeetingKind.ENGAGEMENT_ESCALATION, D,
                                   chair="Service manager")
    assert m.next_review == date(2026, 8, 12)
    store.settings.set("review_months", 1)
    m2 = store.meetings.add_meeting(person.id, MeetingKind.REVIEW, date(2026, 8, 11))
    assert m2.next_review == date(2026, 9, 11)
    m3 = store.meetings.add_meeting(person.id, MeetingKind.REVIEW, date(2026, 9, 1),
                                    next_review=date(2026, 9, 20))
    assert m3.next_review == date(2026, 9, 20)
    assert [x.id for x in store.meetings.for_person(person.id)] == [m3.id, m2.id, m.id]
    assert store.meetings.latest(person.id).id == m3.id


def test_full_meeting_round_trips(store, person):
    m = store.meetings.new(person.id, MeetingKind.ENGAGEMENT_ESCALATION, D,
                           chair="Service manager", minute_taker="Admin",
                           attendees=[Attendee("Kim", "Housing", "Housing officer")],
                           apologies=[Attendee("", "GP practice")],
                           decisions=[Decision("Nurse is SPOC", "She lets the nurse in",
                                               "The group; chair")])
    m.set_answer("undue_pressure", "Dougie: possible financial exploitation")
    store.meetings.add(m)
    back = store.meetings.require(m.id)
    assert back.attendees == [Attendee("Kim", "Housing", "Housing officer")]
    assert back.answer("undue_pressure").startswith("Dougie")
    assert back.decisions[0].made_by == "The group; chair"


def test_action_plan(store, person):
    m = store.meetings.add_meeting(person.id, MeetingKind.ENGAGEMENT_ESCALATION, D)
    acts = store.actions
    a1 = acts.add_action(person.id, "Offer advocacy at each visit", "Nurse", "Community Nursing",
                         date(2026, 5, 26), source_meeting_id=m.id)
    a2 = acts.add_action(person.id, "Pause arrears letters", "Kim", "Housing",
                         date(2026, 5, 19), source_meeting_id=m.id)
    a3 = acts.add_action(person.id, "Home safety visit", "Lee", "Fire", date(2026, 6, 9))
    assert [a.id for a in acts.plan(person.id)] == [a2.id, a1.id, a3.id]
    assert [a.id for a in acts.for_meeting(m.id)] == [a2.id, a1.id]
    assert [a.id for a in acts.overdue(person.id, date(2026, 5, 27))] == [a2.id, a1.id]
    acts.mark_done(a2.id, date(2026, 5, 18))
    with pytest.raises(ValidationError, match="reason"):
        acts.mark_not_achievable(a1.id, "")
    acts.mark_not_achievable(a1.id, "Advocacy service closed to referrals")
    assert [a.id for a in acts.overdue(person.id, date(2026, 5, 27))] == []
    assert acts.plan(person.id)[0].id == a3.id                      # open first
    assert acts.require(a2.id).status is ActionStatus.DONE
    with pytest.raises(LookupError):
        acts.add_action(person.id, "x", "y", "z", D, source_meeting_id="nope")


def test_referral_and_supervision(store, person):
    r = store.referrals.add(Referral(person_id=person.id, to_whom=ReferralTo.MARAC, date=D,
                                     reason="Coercion by Dougie", agency="Social Work"))
    assert store.referrals.for_person(person.id)[0].id == r.id
    s = store.supervisions.add(Supervision(
        person_id=person.id, date=D, manager="Pat", discussion="Incident on 4 June",
        decisions=[SupervisionDecision("Joint visits only", "Staff safety", "Pat", D)]))
    assert store.supervisions.require(s.id).decisions[0].signed_off


# ---------------------------------------------------------------- closure
def _agencies(store, person):
    return store.people.update(replace(person, agencies=[
        AgencyInvolvement(agency="Housing", lead_worker="Kim"), AgencyInvolvement(agency="Police", lead_worker="Sgt Reid"),
        AgencyInvolvement(agency="Community Nursing", lead_worker="Sam Outreach")]))


def test_closure_refused_without_every_agency_and_nothing_changes(store, person):
    person = _agencies(store, person)
    with pytest.raises(ValidationError) as err:
        store.closures.close(person.id, reason="Risk reduced", evidence="All options tried",
                             agreements=[Agreement("Kim", "Housing", D)], closed_on=D)
    assert "Missing: Police, Community Nursing." in str(err.value)
    assert store.closures.current(person.id) is None
    assert store.people.require(person.id).status is CaseStatus.OPEN


def test_closure_closes_the_case(store, person):
    person = _agencies(store, person)
    c = store.closures.close(
        person.id, reason="No longer meets the criteria", evidence="Checklist complete",
        agreements=[Agreement("Kim", "Housing", D), Agreement("Sgt Reid", "Police", D),
                    Agreement("Sam", "community nursing", D)],
        agencies_informed=["GP practice", " "], keep_in_touch=KeepInTouch("Nurse", 1),
        closed_on=D)
    assert c.involved_agencies == ["Housing", "Police", "Community Nursing"]
    assert c.agencies_informed == ["GP practice"]
    assert store.people.require(person.id).status is CaseStatus.CLOSED
    assert store.closures.current(person.id).keep_in_touch.every_months == 1
    assert store.audit_verify().ok
