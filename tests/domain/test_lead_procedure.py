"""The lead agency's procedure, pure rules: the closure gate, escalation and de-escalation,
meetings (invitations, required agencies, chair role, minutes to everyone invited), referrer
updates, supervision sign-off and interval, household, hostility, checklist rows, disagreement
and withdrawal, procedure settings and attempt corrections."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from desktop.domain.action import Action, ActionStatus
from desktop.domain.checklist import RECORDABLE, ChecklistItem, ChecklistStatus
from desktop.domain.checklist_rules import (
    allowed_statuses, link_disagreement, linked_suggestion, row_history, status_not_allowed)
from desktop.domain.closure import Agreement, Closure, ManagementOverride
from desktop.domain.closure_gate import closure_blockers, involved_agencies
from desktop.domain.contact import (
    ContactAttempt, ContactMethod, ContactOutcome, dishonest_outcome, outcomes_for)
from desktop.domain.correction import attempt_versions, check_reason
from desktop.domain.disagreement import AgencyWithdrawal, Informed, ProfessionalDisagreement
from desktop.domain.escalation import (
    Deescalation, DeescalationBasis, Escalation, EscalationCriteria, Ird)
from desktop.domain.hostility import hostility_entries
from desktop.domain.meeting import (
    Attendee, Distribution, Invitation, Meeting, MeetingKind, required_agencies_missing)
from desktop.domain.person import (
    AgencyInvolvement, CaseStatus, ChildElsewhere, Dependants, Person)
from desktop.domain.procedure import Procedure, chair_role_ok, settings_for
from desktop.domain.record import ValidationError
from desktop.domain.referrer import IncomingReferral, ReferrerUpdate, ReferrerUpdateReason
from desktop.domain.risk import RiskAssessment, RiskLevel, SupervisoryReview
from desktop.domain.rules import Case, RuleConfig, evaluate
from desktop.domain.supervision import Supervision, SupervisionDecision
from desktop.domain.visit import IncidentKind, StaffSafetyIncident, Visit

D = date(2026, 5, 12)


def _now(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, tzinfo=timezone.utc)


def _person(**kw):
    return Person(name="Morag", id="p", agencies=[AgencyInvolvement(agency="Housing"),
                                                  AgencyInvolvement(agency="Police")], **kw)


def _all_rows(status=ChecklistStatus.NOT_APPLICABLE):
    return [ChecklistItem(person_id="p", code=c.code, status=status, evidence="n/a: reason",
                          date=D) for c in RECORDABLE]


def _codes(alerts):
    return [a.code for a in alerts]


# ---------------------------------------------------------------- 1. closure gate
def test_closure_gate_names_every_blocker():
    meeting = Meeting(person_id="p", kind=MeetingKind.ENGAGEMENT_ESCALATION, date=D,
                      attendees=[Attendee("Sam", "Fire and Rescue", "Officer")],
                      agreed_risk_level=RiskLevel.VERY_HIGH)
    case = Case(person=_person(), meetings=[meeting],
                actions=[Action(person_id="p", what="Smoke alarm", lead_person="Sam",
                                lead_agency="Fire and Rescue", due=D - timedelta(days=3))],
                checklist=_all_rows()[:10],
                risk_assessments=[RiskAssessment(person_id="p", level=RiskLevel.VERY_HIGH)])
    blockers = closure_blockers(case, None, D)
    text = "\n".join(blockers)
    assert "Action still open (overdue): Smoke alarm" in text
    assert "no stage-5 supervisory review" in text
    assert "very high: record the decision that the risks were addressed" in text
    assert f"{len(RECORDABLE) - 10} of {len(RECORDABLE)} checklist items" in text
    assert "Not agreed by: Housing, Police, Fire and Rescue." in text
    assert "No senior manager's agreement" in text
    assert involved_agencies(case) == ["Housing", "Police", "Fire and Rescue"]


def test_closure_gate_clear_when_everything_is_recorded():
    agencies = ["Housing", "Police"]
    case = Case(person=_person(), checklist=_all_rows(),
                actions=[Action(person_id="p", what="x", lead_person="a", lead_agency="Police",
                                due=D, status=ActionStatus.NOT_ACHIEVABLE, reason="closed")],
                risk_assessments=[RiskAssessment(person_id="p", level=RiskLevel.HIGH,
                                                 review=SupervisoryReview("Pat", D, True))])
    closure = Closure(person_id="p", closed_on=D, reason="r", evidence="e",
                      agreements=[Agreement("A", a, D) for a in agencies],
                      senior_agreements=[Agreement("S", a, D) for a in agencies],
                      risks_addressed="Risks reduced: fire safety visit done, alarms fitted")
    assert closure_blockers(case, closure, D) == []


def test_closure_override_needs_senior_manager_and_rationale():
    c = Closure(person_id="p", closed_on=D, reason="r", evidence="e",
                involved_agencies=["Housing"], blockers_overridden=["Action still open"])
    with pytest.raises(ValidationError, match="management override"):
        c.validate()
    c.override = ManagementOverride("Dee Senior", "Social Work", D, "Adult moved abroad")
    c.validate()                                    # missing agreement overridden as well


def test_contact_prompts_stop_after_closure():
    attempts = [ContactAttempt(person_id="p", at=_now(D) - timedelta(days=i))
                for i in range(5)]
    open_case = Case(person=_person(), attempts=attempts)
    assert "unsuccessful_attempts" in _codes(evaluate(open_case, now=_now(D)))
    closed = Case(person=_person(status=CaseStatus.CLOSED), attempts=attempts)
    assert "unsuccessful_attempts" not in _codes(evaluate(closed, now=_now(D)))


# ---------------------------------------------------------------- 2-3. escalation
def _criteria():
    return EscalationCriteria(True, True, True, True, False)


def test_escalation_counts_irds_and_needs_the_criteria():
    e = Escalation(person_id="p", escalated_on=D, escalated_by="Lee",
                   criteria=_criteria(), irds=[Ird(D - timedelta(days=90), 2),
                                               Ird(D - timedelta(days=7), 3)])
    e.validate()
    assert e.ird_count == 2 and e.two_or_more_irds
    e.criteria.capacity_to_decline = False
    with pytest.raises(ValidationError, match="capacity to decline"):
        e.validate()
    e.criteria.capacity_to_decline = True
    e.irds = [Ird(D, 2)]
    with pytest.raises(ValidationError, match="option 3"):
        e.validate()


def test_the_adult_is_told_the_ird_outcome_before_the_first_meeting():
    e = Escalation(person_id="p", escalated_on=D, escalated_by="Lee", criteria=_criteria(),
                   irds=[Ird(D - timedelta(days=90), 2), Ird(D - timedelta(days=7), 3)])
    case = Case(person=_person(status=CaseStatus.ESCALATED), escalations=[e])
    alerts = [a for a in evaluate(case, RuleConfig(), _now(D)) if a.code == "ird_outcome_not_told"]
    assert len(alerts) == 1 and "5 May 2026" in alerts[0].message      # the option-3 IRD only
    assert alerts[0].record_id == e.id
    e.irds[1].adult_told_on = D - timedelta(days=8)
    e.irds[1].adult_told_by = "Jo Reid"
    with pytest.raises(ValidationError, match="before it took place"):
        e.validate()
    e.irds[1].adult_told_on = D - timedelta(days=5)
    e.irds[1].adult_told_by = ""
    with pytest.raises(ValidationError, match="who told the adult"):
        e.validate()
    e.irds[1].adult_told_by = "Jo Reid"
    e.validate()
    assert "ird_outcome_not_told" not in _codes(evaluate(case, RuleConfig(), _now(D)))
    e.irds[1].adult_told_on = None
    case.person.status = CaseStatus.CLOSED
    assert "ird_outcome_not_told" not in _codes(evaluate(case, RuleConfig(), _now(D)))


def test_deescalation_needs_consensus_and_rationale():
    d = Deescalation(person_id="p", decided_on=D, decided_by="Service manager",
                     basis=DeescalationBasis.RISK_REDUCED, decision="End the protocol",
                     rationale="")
    with pytest.raises(ValidationError, match="rationale"):
        d.validate()
    d.rationale = "Engaging with the GP weekly"
    with pytest.raises(ValidationError, match="consensus"):
        d.validate()
    d.consensus = True
    d.validate()


# ---------------------------------------------------------------- 4. meetings
def test_required_agencies_and_minutes_to_everyone_invited():
    ox = settings_for(Procedure.OXFORDSHIRE)
    m = Meeting(person_id="p", kind=MeetingKind.MULTI_AGENCY, date=D,
                invitations=[Invitation("Pat", "Thames Valley Police", "PC", D, "email"),
                             Invitation("Jo", "Community Nursing", "Nurse", D, "phone")],
                distribution=[Distribution("Pat", "Thames Valley Police", D + timedelta(days=2))])
    m.validate()
    assert required_agencies_missing(m, ox.required_agencies) == ["Adult Social Care"]
    assert m.not_sent_minutes() == ["Jo, Community Nursing"]
    cfg = RuleConfig(procedure="oxfordshire")
    alerts = evaluate(Case(person=_person(), meetings=[m]), cfg, _now(D + timedelta(days=10)))
    codes = _codes(alerts)
    assert "meeting_required_agency" in codes and "minutes_not_sent_to_invited" in codes
    assert "chair_line_manager" in codes


def test_fife_chair_must_be_a_service_manager():
    assert chair_role_ok("service manager", "Service Manager, Adult Services")
    assert not chair_role_ok("service manager", "Senior social worker")
    m = Meeting(person_id="p", kind=MeetingKind.ENGAGEMENT_ESCALATION, date=D, chair="Kim",
                chair_role="Senior social worker")
    alerts = evaluate(Case(person=_person(), meetings=[m]), RuleConfig(procedure="fife"),
                      _now(D))
    assert "meeting_chair_role" in _codes(alerts)


# ---------------------------------------------------------------- 5. referrer
def test_referrer_told_on_closure_with_strategies():
    r = IncomingReferral(person_id="p", received_on=D, referrer="Dr Shah", referrer_agency="GP")
    closure = Closure(person_id="p", closed_on=D, reason="r", evidence="e",
                      involved_agencies=["GP"], agreements=[Agreement("a", "GP", D)])
    case = Case(person=_person(status=CaseStatus.CLOSED), incoming_referrals=[r],
                closures=[closure])
    assert "referrer_closure" in _codes(evaluate(case, now=_now(D)))
    r.updates.append(ReferrerUpdate(D, ReferrerUpdateReason.CLOSURE, "Lee", "phone", ""))
    with pytest.raises(ValidationError, match="strategies tried"):
        r.validate()
    r.updates[0].strategies_tried = "Joint visits, letters, GP appointments"
    r.validate()
    assert "referrer_closure" not in _codes(evaluate(case, now=_now(D)))


# ---------------------------------------------------------------- 6. supervision
def test_supervision_due_after_the_interval():
    p = _person()
    p.created_at = _now(D)
    case = Case(person=p, supervisions=[Supervision(person_id="p", date=D, manager="Pat",
                                                    discussion="x")])
    assert "supervision_due" not in _codes(evaluate(case, now=_now(D + timedelta(weeks=3))))
    assert "supervision_due" in _codes(evaluate(case, now=_now(D + timedelta(weeks=5))))
    s = Supervision(person_id="p", date=D, manager="Pat",
                    decisions=[SupervisionDecision("Joint visits", "", "Pat", D)])
    with pytest.raises(ValidationError, match="rationale"):
        s.validate()


# ---------------------------------------------------------------- 7. household
def test_children_elsewhere_need_a_referral():
    p = _person(dependants=Dependants(children_elsewhere=[ChildElsewhere(name="Leo")]))
    alerts = evaluate(Case(person=p), now=_now(D))
    (a,) = [a for a in alerts if a.code == "children_no_referral"]
    assert "parental responsibility" in a.message


# ---------------------------------------------------------------- 8. hostility
def test_incidents_offered_into_stage_two_and_worrying_visit_prompt():
    at = ContactAttempt(person_id="p", at=_now(D), outcome=ContactOutcome.SEEN_ENGAGED)
    v = Visit(attempt_id=at.id, person_id="p", observed="no food", reported="eating fine",
              mismatch=True, incident=StaffSafetyIncident([IncidentKind.THREATS], "Shouted"))
    (entry,) = hostility_entries([v], [], [at])
    assert entry.date == D and "threats" in entry.detail and "Shouted" in entry.detail
    assert hostility_entries([v], [], [at], existing=[entry]) == []
    assert "worrying_visit" in _codes(evaluate(Case(person=_person(), attempts=[at],
                                                    visits=[v]), now=_now(D)))


# ---------------------------------------------------------------- 9. checklist
def test_checklist_statuses_per_row_links_and_history():
    assert ChecklistStatus.OFFERED not in allowed_statuses("2.considered")
    row = ChecklistItem(person_id="p", code="2.considered", status=ChecklistStatus.OFFERED,
                        evidence="e", date=D)
    assert "does not answer this row" in status_not_allowed(row)
    p = _person()
    p.advocacy.offered, p.advocacy.offered_on = True, D
    s = linked_suggestion("2.offered", p)
    assert s.status is ChecklistStatus.OFFERED and s.date == D
    wrong = ChecklistItem(person_id="p", code="2.offered", status=ChecklistStatus.NOT_APPLICABLE,
                          evidence="e", date=D)
    assert "advocacy record" in link_disagreement(wrong, s)
    E = SimpleNamespace
    hist = row_history([
        E(op="upsert", fields={"status": "offered", "evidence": "Letter", "date": "2026-05-01"},
          old=None, at="2026-05-01T10:00:00Z", actor="Lee"),
        E(op="upsert", fields={"status": "tried_not_engaged", "date": "2026-05-12"},
          old={"status": "offered", "date": "2026-05-01"}, at="2026-05-12T10:00:00Z",
          actor="Kim")])
    assert hist[0].changes[0] == "status: Offered"
    assert hist[1].by == "Kim" and "status: Offered → Tried, not engaged" in hist[1].changes


# ---------------------------------------------------------------- 10. disagreement
def test_open_disagreement_blocks_closure_and_withdrawal_informs():
    d = ProfessionalDisagreement(person_id="p", raised_on=D, raised_by="Sam",
                                 agency="Fire and Rescue", about="Ending the protocol")
    d.validate()
    case = Case(person=_person(), disagreements=[d])
    assert any("professional disagreement" in b for b in closure_blockers(case, None, D))
    d.sab_escalated_on = D
    d.validate()
    assert d.route.value == "safeguarding_adults_board"
    w = AgencyWithdrawal(person_id="p", agency="Housing", withdrawn_on=D, reason="Tenancy ended")
    case = Case(person=_person(), withdrawals=[w])
    assert "withdrawal_not_informed" in _codes(evaluate(case, now=_now(D)))
    assert "Housing" in involved_agencies(case)
    w.informed.append(Informed("Social Work", D, "email"))
    assert "Housing" not in involved_agencies(case)


# ---------------------------------------------------------------- 11. procedure settings
def test_procedure_settings():
    assert settings_for("oxfordshire").lead_term == "primary agency"
    assert settings_for("fife").chair_role == "service manager"
    assert settings_for(None).procedure is Procedure.FIFE
    assert [r.name for r in settings_for("oxfordshire").required_agencies] == [
        "Adult Social Care", "Police", "Health"]


# ---------------------------------------------------------------- 12. corrections
def test_one_way_methods_get_honest_outcomes():
    assert outcomes_for(ContactMethod.LETTER)[0] is ContactOutcome.LETTER_SENT
    assert dishonest_outcome(ContactMethod.LETTER, ContactOutcome.NO_ANSWER)
    assert dishonest_outcome(ContactMethod.TEXT, ContactOutcome.MESSAGE_SENT_NO_REPLY) == ""
    assert dishonest_outcome(ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER) == ""
    assert dishonest_outcome(ContactMethod.HOME_VISIT, ContactOutcome.LETTER_SENT)


def test_attempt_versions_oldest_first_with_reason():
    with pytest.raises(ValidationError):
        check_reason(" ")
    E = SimpleNamespace
    versions = attempt_versions([
        E(op="upsert", fields={"outcome": "no_answer", "method": "letter", "at": "t1",
                               "note": "", "person_id": "p"}, actor="Jo", at="a1", stamp="1"),
        E(op="upsert", fields={"outcome": "letter_sent", "correction_reason": "a letter"},
          actor="Jo", at="a2", stamp="2")])
    assert [v["values"]["outcome"] for v in versions] == ["no_answer", "letter_sent"]
    assert versions[0]["reason"] == "" and versions[1]["reason"] == "a letter"
    assert versions[1]["values"]["method"] == "letter"
