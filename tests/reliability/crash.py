"""Parent side of the crash tests (used by the suite and by ``bench/soak_crash.py``).

``spawn_and_kill`` starts ``tests/reliability/writer.py`` in a child process, waits until it is
ready, lets it work for a random moment and SIGKILLs it; the ``verify_*`` functions then unlock
the store and check that nothing committed was lost and nothing half-done is visible.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_FILES = {"store.db", "store.db-wal", "store.db-shm", "store.key", "backups"}


@dataclass
class Run:
    lines: list[list[str]]
    killed: bool
    returncode: int
    stderr: str
    active: float = 0.0      # seconds from ready to exit, when not killed

    def of(self, kind: str) -> list[list[str]]:
        return [line[1:] for line in self.lines if line and line[0] == kind]


@dataclass
class Tally:
    """Figures for the report: how many runs, kills, and committed things checked."""
    runs: int = 0
    killed: int = 0
    checked: Counter = field(default_factory=Counter)

    def add(self, run: Run) -> None:
        self.runs += 1
        self.killed += run.killed

    def line(self, what: str) -> str:
        parts = ", ".join(f"{n} {k}" for k, n in sorted(self.checked.items()))
        return f"{what}: {self.runs} runs, {self.killed} killed mid-run; checked {parts}"


def child_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("STICKABILITY_TEST_MODE", "1")
    env.setdefault("STICKABILITY_KDF_LOG2N", "10")
    env.pop("STICKABILITY_STORE", None)
    return env


class Writer:
    """The writer server (``python -m tests.reliability.writer``): imports once, then forks one
    writer process per run, which the parent SIGKILLs."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.reliability.writer"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=ROOT, env=child_env())
        self.queue: "queue.Queue[list[str] | None]" = queue.Queue()
        self.errors: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        first = self.queue.get(timeout=60)
        if first != ["loaded"]:
            raise AssertionError(f"writer server did not start: {first} {self.errors}")

    def _read(self):
        for raw in self.proc.stdout:
            if raw.endswith(b"\n"):     # only complete lines count as printed
                self.queue.put(raw.decode().split())
        self.queue.put(None)

    def _drain_stderr(self):
        for raw in self.proc.stderr:
            self.errors.append(raw.decode(errors="replace"))

    def run(self, args: list[str], delay: float | None, *, timeout: float = 120) -> Run:
        """Start a writer with ``args``; ``delay`` seconds after it prints ``ready`` SIGKILL it
        (``None``: let it finish). Returns what it printed before it ended."""
        self.proc.stdin.write((json.dumps(args) + "\n").encode())
        self.proc.stdin.flush()
        lines: list[list[str]] = []
        ready_at, killed, status = 0.0, False, None
        deadline = time.monotonic() + timeout
        while status is None:
            line = self.queue.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError("writer server died:\n" + "".join(self.errors))
            if line[0] == "ended":
                status = int(line[2])
                break
            lines.append(line)
            if line[0] == "ready":
                ready_at = time.monotonic()
                if delay is not None:
                    time.sleep(delay)
                    try:
                        os.kill(int(line[1]), signal.SIGKILL)
                        killed = True
                    except ProcessLookupError:
                        pass
        ended_at = time.monotonic()
        killed = killed and os.WIFSIGNALED(status)
        if not killed and status != 0:
            raise AssertionError(f"writer failed (status {status}):\n" + "".join(self.errors))
        if not ready_at:
            raise AssertionError("writer never became ready:\n" + "".join(self.errors))
        active = 0.0 if killed else ended_at - ready_at
        return Run(lines, killed, status, "".join(self.errors), active)

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait(timeout=30)
        self.proc.stdout.close()
        self.proc.stderr.close()


def spawn_and_kill(args: list[str], delay: float | None) -> Run:
    writer = Writer()
    try:
        return writer.run(args, delay)
    finally:
        writer.close()


def kill_loop(jobs, verify) -> None:
    """For each ``(args, delay)`` in ``jobs``: run a writer, kill it, ``verify(run)``. ``args``
    may be a callable, evaluated after the previous run was verified."""
    writer = Writer()
    try:
        for args, delay in jobs:
            verify(writer.run(args() if callable(args) else args, delay))
    finally:
        writer.close()


