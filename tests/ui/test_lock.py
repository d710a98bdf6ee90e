"""Locking (Ctrl+L or idle): the store closes and no personal data stays on screen."""
from __future__ import annotations

import gc

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store.settings import AUTO_LOCK_MINUTES
from desktop.ui.caseload.screen import CaseloadModel
from desktop.ui.idle import IdleWatcher
from desktop.ui.person.contacts_tab import TimelineModel
from tests.ui.helpers import unlock, visible_texts

NAME = "Morag Delacroix-Baird"


def open_person_with_attempt(window):
    store = window.store
    person = store.people.add(Person(name=NAME, known_as="Morag", address="14 Harbour Row"))
    store.attempts.log(person.id, ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER,
                       "Morag's curtains drawn")
    view = window.workspace.open_person(person.id)
    dialog = window.workspace.edit_person(person.id)       # an open dialog too (full record)
    assert dialog.isVisible()
    assert any(NAME in t for t in visible_texts(window))
    return dialog


def assert_nothing_personal(window):
    QApplication.processEvents()
    texts = visible_texts(window)
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            texts += visible_texts(top)
    leaked = [t for t in texts if "Morag" in t or "Harbour" in t or "curtains" in t]
    assert leaked == []
    gc.collect()
    for obj in gc.get_objects():
        if isinstance(obj, (CaseloadModel, TimelineModel)):
            try:
                rows = obj.rows if isinstance(obj, CaseloadModel) else obj.attempts
            except RuntimeError:
                continue
            assert rows == []


def test_ctrl_l_locks_and_clears(qtbot, unlocked):
    store = unlocked.store
    dialog = open_person_with_attempt(unlocked)
    # Ctrl+L works even with a dialog open over the window (focus is in the dialog).
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert unlocked.store is None and unlocked.workspace is None
    assert not store.is_open
    assert all(b == 0 for b in store._key)
    assert unlocked.stack.currentWidget() is unlocked.unlock_page
    assert unlocked.windowTitle() == "Stickability"
    assert not unlocked.log_attempt_action.isEnabled()
    assert_nothing_personal(unlocked)

    # And back in with the passphrase: the data is still there.
    unlock(qtbot, unlocked)
    assert [r.name for r in unlocked.workspace.caseload.model.rows] == [NAME]


def test_idle_locks(qtbot, unlocked):
    store = unlocked.store
    open_person_with_attempt(unlocked)
    idle = unlocked.idle
    assert idle.active and idle._limit_s == AUTO_LOCK_MINUTES.default * 60
    # Pretend the last input was long ago (a sleeping laptop moves the wall clock only).
    idle._last_wall -= 10 * 60
    assert idle.check()
    assert unlocked.store is None and not store.is_open
    assert "without use" in unlocked.statusBar().currentMessage()
    assert_nothing_personal(unlocked)


def test_auto_lock_minutes_setting_is_used(qtbot, window, store_dir):
    from desktop.store.store import Store
    from tests.conftest import PASSPHRASE
    s = Store.unlock(store_dir, PASSPHRASE)
    s.settings.set(AUTO_LOCK_MINUTES, 2)
    s.lock()
    unlock(qtbot, window)
    assert window.idle._limit_s == 120


def test_idle_watcher_clocks(qtbot):
    mono, wall = [0.0], [1000.0]
    watcher = IdleWatcher(clock=lambda: mono[0], wall=lambda: wall[0])
    fired = []
    watcher.idle.connect(lambda: fired.append(True))
    watcher.start(1)
    mono[0], wall[0] = 59, 1059
    assert not watcher.check()
    # input resets the clock
    qtbot.keyClick(QApplication.instance().activeWindow() or _focus_target(qtbot), Qt.Key.Key_A)
    mono[0], wall[0] = 100, 1100
    assert not watcher.check()
    # monotonic clock stopped during sleep, wall clock moved on: still locks
    wall[0] = 1000 + 59 + 120
    assert watcher.check() and fired == [True]
    assert not watcher.active
    watcher.stop()


def _focus_target(qtbot):
    from PySide6.QtWidgets import QLineEdit
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    return edit
