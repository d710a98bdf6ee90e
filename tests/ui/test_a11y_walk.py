"""The accessibility walk: every window, dialog and person tab reachable now, with a real case
loaded (the fictional case study) in both roles. Each must name every interactive control
(``tests/ui/a11y.py``) and let Tab reach every enabled input without a trap
(``tests/ui/a11y_walk.py``). Dialogs opened from a tab's "…" buttons are walked too, so new tabs
and their dialogs are covered as soon as they are registered in ``TABS``.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication, QDialog, QFileDialog, QMessageBox, QProgressDialog, QPushButton, QTabWidget,
    QWidget,
)

from desktop.domain.person import Person
from desktop.store.store import Store
from desktop.synthetic import case_study
from desktop.ui import ops
from desktop.ui.person import tabs as registry
from tests.conftest import PASSPHRASE
from tests.ui.a11y import unnamed_controls
from tests.ui.a11y_walk import tab_walk
from tests.ui.helpers import make_window

from PySide6.QtPrintSupport import QPrintDialog  # noqa: E402

QT_OWN = (QFileDialog, QMessageBox, QProgressDialog, QPrintDialog)   # Qt's dialogs are Qt's business


@pytest.fixture(autouse=True)
def _close_blocking_file_dialogs():
    """A button may end in a file dialog run modally (e.g. saving a PDF): close it."""
    def close():
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QFileDialog):
            modal.reject()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(close)
    timer.start()
    yield
    timer.stop()


def check(qtbot, widget: QWidget, what: str) -> None:
    """Every page of every tab widget in ``widget``: named controls, a Tab route to all."""
    pages = [(None, -1)]
    shown = {}
    for tabs in widget.findChildren(QTabWidget):
        if tabs.isVisibleTo(widget) and tabs.window() is widget.window():
            shown[tabs] = tabs.currentIndex()
            pages += [(tabs, i) for i in range(tabs.count())
                      if tabs.isTabEnabled(i) and i != tabs.currentIndex()]
    for tabs, index in pages:
        where = what if tabs is None else f"{what} / {tabs.tabText(index)}"
        if tabs is not None:
            if not tabs.isVisibleTo(widget):
                continue
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
        assert unnamed_controls(widget) == [], where
        walk = tab_walk(qtbot, widget)
        assert walk.ok, f"{where}:\n{walk.report()}"
    for tabs, index in shown.items():        # leave it as it was
        tabs.setCurrentIndex(index)


def open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible()]


def walk_dialogs_from_buttons(qtbot, area: QWidget, what: str) -> int:
    """Click every enabled "…" button under ``area`` and check the dialog it opens."""
    checked = 0
    buttons = [b for b in area.findChildren(QPushButton)
               if b.isVisibleTo(area) and b.isEnabled() and b.text().rstrip().endswith("…")]
    for button in buttons:
        if not (button.isVisible() and button.isEnabled()):
            continue
        before = set(map(id, open_dialogs()))
        button.click()
        ops.wait_for_all()
        QApplication.processEvents()
        for dialog in [d for d in open_dialogs() if id(d) not in before]:
            if not isinstance(dialog, QT_OWN):
                check(qtbot, dialog, f"{what} → {button.text().replace('&', '')}")
                checked += 1
            dialog.reject()
            QApplication.processEvents()
    return checked


@pytest.fixture(params=["field", "lead"])
def case_window(request, qtbot, tmp_path):
    store, _ = Store.create(tmp_path / request.param, PASSPHRASE, role=request.param,
                            worker="Sam Taylor", agency="Community Nursing")
    person_id = case_study.seed(store)
    window = make_window(qtbot, tmp_path / request.param, auto_unlock=False)
    window.open_workspace(store)
    qtbot.waitUntil(lambda: window.workspace is not None)
    yield window, person_id
    window.lock()


def test_locked_screens(qtbot, window, tmp_path):
    check(qtbot, window, "unlock")
    window.unlock_page.show_recovery()
    check(qtbot, window, "unlock with the recovery code")
    setup = make_window(qtbot, tmp_path / "new-store")
    check(qtbot, setup, "first-run setup")


def test_caseload_empty_and_full(qtbot, unlocked):
    check(qtbot, unlocked, "empty caseload")
    unlocked.store.people.add(Person(name="Jean Whitlock"))
    check(qtbot, unlocked, "caseload")


def test_every_person_tab_and_its_dialogs(qtbot, case_window):
    window, person_id = case_window
    view = window.workspace.open_person(person_id)
    dialogs = 0
    for cls in registry.TABS:
        view.show_tab(cls)
        QApplication.processEvents()
        check(qtbot, window, f"person tab {cls.TITLE}")
        dialogs += walk_dialogs_from_buttons(qtbot, view.current_tab(), f"tab {cls.TITLE}")
    dialogs += walk_dialogs_from_buttons(qtbot, view, "person screen")
    assert dialogs >= 1            # at least "Edit details…"


def test_window_dialogs(qtbot, case_window):
    window, person_id = case_window
    openers = {"settings": "show_settings", "sync": "show_sync", "enrolment": "show_enrolment",
               "keyboard shortcuts": "show_shortcuts", "help": "show_help", "about": "show_about"}
    seen = 0
    for what, attr in openers.items():
        opener = getattr(window, attr, None)
        if opener is None:
            continue
        before = set(map(id, open_dialogs()))
        opener()
        QApplication.processEvents()
        for dialog in [d for d in open_dialogs() if id(d) not in before]:
            if not isinstance(dialog, QT_OWN):
                check(qtbot, dialog, what)
                seen += 1
            dialog.reject()
    assert seen >= 2
    for dialog in (window.workspace.new_person(), window.workspace.edit_person(person_id)):
        check(qtbot, dialog, dialog.windowTitle())
        dialog.reject()


def test_sync_screens_with_an_enrolled_device(qtbot, tmp_path):
    from tests.sync.helpers import enrol_pair, make_store
    lead = make_store(tmp_path / "lead", "lead", "Fiona Grant", "Social Work")
    field = make_store(tmp_path / "field", "field", "Sam Taylor", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    field.lock()
    window = make_window(qtbot, tmp_path / "lead", auto_unlock=False)
    window.open_workspace(lead)
    for opener in (window.show_sync, window.show_enrolment):
        dialog = opener()
        QApplication.processEvents()
        check(qtbot, dialog, dialog.windowTitle())
        dialog.reject()
    window.lock()
