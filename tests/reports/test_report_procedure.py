"""Risk assessment, checklist, action plan, closure and meeting record (casework records).
Skipped in a build without the casework domain."""
from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("desktop.domain.risk")

from desktop.domain.action import ActionStatus  # noqa: E402
from desktop.domain.checklist import ChecklistStatus  # noqa: E402
from desktop.domain.closure import Agreement, KeepInTouch  # noqa: E402
from desktop.domain.meeting import (AgendaAnswer, Attendee, Decision, MeetingConsent,  # noqa: E402
                                    MeetingKind)
from desktop.domain.person import AgencyInvolvement, LawfulBasis  # noqa: E402
from desktop.domain.risk import DomainEntry, Rara, RiskDomain, RiskLevel, RiskRow  # noqa: E402
from desktop.reports import build_meeting_report, build_report  # noqa: E402

SINCE, UNTIL = date(2026, 5, 1), date(2026, 6, 30)


@pytest.fixture
def casework(store, case):
    pid = case.id
    m = store.meetings.add_meeting(
        pid, MeetingKind.ENGAGEMENT_ESCALATION, date(2026, 5, 12), chair="Fiona Mackay",
        minute_taker="Lewis Dunn", attendees=[Attendee("Pat Reid", "Kingdom Housing", "Officer")],
        apologies=[Attendee("Dr Rao", "Links GP", "GP")], consent=MeetingConsent.REFUSED,
        lawful_basis=LawfulBasis.PUBLIC_TASK, sharing_rationale="Risk of serious harm",
        agenda=[AgendaAnswer("risk", "Fire risk from hoarding")],
        decisions=[Decision("Nurse is the SPOC", "She is let in", "The group")],
        agreed_risk_level=RiskLevel.HIGH, next_review=date(2026, 8, 11),
        minutes_circulated_on=date(2026, 5, 15))
    store.actions.add_action(pid, "Pause arrears letters", "Pat Reid", "Kingdom Housing",
                             date(2026, 5, 19), source_meeting_id=m.id)
    store.actions.add_action(pid, "Action due outside the period", "PC Lyle", "Police",
                             date(2026, 9, 30))
    store.risk_assessments.new_version(
        pid, assessed_on=date(2026, 5, 12), assessed_by="Kirsty Brown",
        circumstances="Three reports of harm", summary="Serious harm from self-neglect",
        level=RiskLevel.HIGH,
        entries=[DomainEntry(RiskDomain.OTHER, date(2026, 5, 3), "Fire", "Kitchen fire in May"),
                 DomainEntry(RiskDomain.MENTAL_HEALTH, date(2025, 1, 3), "GP",
                             "Entry outside the period")],
        risks=[RiskRow("Fire in the flat", "Injury", "Neighbours", Rara.REDUCE, "", "Alarm",
                       "Hoarding", "Home fire safety visit", "Alex Grant", date(2026, 6, 9))])
    store.checklist.set(pid, "7.gp", ChecklistStatus.TRIED_NOT_ENGAGED,
                        "GP letter and call on 2 May", date(2026, 5, 2), "Bloods", "Dr Rao")
    store.checklist.set(pid, "12", ChecklistStatus.CONSIDERED, "Benefits checked long ago",
                        date(2025, 2, 1), "", "Kirsty Brown")
    return m


def test_risk_assessment(store, case, casework, tmp_path, pdf):
    out = build_report(store, "risk", case.id, tmp_path / "r.pdf", since=SINCE, until=UNTIL)
    text = pdf.check(out, case.name)
    for stage in range(1, 6):
        assert f"Stage {stage}." in text
    assert "Kitchen fire in May" in text and "Entry outside the period" not in text
    assert "Appendix B: Multi-Agency Risk Assessment Recording Sheet" in text
    assert "Fire in the flat" in text and "Reduce" in text and "Level of risk: High" in text
    assert "1. Domestic abuse None recorded." in text


def test_checklist(store, case, casework, tmp_path, pdf):
    text = pdf.check(build_report(store, "checklist", case.id, tmp_path / "c.pdf",
                                  since=SINCE, until=UNTIL), case.name)
    assert "A tick is not sufficient." in text and "GP letter and call on 2 May" in text
    assert "Benefits checked long ago" not in text and "Not updated in this period" in text
    assert "Not yet considered" in text and "Other?" in text
    whole = pdf.check(build_report(store, "checklist", case.id, tmp_path / "w.pdf"), case.name)
    assert "Benefits checked long ago" in whole


