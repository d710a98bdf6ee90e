"""The headless importer: ``sync watch DIR`` imports every package dropped into a folder, exactly
once, and writes the back-channel packages to ``DIR/to-<device>/``.

One pass (``watch_once``): the ``*.stkpkg`` files in ``DIR`` are imported (the importer's own
checks apply: signature, addressing, order, exactly once); each file then moves to
``DIR/imported/`` (imported, already imported, or held inside the store until its predecessor
arrives) or ``DIR/rejected/`` (with the reason in the log), so the next pass does not open it
again; then, for every enrolled device, whatever is new for it is exported to
``DIR/to-<device>/``.

Safe to run twice at once, on one machine or several sharing the folder: the store decides
(on the hub, every write transaction is serialised by the server and a package's sequence is
a unique key, so the loser of a race reports "already imported"), a file that another watcher
has already moved is skipped, and one device's back-channel is exported by one watcher at a time
(an advisory lock on the hub, a lock file on a laptop store).

The log says what happened with ids, sequence numbers and counts only: never a name, a note or
any other content of a package.
"""
from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.syncstate import SyncState
from desktop.sync.errors import SyncError
from desktop.sync.package import SUFFIX
from desktop.i18n import _, ngettext  # noqa: F401

log = logging.getLogger("stickability.watch")

EXPORT_LOCK = 0x5374_6b45   # first key of the per-device back-channel advisory lock (hub)
IMPORTED, REJECTED = "imported", "rejected"


@dataclass
class PassResult:
    files: int = 0
    imported: int = 0
    already_imported: int = 0
    held: int = 0
    rejected: int = 0
    skipped: int = 0
    back_channel: list[str] = field(default_factory=list)    # package files written

    def to_json(self) -> dict:
        return {"files": self.files, "imported": self.imported,
                "already_imported": self.already_imported, "held": self.held,
                "rejected": self.rejected, "skipped": self.skipped,
                "back_channel": self.back_channel}

    def add(self, other: "PassResult") -> None:
        for k in ("files", "imported", "already_imported", "held", "rejected", "skipped"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.back_channel += other.back_channel


def _move(path: Path, folder: Path) -> None:
    """Move a processed package out of the drop folder (another watcher may have been first)."""
    folder.mkdir(mode=0o700, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        os.replace(path, folder / path.name)


def watch_once(store, drop: Path, *, stop: threading.Event | None = None) -> PassResult:
    from desktop.sync.importer import import_paths
    drop = Path(drop)
    result = PassResult()
    files = sorted(p for p in drop.glob(f"*{SUFFIX}") if p.is_file())
    result.files = len(files)
    for path in files:
        if stop is not None and stop.is_set():
            break
        if not path.exists():           # another watcher moved it meanwhile
            continue
        summary = import_paths(store, [path])
        for pkg in summary.packages:
            outcome = pkg.outcome
            if outcome in ("imported", "already_imported", "held", "rejected", "skipped"):
                setattr(result, outcome, getattr(result, outcome) + 1)
            log.info("package %s: %s (sender %s, sequence %s, %d changes)%s", path.name,
                     outcome, pkg.sender or "?", pkg.sequence, pkg.changes,
                     f": {_reason_without_content(pkg.reason)}" if outcome == "rejected" else "")
        outcomes = {p.outcome for p in summary.packages}
        if "rejected" in outcomes and not outcomes & {"imported", "already_imported", "held"}:
            if "not found" not in {p.reason for p in summary.packages}:
                _move(path, drop / REJECTED)
        elif outcomes & {"imported", "already_imported", "held", "skipped"}:
            _move(path, drop / IMPORTED)
    if stop is None or not stop.is_set():
        result.back_channel = back_channel(store, drop)
    return result


def _reason_without_content(reason: str) -> str:
    # Rejection reasons are the importer's own sentences (ids and sequence numbers); keep them
    # short so nothing else could ride along.
    return reason.replace("\n", " ")[:300]


def back_channel(store, drop: Path) -> list[str]:
    """Export what is new for each enrolled device to ``drop/to-<device>/``."""
    from desktop.sync.export import export_packages
    written: list[str] = []
    for peer in SyncState(store).peers():
        with _export_lock(store, drop, peer.device_id) as mine:
            if not mine:
                log.info("back-channel for device %s: another watcher is writing it",
                         peer.device_id)
                continue
            try:
                res = export_packages(store, drop, for_device=peer.device_id,
                                      per_recipient_folders=True)
            except SyncError as exc:
                log.warning("back-channel for device %s not written: %s", peer.device_id,
                            str(exc)[:200])
                continue
            if res.packages:
                log.info("back-channel for device %s: %d package(s), %d change(s)",
                         peer.device_id, len(res.packages), res.changes)
            written += [str(p) for p in res.packages]
    return written


@contextlib.contextmanager
def _export_lock(store, drop: Path, device_id: str):
    if getattr(store, "is_hub", False):
        with store.session():
            got = store.db.execute("SELECT pg_try_advisory_lock(?, hashtext(?))",
                                   (EXPORT_LOCK, device_id)).fetchone()[0]
        try:
            yield bool(got)
        finally:
            if got:
                with store.session():
                    store.db.execute("SELECT pg_advisory_unlock(?, hashtext(?))",
                                     (EXPORT_LOCK, device_id))
        return
    import fcntl
    lock_path = drop / f".to-{device_id}.lock"
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def watch(store, drop: Path, *, once: bool = False, interval: float = 5.0,
          stop: threading.Event | None = None) -> PassResult:
    """Pass after pass until SIGTERM/SIGINT (or ``stop``); ``once``: one pass. A signal lets
    the package being imported finish (its transaction commits or rolls back whole), then
    returns."""
    drop = Path(drop)
    if not drop.is_dir():
        raise SyncError(f"{drop} is not a folder.")
    stop = stop or threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, lambda *_ignored: stop.set())
    total = PassResult()
    try:
        log.info("watching %s (device %s)", drop, store.device_id)
        while True:
            total.add(watch_once(store, drop, stop=stop))
            if once or stop.wait(interval):
                break
        log.info("stopped: %d imported, %d already imported, %d held, %d rejected",
                 total.imported, total.already_imported, total.held, total.rejected)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return total
