"""The store's threading contract (module docs of desktop.store.store): workers read through
their own connections and see only committed data, one writer at a time with a long import
letting a quick-log in, and locking that stops running work before closing connections."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store import StoreLocked
from desktop.store.store import Store
from desktop.store.threads import OutsideSession
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60   # seconds: only a bound on a hang, never a measured figure


class Worker(threading.Thread):
    """Runs ``fn`` on its own thread and keeps its result or exception."""

    def __init__(self, fn):
        super().__init__(daemon=True)
        self.fn, self.result, self.error = fn, None, None

    def run(self):
        try:
            self.result = self.fn()
        except BaseException as exc:   # noqa: BLE001 - the test looks at it
            self.error = exc

    def outcome(self):
        self.join(WAIT)
        assert not self.is_alive(), "the worker did not finish"
        if self.error is not None:
            raise self.error
        return self.result


def test_a_worker_never_sees_a_write_that_is_rolled_back(store):
    kept = store.people.add(Person(name="Kept Person"))

    def read():
        with store.session():
            return ({p.name for p in store.people.where()},
                    store.db.execute("SELECT count(*) FROM change_log").fetchone()[0])

    before = Worker(read)
    before.start()
    names_before, log_before = before.outcome()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.people.add(Person(name="Never Happened"))
            assert store.people.get(kept.id) is not None
            during = Worker(read)
            during.start()
            names_during, log_during = during.outcome()
            raise RuntimeError("changed my mind")
    assert names_during == names_before == {"Kept Person"}
    assert log_during == log_before
    assert "Never Happened" not in {p.name for p in store.people.where()}


def test_a_worker_outside_a_session_is_refused(store):
    worker = Worker(lambda: store.people.where())
    worker.start()
    with pytest.raises(OutsideSession):
        worker.outcome()
    inside = Worker(lambda: _in_session(store, lambda: len(store.people.where())))
    inside.start()
    assert inside.outcome() == 0


def _in_session(store, fn):
    with store.session():
        return fn()


def test_a_nested_transaction_is_a_savepoint(store):
    with store.transaction():
        outer = store.people.add(Person(name="Outer Person"))
        with pytest.raises(ValueError):
            with store.transaction():
                store.people.add(Person(name="Inner Person"))
                raise ValueError("undo only me")
    assert {p.name for p in store.people.where()} == {outer.name}


def test_a_worker_transaction_is_seen_by_the_gui_only_when_committed(store):
    written, go = threading.Event(), threading.Event()

    def write():
        with store.transaction():
            store.people.add(Person(name="From A Worker"))
            written.set()
            assert go.wait(WAIT)
        return "done"

    worker = Worker(write)
    worker.start()
    assert written.wait(WAIT)
    assert store.people.where() == []            # the GUI reads while the worker writes: no wait
    go.set()
    assert worker.outcome() == "done"
    assert [p.name for p in store.people.where()] == ["From A Worker"]


def test_lock_interrupts_a_running_read_and_waits_for_it(store_dir):
    store = Store.unlock(store_dir, PASSPHRASE)
    started = threading.Event()

    def endless():
        with store.session():
            started.set()
            return store.db.execute(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                "SELECT count(*) FROM c").fetchone()

    worker = Worker(endless)
    worker.start()
    assert started.wait(WAIT)
    store.lock()                                  # returns only once the read has stopped
    assert not worker.is_alive()
    with pytest.raises(StoreLocked):
        worker.outcome()
    assert not store.is_open


def test_lock_waits_for_a_worker_transaction_and_keeps_none_of_it(store_dir):
    store = Store.unlock(store_dir, PASSPHRASE)
    inside, go = threading.Event(), threading.Event()

    def write():
        with store.transaction():
            store.people.add(Person(name="Half Written"))
            inside.set()
            assert go.wait(WAIT)
            store.people.add(Person(name="Second Half"))

    worker = Worker(write)
    worker.start()
    assert inside.wait(WAIT)
    locker = Worker(store.lock)
    locker.start()
    locker.join(0.5)
    assert locker.is_alive(), "lock() closed the store under a running transaction"
    go.set()
    locker.outcome()
    with pytest.raises(StoreLocked):
        worker.outcome()
    again = Store.unlock(store_dir, PASSPHRASE)
    try:
        assert again.people.where() == []
    finally:
        again.lock()


def test_a_quick_log_completes_while_a_5000_change_import_runs(tmp_path):
    from desktop.sync import export_packages, import_paths
    from tests.sync.helpers import enrol_pair, make_store
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    try:
        enrol_pair(lead, field, tmp_path)
        with field.transaction():
            far = field.people.add(Person(name="Far Person"))
            for i in range(4_999):
                field.attempts.log(far.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                                   f"try {i}")
        out = tmp_path / "out"
        result = export_packages(field, out, max_payload=50_000)
        assert result.changes == 5_000 and len(result.packages) >= 20
        here = lead.people.add(Person(name="Near Person"))
        started = threading.Event()

        def progress(done, total, _name):
            if done >= 2:
                started.set()

        importing = Worker(lambda: import_paths(lead, [out], progress))
        importing.start()
        assert started.wait(WAIT)
        logged = lead.attempts.log(here.id, ContactMethod.HOME_VISIT, ContactOutcome.SEEN_ENGAGED, "at home")
        assert importing.is_alive(), "the quick-log waited for the whole import"
        summary = importing.outcome()
        assert summary.imported == len(result.packages) and summary.rejected == 0
        assert lead.attempts.get(logged.id) is not None
        assert lead.db.execute("SELECT count(*) FROM contact_attempt").fetchone()[0] == 5_000
    finally:
        lead.lock()
        field.lock()


def test_nothing_outside_the_store_touches_its_lock_or_connections():
    pattern = re.compile(r"\._(lock|conns|tx|db)\b|\bstore\._key\b")
    offenders = []
    files = sorted((ROOT / "desktop").rglob("*.py")) + sorted((ROOT / "bench").rglob("*.py"))
    for path in files:
        if "desktop/store/" in path.as_posix():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and "self._" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_a_write_inside_a_snapshot_session_ends_the_snapshot(store):
    def work():
        with store.session(snapshot=True):
            assert store.people.where() == []
            store.people.add(Person(name="Made In A Report"))
            return [p.name for p in store.people.where()]

    worker = Worker(work)
    worker.start()
    assert worker.outcome() == ["Made In A Report"]
