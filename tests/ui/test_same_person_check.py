"""Adding a person asks "Is this the same person as …?" when someone on file may be."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.person import Person
from desktop.store.duplicates import find_duplicates


def _type_new(qtbot, dialog, name: str, dob: str = "") -> None:
    qtbot.keyClicks(dialog.name_edit, name)
    if dob:
        qtbot.keyClicks(dialog.dob.edit, dob)


def test_open_the_person_on_file_instead_of_adding(qtbot, unlocked):
    store = unlocked.store
    on_file = store.people.add(Person(name="Morag Delacroix-Baird",
                                      date_of_birth=date(1959, 3, 1)))
    store.people.add(Person(name="Fiona Blackwood", date_of_birth=date(1959, 3, 1)))
    ws = unlocked.workspace
    qtbot.mouseClick(ws.caseload.add_button, Qt.MouseButton.LeftButton)
    dialog = QApplication.activeModalWidget()
    _type_new(qtbot, dialog, "Morag Delacroix Baird", "01/03/1959")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.same_list.isVisible()
    assert dialog.same_list.count() == 1
    text = dialog.same_list.item(0).text()
    assert "Morag Delacroix-Baird" in text and "apart from a hyphen" in text
    assert dialog.save_button.text() == "&Add as a new person"
    qtbot.mouseClick(dialog.open_existing_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert len(store.people.where()) == 2                      # nobody added
    assert ws.caseload.current_id() == on_file.id


def test_add_as_a_new_person_after_the_check_is_remembered(qtbot, unlocked):
    store = unlocked.store
    store.people.add(Person(name="Callum Strachan"))            # no date of birth on file
    qtbot.mouseClick(unlocked.workspace.caseload.add_button, Qt.MouseButton.LeftButton)
    dialog = QApplication.activeModalWidget()
    _type_new(qtbot, dialog, "Callum Strachan", "14/07/1980")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.same_list.count() == 1 and "no date of birth" in \
        dialog.same_list.item(0).text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)   # a different person
    assert not dialog.isVisible()
    assert len(store.people.where("name = 'Callum Strachan'")) == 2
    assert find_duplicates(store) == []                          # not offered again


def test_no_question_when_nobody_on_file_is_alike(qtbot, unlocked):
    store = unlocked.store
    store.people.add(Person(name="Fiona Blackwood", date_of_birth=date(1959, 3, 1)))
    qtbot.mouseClick(unlocked.workspace.caseload.add_button, Qt.MouseButton.LeftButton)
    dialog = QApplication.activeModalWidget()
    _type_new(qtbot, dialog, "Morag Blackwood", "01/03/1959")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible() and len(store.people.where()) == 2
