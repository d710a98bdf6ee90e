"""GUI test helpers: a main window on a template store, unlock helpers, and teardown that
joins every background worker (and forgets any keyring backend a test installed)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.helpers import make_window, unlock


@pytest.fixture(autouse=True)
def _join_workers_and_reset_keychain():
    import keyring

    from desktop.store import keychain
    from desktop.domain.contact import ContactMethod
    from desktop.ui import ops
    from desktop.ui.person.quick_log import QuickLogBar
    keychain.reset()
    QuickLogBar._last_method = ContactMethod.HOME_VISIT   # the app's session memory, per test
    before = keyring.get_keyring()
    yield
    assert ops.wait_for_all(10_000), "a background operation did not finish"
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
    keyring.set_keyring(before)
    keychain.reset()


@pytest.fixture
def window(qtbot, store_dir):
    """A main window on a locked template store, showing the unlock screen."""
    w = make_window(qtbot, store_dir, auto_unlock=False)
    qtbot.waitUntil(lambda: w.unlock_page.keychain_checked, timeout=5000)
    return w


@pytest.fixture
def unlocked(qtbot, window):
    unlock(qtbot, window)
    assert window.workspace is not None, window.unlock_page.message.message()
    return window
