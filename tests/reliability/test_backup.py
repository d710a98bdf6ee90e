"""Encrypted backups: on demand and before every migration; restore verified; no plaintext."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from desktop.domain.person import Person
from desktop.store import migrations
from desktop.store.backup import (BackupError, create_backup, list_backups, prune_backups,
                                  restore_backup, verify_backup)
from desktop.store.errors import StoreFull, WrongPassphrase
from desktop.store.paths import db_path, key_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE
from tests.reliability.fake_migration import ProbeMigration, applied_completely, installed

CANARY = "Zebedee Quixotic-Canary"
NAME = re.compile(r"^stickability-backup-\d{8}-\d{6}Z(-\d+)?$")


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()
            if p.is_file()}


def test_backup_is_encrypted_named_without_personal_data(store, figures):
    p = store.people.add(Person(name=CANARY, address=f"{CANARY} House", notes=CANARY))
    info = create_backup(store)
    assert info.path.parent == store.folder / "backups"
    assert NAME.match(info.name) and CANARY.split()[0] not in info.name
    assert sorted(f.name for f in info.path.iterdir()) == ["backup.json", "store.db", "store.key"]
    scanned = 0
    for f in info.path.rglob("*"):
        data = f.read_bytes()
        assert CANARY.encode() not in data and CANARY.encode("utf-16-le") not in data, f
        scanned += len(data)
    assert not (info.path / "store.db").read_bytes().startswith(b"SQLite format 3")
    assert oct((info.path / "store.key").stat().st_mode & 0o777) == "0o600"
    manifest = json.loads((info.path / "backup.json").read_text())
    assert manifest["reason"] == "manual" and manifest["store_id"] == store.store_id
    assert [b.name for b in list_backups(store.folder / "backups")] == [info.name]
    figures(f"backup canary: {scanned} bytes of backup scanned, canary absent")
    # The backup opens (as a store of its own) with the passphrase and holds the record.
    copy = store.folder.parent / "opened"
    shutil.copytree(info.path, copy)
    again = Store.unlock(copy, PASSPHRASE)
    assert again.people.require(p.id).name == CANARY
    assert again.integrity_check() == [] and again.audit_verify().ok
    again.lock()


def test_restore_brings_back_the_records_and_keeps_the_replaced_store(store, recovery_code):
    kept = store.people.add(Person(name="Before the backup"))
    info = create_backup(store, store.folder.parent / "usb")
    later = store.people.add(Person(name="After the backup"))
    folder = store.folder
    store.lock()
    replaced = restore_backup(info.path, folder, passphrase=PASSPHRASE)
    restored = Store.unlock(folder, PASSPHRASE)
    assert restored.people.get(kept.id) is not None
    assert restored.people.get(later.id) is None
    assert restored.integrity_check() == [] and restored.audit_verify().ok
    restored.lock()
    Store.unlock_with_recovery(folder, recovery_code).lock()
    # Nothing was deleted: the replaced store is kept aside, whole.
    assert replaced.parent == folder / "replaced"
    old = Store.unlock(replaced, PASSPHRASE)
    assert old.people.get(later.id) is not None
    old.lock()
    assert not list(folder.glob(".restore*"))


def test_restore_onto_a_new_laptop(store, tmp_path):
    p = store.people.add(Person(name="Moved"))
    info = create_backup(store)
    store.lock()
    target = tmp_path / "new-laptop" / "store"
    assert restore_backup(info.path, target, passphrase=PASSPHRASE) is None
    s = Store.unlock(target, PASSPHRASE)
    assert s.people.require(p.id).name == "Moved"
    s.lock()


def test_restore_with_wrong_passphrase_or_damaged_backup_changes_nothing(store):
    info = create_backup(store)
    folder = store.folder
    store.lock()
    before = _snapshot(folder)
    with pytest.raises(WrongPassphrase):
        restore_backup(info.path, folder, passphrase="not it")
    assert _snapshot(folder) == before
    data = bytearray((info.path / "store.db").read_bytes())
    data[len(data) // 2] ^= 1
    (info.path / "store.db").write_bytes(bytes(data))
    with pytest.raises(BackupError) as err:
        restore_backup(info.path, folder, passphrase=PASSPHRASE)
    assert "store.db has changed" in str(err.value)
    assert _snapshot(folder) == before
    assert not list(folder.glob(".restore*")) and not (folder / "replaced").exists()
    (info.path / "backup.json").unlink()
    with pytest.raises(BackupError):
        verify_backup(info.path)
    assert list_backups(info.path.parent) == []


def test_backup_opens_with_the_passphrase_of_its_day(store):
    info = create_backup(store)
    store.change_passphrase("a newer passphrase")
    store.lock()
    with pytest.raises(WrongPassphrase):
        restore_backup(info.path, store.folder, passphrase="a newer passphrase")
    restore_backup(info.path, store.folder, passphrase=PASSPHRASE)
    Store.unlock(store.folder, PASSPHRASE).lock()


def test_default_folder_keeps_the_newest(store):
    made = [create_backup(store, keep=3).name for _ in range(5)]
    names = [b.name for b in list_backups(store.folder / "backups")]
    assert names == made[::-1][:3]
    assert prune_backups(store.folder / "backups", 1) == names[1:]


def test_partial_backup_is_removed_by_the_next(store):
    root = store.folder / "backups"
    root.mkdir()
    stale = root / ".stickability-backup-20260101-000000Z.partial"
    stale.mkdir()
    (stale / "store.db").write_bytes(b"half")
    create_backup(store)
    assert not stale.exists() and len(list_backups(root)) == 1


def test_unlock_backs_up_before_migrating(store_dir):
    old_version = migrations.LATEST
    with installed():
        s = Store.unlock(store_dir, PASSPHRASE)
        assert applied_completely(s.db)
        s.lock()
    [b] = list_backups(store_dir / "backups")
    assert b.reason == f"before-migration-{old_version}-to-{ProbeMigration.VERSION}"
    assert b.schema_version == old_version
    verify_backup(b.path)
    # Without a pending migration, unlocking makes no backup.
    with installed():
        Store.unlock(store_dir, PASSPHRASE).lock()
    assert len(list_backups(store_dir / "backups")) == 1


def test_no_migration_without_its_backup(store_dir, monkeypatch):
    import desktop.store.backup as backup

    def full(*a, **k):
        raise StoreFull()

    monkeypatch.setattr(backup, "write_backup", full)
    before = db_path(store_dir).read_bytes()
    with installed():
        with pytest.raises(StoreFull) as err:
            Store.unlock(store_dir, PASSPHRASE)
    assert "not updated" in str(err.value)
    assert db_path(store_dir).read_bytes() == before
    s = Store.unlock(store_dir, PASSPHRASE)
    assert migrations.schema_version(s.db) == migrations.LATEST
    s.lock()


def test_opting_out_of_the_backup(store_dir):
    with installed():
        Store.unlock(store_dir, PASSPHRASE, before_migration=None).lock()
    assert list_backups(store_dir / "backups") == []


def test_key_file_in_backup_is_the_wrapped_one(store):
    info = create_backup(store)
    assert (info.path / "store.key").read_bytes() == key_path(store.folder).read_bytes()
    assert bytes(store._key) not in (info.path / "store.key").read_bytes()
    assert bytes(store._key).hex().encode() not in (info.path / "store.key").read_bytes()
