"""The caseload: add and edit a person, search, status filter, sorting, empty states."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.ids import utc_now
from desktop.domain.person import CaseStatus, Person
from desktop.ui.caseload.screen import Col, ID_ROLE

LEFT = Qt.MouseButton.LeftButton


def shown_names(view) -> list[str]:
    p = view.model
    return [p.index(r, Col.NAME).data() for r in range(p.rowCount())]


def test_empty_state_says_what_to_do(qtbot, unlocked):
    view = unlocked.workspace.caseload
    assert view.body.currentWidget() is view.empty
    assert "No one is on your caseload yet" in view.empty_title.text()
    assert "Ctrl+Shift+N" in view.empty_text.text()


def test_add_person_through_the_dialog(qtbot, unlocked):
    ws = unlocked.workspace
    view = ws.caseload
    qtbot.mouseClick(view.add_button, LEFT)
    dialog = QApplication.activeModalWidget()
    assert dialog.windowTitle() == "New person"
    for edit, text in ((dialog.name_edit, "Morag Delacroix-Baird"), (dialog.known_as, "Morag"),
                       (dialog.dob.edit, "03/02/1958"), (dialog.address, "Flat 2, 14 Harbour Row")):
        qtbot.mouseClick(edit if edit is not dialog.address else edit.viewport(), LEFT)
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()

    people = unlocked.store.people.where()
    assert [(p.name, p.known_as, p.date_of_birth, p.address) for p in people] == [
        ("Morag Delacroix-Baird", "Morag", date(1958, 2, 3), "Flat 2, 14 Harbour Row")]
    assert shown_names(view) == ["Morag Delacroix-Baird (Morag)"]
    assert view.current_id() == people[0].id
    assert view.model.index(0, Col.LAST_CONTACT).data() == "Never"
    # Added on a field device: the worker is the adult's single point of contact.
    assert view.model.index(0, Col.SPOC).data() == "Sam Outreach (Community Nursing)"


def _retype(qtbot, edit, text: str) -> None:
    qtbot.mouseClick(edit, LEFT)
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def test_dialog_keeps_input_on_error(qtbot, unlocked):
    qtbot.mouseClick(unlocked.workspace.caseload.add_button, LEFT)
    dialog = QApplication.activeModalWidget()
    _retype(qtbot, dialog.known_as, "Aga")
    _retype(qtbot, dialog.dob.edit, "31/02/1990")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible() and "not a date" in dialog.message.message()
    _retype(qtbot, dialog.dob.edit, f"{(date.today() + timedelta(days=2)):%d/%m/%Y}")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible() and "needs a name" in dialog.message.message()
    _retype(qtbot, dialog.name_edit, "Agnieszka Nowak")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible() and "future" in dialog.message.message()
    assert dialog.known_as.text() == "Aga"             # nothing typed is lost
    assert unlocked.store.people.where() == []


def test_edit_person(qtbot, unlocked):
    store = unlocked.store
    p = store.people.add(Person(name="Peter Okonkwo"))
    ws = unlocked.workspace
    ws.caseload.select(p.id)
    qtbot.mouseClick(ws.caseload.edit_button, LEFT)
    dialog = QApplication.activeModalWidget()
    assert dialog.name_edit.text() == "Peter Okonkwo"
    _retype(qtbot, dialog.known_as, "Pete")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert store.people.require(p.id).known_as == "Pete"
    assert shown_names(ws.caseload) == ["Peter Okonkwo (Pete)"]


def test_search_status_filter_and_sort(qtbot, unlocked):
    store = unlocked.store
    now = utc_now()
    a = store.people.add(Person(name="Agnieszka Nowak", known_as="Aga"))
    b = store.people.add(Person(name="Thomas Reilly", known_as="Tam",
                                status=CaseStatus.ESCALATED))
    c = store.people.add(Person(name="Jean Whitlock", status=CaseStatus.CLOSED))
    store.attempts.log(a.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, at=now)
    store.attempts.log(b.id, ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER,
                       at=now - timedelta(days=3))
    view = unlocked.workspace.caseload
    # Active cases by default: the closed case is hidden.
    assert shown_names(view) == ["Agnieszka Nowak (Aga)", "Thomas Reilly (Tam)"]

    def show(text):                                  # Alt+W, then the arrow keys
        qtbot.keyClick(view.search, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is view.status_filter
        qtbot.keyClick(view.status_filter, Qt.Key.Key_Home)
        while view.status_filter.currentText() != text:
            qtbot.keyClick(view.status_filter, Qt.Key.Key_Down)
    view.search.setFocus()
    show("All cases")
    assert len(shown_names(view)) == 3
    show("Closed")
    assert shown_names(view) == ["Jean Whitlock"]
    show("All cases")

    qtbot.keyClicks(view.search, "tam")              # known-as matches too
    assert shown_names(view) == ["Thomas Reilly (Tam)"]
    qtbot.keyClick(view.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.search, "zzz")
    assert view.body.currentWidget() is view.empty and "No one matches" in \
        view.empty_title.text()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)   # clears the search
    assert view.search.text() == ""

    view.table.sortByColumn(Col.LAST_CONTACT, Qt.SortOrder.AscendingOrder)
    ids = [view.model.index(r, 0).data(ID_ROLE) for r in range(3)]
    assert ids == [c.id, b.id, a.id]                 # never contacted first, then oldest


def test_ctrl_f_focuses_search(qtbot, unlocked):
    unlocked.find_action.trigger()
    assert QApplication.focusWidget() is unlocked.workspace.caseload.search


def test_enter_opens_the_selected_person(qtbot, unlocked):
    p = unlocked.store.people.add(Person(name="Jean Whitlock"))
    view = unlocked.workspace.caseload
    view.select(p.id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    ws = unlocked.workspace
    assert ws.showing_person() and ws.person_view.person_id == p.id
    assert ws.person_view.name_label.text() == "Jean Whitlock"
    unlocked.back_action.trigger()
    assert not ws.showing_person() and view.current_id() == p.id
