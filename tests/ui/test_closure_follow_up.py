"""After closure, by keyboard: the outcome sent to the Safeguarding Adults Board (Oxfordshire
prompts for it) and the learning shared, saved on the closure record; a date before the
closure is refused and nothing changes."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.closure import Agreement
from desktop.domain.person import AgencyInvolvement, Person
from desktop.ui.person.closure_tab import ClosureTab
from tests.ui.kbd import CTRL, K, alt, press, type_


def _closed_case(store):
    pid = store.people.add(Person(name="Morag Delacroix-Baird", agencies=[
        AgencyInvolvement(agency="Housing", lead_worker="Kim Officer")])).id
    store.closures.close(pid, reason="Risk reduced", evidence="All options tried",
                         agreements=[Agreement("Kim Officer", "Housing",
                                               date.today() - timedelta(days=3))],
                         closed_on=date.today() - timedelta(days=2))
    return pid


def _codes(store, pid):
    from desktop.store.alerts import alerts_for
    return [a.code for a in alerts_for(store, pid)]


def _keys(qtbot, widget, text):
    press(K.Key_A, CTRL)
    type_(text)


def test_after_closure_board_and_learning_by_keyboard(qtbot, lead_store):
    lead_store.settings.set("procedure", "oxfordshire")
    pid = _closed_case(lead_store)
    assert "outcome_to_board" in _codes(lead_store, pid)
    tab = ClosureTab(lead_store, pid)
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=3000)
    f = tab.follow_up
    f.save_button.setFocus()
    assert f.isVisible() and tab.follow_up_area.isVisible() and tab.form_area.isHidden()
    widgets = f.form.widgets
    before = (date.today() - timedelta(days=5)).strftime("%d/%m/%Y")
    today = date.today().strftime("%d/%m/%Y")

    alt("o")                                                             # Outcome … &on
    focused = QApplication.focusWidget()
    assert focused is widgets["outcome_to_board_on"] or \
        widgets["outcome_to_board_on"].isAncestorOf(focused), focused
    _keys(qtbot, widgets["outcome_to_board_on"], before)
    qtbot.mouseClick(f.save_button, Qt.MouseButton.LeftButton)
    assert "before the case closed" in f.message.message()
    assert lead_store.closures.current(pid).outcome_to_board_on is None

    alt("o")
    _keys(qtbot, widgets["outcome_to_board_on"], today)
    alt("l")                                                             # &Learning
    type_("Joint visits with the GP worked where letters did not")
    alt("w")                                                             # Shared &with
    type_("Safeguarding Adults Board")
    alt("n")                                                             # Shared o&n
    _keys(qtbot, widgets["learning_shared_on"], today)
    alt("v")                                                             # Sa&ve
    c = lead_store.closures.current(pid)
    assert c.outcome_to_board_on == date.today() and c.learning_shared_on == date.today()
    assert c.learning.startswith("Joint visits") and c.learning_shared_with == \
        "Safeguarding Adults Board"
    assert c.reason == "Risk reduced"                                    # the rest untouched
    assert "outcome_to_board" not in _codes(lead_store, pid)
    assert len(lead_store.closures.history(c.id)) >= 2                   # the old values kept


def test_no_board_prompt_where_the_procedure_does_not_ask(lead_store):
    pid = _closed_case(lead_store)                                       # Fife (the default)
    assert "outcome_to_board" not in _codes(lead_store, pid)
