"""Domain rules of the casework records: no store, no Qt."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.action import Action, ActionStatus
from desktop.domain.checklist import (
    BY_CODE, CATALOGUE, RECORDABLE_CODES, ChecklistItem, ChecklistStatus, checklist_item_id)
from desktop.domain.closure import Agreement, Closure, KeepInTouch
from desktop.domain.dates import add_months, add_working_days, working_days_between
from desktop.domain.meeting import (
    Attendee, Decision, Meeting, MeetingConsent, MeetingKind, agenda_for, default_next_review)
from desktop.domain.record import ValidationError
from desktop.domain.referral import Referral, ReferralTo
from desktop.domain.risk import (
    DomainEntry, Rara, RiskAssessment, RiskDomain, RiskRow, SupervisoryReview)
from desktop.domain.supervision import Supervision, SupervisionDecision

D = date(2026, 5, 12)


# ---------------------------------------------------------------- Fife checklist catalogue
def test_catalogue_has_the_fifteen_items_in_order():
    assert [i.number for i in CATALOGUE] == list(range(1, 16))
    assert [i.code for i in CATALOGUE] == [str(n) for n in range(1, 16)]


def test_catalogue_sub_items_as_in_the_template():
    subs = {i.number: [s.title for s in i.sub_items] for i in CATALOGUE if i.sub_items}
    assert subs == {
        2: ["Considered", "Offered"],
        7: ["GP", "Sexual Health Services", "Mental Health Service", "Psychological Services",
            "Alcohol and Drug Services", "Other health service", "A&E/Ambulance services"],
        8: ["Housing and Homeless service", "Fire Service",
            "Communities and Neighbourhood services"],
        9: ["Considered", "Referred"],
    }
    # the printed table's sub-rows slip a row from item 7 on: A&E belongs to 7, Referred to 9
    assert BY_CODE["7.ae_ambulance"].parent == "7"
    assert BY_CODE["9.referred"].parent == "9"
    assert "10.referred" not in BY_CODE


def test_recordable_rows_are_items_without_parts_and_every_part():
    assert len(RECORDABLE_CODES) == 25
    assert "7" not in RECORDABLE_CODES and "7.gp" in RECORDABLE_CODES
    assert RECORDABLE_CODES[:3] == ("1", "2.considered", "2.offered")
    assert RECORDABLE_CODES[-1] == "15"


def test_catalogue_keeps_the_prompts():
    assert BY_CODE["3"].prompts[2].endswith("self-neglect, risk taking behaviour, refusal of "
                                            "services")
    assert "Undue Pressure" in BY_CODE["6"].prompts[0]
    assert "Voluntary Sector supports" in BY_CODE["8"].prompts
    assert "be clear why" in BY_CODE["13"].prompts[0]
    assert BY_CODE["15"].title == "Other?"


# ---------------------------------------------------------------- checklist evidence
@pytest.mark.parametrize("status", [s for s in ChecklistStatus
                                    if s is not ChecklistStatus.NOT_YET_CONSIDERED])
def test_a_tick_is_not_sufficient(status):
    item = ChecklistItem(person_id="p", code="7.gp", status=status)
    with pytest.raises(ValidationError, match="A tick is not sufficient") as err:
        item.validate()
    assert "Item 7 (GP)" in str(err.value) and "has no evidence and no date." in str(err.value)
    item.evidence = "Letter and call on 2 May"
    with pytest.raises(ValidationError, match="has no date"):
        item.validate()
    item.date = D
    item.validate()


def test_evidence_without_date_and_date_without_evidence_are_refused():
    with pytest.raises(ValidationError, match="has no date"):
        ChecklistItem(person_id="p", code="4", status=ChecklistStatus.CONSIDERED,
                      evidence="GP assessed capacity in March").validate()
    with pytest.raises(ValidationError, match="has no evidence. A tick"):
        ChecklistItem(person_id="p", code="4", status=ChecklistStatus.CONSIDERED,
                      evidence="   ", date=D).validate()


def test_not_yet_considered_needs_nothing_and_unknown_or_parent_codes_are_refused():
    ChecklistItem(person_id="p", code="12").validate()
    with pytest.raises(ValidationError, match="no checklist item"):
        ChecklistItem(person_id="p", code="16").validate()
    with pytest.raises(ValidationError, match="7.gp"):
        ChecklistItem(person_id="p", code="7").validate()


def test_checklist_date_cannot_be_in_the_future():
    with pytest.raises(ValidationError, match="future"):
        ChecklistItem(person_id="p", code="12", status=ChecklistStatus.OFFERED, evidence="x",
                      date=date.today() + timedelta(days=1)).validate()


def test_checklist_ids_are_one_per_person_and_item():
    assert checklist_item_id("p", "7.gp") == checklist_item_id("p", "7.gp")
    assert checklist_item_id("p", "7.gp") != checklist_item_id("q", "7.gp")
    assert checklist_item_id("p", "7.gp") != checklist_item_id("p", "8.fire")


# ---------------------------------------------------------------- risk assessment
def _row(**kw):
    base = dict(risk="Fire in the kitchen", risk_to_person="burns", rara=Rara.REDUCE)
    base.update(kw)
    return RiskRow(**base)


def test_rara_has_exactly_four_values():
    assert [r.value for r in Rara] == ["reduce", "avoid", "remove", "accept"]


def test_each_risk_needs_a_rara_choice():
    ra = RiskAssessment(person_id="p", risks=[_row(rara=None)])
    with pytest.raises(ValidationError, match="Reduce, Avoid, Remove or Accept"):
        ra.validate()
    ra.risks[0].rara = "reduce"          # a bare string is not a RARA value
    with pytest.raises(ValidationError, match="Reduce, Avoid, Remove or Accept"):
        ra.validate()
    ra.risks[0].rara = Rara.AVOID
    ra.validate()


def test_accepting_a_risk_needs_a_rationale():
    row = _row(rara=Rara.ACCEPT, risk="Cat smell", risk_to_person="hygiene")
    with pytest.raises(ValidationError, match="accepting a risk"):
        RiskAssessment(person_id="p", risks=[row]).validate()
    row.rationale = "Her choice; the cat matters to her wellbeing"
    RiskAssessment(person_id="p", risks=[row]).validate()


def test_risk_row_needs_risk_to_person_or_others_and_named_action():
    with pytest.raises(ValidationError, match="to the person, to others"):
        RiskAssessment(person_id="p", risks=[_row(risk_to_person="")]).validate()
    RiskAssessment(person_id="p", risks=[_row(risk_to_person="", risk_to_others="neighbours")]
                   ).validate()
    with pytest.raises(ValidationError, match="by whom.*by when"):
        RiskAssessment(person_id="p", risks=[_row(action_needed="Home safety visit")]).validate()
    RiskAssessment(person_id="p", risks=[_row(action_needed="Home safety visit",
                                              by_whom="Fire service", by_when=D)]).validate()


def test_stage_two_entries_newest_first_by_domain():
    ra = RiskAssessment(person_id="p", entries=[
        DomainEntry(RiskDomain.OTHER, date(2026, 3, 1), "Fire", "Kitchen fire"),
        DomainEntry(RiskDomain.CARERS_SIGNIFICANT_ADULTS, date(2026, 4, 2), "Police",
                    "Dougie takes her pension"),
        DomainEntry(RiskDomain.OTHER, None, "Housing", "Hoarding reported"),
        DomainEntry(RiskDomain.OTHER, date(2026, 4, 20), "Housing", "Arrears"),
    ])
    ra.validate()
    assert [e.detail for e in ra.entries_newest_first(RiskDomain.OTHER)] == \
        ["Arrears", "Kitchen fire", "Hoarding reported"]
    grouped = ra.by_domain()
    assert list(grouped) == list(RiskDomain) and len(grouped) == 8
    assert grouped[RiskDomain.MISSING_PERSON] == []


def test_stage_two_entry_needs_detail_and_stage_five_needs_reviewer_and_date():
    with pytest.raises(ValidationError, match="Stage 2 entry 1"):
        RiskAssessment(person_id="p", entries=[DomainEntry(RiskDomain.OTHER, D, "x", " ")]
                       ).validate()
    with pytest.raises(ValidationError, match="reviewer's name and the date"):
        RiskAssessment(person_id="p", review=SupervisoryReview(npr_confirmed=True)).validate()
    RiskAssessment(person_id="p", review=SupervisoryReview("Team manager", D, True)).validate()


def test_next_version_copies_and_links_but_not_the_review():
    v1 = RiskAssessment(person_id="p", summary="High", risks=[_row()],
                        review=SupervisoryReview("TM", D, True))
    v2 = v1.next_version()
    assert (v2.version_no, v2.previous_id) == (2, v1.id) and v2.id != v1.id
    assert v2.summary == "High" and v2.review == SupervisoryReview()
    v2.risks[0].risk = "changed"
    assert v1.risks[0].risk == "Fire in the kitchen"      # a real copy
    with pytest.raises(ValidationError, match="which version it follows"):
        RiskAssessment(person_id="p", version_no=2).validate()


# ---------------------------------------------------------------- meetings
def _meeting(**kw):
    base = dict(person_id="p", kind=MeetingKind.ENGAGEMENT_ESCALATION, date=D)
    base.update(kw)
    return Meeting(**base)


def test_meeting_defaults_and_next_review_three_months_on():
    assert default_next_review(D) == date(2026, 8, 12)
    assert default_next_review(date(2026, 11, 30)) == date(2027, 2, 28)
    _meeting().validate()


def test_meeting_rules():
    with pytest.raises(ValidationError, match="rationale for sharing"):
        _meeting(consent=MeetingConsent.REFUSED).validate()
    _meeting(consent=MeetingConsent.REFUSED, sharing_rationale="Public task: risk of "
             "serious harm").validate()
    with pytest.raises(ValidationError, match="minute taker"):
        _meeting(chair="Alex Manager", minute_taker=" alex manager").validate()
    with pytest.raises(ValidationError, match="Decision 1: record the rationale"):
        _meeting(decisions=[Decision("Nurse is SPOC", "", "the group")]).validate()
    with pytest.raises(ValidationError, match="Attendee 1"):
        _meeting(attendees=[Attendee("Jo", "")]).validate()
    with pytest.raises(ValidationError, match="after the meeting"):
        _meeting(next_review=D).validate()
    with pytest.raises(ValidationError, match="before the meeting"):
        _meeting(minutes_circulated_on=D - timedelta(days=1)).validate()
    with pytest.raises(ValidationError, match="representative"):
        _meeting(representative_present=True).validate()
    m = _meeting(adult_present=True)
    m.validate()
    assert m.adult_invited


def test_standing_agenda_by_kind():
    codes = [q.code for q in agenda_for(MeetingKind.MULTI_AGENCY)]
    assert codes[0] == "risk" and "best_placed" in codes and "undue_pressure" not in codes
    assert len([q for q in agenda_for("multi_agency") if q.source == "Nottingham s.9"]) == 11
    assert "undue_pressure" in [q.code for q in agenda_for(MeetingKind.ENGAGEMENT_ESCALATION)]
    assert "risk_updated" in [q.code for q in agenda_for(MeetingKind.REVIEW)]
    m = _meeting()
    m.set_answer("risk", "Financial exploitation")
    m.set_answer("risk", "Financial exploitation; fire")
    assert m.answer("risk") == "Financial exploitation; fire" and len(m.agenda) == 1
    assert m.agenda[0].question == "What is the risk / concern?"


def test_minutes_due_five_working_days_on():
    assert _meeting(date=date(2026, 5, 12)).minutes_due_by == date(2026, 5, 19)   # Tue → Tue
    assert _meeting(date=date(2026, 5, 15)).minutes_due_by == date(2026, 5, 22)   # Fri → Fri


# ---------------------------------------------------------------- actions
def test_action_needs_named_lead_and_timescale_and_reason_when_not_achievable():
    with pytest.raises(ValidationError, match="named lead"):
        Action(person_id="p", what="Pause letters", lead_person="", lead_agency="Housing",
               due=D).validate()
    with pytest.raises(ValidationError, match="due date"):
        Action(person_id="p", what="Pause letters", lead_person="Kim", lead_agency="Housing"
               ).validate()
    a = Action(person_id="p", what="Pause letters", lead_person="Kim", lead_agency="Housing",
               due=D, status=ActionStatus.NOT_ACHIEVABLE)
    with pytest.raises(ValidationError, match="reason"):
        a.validate()
    a.reason = "Letters are sent by a national system"
    a.validate()


def test_action_overdue_is_derived():
    a = Action(person_id="p", what="x", lead_person="Kim", lead_agency="Housing", due=D)
    assert not a.is_overdue(D) and a.is_overdue(D + timedelta(days=1))
    assert a.days_overdue(D + timedelta(days=3)) == 3
    a.status = ActionStatus.DONE
    assert not a.is_overdue(D + timedelta(days=30))


# ---------------------------------------------------------------- referral, supervision
def test_referral_rules():
    Referral(person_id="p", to_whom=ReferralTo.MARAC, date=D, reason="DA").validate()
    with pytest.raises(ValidationError, match="Name the service"):
        Referral(person_id="p", to_whom=ReferralTo.OTHER, date=D, reason="x").validate()
    with pytest.raises(ValidationError, match="reason"):
        Referral(person_id="p", to_whom=ReferralTo.GP, date=D, reason=" ").validate()
    with pytest.raises(ValidationError, match="before the referral"):
        Referral(person_id="p", to_whom=ReferralTo.GP, date=D, reason="x", outcome="seen",
                 outcome_date=D - timedelta(days=1)).validate()


def test_supervision_sign_off():
    s = Supervision(person_id="p", date=D, manager="Pat", discussion="Debrief after incident",
                    decisions=[SupervisionDecision("Joint visits only", "Staff safety")])
    s.validate()
    assert len(s.awaiting_sign_off) == 1
    with pytest.raises(ValidationError, match="needs the rationale"):
        s.sign_off("Pat", D)
    s.sign_off("Pat", D, "Two workers keep both safe; agreed with Housing")
    assert s.awaiting_sign_off == [] and s.decisions[0].signed_off_by == "Pat"
    assert s.decisions[0].sign_off_rationale.startswith("Two workers")
    s.decisions[0].signed_off_on = None
    with pytest.raises(ValidationError, match="both the manager's name and the date"):
        s.validate()


# ---------------------------------------------------------------- closure
def _closure(**kw):
    base = dict(person_id="p", closed_on=D, reason="No longer meets the criteria",
                evidence="Checklist items 1-15 complete",
                involved_agencies=["Housing", "Police", "Fire and Rescue"])
    base.update(kw)
    return Closure(**base)


def test_closure_refused_naming_missing_agencies():
    c = _closure(agreements=[Agreement("Kim", "housing", D)])
    with pytest.raises(ValidationError) as err:
        c.validate()
    assert "Missing: Police, Fire and Rescue." in str(err.value)
    c.agreements += [Agreement("Sgt Reid", "Police", D), Agreement("Lee", "Fire and Rescue", D)]
    c.validate()


def test_closure_agreement_needs_name_and_date_and_closure_needs_evidence():
    with pytest.raises(ValidationError, match="Agreement 1"):
        _closure(agreements=[Agreement("", "Housing", D)]).validate()
    with pytest.raises(ValidationError, match="exhausted"):
        _closure(evidence=" ").validate()
    with pytest.raises(ValidationError, match="no involved agencies"):
        _closure(involved_agencies=[]).validate()


def test_keep_in_touch_plan():
    agreed = [Agreement("a", x, D) for x in ("Housing", "Police", "Fire and Rescue")]
    with pytest.raises(ValidationError, match="every how many months"):
        _closure(agreements=agreed, keep_in_touch=KeepInTouch("Nurse", 0)).validate()
    c = _closure(agreements=agreed, keep_in_touch=KeepInTouch("Nurse", 3))
    c.validate()
    assert c.keep_in_touch_due() == date(2026, 8, 12)
    assert c.keep_in_touch_due(date(2026, 6, 1)) == date(2026, 9, 1)


# ---------------------------------------------------------------- dates
def test_working_days_across_weekends():
    fri, sat, sun = date(2026, 5, 15), date(2026, 5, 16), date(2026, 5, 17)
    assert add_working_days(fri, 1) == date(2026, 5, 18)             # Monday
    assert add_working_days(sat, 5) == date(2026, 5, 22)             # Mon..Fri
    assert add_working_days(sun, 1) == date(2026, 5, 18)
    assert add_working_days(fri, 0) == fri
    assert working_days_between(fri, sun) == 0
    assert working_days_between(fri, date(2026, 5, 22)) == 5
    assert working_days_between(date(2026, 5, 11), date(2026, 6, 1)) == 14   # 25 May: bank holiday
    for n in range(0, 30):
        assert working_days_between(fri, add_working_days(fri, n)) == n


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 3) == date(2027, 3, 15)
