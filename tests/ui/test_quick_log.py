"""Ctrl+N, method, outcome, note, Enter: the attempt shows at once in the timeline, the
database and the caseload."""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.ui.caseload.screen import Col
from desktop.ui.person.contacts_tab import ContactsTab


def add_and_open(window, name="Morag Delacroix-Baird"):
    person = window.store.people.add(Person(name=name, known_as="Morag"))
    window.workspace.caseload.select(person.id)
    return person


def test_ctrl_n_log_attempt_shows_everywhere(qtbot, unlocked):
    person = add_and_open(unlocked)
    ws = unlocked.workspace
    row = ws.caseload.model.row_for(person.id)
    assert ws.caseload.model.index(row, Col.LAST_CONTACT).data() == "Never"

    # Ctrl+N from the caseload opens the selected person with the quick-log bar focused.
    ws.caseload.table.setFocus()
    qtbot.keyClick(ws.caseload.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert ws.showing_person()
    tab = ws.person_view.tab(ContactsTab)
    bar = tab.quick_log
    assert QApplication.focusWidget() is bar.method

    bar.method.setCurrentIndex(bar.method.findData(ContactMethod.HOME_VISIT))
    bar.outcome.setCurrentIndex(bar.outcome.findData(ContactOutcome.NO_ANSWER))
    qtbot.keyClicks(bar.note, "Curtains drawn")
    qtbot.keyClick(bar.note, Qt.Key.Key_Return)

    stored = unlocked.store.attempts.timeline(person.id)
    assert [(a.method, a.outcome, a.note, a.worker) for a in stored] == [
        (ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER, "Curtains drawn", "Sam Outreach")]
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 2).data() == "No answer"
    assert tab.model.index(0, 3).data() == "Curtains drawn"
    # The caseload behind the person's screen catches up from the change signal when it is
    # shown again (Esc: back to the caseload).
    assert ws.caseload.model.index(row, Col.LAST_CONTACT).data() == "Never"
    qtbot.keyClick(bar.note, Qt.Key.Key_Escape)
    if ws.showing_person():
        qtbot.mouseClick(ws.person_view.back_button, Qt.MouseButton.LeftButton)
    assert not ws.showing_person()
    model = ws.caseload.model
    row = model.row_for(person.id)
    assert model.index(row, Col.LAST_CONTACT).data() != "Never"
    assert model.rows[row].last_contact == stored[0].at
    assert model.index(row, Col.UNSUCCESSFUL).data() == "1"
    # The bar cleared, the status bar confirmed, no personal data in it.
    assert bar.note.text() == "" and bar.outcome.currentIndex() == -1
    status = unlocked.statusBar().currentMessage()
    assert status.startswith("Contact attempt logged") and "Morag" not in status


def test_ctrl_n_inside_person_screen_focuses_bar(qtbot, unlocked):
    person = add_and_open(unlocked)
    ws = unlocked.workspace
    view = ws.open_person(person.id)
    view.back_button.setFocus()
    qtbot.keyClick(view.back_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.tab(ContactsTab).quick_log.method


def test_enter_without_outcome_asks_for_it(qtbot, unlocked):
    person = add_and_open(unlocked)
    view = unlocked.workspace.open_person(person.id, focus_log=True)
    bar = view.tab(ContactsTab).quick_log
    bar.note.setText("Knocked twice")
    qtbot.keyClick(bar.note, Qt.Key.Key_Return)
    assert "Choose the outcome" in bar.message.message()
    assert bar.note.text() == "Knocked twice"
    assert unlocked.store.attempts.timeline(person.id) == []


def test_attempt_logged_after_the_fact_with_next_date(qtbot, unlocked):
    person = add_and_open(unlocked)
    view = unlocked.workspace.open_person(person.id, focus_log=True)
    tab = view.tab(ContactsTab)
    bar = tab.quick_log
    bar.outcome.setFocus()
    while bar.outcome.currentData() is not ContactOutcome.SEEN_ENGAGED:   # arrow keys
        qtbot.keyClick(bar.outcome, Qt.Key.Key_Down)
    bar.later.setFocus()
    qtbot.keyClick(bar.later, Qt.Key.Key_Space)                          # "Logged later"
    earlier = QDateTime.currentDateTime().addDays(-2)
    bar.at.setDateTime(earlier)
    next_day = (datetime.now() + timedelta(days=7)).date()
    bar.next_due.edit.setFocus()
    qtbot.keyClicks(bar.next_due.edit, next_day.strftime("%d/%m/%Y"))
    qtbot.mouseClick(bar.save_button, Qt.MouseButton.LeftButton)
    (a,) = unlocked.store.attempts.timeline(person.id)
    assert abs((a.at - earlier.toPython().astimezone()).total_seconds()) < 60
    assert a.next_planned_at.astimezone().date() == next_day
    assert "last seen" in tab.summary.text()
    qtbot.mouseClick(unlocked.workspace.person_view.back_button, Qt.MouseButton.LeftButton)
    row = unlocked.workspace.caseload.model.rows[0]
    assert row.next_due is not None and row.unsuccessful_since_seen == 0
    assert "last seen" in tab.summary.text()


def test_typing_s_in_the_outcome_picks_seen_and_the_tick_is_an_icon(qtbot, unlocked):
    """A seen visit was saved as "Safe message left": the tick was in the text, so "s" skipped
    "✓ Seen and engaged". The tick is an icon now; first letters reach the first word."""
    person = add_and_open(unlocked)
    ws = unlocked.workspace
    ws.caseload.table.setFocus()
    qtbot.keyClick(ws.caseload.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    bar = ws.person_view.tab(ContactsTab).quick_log
    bar.outcome.setFocus()
    qtbot.keyClick(bar.outcome, Qt.Key.Key_S)
    assert bar.outcome.currentData() is ContactOutcome.SEEN_ENGAGED
    assert not bar.outcome.itemIcon(bar.outcome.currentIndex()).isNull()
    assert "✓" not in bar.outcome.currentText()
    qtbot.keyClicks(bar.note, "Let me in")
    qtbot.keyClick(bar.note, Qt.Key.Key_Return)
    (attempt,) = unlocked.store.attempts.timeline(person.id)
    assert attempt.outcome is ContactOutcome.SEEN_ENGAGED
