"""Every interactive widget has an accessible name; labels have buddies; focus can reach the
controls by Tab."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLabel, QLineEdit,
    QPlainTextEdit, QTabWidget, QWidget,
)

from desktop.domain.person import Person
from desktop.ui.person.contacts_tab import ContactsTab
from tests.ui.helpers import make_window

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox,
               QPlainTextEdit, QTabWidget)


def unnamed(root: QWidget) -> list[str]:
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or not w.isVisibleTo(root):
            continue
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(w, QAbstractButton):
            continue
        # internals of composite Qt widgets (the spin box's line edit, header buttons …)
        if w.objectName().startswith("qt_") or type(w.parentWidget()).__name__ in (
                "QCalendarWidget", "QTabBar", "QHeaderView", "QAbstractSpinBox", "QDateTimeEdit",
                "QComboBox"):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), (QAbstractSpinBox,
                                                                       QComboBox)):
            continue
        if not w.accessibleName():
            missing.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}")
    return missing


def labels_without_buddy(root: QWidget) -> list[str]:
    return [lab.text() for lab in root.findChildren(QLabel)
            if "&" in lab.text().replace("&&", "") and lab.buddy() is None]


def test_setup_screen(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "s")
    assert unnamed(window.setup_page) == []
    assert labels_without_buddy(window.setup_page) == []


def test_unlock_screens(qtbot, window):
    page = window.unlock_page
    assert unnamed(page) == [] and labels_without_buddy(page) == []
    page.show_recovery()
    assert unnamed(page) == [] and labels_without_buddy(page) == []


def test_caseload_person_and_dialog(qtbot, unlocked):
    ws = unlocked.workspace
    p = unlocked.store.people.add(Person(name="Jean Whitlock"))
    assert unnamed(ws.caseload) == [] and labels_without_buddy(ws.caseload) == []
    dialog = ws.new_person()
    assert unnamed(dialog) == [] and labels_without_buddy(dialog) == []
    dialog.reject()
    view = ws.open_person(p.id)
    view.tab(ContactsTab)
    assert unnamed(view) == [] and labels_without_buddy(view) == []


def test_tab_order_through_the_quick_log_bar(qtbot, unlocked):
    p = unlocked.store.people.add(Person(name="Jean Whitlock"))
    view = unlocked.workspace.open_person(p.id, focus_log=True)
    bar = view.tab(ContactsTab).quick_log
    chain = [bar.method]
    w = bar.method
    for _ in range(3):
        w = w.nextInFocusChain()
        while w.focusPolicy() == Qt.FocusPolicy.NoFocus or not w.isEnabled():
            w = w.nextInFocusChain()
        chain.append(w)
    assert chain[:3] == [bar.method, bar.outcome, bar.note]


def test_window_title_never_shows_personal_data(qtbot, unlocked):
    p = unlocked.store.people.add(Person(name="Jean Whitlock"))
    unlocked.workspace.open_person(p.id)
    assert unlocked.windowTitle() == "Stickability"
