"""Casework tabs used with the keyboard alone: the checklist and a meeting with a decision and
an action, from the first key press to the stored records."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.domain.checklist import ChecklistStatus
from desktop.domain.meeting import MeetingKind
from desktop.domain.person import AgencyInvolvement, Person
from desktop.ui.person.checklist_tab import ChecklistTab
from desktop.ui.person.plan_tab import PlanTab


@pytest.fixture
def pid(lead_store):
    return lead_store.people.add(Person(name="Morag Delacroix-Baird", agencies=[
        AgencyInvolvement(agency="Housing", lead_worker="Kim Officer")])).id


def _tab(qtbot, cls, store, pid):
    tab = cls(store, pid)
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


# ---------------------------------------------------------------- keyboard only
def _keys(qtbot, *keys):
    """Press keys wherever the focus is, as a keyboard-only worker would."""
    for k in keys:
        key, mod = k if isinstance(k, tuple) else (k, Qt.KeyboardModifier.NoModifier)
        qtbot.keyClick(_focus(), key, mod)


def _type(qtbot, text):
    qtbot.keyClicks(_focus(), text)


def _focus() -> QWidget:
    QApplication.processEvents()
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard focus"
    return w


def _activate(qtbot, widget) -> None:
    with qtbot.waitActive(widget):
        widget.activateWindow()


TAB, DOWN, SPACE, INSERT = Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_Insert
CTRL_TAB = (Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
SELECT_ALL = (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def _focused(name):
    w = _focus()
    assert w.accessibleName() == name, (type(w).__name__, w.accessibleName())


def test_keyboard_only_checklist(qtbot, lead_store, pid):
    tab = _tab(qtbot, ChecklistTab, lead_store, pid)
    _activate(qtbot, tab)
    tab.tree.setFocus()
    _keys(qtbot, *[DOWN] * 9)                          # 1, 2, 2.c, 2.o, 3 … 7, 7 GP
    assert tab.current_code() == "7.gp"
    _keys(qtbot, TAB, DOWN, DOWN)                      # Status: Offered
    _focused("Status")
    assert tab.form.value("status") is ChecklistStatus.OFFERED
    _keys(qtbot, TAB, TAB, TAB, TAB, TAB, SPACE)       # straight to Save: refused
    assert "A tick is not sufficient" in tab.message.message()
    assert lead_store.checklist.current(pid) == {}
    _keys(qtbot, (Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier))
    _focused("By whom")
    for _ in range(3):
        _keys(qtbot, (Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier))
    _focused("Evidence")
    _type(qtbot, "Letter and call to the practice")
    _keys(qtbot, TAB)
    _type(qtbot, "Attends diabetic review")
    _keys(qtbot, TAB)
    _focused("Date")
    _type(qtbot, "02/05/2026")
    _keys(qtbot, TAB, TAB)
    _focused("Save checklist item")
    _keys(qtbot, SPACE)
    row = lead_store.checklist.current(pid)["7.gp"]
    assert (row.status, row.evidence, row.measure, row.date) == (
        ChecklistStatus.OFFERED, "Letter and call to the practice", "Attends diabetic review",
        date(2026, 5, 2))


def test_keyboard_only_meeting_with_a_decision_and_an_action(qtbot, lead_store, pid):
    tab = _tab(qtbot, PlanTab, lead_store, pid)
    _activate(qtbot, tab)
    tab.new_meeting_button.setFocus()
    _keys(qtbot, SPACE)                                # New meeting…
    dlg = tab.dialog
    assert dlg.isVisible()
    _keys(qtbot, TAB, DOWN)                            # Kind: engagement escalation
    _focused("Kind of meeting")
    _keys(qtbot, TAB, SELECT_ALL)
    _type(qtbot, "12/05/2026")
    _keys(qtbot, TAB, TAB)
    _focused("Chair")
    _type(qtbot, "Service manager")
    _keys(qtbot, TAB)
    _type(qtbot, "Team admin")
    _keys(qtbot, *[CTRL_TAB] * 4)                      # Decisions page
    _focused("Decision list")
    _keys(qtbot, INSERT)                               # add a decision
    _focused("Decision")
    _type(qtbot, "The community nurse is the SPOC")
    _keys(qtbot, TAB)
    _type(qtbot, "She lets the nurse in to dress her leg")
    _keys(qtbot, TAB)
    _type(qtbot, "The group")
    _keys(qtbot, CTRL_TAB)                             # Actions page
    _focused("Action list")
    _keys(qtbot, INSERT)
    _type(qtbot, "Pause arrears letters")
    _keys(qtbot, TAB)
    _type(qtbot, "Kim Officer")
    _keys(qtbot, TAB)
    _type(qtbot, "Housing")
    _keys(qtbot, TAB, SELECT_ALL)
    _focused("Due")
    _type(qtbot, "19/05/2026")
    _keys(qtbot, Qt.Key.Key_Return)                    # Enter saves the dialog
    assert not dlg.isVisible(), dlg.message.message()
    (m,) = lead_store.meetings.for_person(pid)
    assert (m.kind, m.date, m.chair, m.minute_taker) == (
        MeetingKind.ENGAGEMENT_ESCALATION, date(2026, 5, 12), "Service manager", "Team admin")
    assert m.next_review == date(2026, 8, 12)
    assert [(d.decision, d.made_by) for d in m.decisions] == [
        ("The community nurse is the SPOC", "The group")]
    (a,) = lead_store.actions.for_meeting(m.id)
    assert (a.what, a.lead_person, a.lead_agency, a.due) == (
        "Pause arrears letters", "Kim Officer", "Housing", date(2026, 5, 19))


def test_tab_passes_through_a_date_field(qtbot):
    """Regression: the calendar popup split the focus chain and Tab could not leave a date."""
    from PySide6.QtWidgets import QVBoxLayout

    from desktop.ui.widgets import OptionalDateEdit
    host = QWidget()
    qtbot.addWidget(host)
    col = QVBoxLayout(host)
    before, when, after = QLineEdit(), OptionalDateEdit(), QLineEdit()
    for w in (before, when, after):
        col.addWidget(w)
    host.show()
    _activate(qtbot, host)
    before.setFocus()
    _keys(qtbot, TAB)
    assert QApplication.focusWidget() is when.edit
    _keys(qtbot, TAB)
    assert QApplication.focusWidget() is after