def test_action_plan(store, case, casework, tmp_path, pdf):
    text = pdf.check(build_report(store, "plan", case.id, tmp_path / "p.pdf", since=SINCE,
                                  until=UNTIL), case.name)
    assert "Pause arrears letters" in text and "Action due outside the period" not in text
    assert "Overdue by" in text and "Pat Reid" in text and "Kingdom Housing" in text


def test_meeting_record(store, case, casework, tmp_path, pdf):
    text = pdf.check(build_meeting_report(store, casework.id, tmp_path / "m.pdf"), case.name)
    assert "Engagement escalation meeting" in text and "Fiona Mackay" in text
    assert "Apologies" in text and "Dr Rao" in text and "Risk of serious harm" in text
    assert "What is the risk / concern?" in text and "Fire risk from hoarding" in text
    assert "Undue pressure" in text and "None recorded." in text
    assert "Nurse is the SPOC" in text and "Pause arrears letters" in text
    assert "Action due outside the period" not in text and "11 Aug 2026" in text
    assert "15 May 2026 (within 5 working days)" in text


def test_closure_record(store, case, casework, tmp_path, pdf):
    assert "The case has not been closed." in pdf.check(
        build_report(store, "closure", case.id, tmp_path / "none.pdf"), case.name)
    person = store.people.require(case.id)
    person.agencies = [AgencyInvolvement(agency="Kingdom Housing", lead_worker="Pat Reid")]
    store.people.update(person)
    store.closures.close(case.id, reason="Risk reduced", evidence="All options tried",
                         agreements=[Agreement("Pat Reid", "Kingdom Housing", date(2026, 8, 11))],
                         agencies_informed=["Links GP"], keep_in_touch=KeepInTouch("Jo", 3),
                         closed_on=date(2026, 8, 11), meeting_id=casework.id)
    text = pdf.check(build_report(store, "closure", case.id, tmp_path / "c.pdf"), case.name)
    assert "Risk reduced" in text and "All options tried" in text and "Pat Reid" in text
    assert "Every 3 months" in text and "11 Nov 2026" in text and "Links GP" in text
    assert "Senior managers' agreement" in text
    assert "Outcome sent to the Safeguarding Adults Board Not recorded" in text
    store.closures.record_follow_up(case.id, outcome_to_board_on=date(2026, 8, 20),
                                    learning="Joint visits worked",
                                    learning_shared_with="Safeguarding Adults Board",
                                    learning_shared_on=date(2026, 8, 21))
    text = pdf.check(build_report(store, "closure", case.id, tmp_path / "c2.pdf"), case.name)
    assert "Outcome sent to the Safeguarding Adults Board 20 Aug 2026" in text
    assert "Joint visits worked" in text
    outside = pdf.check(build_report(store, "closure", case.id, tmp_path / "o.pdf",
                                     since=SINCE, until=UNTIL), case.name)
    assert "Risk reduced" not in outside


def test_spoc_report_uses_casework(store, case, casework, tmp_path, pdf):
    text = pdf.check(build_report(store, "spoc", case.id, tmp_path / "s.pdf"), case.name)
    assert "since the last meeting on 12 May 2026" in text
    assert "Pause arrears letters" in text and "Overdue by" in text       # open, overdue
    assert "Kitchen fire in May" not in text                             # before the meeting
    text = pdf.check(build_report(store, "spoc", case.id, tmp_path / "s2.pdf", since=SINCE,
                                  until=UNTIL), case.name)
    assert "Kitchen fire in May" in text and "Risk assessment version 1" in text
    assert ActionStatus.OPEN.label == "Open"


def test_oxfordshire_says_primary_agency(store, case, casework, tmp_path, pdf):
    person = store.people.require(case.id)
    person.lead_agency = "Oxfordshire Adult Social Care"
    store.people.update(person)
    fife = pdf.check(build_report(store, "risk", case.id, tmp_path / "f.pdf"), case.name)
    assert "Lead agency" in fife and "Primary agency" not in fife
    store.settings.set("procedure", "oxfordshire")
    for kind in ("risk", "spoc", "plan"):
        text = pdf.check(build_report(store, kind, case.id, tmp_path / f"{kind}.pdf"), case.name)
        assert "Primary agency Oxfordshire Adult Social Care" in text, kind
        assert "Lead agency" not in text, kind
    text = pdf.check(build_meeting_report(store, casework.id, tmp_path / "m.pdf"), case.name)
    assert "Primary agency" in text
