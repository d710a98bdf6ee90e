"""Every "Add …" and "Remove …" button in the list editors does what it says when pressed
with the mouse (it used to append ``False``: Qt passed ``checked`` into ``add(obj)``)."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.domain.meeting import MeetingKind
from desktop.domain.person import AgencyInvolvement, Person
from desktop.domain.risk import RiskLevel
from desktop.ui.casework.closure_tab import ClosureTab
from desktop.ui.casework.plan_tab import PlanTab
from desktop.ui.casework.referrals_tab import ReferralsTab
from desktop.ui.casework.risk_tab import RiskTab

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def pid(lead_store):
    return lead_store.people.add(Person(
        name="Morag Delacroix-Baird", lead_agency="Social Work",
        agencies=[AgencyInvolvement("Housing", "Kim Officer")])).id


@pytest.fixture
def errors(monkeypatch):
    """Uncaught exceptions in slots (Qt hands them to sys.excepthook) fail the test."""
    import sys
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: seen.append(exc))
    yield seen
    assert not seen, seen


def _tab(qtbot, cls, store, pid):
    tab = cls(store, pid)
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _press_add(qtbot, editor, fill: dict):
    """Press Add, type into the new row's form; the row is there and is an object."""
    before = editor.list.count()
    qtbot.mouseClick(editor.add_button, LEFT)
    assert editor.list.count() == before + 1, f"Add {editor.noun} added no row"
    assert editor.list.currentRow() == before
    for attr, text in fill.items():
        w = editor.form.widgets[attr]
        w.setFocus()
        qtbot.keyClicks(getattr(w, "edit", w), text)
    items = editor.items()
    assert not any(isinstance(i, bool) for i in items)
    return items[-1]


def _save(qtbot, dlg, label: str):
    button = next(b for b in dlg.findChildren(QDialogButtonBox)[-1].buttons()
                  if b.text().replace("&", "") == label)
    qtbot.mouseClick(button, LEFT)


def test_meeting_dialog_add_attendees_apologies_decisions_actions(qtbot, lead_store, pid, errors):
    tab = _tab(qtbot, PlanTab, lead_store, pid)
    qtbot.mouseClick(tab.new_meeting_button, LEFT)
    dlg = tab.dialog
    dlg.main_form.set_value("kind", MeetingKind.MULTI_AGENCY)
    dlg.main_form.set_value("date", date(2026, 5, 12))
    _press_add(qtbot, dlg.attendees, {"name": "Kim Officer", "agency": "Housing"})
    _press_add(qtbot, dlg.attendees, {"name": "PC Shaw", "agency": "Police"})
    _press_add(qtbot, dlg.apologies, {"name": "Dr Moir", "agency": "GP practice"})
    _press_add(qtbot, dlg.decisions, {"decision": "Nurse is the SPOC",
                                      "rationale": "She lets the nurse in",
                                      "made_by": "The group"})
    _press_add(qtbot, dlg.actions, {"what": "Pause arrears letters", "lead_person": "Kim",
                                    "lead_agency": "Housing"})
    dlg.actions.form.set_value("due", date(2026, 6, 1))
    # Remove takes the selected row away again
    _press_add(qtbot, dlg.attendees, {"name": "Wrong person"})
    qtbot.mouseClick(dlg.attendees.remove_button, LEFT)
    assert dlg.attendees.list.count() == 2
    _save(qtbot, dlg, "Save meeting")
    assert dlg.result() == dlg.DialogCode.Accepted, dlg.message.message()
    (m,) = lead_store.meetings.for_person(pid)
    assert [(a.name, a.agency) for a in m.attendees] == [("Kim Officer", "Housing"),
                                                         ("PC Shaw", "Police")]
    assert [a.name for a in m.apologies] == ["Dr Moir"]
    assert m.decisions[0].decision == "Nurse is the SPOC"
    assert [a.what for a in lead_store.actions.for_meeting(m.id)] == ["Pause arrears letters"]


def test_risk_editor_add_incident_entry_and_risk(qtbot, lead_store, pid, errors):
    tab = _tab(qtbot, RiskTab, lead_store, pid)
    qtbot.mouseClick(tab.new_button, LEFT)
    dlg = tab.dialog
    dlg.stage3.set_value("summary", "Fire risk")
    dlg.stage3.set_value("level", RiskLevel.HIGH)
    entry = _press_add(qtbot, dlg.entries, {})
    risk = _press_add(qtbot, dlg.risks, {"risk": "Kitchen fire", "risk_to_person": "burns"})
    assert entry is not None and risk.risk == "Kitchen fire"
    qtbot.mouseClick(dlg.entries.remove_button, LEFT)
    assert dlg.entries.list.count() == 0


def test_supervision_add_decision(qtbot, lead_store, pid, errors):
    tab = _tab(qtbot, ReferralsTab, lead_store, pid)
    qtbot.mouseClick(tab.add_supervision_button, LEFT)
    dlg = tab.dialog
    dlg.form.set_value("manager", "Team manager")
    _press_add(qtbot, dlg.decisions, {"decision": "Keep visiting weekly",
                                      "rationale": "She opens the door to the nurse"})
    _save(qtbot, dlg, "Save")
    assert dlg.result() == dlg.DialogCode.Accepted, dlg.message.message()
    (s,) = lead_store.supervisions.for_person(pid)
    assert [d.decision for d in s.decisions] == ["Keep visiting weekly"]


def test_closure_add_agreement(qtbot, lead_store, pid, errors):
    tab = _tab(qtbot, ClosureTab, lead_store, pid)
    _press_add(qtbot, tab.agreements, {"name": "Kim Officer", "agency": "Housing"})
    tab.agreements.form.set_value("date", date.today())
    assert "Every involved agency has agreed." in tab.agreement_state.message()
