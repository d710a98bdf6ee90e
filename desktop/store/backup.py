"""Encrypted backups of the store, on demand and before every migration, and restoring them.

A backup is a folder ``stickability-backup-<UTC timestamp>`` (no personal data in the name)
holding:

* ``store.db``: a consistent snapshot made with ``VACUUM INTO`` on the keyed connection, so it is
  encrypted by SQLCipher with the store's own key (never a plaintext copy);
* ``store.key``: the key file as it was at that moment, still wrapped by the passphrase and the
  recovery code (a backup opens with the passphrase of the day it was made, or the recovery
  code);
* ``backup.json``: format, time, reason, schema version, store id and a SHA-256 per file.

A backup is built in a hidden ``.….partial`` folder and renamed into place only when complete,
so a crash or a full disk never leaves a half backup that looks whole; left-over partial folders
are removed by the next backup. Automatic backups go to ``<store>/backups`` and only the newest
``DEFAULT_KEEP`` are kept there. Restoring moves the current store (if any) aside into
``<store>/replaced/<timestamp>/`` instead of deleting it.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from desktop.store.atomic import fsync_dir, write_atomic
from desktop.store.connection import DatabaseError, open_db
from desktop.store.errors import StoreError, StoreFull
from desktop.store.failures import (is_space_error, remove_quietly, space_exhausted,
                                    translate_db_error)
from desktop.store.keyfile import KeyFile
from desktop.store.paths import DB_NAME, KEY_NAME, db_path, key_path

FORMAT = "stickability-backup/1"
BACKUPS_DIR = "backups"
REPLACED_DIR = "replaced"
PREFIX = "stickability-backup-"
MANIFEST = "backup.json"
PARTIAL = ".partial"
DEFAULT_KEEP = 10
_FILES = (DB_NAME, KEY_NAME)


class BackupError(StoreError):
    """A backup is missing, incomplete or damaged; the message says which and what to do."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    reason: str
    schema_version: int
    store_id: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    def to_json(self) -> dict:
        return {"path": str(self.path), "name": self.name, "created_at": self.created_at,
                "reason": self.reason, "schema_version": self.schema_version,
                "store_id": self.store_id, "size": self.size}


def default_backup_dir(store_folder: Path) -> Path:
    return Path(store_folder) / BACKUPS_DIR


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y%m%d-%H%M%SZ")


def _mkdir_private(path: Path) -> None:
    old = os.umask(0o077)
    try:
        path.mkdir(parents=True, exist_ok=True)
    finally:
        os.umask(old)


def _size_of(db) -> int:
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    return int(pages) * int(db.execute("PRAGMA page_size").fetchone()[0])


def _mib(n: int) -> str:
    return f"{max(n / (1 << 20), 0.1):.1f}"


def remove_partials(root: Path) -> list[str]:
    """Remove unfinished backups (a crash or a full disk mid-backup)."""
    gone = []
    if Path(root).is_dir():
        for p in Path(root).glob(f".{PREFIX}*{PARTIAL}"):
            remove_quietly(p)
            gone.append(p.name)
    return gone


def write_backup(db, store_folder: Path, dest_root: Path | None = None, *,
                 reason: str = "manual", keep: int | None = None) -> BackupInfo:
    """Back up through an open, keyed connection (outside any transaction)."""
    store_folder = Path(store_folder)
    root = Path(dest_root) if dest_root else default_backup_dir(store_folder)
    partial, needed = None, 0
    try:
        _mkdir_private(root)
        remove_partials(root)
        base = f"{PREFIX}{_stamp()}"
        name, n = base, 1
        while (root / name).exists() or (root / f".{name}{PARTIAL}").exists():
            n += 1
            name = f"{base}-{n}"
        needed = _size_of(db) + key_path(store_folder).stat().st_size
        if space_exhausted(root, needed):
            raise StoreFull(
                f"There is not enough space for a backup (about {_mib(needed)} MB is needed), so "
                "none was written. Free some space or choose another folder.")
        partial = root / f".{name}{PARTIAL}"
        _mkdir_private(partial)
        db.execute("VACUUM INTO ?", (str(partial / DB_NAME),))
        os.chmod(partial / DB_NAME, 0o600)
        _fsync_file(partial / DB_NAME)
        write_atomic(partial / KEY_NAME, key_path(store_folder).read_bytes(), 0o600)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        row = db.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
        created = datetime.now(timezone.utc).isoformat(timespec="microseconds")
        manifest = {"format": FORMAT, "created_at": created,
                    "reason": reason, "schema_version": version, "store_id": row[0] if row else "",
                    "files": {f: {"size": (partial / f).stat().st_size,
                                  "sha256": _sha256(partial / f)} for f in _FILES}}
        write_atomic(partial / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode(), 0o600)
        fsync_dir(partial)
        os.rename(partial, root / name)
        partial = None
        fsync_dir(root)
    except BaseException as exc:
        translated = exc
        if isinstance(exc, OSError) and is_space_error(exc):
            translated = StoreFull()
        elif isinstance(exc, DatabaseError):
            translated = translate_db_error(exc, partial or root, needed)
        if partial is not None:
            remove_quietly(partial)
        if translated is not exc:
            raise translated from exc
        raise
    if keep:
        prune_backups(root, keep)
    return read_backup(root / name)


def create_backup(store, dest_root: Path | None = None, *, keep: int | None = None,
                  reason: str = "manual") -> BackupInfo:
    """An on-demand backup of an unlocked store. Into ``<store>/backups`` by default (where
    the newest ``DEFAULT_KEEP`` are kept), or into ``dest_root`` (nothing pruned unless
    ``keep`` is given)."""
    if keep is None and dest_root is None:
        keep = DEFAULT_KEEP
    if store.in_transaction:
        raise RuntimeError("cannot back up inside a transaction")
    with store.session():
        return write_backup(store.db, store.folder, dest_root, reason=reason, keep=keep)


