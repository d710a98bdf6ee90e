"""Ctrl+Z undoes the last quick-logged attempt for a few seconds; after that it says there is
nothing to undo. (The clock is injected: no test waits.)"""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain.contact import ContactOutcome
from desktop.domain.person import Person
from desktop.ui.caseload.screen import Col
from desktop.ui.person.contacts_tab import ContactsTab
from desktop.ui.undo import UNDO_SECONDS


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def log_by_keyboard(qtbot, window, outcome=ContactOutcome.NO_ANSWER, note="Curtains drawn"):
    person = window.store.people.add(Person(name="Morag Delacroix-Baird"))
    ws = window.workspace
    ws.undo.clock = clock = FakeClock()
    view = ws.open_person(person.id, focus_log=True)
    tab = view.tab(ContactsTab)
    bar = tab.quick_log
    bar.outcome.setCurrentIndex(bar.outcome.findData(outcome))
    qtbot.keyClicks(bar.note, note)
    qtbot.keyClick(bar.note, Qt.Key.Key_Return)
    assert tab.model.rowCount() == 1
    return person, tab, clock


def test_ctrl_z_right_after_logging_undoes_the_attempt(qtbot, unlocked):
    person, tab, clock = log_by_keyboard(qtbot, unlocked)
    store, ws = unlocked.store, unlocked.workspace
    (attempt,) = store.attempts.timeline(person.id)
    assert "Ctrl+Z undoes it" in unlocked.statusBar().currentMessage()
    clock.now += UNDO_SECONDS - 1
    # Focus is still in the (now empty) note field: Ctrl+Z reaches the window's action.
    qtbot.keyClick(tab.quick_log.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert unlocked.statusBar().currentMessage() == "Attempt undone."
    assert store.attempts.timeline(person.id) == []
    gone = store.attempts.get(attempt.id, include_deleted=True)
    assert gone.deleted                                    # soft-deleted, restorable
    assert [e.op for e in store.attempts.history(attempt.id)] == ["upsert", "tombstone"]
    assert tab.model.rowCount() == 0                       # the timeline refreshed
    row = ws.caseload.model.row_for(person.id)
    assert ws.caseload.model.index(row, Col.LAST_CONTACT).data() == "Never"
    # The details are back in the bar to correct.
    bar = tab.quick_log
    assert bar.note.text() == "Curtains drawn"
    assert bar.outcome.currentData() is ContactOutcome.NO_ANSWER
    # Only once: a second Ctrl+Z has nothing to undo.
    qtbot.keyClick(bar.outcome, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.statusBar().currentMessage().startswith("Nothing to undo")


def test_after_the_undo_window_nothing_is_undone(qtbot, unlocked):
    person, tab, clock = log_by_keyboard(qtbot, unlocked)
    clock.now += UNDO_SECONDS + 1
    qtbot.keyClick(tab.quick_log.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.statusBar().currentMessage().startswith("Nothing to undo")
    assert len(unlocked.store.attempts.timeline(person.id)) == 1
    assert tab.model.rowCount() == 1


def test_ctrl_z_in_a_note_being_typed_undoes_the_typing_only(qtbot, unlocked):
    person, tab, clock = log_by_keyboard(qtbot, unlocked)
    bar = tab.quick_log
    qtbot.keyClicks(bar.note, "abc")
    qtbot.keyClick(bar.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(unlocked.store.attempts.timeline(person.id)) == 1    # still there
    assert bar.note.text() != "abc"                                 # the field's own undo


def test_undo_from_the_caseload_and_with_nothing_logged(qtbot, unlocked):
    ws = unlocked.workspace
    ws.caseload.table.setFocus()
    qtbot.keyClick(ws.caseload.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.statusBar().currentMessage().startswith("Nothing to undo")
    person, tab, clock = log_by_keyboard(qtbot, unlocked, ContactOutcome.SEEN_ENGAGED, "ok")
    ws.back_to_caseload()
    qtbot.keyClick(ws.caseload.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.statusBar().currentMessage() == "Attempt undone."
    assert unlocked.store.attempts.timeline(person.id) == []


def test_locking_forgets_what_could_be_undone(qtbot, unlocked):
    person, tab, clock = log_by_keyboard(qtbot, unlocked)
    unlocked.lock()
    assert not unlocked.undo_action.isEnabled()
    from tests.ui.helpers import unlock
    unlock(qtbot, unlocked)
    unlocked.workspace.undo_last_attempt()
    assert unlocked.statusBar().currentMessage().startswith("Nothing to undo")
    assert len(unlocked.store.attempts.timeline(person.id)) == 1
