"""The checklist form as a coordinator uses it, with the mouse and keys: the date starts at
today; after Save the list stays where it was, on the saved row, so the next click lands where
it is aimed; typing in a row and moving on keeps what was typed (and a lock keeps it too);
evidence under "Not yet considered" is refused with the reason."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.checklist import ChecklistStatus
from desktop.domain.person import Person
from desktop.ui.person.checklist_tab import ChecklistTab
from desktop.ui.widgets import format_date

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def pid(lead_store):
    return lead_store.people.add(Person(name="Morag Delacroix-Baird")).id


@pytest.fixture
def tab(qtbot, lead_store, pid):
    tab = ChecklistTab(lead_store, pid)
    qtbot.addWidget(tab)
    tab.resize(1000, 560)              # a small window: the list scrolls
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _node(tab, code):
    return next(n for n in tab._nodes() if n.data(0, Qt.ItemDataRole.UserRole) == code)


def click_row(qtbot, tab, code) -> None:
    node = _node(tab, code)
    tab.tree.scrollToItem(node)
    rect = tab.tree.visualItemRect(node)
    qtbot.mouseClick(tab.tree.viewport(), LEFT, pos=rect.center())
    assert tab.current_code() == code


def choose_status(qtbot, tab, status: ChecklistStatus) -> None:
    combo = tab.form.widgets["status"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() is status:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{status} not offered")


def type_evidence(qtbot, tab, text: str) -> None:
    edit = tab.form.widgets["evidence"]
    qtbot.mouseClick(edit.viewport(), LEFT)
    qtbot.keyClicks(edit, text)


def test_the_date_starts_at_today(qtbot, tab):
    click_row(qtbot, tab, "12")
    assert tab.form.widgets["date"].edit.text() == date.today().strftime("%d/%m/%Y")


def test_after_save_the_list_stays_and_the_next_click_lands_where_aimed(
        qtbot, tab, lead_store, pid):
    click_row(qtbot, tab, "12")
    scrolled = tab.tree.verticalScrollBar().value()
    assert scrolled > 0                         # far enough down for the list to scroll
    choose_status(qtbot, tab, ChecklistStatus.CONSIDERED)
    type_evidence(qtbot, tab, "Benefits check with welfare rights")
    qtbot.mouseClick(tab.save_button, LEFT)
    QApplication.processEvents()
    assert "Saved: 12." in tab.message.message()
    assert tab.current_code() == "12"
    assert tab.tree.verticalScrollBar().value() == scrolled
    tab.refresh()                               # as the workspace does after a store change
    assert tab.current_code() == "12" and "Saved: 12." in tab.message.message()
    assert tab.tree.verticalScrollBar().value() == scrolled
    node = _node(tab, "12")
    assert node.text(1) == "Considered" and node.text(2) == format_date(date.today())
    click_row(qtbot, tab, "13")                 # the next click: the row below, not another
    type_evidence(qtbot, tab, "Housing options discussed")
    choose_status(qtbot, tab, ChecklistStatus.REFERRED)
    qtbot.mouseClick(tab.save_button, LEFT)
    rows = lead_store.checklist.current(pid)
    assert rows["12"].evidence == "Benefits check with welfare rights"
    assert rows["13"].evidence == "Housing options discussed"
    assert rows["12"].date == rows["13"].date == date.today()


def test_typed_text_stays_with_its_row_and_survives_a_lock(qtbot, tab, lead_store, pid):
    click_row(qtbot, tab, "3")
    type_evidence(qtbot, tab, "Talked about a befriender")
    click_row(qtbot, tab, "5")
    assert tab.form.widgets["evidence"].toPlainText() == ""
    assert _node(tab, "3").text(1).endswith("not saved")
    click_row(qtbot, tab, "3")
    assert tab.form.widgets["evidence"].toPlainText() == "Talked about a befriender"
    assert "not saved yet" in tab.message.message()
    assert lead_store.checklist.current(pid) == {}

    tab.save_draft()                             # what the workspace does before a lock
    again = ChecklistTab(lead_store, pid)
    qtbot.addWidget(again)
    again.select("3")
    assert again.form.widgets["evidence"].toPlainText() == "Talked about a befriender"

    choose_status(qtbot, tab, ChecklistStatus.CONSIDERED)
    qtbot.mouseClick(tab.save_button, LEFT)
    assert lead_store.checklist.current(pid)["3"].evidence == "Talked about a befriender"
    assert not _node(tab, "3").text(1).endswith("not saved")
    tab.keeper.flush()
    assert lead_store.drafts.load("checklist", pid) is None     # nothing left unsaved


def test_evidence_under_not_yet_considered_is_refused(qtbot, tab, lead_store, pid):
    click_row(qtbot, tab, "6")
    assert tab.form.value("status") is ChecklistStatus.NOT_YET_CONSIDERED
    type_evidence(qtbot, tab, "Spoke to her about her routines")
    qtbot.mouseClick(tab.save_button, LEFT)
    message = tab.message.message()
    assert "still says 'Not yet considered'" in message and "Choose the status" in message
    assert QApplication.focusWidget() is tab.form.widgets["status"]
    assert lead_store.checklist.current(pid) == {}
    assert tab.form.widgets["evidence"].toPlainText() == "Spoke to her about her routines"
