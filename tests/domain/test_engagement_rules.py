"""The fieldwork prompts: pure functions of a Case."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.contact import ContactAttempt, ContactMethod as M, ContactOutcome as O
from desktop.domain.person import Advocacy, Capacity, Child, Dependants, Person
from desktop.domain.referral import Referral, ReferralTo
from desktop.domain.rules import Case, RuleConfig, Severity, evaluate
from desktop.domain.rules.engagement import (Engagement, engagement_falling, engagement_windows)
from desktop.domain.visit import IncidentKind, StaffSafetyIncident, Visit

NOW = datetime(2026, 6, 30, 12, tzinfo=timezone.utc)
CFG = RuleConfig()


def person(**kw) -> Person:
    base = dict(name="Morag", created_at=NOW - timedelta(days=3),
                capacity=Capacity(considered=True, date=date(2026, 3, 1)))
    return Person(**{**base, **kw})


def att(days_ago: float, outcome=O.SEEN_ENGAGED, method=M.HOME_VISIT, **kw) -> ContactAttempt:
    return ContactAttempt(person_id="p", at=NOW - timedelta(days=days_ago), outcome=outcome,
                          method=method, **kw)


def codes(case: Case) -> list[str]:
    return [a.code for a in evaluate(case, CFG, NOW)]


def alert(case: Case, code: str):
    found = [a for a in evaluate(case, CFG, NOW) if a.code == code]
    return found[0] if found else None


# -- falling engagement -------------------------------------------------------------------------
def falling_case(**person_kw) -> Case:
    earlier = [att(d) for d in (50, 43, 36, 30)]                  # 4 of 4 engaged
    recent = [att(d, O.NO_ANSWER) for d in (20, 13)] + [att(6)]   # 1 of 3
    return Case(person(**person_kw), earlier + recent)


def test_falling_engagement_fires_with_the_counts():
    a = alert(falling_case(), "falling_engagement")
    assert a is not None and a.severity is Severity.WARNING
    assert "1 of 3 contacts in the last 4 weeks, against 4 of 4" in a.message
    assert "referrer" in a.action and "lead agency" in a.action


def test_falling_engagement_clears_when_the_referrer_was_told_recently():
    assert alert(falling_case(disengagement_shared_on=date(2026, 6, 20)),
                 "falling_engagement") is None
    # told long ago, before this drop: the alert stays
    assert alert(falling_case(disengagement_shared_on=date(2026, 5, 1)),
                 "falling_engagement") is not None


def test_falling_engagement_ignores_deleted_and_needs_enough_attempts():
    case = falling_case()
    case.attempts = [replace(a, deleted=True) if a.outcome is O.NO_ANSWER else a
                     for a in case.attempts]
    assert alert(case, "falling_engagement") is None      # only one recent attempt left
    assert alert(Case(person(), [att(40), att(35), att(10, O.NO_ANSWER)]),
                 "falling_engagement") is None


def test_never_engaged_is_not_falling_it_is_unseen():
    case = Case(person(), [att(d, O.NO_ANSWER) for d in (50, 40, 20, 10)])
    assert alert(case, "falling_engagement") is None


def test_window_boundaries():
    prev, recent = engagement_windows([att(28), att(28.01), att(0), att(27.99), att(56)], NOW, 4)
    # 28 days ago is in the earlier window; 56 days ago in neither
    assert (prev.attempts, recent.attempts) == (2, 2)
    prev, recent = engagement_windows([att(-1), att(56.5)], NOW, 4)  # future and too old
    assert (prev.attempts, recent.attempts) == (0, 0)


@given(st.integers(0, 6), st.integers(2, 6), st.integers(0, 6), st.integers(2, 6))
def test_falling_means_the_rate_at_least_halved(pe, pa, re, ra):
    pe, re = min(pe, pa), min(re, ra)
    prev, recent = Engagement(pe, pa), Engagement(re, ra)
    falling = engagement_falling(prev, recent)
    assert falling == (pe > 0 and re / ra <= pe / pa / 2)
    if falling:
        assert recent.rate < prev.rate
    assert not engagement_falling(prev, prev) or pe == 0


# -- children ------------------------------------------------------------------------------------
def test_children_without_referral_is_urgent_and_stays():
    p = person(dependants=Dependants(children=[Child(name="Ava"), Child(note="baby")]))
    a = alert(Case(p, [att(1)]), "children_no_referral")
    assert a.severity is Severity.URGENT and "2 children live" in a.message
    # nothing else clears it: being seen, time passing, advocacy
    p.advocacy = Advocacy(accepted=True, offered=True)
    assert alert(Case(p, [att(0.1)]), "children_no_referral") is not None
    p.dependants.children_referral_recorded_on = date(2026, 6, 1)
    assert alert(Case(p, [att(1)]), "children_no_referral") is None


def test_pets_alone_do_not_need_a_referral():
    assert alert(Case(person(dependants=Dependants(pets="cat")), []), "children_no_referral") \
        is None


def _referral(to, deleted=False, service=""):
    return Referral(person_id="p", to_whom=to, service=service, date=date(2026, 6, 1),
                    reason="children in the household", deleted=deleted)


def test_a_casework_referral_to_childrens_services_counts():
    p = person(dependants=Dependants(children=[Child(name="Ava")]))
    case = Case(p, [], referrals=[_referral(ReferralTo.ADULT_SAFEGUARDING),
                                  _referral(ReferralTo.CHILDRENS_SERVICES_MASH, deleted=True),
                                  _referral(ReferralTo.OTHER, service="Housing")])
    assert alert(case, "children_no_referral") is not None
    case.referrals.append(_referral(ReferralTo.CHILDRENS_SERVICES_MASH))
    assert alert(case, "children_no_referral") is None
    case.referrals = [_referral(ReferralTo.OTHER, service="Children's social care (out of area)")]
    assert alert(case, "children_no_referral") is None


# -- capacity ------------------------------------------------------------------------------------
def test_capacity_never_considered():
    assert "capacity_not_considered" in codes(Case(person(capacity=Capacity()), []))
    assert "capacity_not_considered" not in codes(Case(person(), []))


# -- advocacy ------------------------------------------------------------------------------------
def test_advocacy_not_offered_at_the_last_seen_contact():
    case = Case(person(), [att(10, advocacy_offered=True), att(3), att(1, O.NO_ANSWER)])
    a = alert(case, "advocacy_not_offered")
    assert a is not None and a.record_id == case.attempts[1].id
    assert "not offered at the last contact" in a.message


def test_advocacy_offered_at_the_last_seen_contact_clears():
    case = Case(person(), [att(10), att(3, advocacy_offered=True), att(1, O.NO_ANSWER)])
    assert alert(case, "advocacy_not_offered") is None


def test_advocacy_says_again_after_a_refusal_and_stops_once_accepted():
    refused = person(advocacy=Advocacy(offered=True, offered_on=date(2026, 5, 1),
                                       declined_on=date(2026, 5, 1)))
    assert "not offered again" in alert(Case(refused, [att(2)]), "advocacy_not_offered").message
    accepted = person(advocacy=Advocacy(offered=True, offered_on=date(2026, 5, 1), accepted=True,
                                        accepted_on=date(2026, 5, 2)))
    assert alert(Case(accepted, [att(2)]), "advocacy_not_offered") is None


def test_advocacy_offer_recorded_on_the_person_that_day_counts():
    seen = att(2)
    p = person(advocacy=Advocacy(offered=True, offered_on=seen.at.date()))
    assert alert(Case(p, [seen]), "advocacy_not_offered") is None


def test_no_seen_contact_no_advocacy_prompt_and_deleted_seen_ignored():
    assert alert(Case(person(), [att(1, O.NO_ANSWER)]), "advocacy_not_offered") is None
    case = Case(person(), [att(5, advocacy_offered=True), replace(att(1), deleted=True)])
    assert alert(case, "advocacy_not_offered") is None


# -- staff safety, debrief, joint visit ------------------------------------------------------------
def visit_for(attempt, **kw) -> Visit:
    v = Visit(attempt_id=attempt.id, person_id="p", **kw)
    v.validate()
    return v


def test_incident_without_debrief_is_urgent_until_recorded():
    a = att(26)
    v = visit_for(a, incident=StaffSafetyIncident([IncidentKind.FILMED, IncidentKind.HOSTILITY],
                                                  "shouted and filmed"))
    found = alert(Case(person(), [a], visits=[v]), "staff_safety_debrief")
    assert found.severity is Severity.URGENT and found.record_id == v.id
    assert "being filmed, hostility" in found.message and "4 Jun 2026" in found.message
    v.debrief_done_on, v.debrief_done_by = date(2026, 6, 5), "manager"
    assert alert(Case(person(), [a], visits=[v]), "staff_safety_debrief") is None


def test_debrief_needed_without_incident_is_a_warning_and_deleted_visits_are_ignored():
    a = att(3)
    v = visit_for(a, debrief_needed=True)
    assert alert(Case(person(), [a], visits=[v]), "debrief_needed").severity is Severity.WARNING
    assert alert(Case(person(), [a], visits=[replace(v, deleted=True)]), "debrief_needed") is None


def test_joint_visit_needed_next_until_a_joint_visit_is_logged():
    a = att(5)
    v = visit_for(a, joint_visit_needed_next=True)
    assert alert(Case(person(), [a], visits=[v]), "joint_visit_next") is not None
    later_joint = att(1, O.NO_ANSWER, M.JOINT_VISIT)
    assert alert(Case(person(), [a, later_joint], visits=[v]), "joint_visit_next") is None
    # a later seen contact without visit details: the "next time" has passed
    assert alert(Case(person(), [a, att(2)], visits=[v]), "joint_visit_next") is None
    # later unsuccessful attempts alone do not end it
    assert alert(Case(person(), [a, att(2, O.NO_ANSWER)], visits=[v]), "joint_visit_next")


def test_joint_visit_asked_for_after_an_incident_at_the_door():
    door = att(26, O.ACCESS_REFUSED_BY_THIRD_PARTY)
    v = visit_for(door, joint_visit_needed_next=True,
                  incident=StaffSafetyIncident([IncidentKind.FILMED], "filmed at the door"))
    case = Case(person(), [att(40), door, att(25, O.NO_ANSWER, M.PHONE)], visits=[v])
    assert {"joint_visit_next", "staff_safety_debrief"} <= set(codes(case))
    # a newer visit without the flag supersedes it
    later = att(20, O.SEEN_DECLINED)
    case = Case(person(), case.attempts + [later], visits=[v, visit_for(later)])
    assert "joint_visit_next" not in codes(case)


# -- the whole set together --------------------------------------------------------------
@pytest.mark.parametrize("threshold", [1, 3, 5])
def test_three_failed_attempts_alert_appears_and_clears(threshold):
    cfg = RuleConfig(failed_attempts_threshold=threshold)
    fails = [att(d, O.NO_ANSWER) for d in (3, 2, 1)]
    got = [a.code for a in evaluate(Case(person(), fails), cfg, NOW)]
    assert ("unsuccessful_attempts" in got) == (threshold <= 3)
    got = [a.code for a in evaluate(Case(person(), fails + [att(0.5)]), cfg, NOW)]
    assert "unsuccessful_attempts" not in got


def test_alerts_sorted_most_severe_first():
    p = person(capacity=Capacity(), dependants=Dependants(children=[Child(name="A")]))
    severities = [a.severity for a in evaluate(Case(p, [att(2)]), CFG, NOW)]
    assert severities == sorted(severities, reverse=True) and severities[0] is Severity.URGENT
