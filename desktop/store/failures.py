"""Turning low-level write failures into the store's clear errors.

A full disk shows up in three ways: SQLite's ``SQLITE_FULL`` ("database or disk is full"), an
``SQLITE_IOERR`` when the file hit a size limit (``EFBIG``: a FAT32 stick, a quota, a process
limit) or the last write was short, and ``OSError`` (``ENOSPC``, ``EFBIG``, ``EDQUOT``) from our
own file writes (key file, backups). All three become ``StoreFull``; nothing half-written is left
behind by the callers (SQLite rolls the transaction back, atomic writes remove their temp file).
"""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from desktop.store.errors import StoreDamaged, StoreFull

SQLITE_IOERR = 10
SQLITE_FULL = 13
SPACE_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
LOW_SPACE_BYTES = 1 << 20      # under 1 MiB free counts as full
LIMIT_MARGIN_BYTES = 1 << 16   # a file within 64 KiB of the size limit counts as at the limit


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def space_exhausted(folder: Path, needed: int = 0) -> bool:
    """True when the folder's disk is (nearly) full, a file there sits at the process's file
    size limit, or a file of ``needed`` bytes would not fit. Used before big writes and to tell
    "disk full" from "disk broken" after an SQLite I/O error."""
    folder = Path(folder)
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE_BYTES + needed:
            return True
    except OSError:
        pass
    try:
        import resource
        soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    except (ImportError, OSError, ValueError):
        return False
    if soft == resource.RLIM_INFINITY:
        return False
    if needed and needed + LIMIT_MARGIN_BYTES >= soft:
        return True
    try:
        sizes = [p.stat().st_size for p in folder.iterdir() if p.is_file()]
    except OSError:
        return False
    return any(size + LIMIT_MARGIN_BYTES >= soft for size in sizes)


def is_space_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in SPACE_ERRNOS


def translate_db_error(exc: BaseException, folder: Path, needed: int = 0) -> BaseException:
    """The store error for an SQLite error raised while writing (or ``exc`` itself);
    ``needed``: the size of the file being written, when known."""
    msg = str(exc).lower()
    code = _primary_code(exc)
    if code == SQLITE_FULL or "database or disk is full" in msg:
        return StoreFull()
    if code == SQLITE_IOERR or "disk i/o" in msg or "readonly" in msg or "read-only" in msg:
        if space_exhausted(folder, needed):
            return StoreFull()
        return StoreDamaged(
            "The store could not be written (the disk reported an error). Nothing was saved. "
            "Check the drive and try again.")
    return exc


def translate_os_error(exc: BaseException) -> BaseException:
    """``StoreFull`` for an out-of-space ``OSError``, else ``exc`` itself."""
    if is_space_error(exc):
        return StoreFull()
    return exc


def remove_quietly(path: Path) -> None:
    try:
        if Path(path).is_dir() and not Path(path).is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        pass


def cleanup_after_crash(folder: Path) -> list[str]:
    """Remove what a killed write may have left in the store folder: key-file temp copies and
    an unfinished ``store.db.creating``. Called once the key has been proved right; never
    touches the database or the key file themselves. Returns the names removed."""
    from desktop.store.atomic import stale_temp_files
    from desktop.store.paths import DB_NAME, KEY_NAME
    folder = Path(folder)
    leftovers = stale_temp_files(folder, KEY_NAME)
    if (folder / DB_NAME).exists():
        leftovers += sorted(folder.glob(f"{DB_NAME}.creating*"))
    for path in leftovers:
        remove_quietly(path)
    return [p.name for p in leftovers]
