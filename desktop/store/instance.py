"""One app per store: ``store.lock`` in the store folder, held with an operating-system lock for
as long as the app has the store open.

``acquire(folder)`` → ``InstanceLock`` (release with ``.release()``), or ``StoreInUse`` naming
the process that holds it. The file says which process (pid, host, when): it is read by a second
launch and by ``stickability-cli diagnose``; the lock itself is the OS's (``fcntl.flock`` or
``msvcrt.locking``), so a crashed app never leaves the store locked. ``holder(folder)`` tells
who holds it without taking it. ``channel_name(folder)`` is the name the running app listens on
(``desktop/ui/single_instance.py``) so a second launch can bring its window forward.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.store.errors import StoreError

LOCK_NAME = "store.lock"


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started_at: str

    def to_json(self) -> dict:
        return {"pid": self.pid, "host": self.host, "started_at": self.started_at}

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, since {self.started_at[:16].replace('T', ' ')}"


class StoreInUse(StoreError):
    def __init__(self, folder: Path, held: Holder | None):
        self.folder, self.holder = folder, held
        who = held.describe() if held else "another process"
        super().__init__(f"This store is already open in Stickability ({who}).")


def lock_path(folder: Path) -> Path:
    return Path(folder) / LOCK_NAME


def channel_name(folder: Path) -> str:
    """A short name, the same for every launch on this store by this user."""
    key = os.path.normcase(str(Path(folder).expanduser().resolve()))
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    return "stickability-" + hashlib.sha256(f"{user}\0{key}".encode()).hexdigest()[:20]


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
    else:
        import fcntl
        fcntl.flock(fd, fcntl.LOCK_UN)


def _read(path: Path) -> Holder | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8")[:4096])
        return Holder(int(doc["pid"]), str(doc["host"])[:100], str(doc["started_at"])[:40])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    def __init__(self, folder: Path, fd: int):
        self.folder, self._fd = Path(folder), fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def acquire(folder: Path) -> InstanceLock:
    from desktop.domain.ids import to_iso, utc_now
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = lock_path(folder)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(fd):
        os.close(fd)
        raise StoreInUse(folder, _read(path))
    doc = {"pid": os.getpid(), "host": socket.gethostname(), "started_at": to_iso(utc_now()),
           "app": "stickability"}
    data = json.dumps(doc).encode()
    os.ftruncate(fd, 0)
    # Windows locks byte 0; keep the text after it so a reader can still see who holds it.
    os.pwrite(fd, data, 0) if hasattr(os, "pwrite") else (os.lseek(fd, 0, 0), os.write(fd, data))
    return InstanceLock(folder, fd)


def holder(folder: Path) -> Holder | None:
    """Who holds the store open (``None`` when nobody does)."""
    path = lock_path(folder)
    if not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _read(path) or Holder(0, "unknown", "")
    finally:
        os.close(fd)
