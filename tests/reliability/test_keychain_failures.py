"""Keychain failures, end to end: a locked keychain, one that hangs only when asked to keep a
key, a backend that changed between runs (the key is gone, or another key sits under the store's
name). The app never hangs, never writes the key anywhere but a real keychain, never offers to
make a new store for an existing one, and the passphrase always opens it.
(``tests/ui/test_keychain.py`` covers no backend, a backend hanging on every call, insecure
backends and the remember / forget round trip.)"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked

from desktop.store import keychain
from desktop.store.paths import key_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE
from tests.ui.helpers import make_window, unlock


class Memory(KeyringBackend):
    priority = 5

    def __init__(self, items=None):
        super().__init__()
        self.items = dict(items or {})

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


class Locked(Memory):
    def get_password(self, service, username):
        raise KeyringLocked("the wallet is locked")

    set_password = delete_password = get_password


class HangsOnSet(Memory):
    release = threading.Event()

    def set_password(self, service, username, password):
        self.release.wait(30)


@pytest.fixture(autouse=True)
def _restore_keyring(monkeypatch):
    from desktop.ui import ops
    monkeypatch.setattr(keychain, "TIMEOUT", 0.3)
    keychain.reset()
    before = keyring.get_keyring()
    yield
    HangsOnSet.release.set()
    assert ops.wait_for_all(10_000)
    keyring.set_keyring(before)
    keychain.reset()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _start(qtbot, store_dir, auto=True):
    window = make_window(qtbot, store_dir, auto_unlock=auto)
    qtbot.waitUntil(lambda: window.unlock_page.keychain_checked, timeout=10_000)
    assert window.setup_page is None                 # never the set-up wizard
    assert window.stack.currentWidget() in (window.unlock_page, window.workspace)
    return window


def _the_key(store_dir) -> tuple[str, bytes]:
    s = Store.unlock(store_dir, PASSPHRASE)
    try:
        return s.store_id, s.remember_secret()
    finally:
        s.lock()


def test_locked_keychain_falls_back_to_the_passphrase(qtbot, store_dir):
    keyring.set_keyring(Locked())
    assert keychain.status()[0] is False
    assert keychain.recall("x") is None and keychain.remember("x", bytes(32))[0] is False
    window = _start(qtbot, store_dir)
    assert not window.unlock_page.remember.isEnabled()
    unlock(qtbot, window)
    assert window.workspace is not None


def test_keychain_hanging_on_save_does_not_hang_unlock(qtbot, store_dir):
    backend = HangsOnSet()
    HangsOnSet.release.clear()
    keyring.set_keyring(backend)
    window = _start(qtbot, store_dir, auto=False)
    window.unlock_page.remember.setChecked(True)
    unlock(qtbot, window)
    assert window.workspace is not None and window.store.is_open
    # Asked to keep the key, the keychain never answered: nothing kept, and it is not asked
    # again this session.
    qtbot.waitUntil(lambda: keychain._hung_reason is not None, timeout=10_000)
    assert backend.items == {}
    assert keychain.remember("x", bytes(32))[0] is False


def test_backend_changed_between_runs_key_gone(qtbot, store_dir):
    store_id, key = _the_key(store_dir)
    keyring.set_keyring(Memory({(keychain.SERVICE, store_id): key.hex()}))
    window = _start(qtbot, store_dir)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)  # opened by the key
    window.lock()
    window.close()
    before = _files(store_dir)
    keyring.set_keyring(Memory())        # another keychain now: the key is not there
    window = _start(qtbot, store_dir)
    assert window.workspace is None and window.unlock_page.remember.isEnabled()
    assert _files(store_dir) == before
    unlock(qtbot, window)
    assert window.workspace is not None


def test_backend_changed_between_runs_wrong_key(qtbot, store_dir):
    store_id, key = _the_key(store_dir)
    wrong = bytes(b ^ 0xFF for b in key)
    keyring.set_keyring(Memory({(keychain.SERVICE, store_id): wrong.hex()}))
    before = _files(store_dir)
    window = _start(qtbot, store_dir)
    page = window.unlock_page
    qtbot.waitUntil(lambda: "did not open the store" in page.message.message(), timeout=10_000)
    assert window.workspace is None
    assert _files(store_dir) == before       # the database and the key file are untouched
    unlock(qtbot, window)
    assert window.workspace is not None


def test_the_key_is_never_written_to_disk(qtbot, store_dir, tmp_path, monkeypatch):
    """Remember on this device with a (memory) keychain, lock, reopen by the key, lock: the key
    is nowhere on disk (home, settings, caches, temp files, store folder) except wrapped in the
    key file."""
    import tempfile
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", None)
    backend = Memory()
    keyring.set_keyring(backend)
    window = _start(qtbot, store_dir, auto=False)
    window.unlock_page.remember.setChecked(True)
    unlock(qtbot, window)
    store_id = window.store.store_id
    qtbot.waitUntil(lambda: (keychain.SERVICE, store_id) in backend.items, timeout=10_000)
    key = bytes.fromhex(backend.items[(keychain.SERVICE, store_id)])
    window.lock()
    window.close()
    again = _start(qtbot, store_dir)
    qtbot.waitUntil(lambda: again.workspace is not None, timeout=10_000)
    again.lock()
    needles = [key, key.hex().encode(), key.hex().upper().encode(), key.hex().encode("utf-16-le")]
    assert Path(tempfile.gettempdir()) == tmp_path / "tmp"
    scanned = 0
    for root in [tmp_path]:
        for p in root.rglob("*"):
            if p.is_file() and not p.is_symlink():
                try:
                    data = p.read_bytes()
                except OSError:
                    continue
                scanned += 1
                assert not any(n in data for n in needles), p
    assert scanned >= 2 and key_path(store_dir).exists()   # at least the store.db and store.key
    assert os.environ["HOME"].startswith(str(tmp_path))       # QSettings lived under tmp_path