def assert_clean_folder(folder: Path) -> None:
    names = {p.name for p in Path(folder).iterdir()}
    assert names <= ALLOWED_FILES, f"left-over files: {sorted(names - ALLOWED_FILES)}"
    backups = Path(folder) / "backups"
    if backups.is_dir():
        partial = [p.name for p in backups.iterdir() if p.name.endswith(".partial")]
        assert not partial, f"half-written backups left: {partial}"


def assert_store_sound(store) -> None:
    problems = store.integrity_check()
    assert problems == [], problems
    result = store.audit_verify()
    assert result.ok, result.reason


def verify_records(folder: Path, passphrase: str, run: Run, tally: Tally) -> None:
    """Every id the child printed after a commit is present; no transaction is half there."""
    from desktop.domain.contact import ContactAttempt
    from desktop.store.store import Store
    store = Store.unlock(folder, passphrase)
    try:
        assert_store_sound(store)
        attempts = store.repo(ContactAttempt)
        for (pid,) in run.of("person"):
            assert store.people.get(pid) is not None, f"lost person {pid}"
            tally.checked["people"] += 1
        for (aid,) in run.of("attempt"):
            assert attempts.get(aid) is not None, f"lost attempt {aid}"
            tally.checked["attempts"] += 1
        for pid, *aids in run.of("group"):
            assert store.people.get(pid) is not None, f"lost group person {pid}"
            assert all(attempts.get(a) is not None for a in aids), f"lost group attempts {pid}"
            tally.checked["transactions"] += 1
        for pid, rev in run.of("update"):
            notes = store.people.require(pid).notes
            assert notes.startswith("rev ") and int(notes[4:]) >= int(rev), (pid, notes, rev)
            tally.checked["updates"] += 1
        # All-or-nothing: every group person that exists has its three attempts.
        rows = store.db.execute(
            "SELECT p.id, (SELECT count(*) FROM contact_attempt a WHERE a.person_id = p.id "
            "AND a.note LIKE 'group %') "
            "FROM person p WHERE p.name LIKE 'Crash group %'").fetchall()
        assert all(n == 3 for _pid, n in rows), "a transaction was applied in part"
    finally:
        store.lock()
    assert_clean_folder(folder)


def verify_passphrase(folder: Path, before: str, run: Run, recovery_code: str,
                      tally: Tally) -> str:
    """The key file opens with the last confirmed passphrase or the one being set, never with
    neither; the recovery code still opens it. Returns the passphrase that works now."""
    from desktop.store.errors import WrongPassphrase
    from desktop.store.keyfile import KeyFile
    from desktop.store.atomic import stale_temp_files
    from desktop.store.paths import KEY_NAME, key_path
    from desktop.store.store import Store
    confirmed = [n[0] for n in run.of("now")]
    changing = [n[0] for n in run.of("changing")]
    candidates = [confirmed[-1] if confirmed else before]
    if changing and changing[-1] not in candidates:
        candidates.append(changing[-1])
    tally.checked["stale key temp files found"] += len(stale_temp_files(folder, KEY_NAME))
    kf = KeyFile.load(key_path(folder))
    opened = []
    for secret in candidates:
        try:
            kf.unwrap_with_passphrase(secret)
            opened.append(secret)
        except WrongPassphrase:
            pass
    assert opened, f"key file opens with neither {candidates}"
    tally.checked["passphrase changes"] += len(confirmed)
    store = Store.unlock(folder, opened[-1])
    try:
        assert_store_sound(store)
    finally:
        store.lock()
    Store.unlock_with_recovery(folder, recovery_code).lock()
    assert_clean_folder(folder)
    return opened[-1]


def verify_migration(folder: Path, passphrase: str, run: Run, tally: Tally) -> None:
    """Reopen (with the probe migration installed): it is applied completely, exactly once."""
    from desktop.store.backup import list_backups, verify_backup
    from desktop.store.store import Store
    from tests.reliability.fake_migration import applied_completely, installed
    with installed():
        store = Store.unlock(folder, passphrase)
        try:
            assert applied_completely(store.db)
            assert_store_sound(store)
        finally:
            store.lock()
    backups = list_backups(Path(folder) / "backups")
    assert backups, "no backup was made before the migration"
    for b in backups:
        verify_backup(b.path)
    tally.checked["migrations"] += 1
    tally.checked["backups"] += len(backups)
    if run.of("migrated"):
        tally.checked["finished before the kill"] += 1
    assert_clean_folder(folder)