def backup_before_migration(db, store_folder: Path) -> BackupInfo:
    """The automatic backup ``Store.unlock`` makes before applying a migration."""
    from desktop.store import migrations
    version = migrations.schema_version(db)
    try:
        return write_backup(db, store_folder, reason=f"before-migration-{version}-to-"
                            f"{migrations.LATEST}", keep=DEFAULT_KEEP)
    except StoreFull:
        raise StoreFull(
            "There is not enough disk space to back up the store before updating it, so it was "
            "not updated and nothing was changed. Free some space and unlock again.") from None


def read_backup(path: Path) -> BackupInfo:
    path = Path(path)
    try:
        doc = json.loads((path / MANIFEST).read_text())
        if doc.get("format") != FORMAT:
            raise ValueError("format")
        size = sum(int(doc["files"][f]["size"]) for f in _FILES)
        return BackupInfo(path, str(doc["created_at"]), str(doc.get("reason", "")),
                          int(doc["schema_version"]), str(doc.get("store_id", "")), size)
    except FileNotFoundError:
        raise BackupError(f"{path.name} is not a complete Stickability backup (no "
                          f"{MANIFEST}). Choose another backup folder.") from None
    except (ValueError, KeyError, TypeError):
        raise BackupError(f"The description of backup {path.name} is damaged. Choose another "
                          "backup.") from None


def list_backups(root: Path) -> list[BackupInfo]:
    """Complete backups in ``root``, newest first (partial and foreign folders are skipped)."""
    root = Path(root)
    if not root.is_dir():
        return []
    out = []
    for p in root.iterdir():
        if p.is_dir() and p.name.startswith(PREFIX):
            try:
                out.append(read_backup(p))
            except BackupError:
                continue
    return sorted(out, key=lambda b: (b.created_at, b.name), reverse=True)


def prune_backups(root: Path, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` complete backups in ``root``; returns their names."""
    old = list_backups(root)[max(1, keep):]
    for b in old:
        remove_quietly(b.path)
    return [b.name for b in old]


def verify_backup(path: Path) -> BackupInfo:
    """Check the backup's files against its manifest (sizes and SHA-256)."""
    info = read_backup(path)
    doc = json.loads((Path(path) / MANIFEST).read_text())
    for f in _FILES:
        p = Path(path) / f
        if not p.is_file():
            raise BackupError(f"Backup {info.name} is incomplete: {f} is missing.")
        if p.stat().st_size != doc["files"][f]["size"] or _sha256(p) != doc["files"][f]["sha256"]:
            raise BackupError(f"Backup {info.name} is damaged: {f} has changed since the backup "
                              "was made. Choose another backup.")
    return info


def restore_backup(backup_dir: Path, store_dir: Path, *, passphrase: str | None = None,
                   recovery_code: str | None = None) -> Path | None:
    """Put a backup in place as the store in ``store_dir`` (which must be locked).

    The backup is checked against its manifest, copied next to the store and, when a
    passphrase or recovery code is given, unlocked and integrity-checked there before anything
    of the current store is touched. The current store files, if any, are kept (hard links, or
    copies across file systems) in ``<store_dir>/replaced/<timestamp>/``, which is returned;
    the restored files then replace them by rename, so the folder always holds a database and
    a key file (a crash part-way leaves a pair that refuses to open with a clear message, and
    running the restore again finishes it)."""
    from desktop.store.checks import integrity_problems
    backup_dir, store_dir = Path(backup_dir), Path(store_dir)
    verify_backup(backup_dir)
    _mkdir_private(store_dir)
    staging = store_dir / f".restore{PARTIAL}"
    remove_quietly(staging)
    try:
        _mkdir_private(staging)
        for f in _FILES:
            data = (backup_dir / f).read_bytes()
            write_atomic(staging / f, data, 0o600)
        if passphrase is not None or recovery_code is not None:
            kf = KeyFile.load(staging / KEY_NAME)
            key = (kf.unwrap_with_passphrase(passphrase) if passphrase is not None
                   else kf.unwrap_with_recovery(recovery_code))
            db = open_db(staging / DB_NAME, key)
            try:
                problems = integrity_problems(db)
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                db.close()
            if problems:
                raise BackupError(f"Backup {backup_dir.name} is damaged: {problems[0]}")
        replaced = _keep_current(store_dir)
        # The old WAL must not be replayed into the restored database: it is kept in
        # ``replaced`` (hard links) and removed here, before the restored files go in.
        for suffix in ("-wal", "-shm"):
            remove_quietly(Path(f"{db_path(store_dir)}{suffix}"))
        for f in (DB_NAME, KEY_NAME):
            os.replace(staging / f, store_dir / f)
        fsync_dir(store_dir)
    except OSError as exc:
        if is_space_error(exc):
            raise StoreFull() from exc
        raise
    finally:
        remove_quietly(staging)
    return replaced


def _keep_current(store_dir: Path) -> Path | None:
    current = [p for p in (db_path(store_dir), Path(f"{db_path(store_dir)}-wal"),
                           Path(f"{db_path(store_dir)}-shm"), key_path(store_dir)) if p.exists()]
    if not current:
        return None
    replaced = store_dir / REPLACED_DIR / _stamp()
    n = 1
    while replaced.exists():
        n += 1
        replaced = replaced.with_name(f"{_stamp()}-{n}")
    _mkdir_private(replaced)
    for p in current:
        try:
            os.link(p, replaced / p.name)
        except OSError:
            shutil.copy2(p, replaced / p.name)
    fsync_dir(replaced)
    return replaced
