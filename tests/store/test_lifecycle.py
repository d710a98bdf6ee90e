"""Key life-cycle: create, unlock, wrong passphrase, recovery code, change passphrase, lock."""
import json
import os

import pytest

from desktop.domain.person import Person
from desktop.store import (KeyFileDamaged, KeyFileMissing, StoreDamaged, StoreExists, StoreLocked,
                           WrongPassphrase, WrongRecoveryCode)
from desktop.store.paths import db_path, key_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE



@pytest.fixture
def backend():
    """SQLCipher only: these tests are about the life-cycle of a store folder and its key file (the hub keeps no files)."""
    return "sqlite"

def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_create_unlock_and_profile(tmp_path):
    store, code = Store.create(tmp_path / "s", "a long passphrase", role="lead",
                               worker="Ann Lead", agency="Social Work")
    assert len(code.replace("-", "")) == 25
    assert store.role == "lead" and store.actor == "Ann Lead" and store.agency == "Social Work"
    assert store.db.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    store.lock()
    again = Store.unlock(tmp_path / "s", "a long passphrase")
    assert again.store_id == store.store_id
    again.lock()


def test_files_are_owner_only(store_dir):
    assert oct(key_path(store_dir).stat().st_mode & 0o777) == "0o600"
    assert oct(db_path(store_dir).stat().st_mode & 0o777) == "0o600"


def test_create_refuses_existing_store(store_dir):
    before = _snapshot(store_dir)
    with pytest.raises(StoreExists):
        Store.create(store_dir, "x" * 12, role="field", worker="w", agency="a")
    assert _snapshot(store_dir) == before


def test_wrong_passphrase_touches_nothing(store_dir):
    before = _snapshot(store_dir)
    with pytest.raises(WrongPassphrase) as err:
        Store.unlock(store_dir, "not the passphrase")
    assert "recovery code" in str(err.value)
    assert _snapshot(store_dir) == before


def test_recovery_code_unlock_then_new_passphrase(store_dir, recovery_code):
    with pytest.raises(WrongRecoveryCode):
        Store.unlock_with_recovery(store_dir, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
    # Codes are forgiving about case, spaces and look-alike letters.
    sloppy = recovery_code.lower().replace("-", " ").replace("0", "o")
    store = Store.unlock_with_recovery(store_dir, sloppy)
    store.change_passphrase("a brand new passphrase")
    store.lock()
    with pytest.raises(WrongPassphrase):
        Store.unlock(store_dir, PASSPHRASE)
    Store.unlock(store_dir, "a brand new passphrase").lock()
    # The recovery code still works after a passphrase change.
    Store.unlock_with_recovery(store_dir, recovery_code).lock()


def test_change_passphrase_rewraps_without_reencrypting(store):
    db_before = db_path(store.folder).read_bytes()[:4096]
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("new passphrase 123", current="wrong")
    store.change_passphrase("new passphrase 123", current=PASSPHRASE)
    assert db_path(store.folder).read_bytes()[:4096] == db_before
    folder = store.folder
    store.lock()
    Store.unlock(folder, "new passphrase 123").lock()


def test_lock_closes_and_drops_key(store):
    key_copy = bytes(store._key)
    store.lock()
    assert not store.is_open
    assert bytes(store._key) == bytes(len(key_copy))
    with pytest.raises(StoreLocked):
        store.people.where()
    store.lock()  # twice is fine


def test_missing_key_file_is_clear_and_db_untouched(store_dir):
    key_path(store_dir).unlink()
    before = _snapshot(store_dir)
    with pytest.raises(KeyFileMissing) as err:
        Store.unlock(store_dir, PASSPHRASE)
    assert "backup" in str(err.value)
    assert _snapshot(store_dir) == before


def test_damaged_key_file(store_dir):
    key_path(store_dir).write_text("{not json")
    before = _snapshot(store_dir)
    with pytest.raises(KeyFileDamaged):
        Store.unlock(store_dir, PASSPHRASE)
    assert _snapshot(store_dir) == before


def test_damaged_database_header_refused_not_overwritten(store_dir):
    path = db_path(store_dir)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF  # inside the first page
    path.write_bytes(bytes(data))
    before = _snapshot(store_dir)
    with pytest.raises(StoreDamaged) as err:
        Store.unlock(store_dir, PASSPHRASE)
    assert "Nothing was changed" in str(err.value)
    assert _snapshot(store_dir) == before


def test_missing_database_is_not_recreated(store_dir):
    db_path(store_dir).unlink()
    with pytest.raises(StoreDamaged):
        Store.unlock(store_dir, PASSPHRASE)
    assert not db_path(store_dir).exists()


def test_key_file_from_another_store_is_refused(tmp_path, store_dir):
    other, _ = Store.create(tmp_path / "other", PASSPHRASE, role="field", worker="w", agency="a")
    other.lock()
    os.replace(key_path(tmp_path / "other"), key_path(store_dir))
    with pytest.raises(StoreDamaged):
        Store.unlock(store_dir, PASSPHRASE)


def test_key_file_format(store_dir):
    doc = json.loads(key_path(store_dir).read_text())
    assert doc["format"] == "stickability-key/1"
    assert doc["passphrase"]["kdf"] == "scrypt"
    assert set(doc) >= {"store_id", "passphrase", "recovery"}


def test_writes_survive_lock_and_unlock(store):
    p = store.people.add(Person(name="Ada"))
    folder = store.folder
    store.lock()
    again = Store.unlock(folder, PASSPHRASE)
    assert again.people.require(p.id).name == "Ada"
    again.lock()
