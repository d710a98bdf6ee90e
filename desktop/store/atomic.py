"""Atomic file writes: temp file in the same folder, fsync, replace, fsync the folder.

On any failure the temp file is removed and the old file is left as it was; running out of
space raises ``StoreFull``."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop.store.errors import StoreFull
from desktop.store.failures import is_space_error

TEMP_SUFFIX = ".tmp"


def write_atomic(path: str | os.PathLike, data: bytes, mode: int = 0o600) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        if is_space_error(exc):
            raise StoreFull() from exc
        raise
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if is_space_error(exc):
            raise StoreFull() from exc
        raise
    fsync_dir(path.parent)


def stale_temp_files(folder: Path, name: str) -> list[Path]:
    """Temp files a killed ``write_atomic(folder / name, …)`` may have left behind."""
    return sorted(Path(folder).glob(f".{name}.*{TEMP_SUFFIX}"))


def fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # e.g. Windows: directories cannot be opened
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
