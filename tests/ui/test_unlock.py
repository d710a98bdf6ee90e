"""Unlocking: wrong then right passphrase, growing delay, store errors, the recovery route."""
from __future__ import annotations

import os

from desktop.store.paths import key_path
from desktop.store.store import Store
from desktop.ui.unlock.screen import backoff_seconds
from tests.ui.helpers import PASSPHRASE, unlock


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_backoff_grows_and_is_capped():
    assert [backoff_seconds(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    assert backoff_seconds(100) == 30


def test_wrong_then_right_passphrase(qtbot, window):
    page = window.unlock_page
    clock = FakeClock()
    page._clock = clock
    db_before = (window.store_dir / "store.db").read_bytes()

    unlock(qtbot, window, "not the passphrase")
    assert window.workspace is None and window.store is None
    assert page.message.kind == "error" and "not right" in page.message.message()
    assert (window.store_dir / "store.db").read_bytes() == db_before
    # One second to wait before the next try: the button says so and submit does nothing.
    assert page.seconds_to_wait() == 1 and not page.unlock_button.isEnabled()
    assert "Try again in 1 s" in page.unlock_button.text()
    page.passphrase.setText(PASSPHRASE)
    page.submit()
    assert page._op.done and window.workspace is None

    clock.now += 1.0
    page._update_wait()
    assert page.unlock_button.isEnabled() and page.unlock_button.text() == "&Unlock"
    unlock(qtbot, window, PASSPHRASE)
    assert window.workspace is not None and window.store.is_open
    assert page.failures == 0


def test_second_wrong_passphrase_waits_longer(qtbot, window):
    page = window.unlock_page
    clock = FakeClock()
    page._clock = clock
    unlock(qtbot, window, "wrong one")
    clock.now += 1
    page._update_wait()
    unlock(qtbot, window, "wrong two")
    assert page.seconds_to_wait() == 2
    clock.now += 30
    page._update_wait()
    assert page.unlock_button.isEnabled()        # never a permanent lockout


def test_missing_key_file_is_explained(qtbot, window):
    os.remove(key_path(window.store_dir))
    unlock(qtbot, window, PASSPHRASE)
    assert window.workspace is None
    assert "key file is missing" in window.unlock_page.message.message()
    assert window.unlock_page.seconds_to_wait() == 0      # not a guess: no delay


def test_damaged_key_file_is_explained(qtbot, window):
    key_path(window.store_dir).write_text("{ not json")
    unlock(qtbot, window, PASSPHRASE)
    assert "damaged" in window.unlock_page.message.message()


def test_recovery_code_route_sets_a_new_passphrase(qtbot, window, recovery_code):
    page = window.unlock_page
    page.recovery_button.click()
    assert page.modes.currentIndex() == 1
    page.code.setText(recovery_code.lower())
    page.new_passphrase.first.setText("brand new lighthouse keeper")
    page.new_passphrase.second.setText("brand new lighthouse keeper")
    page.submit_recovery()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    window.lock()
    Store.unlock(window.store_dir, "brand new lighthouse keeper").lock()


def test_recovery_route_requires_a_good_new_passphrase(qtbot, window, recovery_code):
    page = window.unlock_page
    page.show_recovery()
    page.code.setText(recovery_code)
    page.new_passphrase.first.setText("short")
    page.submit_recovery()
    assert "Too short" in page.recovery_message.message()
    assert page._op is None or page._op.done


def test_wrong_recovery_code(qtbot, window):
    page = window.unlock_page
    page.show_recovery()
    page.code.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    page.new_passphrase.first.setText("brand new lighthouse keeper")
    page.new_passphrase.second.setText("brand new lighthouse keeper")
    page.submit_recovery()
    qtbot.waitUntil(lambda: page.recovery_message.kind == "error", timeout=10_000)
    assert "recovery code is not right" in page.recovery_message.message()
    assert page.failures == 1 and window.workspace is None


def test_damaged_database_is_explained_and_left_alone(qtbot, window):
    db = window.store_dir / "store.db"
    data = bytearray(db.read_bytes())
    data[:64] = bytes(64)
    db.write_bytes(bytes(data))
    unlock(qtbot, window, PASSPHRASE)
    assert window.workspace is None
    assert "cannot be read" in window.unlock_page.message.message()
    assert db.read_bytes() == bytes(data)


def test_store_too_new_is_refused(qtbot, window, monkeypatch):
    from desktop.store import migrations
    from desktop.store.errors import StoreTooNew

    def refuse(db):
        raise StoreTooNew("This store was written by a newer version of Stickability. "
                          "Install the newer version; the store has not been changed.")
    monkeypatch.setattr(migrations, "check_not_newer", refuse)
    unlock(qtbot, window, PASSPHRASE)
    assert window.workspace is None
    assert "newer version" in window.unlock_page.message.message()
