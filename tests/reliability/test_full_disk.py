"""Full disk: writes fail with ``StoreFull`` (a clear message), the store and the key file stay
intact and openable, nothing half-written remains, and writing works again once there is space.

Two ways to run out: a file-size limit on the process (``RLIMIT_FSIZE``: SQLite sees ``EFBIG``,
as on a FAT32 stick or over quota) and, when running as root, a 3 MiB tmpfs (``ENOSPC``).
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest

from desktop.store.atomic import stale_temp_files, write_atomic
from desktop.store.errors import StoreDamaged, StoreFull
from desktop.store.failures import translate_db_error
from desktop.store.paths import KEY_NAME, key_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE
from tests.reliability.crash import ROOT, assert_clean_folder, assert_store_sound, child_env


def _fill(folder, how: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "tests.reliability.filler", str(folder),
                           PASSPHRASE, how], capture_output=True, text=True, cwd=ROOT,
                          env=child_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _check_after(folder, result, figures, label):
    assert result["full"] and result["full"] == str(StoreFull()), result["full"]
    assert result["again"].startswith("StoreFull"), result["again"]
    assert result["passphrase"].startswith("StoreFull"), result["passphrase"]
    assert result["backup"].startswith("StoreFull"), result["backup"]
    # The key file was not changed by the failed passphrase change; nothing half-written.
    assert not stale_temp_files(folder, KEY_NAME)
    assert_clean_folder(folder)
    store = Store.unlock(folder, PASSPHRASE)
    try:
        assert_store_sound(store)
        for rid in result["ids"] + [result["after"]]:
            assert store.people.get(rid) is not None
        assert not store.people.where("name = 'One more'")
    finally:
        store.lock()
    figures(f"full disk ({label}): {len(result['ids'])} records written before StoreFull; "
            "failed write, passphrase change and backup left the store intact; "
            f"{len(result['ids']) + 1} records present after reopening")


def test_file_size_limit_gives_store_full_and_loses_nothing(store_dir, figures):
    _check_after(store_dir, _fill(store_dir, "rlimit"), figures, "file size limit, EFBIG")


@pytest.fixture
def small_fs(tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    mnt = tmp_path / f"small-{uuid.uuid4().hex[:6]}"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mnt)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_small_file_system_gives_store_full_and_loses_nothing(small_fs, store_dir, figures):
    folder = small_fs / "store"
    shutil.copytree(store_dir, folder)
    # Ballast the filler removes to give space back (a worker deleting files).
    with open(small_fs / "ballast", "wb") as fh:
        fh.write(b"\0" * (256 << 10))
    _check_after(folder, _fill(folder, "ballast"), figures, "3 MiB tmpfs, ENOSPC")


def test_key_file_write_on_full_disk_keeps_old_file(tmp_path, monkeypatch):
    path = tmp_path / "store.key"
    path.write_bytes(b"old")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreFull):
        write_atomic(path, b"new contents")
    assert path.read_bytes() == b"old"
    assert not stale_temp_files(tmp_path, "store.key")


def test_change_passphrase_on_full_disk(store, monkeypatch):
    before = key_path(store.folder).read_bytes()
    real_fsync = os.fsync

    def no_space(fd):
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreFull):
        store.change_passphrase("another passphrase")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert key_path(store.folder).read_bytes() == before
    assert not stale_temp_files(store.folder, KEY_NAME)
    folder = store.folder
    store.lock()
    Store.unlock(folder, PASSPHRASE).lock()


class _FakeSqliteError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.sqlite_errorcode = code


def test_sqlite_errors_are_translated(tmp_path):
    assert isinstance(translate_db_error(_FakeSqliteError("database or disk is full", 13),
                                         tmp_path), StoreFull)
    # An I/O error with plenty of space and no size limit is a failing disk, not a full one.
    err = translate_db_error(_FakeSqliteError("disk I/O error", 778), tmp_path)
    assert isinstance(err, StoreDamaged) and "disk reported an error" in str(err)
    other = _FakeSqliteError("no such table: x", 1)
    assert translate_db_error(other, tmp_path) is other
