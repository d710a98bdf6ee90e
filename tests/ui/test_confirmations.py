"""Destructive buttons ask first (a non-blocking question; Cancel is the default) and do
nothing until the worker agrees."""
from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.synthetic import case_study
from desktop.ui.person.barriers_tab import BarriersTab
from desktop.ui.forms.draft_offers import DraftsDialog
from desktop.ui.person.goals_tab import GoalsTab
from desktop.ui.person.overview_tab import OverviewTab

LEFT = Qt.MouseButton.LeftButton


def question() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1, "expected one question"
    box = boxes[0]
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    return box


def answer(box: QMessageBox, yes: bool) -> None:
    if yes:
        QTest.mouseClick(next(b for b in box.buttons()
                              if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole), LEFT)
    else:
        QTest.mouseClick(box.button(QMessageBox.StandardButton.Cancel), LEFT)
    QApplication.processEvents()


@pytest.fixture
def case(qtbot, unlocked):
    pid = case_study.seed(unlocked.store)
    return unlocked, unlocked.workspace.open_person(pid), pid


def test_deleting_a_goal_asks_first(qtbot, case):
    window, view, pid = case
    tab = view.show_tab(GoalsTab)
    store = window.store
    before = len(store.goals.for_person(pid))
    QTest.mouseClick(tab.delete_button, LEFT)
    box = question()
    assert "restore it" in box.text()
    answer(box, yes=False)
    assert len(store.goals.for_person(pid)) == before
    QTest.mouseClick(tab.delete_button, LEFT)
    answer(question(), yes=True)
    assert len(store.goals.for_person(pid)) == before - 1
    assert len(store.goals.deleted_by_me(pid)) == 1


def test_deleting_a_barrier_asks_first_and_restoring_too(qtbot, case):
    window, view, pid = case
    store = window.store
    tab = view.show_tab(BarriersTab)
    before = len(store.barriers.for_person(pid))
    tab.barrier_table.selectRow(0)
    QTest.mouseClick(tab.delete_barrier_button, LEFT)
    answer(question(), yes=False)
    assert len(store.barriers.for_person(pid)) == before
    QTest.mouseClick(tab.delete_barrier_button, LEFT)
    answer(question(), yes=True)
    assert len(store.barriers.for_person(pid)) == before - 1

    overview = view.show_tab(OverviewTab)
    QTest.mouseClick(overview.restore_button, LEFT)
    restore = overview.dialogs[-1]
    QTest.mouseClick(restore.restore_button, LEFT)
    answer(question(), yes=False)
    assert len(store.barriers.for_person(pid)) == before - 1
    QTest.mouseClick(restore.restore_button, LEFT)
    answer(question(), yes=True)
    assert len(store.barriers.for_person(pid)) == before
    restore.reject()


def test_discarding_typed_work_asks_first(qtbot, case):
    window, view, pid = case
    store = window.store
    tab = view.show_tab(GoalsTab)
    dialog = tab.new_goal()
    QTest.mouseClick(dialog.discard_button, LEFT)      # nothing typed: closes, no question
    QApplication.processEvents()
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]

    dialog = tab.new_goal()
    title = dialog.f["title"]
    title.setText("Walk to the shop")
    QTest.mouseClick(dialog.discard_button, LEFT)
    answer(question(), yes=False)
    assert dialog.isVisible() and title.text() == "Walk to the shop"
    key = dialog.form_key
    dialog.reject()                          # closing keeps a draft
    assert store.drafts.get(key, pid) is not None

    drafts = DraftsDialog(store, [store.drafts.get(key, pid)], window)
    drafts.show()
    QTest.mouseClick(drafts.discard_button, LEFT)
    answer(question(), yes=False)
    assert store.drafts.get(key, pid) is not None
    QTest.mouseClick(drafts.discard_button, LEFT)
    answer(question(), yes=True)
    assert store.drafts.get(key, pid) is None
