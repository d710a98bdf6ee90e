"""The lead procedure in the store: escalation sets the status, de-escalation needs an
escalation, the closure gate refuses naming blockers and records an override, attempt
corrections keep the original in history, supervision sign-off needs a rationale."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from desktop.domain.checklist import RECORDABLE, ChecklistStatus
from desktop.domain.closure import Agreement, ManagementOverride
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.escalation import Deescalation, Escalation, EscalationCriteria, Ird
from desktop.domain.person import AgencyInvolvement, CaseStatus, Person
from desktop.domain.record import ValidationError
from desktop.domain.risk import SupervisoryReview
from desktop.domain.supervision import Supervision, SupervisionDecision
from desktop.store import closure_gate, oversight

D = date.today() - timedelta(days=30)


@pytest.fixture
def pid(store):
    return store.people.add(Person(name="Morag", agencies=[AgencyInvolvement("Housing")])).id


def _escalation(pid):
    return Escalation(person_id=pid, escalated_on=D, escalated_by="Lee",
                      criteria=EscalationCriteria(True, True, True, True),
                      irds=[Ird(D - timedelta(days=60), 2), Ird(D, 3)])


def test_escalation_and_deescalation_set_the_status(store, pid):
    with pytest.raises(ValidationError, match="no escalation to end"):
        store.deescalations.add(Deescalation(person_id=pid, decided_on=D, decided_by="x",
                                             decision="d", rationale="r", consensus=True))
    store.escalations.add(_escalation(pid))
    assert store.people.require(pid).status is CaseStatus.ESCALATED
    assert store.escalations.latest(pid).ird_count == 2
    store.deescalations.add(Deescalation(person_id=pid, decided_on=D + timedelta(days=20),
                                         decided_by="Service manager", decision="End",
                                         rationale="Engaging", consensus=True))
    assert store.people.require(pid).status is CaseStatus.DE_ESCALATED


def test_closure_gate_refuses_then_closes(store, pid):
    with pytest.raises(closure_gate.ClosureBlocked) as err:
        closure_gate.close(store, pid, reason="r", evidence="checklist complete")
    assert any("checklist items are not yet considered" in b for b in err.value.blockers)
    assert store.people.require(pid).status is CaseStatus.OPEN
    from desktop.domain.checklist_rules import allowed_statuses
    for c in RECORDABLE:
        na = ChecklistStatus.NOT_APPLICABLE
        status = na if na in allowed_statuses(c.code) else ChecklistStatus.CONSIDERED
        store.checklist.set(pid, c.code, status, "considered at the meeting", D)
    store.risk_assessments.new_version(pid, review=SupervisoryReview("Pat", D, True))
    agreed = [Agreement("Pat Low", "Housing", D)]
    closure = closure_gate.close(store, pid, reason="r", evidence="e", agreements=agreed,
                                 senior_agreements=[Agreement("Sue", "Housing", D)], closed_on=D)
    assert closure.blockers_overridden == []
    assert store.people.require(pid).status is CaseStatus.CLOSED


def test_closure_override_keeps_the_blockers(store, pid):
    c = closure_gate.close(store, pid, reason="Moved abroad", evidence="e", closed_on=D,
                           override=ManagementOverride("Dee", "Social Work", D, "Left the UK"))
    assert any("risk assessment" in b for b in c.blockers_overridden)
    assert store.closures.current(pid).override.senior_manager == "Dee"


def test_attempt_correction_history(store, pid):
    with pytest.raises(ValidationError, match="one way"):
        store.attempts.log(pid, ContactMethod.LETTER, ContactOutcome.NO_ANSWER)
    a = store.attempts.log(pid, ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER,
                           note="no reply")
    with pytest.raises(ValidationError, match="reason"):
        store.attempts.correct(a.id, "", outcome=ContactOutcome.LETTER_SENT)
    with pytest.raises(ValidationError, match="one way"):
        store.attempts.correct(a.id, "was a letter", method=ContactMethod.LETTER)
    store.attempts.correct(a.id, "it was a letter, not a visit", method=ContactMethod.LETTER,
                           outcome=ContactOutcome.LETTER_SENT)
    fixed = store.attempts.require(a.id)
    assert fixed.corrected and fixed.outcome is ContactOutcome.LETTER_SENT
    v = store.attempts.versions(a.id)
    assert [x["values"]["outcome"] for x in v] == ["no_answer", "letter_sent"]
    assert v[1]["reason"] == "it was a letter, not a visit"


def test_supervision_sign_off_needs_rationale(store, pid):
    s = store.supervisions.add(Supervision(
        person_id=pid, date=D, manager="Pat",
        decisions=[SupervisionDecision("Joint visits only", "Staff safety")]))
    with pytest.raises(ValidationError, match="rationale"):
        oversight.sign_off(store, s.id, "")
    oversight.sign_off(store, s.id, "Agreed: hostility at the door", on=D)
    d = store.supervisions.require(s.id).decisions[0]
    assert d.signed_off_by == "Pat" and d.sign_off_rationale.startswith("Agreed")


def test_procedure_setting(store):
    assert store.settings.get("procedure") == "fife"
    store.settings.set("procedure", "oxfordshire")
    from desktop.store.alerts import rule_config
    assert rule_config(store).procedure_settings.lead_term == "primary agency"
    with pytest.raises(ValueError):
        store.settings.set("procedure", "atlantis")
