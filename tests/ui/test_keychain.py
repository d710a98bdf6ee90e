"""Remember on this device: fake, hanging, failing and insecure keyring backends."""
from __future__ import annotations

import threading
import time

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend

from desktop.store import keychain
from tests.ui.helpers import PASSPHRASE, make_window, unlock

KEY = bytes(range(32))


class MemoryKeyring(KeyringBackend):
    """A well-behaved fake keychain."""
    priority = 5

    def __init__(self):
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        from keyring.errors import PasswordDeleteError
        if (service, username) not in self.items:
            raise PasswordDeleteError("not there")
        del self.items[(service, username)]


class HangingKeyring(KeyringBackend):
    """A keychain that never answers (a wallet waiting for a prompt, a dead D-Bus)."""
    priority = 5
    release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(30)

    set_password = delete_password = get_password


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring."""


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class ZeroPriorityKeyring(MemoryKeyring):
    priority = 0


@pytest.fixture
def memory():
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    return kr


@pytest.fixture
def hanging(monkeypatch):
    monkeypatch.setattr(keychain, "TIMEOUT", 0.2)
    HangingKeyring.release.clear()
    keyring.set_keyring(HangingKeyring())
    yield
    HangingKeyring.release.set()


def test_fake_backend_round_trip(memory):
    assert keychain.status()[0] is True
    assert keychain.recall("store-1") is None
    assert keychain.remember("store-1", KEY)[0] is True
    assert keychain.recall("store-1") == KEY
    assert memory.items[(keychain.SERVICE, "store-1")] == KEY.hex()
    assert keychain.forget("store-1") is True
    assert keychain.recall("store-1") is None
    assert keychain.forget("store-1") is True          # forgetting twice is fine


def test_garbage_in_the_keychain_is_ignored(memory):
    memory.items[(keychain.SERVICE, "s")] = "not hex"
    assert keychain.recall("s") is None
    memory.items[(keychain.SERVICE, "s")] = "abcd"
    assert keychain.recall("s") is None


def test_hanging_backend_times_out_and_is_not_asked_again(hanging):
    started = time.monotonic()
    usable, reason = keychain.status()
    assert not usable and "did not answer" in reason
    assert keychain.recall("s") is None
    assert keychain.remember("s", KEY)[0] is False
    assert keychain.forget("s") is False
    assert time.monotonic() - started < 5           # one timeout, then it is skipped


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextFileKeyring(),
                                     ZeroPriorityKeyring()])
def test_insecure_backends_are_refused(backend):
    keyring.set_keyring(backend)
    usable, reason = keychain.status()
    assert not usable and reason
    assert keychain.remember("s", KEY)[0] is False
    assert keychain.recall("s") is None
    if isinstance(backend, MemoryKeyring):
        assert backend.items == {}                     # nothing was written


def test_chainer_without_backends_or_with_an_insecure_one(monkeypatch):
    monkeypatch.setattr(ChainerBackend, "backends", [])
    keyring.set_keyring(ChainerBackend())
    assert keychain.status()[0] is False
    monkeypatch.setattr(ChainerBackend, "backends", [MemoryKeyring(), PlaintextFileKeyring()])
    assert keychain.status()[0] is False
    monkeypatch.setattr(ChainerBackend, "backends", [MemoryKeyring()])
    assert keychain.status()[0] is True


def test_backend_that_raises_fails_soft():
    class Broken(MemoryKeyring):
        def get_password(self, service, username):
            raise RuntimeError("dbus went away")
        set_password = get_password
    keyring.set_keyring(Broken())
    assert keychain.recall("s") is None
    assert keychain.remember("s", KEY) == (
        False, "The keychain refused to keep the key; the passphrase is needed each time.")


# ---------------------------------------------------------------- the unlock screen
def wait_keychain_checked(qtbot, window):
    qtbot.waitUntil(lambda: window.unlock_page.keychain_checked, timeout=5000)


def test_no_keychain_disables_the_checkbox_with_the_reason(qtbot, window):
    # tests/conftest.py selects keyring's "fail" backend for the whole suite
    page = window.unlock_page
    assert not page.remember.isEnabled() and not page.remember.isChecked()
    assert "No secure keychain" in page.remember_hint.text()
    unlock(qtbot, window)
    assert window.workspace is not None                # carries on with the passphrase


def test_remember_then_start_without_passphrase(qtbot, store_dir, memory):
    window = make_window(qtbot, store_dir, auto_unlock=False)
    wait_keychain_checked(qtbot, window)
    page = window.unlock_page
    assert page.remember.isEnabled() and not page.remember.isChecked()   # off by default
    page.remember.setChecked(True)
    unlock(qtbot, window)
    store_id = window.store.store_id
    qtbot.waitUntil(lambda: (keychain.SERVICE, store_id) in memory.items, timeout=5000)
    window.close()

    # Next start: the remembered key opens the store; no passphrase typed.
    again = make_window(qtbot, store_dir)
    qtbot.waitUntil(lambda: again.workspace is not None, timeout=10_000)
    assert again.store.is_open

    # After a lock the passphrase is needed again; unticking forgets the key.
    again.lock()
    wait_keychain_checked(qtbot, again)
    assert again.workspace is None and again.unlock_page.remember.isChecked()
    again.unlock_page.remember.setChecked(False)
    unlock(qtbot, again, PASSPHRASE)
    qtbot.waitUntil(lambda: (keychain.SERVICE, store_id) not in memory.items, timeout=5000)


def test_hanging_keychain_does_not_block_unlock(qtbot, store_dir, hanging):
    window = make_window(qtbot, store_dir)
    wait_keychain_checked(qtbot, window)
    assert not window.unlock_page.remember.isEnabled()
    assert "did not answer" in window.unlock_page.remember_hint.text()
    unlock(qtbot, window)
    assert window.workspace is not None
