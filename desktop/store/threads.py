"""Which connection each thread uses, one writer at a time, and closing only once work is done.

The store's threading contract is written down in ``desktop.store.store``; this module is the
machinery behind it, and the one place that hands out database connections. It knows nothing
about SQL engines: an ``Engine`` (``desktop.store.connection.SqlCipherEngine`` here; a second
backend brings its own) makes connections, starts write transactions and interrupts statements.

* The **home thread** uses the connection the store was unlocked with, for plain reads and for
  its transactions: the thread that unlocked the store (the CLI, a test), or the main thread
  (the GUI thread) when it was unlocked on a background worker (``ops`` marks its pool threads
  with ``mark_background_thread()``).
* Any other thread works inside a **session** (``Connections.session()``): it borrows a
  connection of its own for the session, so it reads only what other threads have committed
  (WAL lets readers run beside the writer) and never sees a write that is later rolled back.
  Outside a session a worker thread gets ``OutsideSession`` rather than a shared connection.
* **One writer at a time**: a write transaction holds the write lock (re-entrant per thread).
  A long writer (a sync import) calls ``others_waiting()`` between units of work and, when
  someone waits, commits and ``pass_write_lock()`` lets them in before carrying on.
* **Closing** (``close()``, called when the store locks) refuses new sessions, interrupts the
  statements of running sessions on other threads, waits until every one of them has ended,
  and only then closes the connections. Work that was interrupted fails with ``StoreLocked``;
  nothing it had not committed is kept.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any, Iterator, Protocol

from desktop.store.errors import StoreLocked

IDLE_KEPT = 2      # idle worker connections kept open for the next session


class Engine(Protocol):
    """What the store needs from a database backend."""

    def connect(self) -> Any:
        """A new DB-API connection, ready to use (key, pragmas), in autocommit mode."""

    def begin_write(self, con) -> None:
        """Start a write transaction on ``con`` (SQLite: ``BEGIN IMMEDIATE``)."""

    def begin_read(self, con) -> None:
        """Start a read-only snapshot on ``con`` (SQLite: ``BEGIN``)."""

    def interrupt(self, con) -> None:
        """Make the statement running on ``con`` fail soon; called from another thread."""

    def close(self, con) -> None:
        """Close ``con`` (rolling back anything it had not committed)."""


class OutsideSession(RuntimeError):
    """A worker thread reached the store without ``with store.session():``."""

    def __init__(self):
        super().__init__(
            "the store was used from a worker thread outside `with store.session():` (or "
            "`store.transaction()`); worker threads must read and write inside one")


_background = threading.local()


def mark_background_thread() -> None:
    """Called by the GUI's background pool on each of its threads: a store unlocked there
    belongs to the main (GUI) thread."""
    _background.marked = True


class Connections:
    def __init__(self, engine: Engine, home_connection):
        self.engine = engine
        self._home_con = home_connection
        self._home = threading.main_thread() if getattr(_background, "marked", False) \
            else threading.current_thread()
        self._local = threading.local()      # .con, .depth, .snapshot, .tx
        self._cond = threading.Condition()
        self._active: dict[int, Any] = {}    # thread id -> connection of a running session
        self._idle: list[Any] = []
        self._closing = False
        self._closed = False
        self._writer: int | None = None
        self._write_depth = 0
        self._waiting = 0

    # ------------------------------------------------------------------ state
    @property
    def closed(self) -> bool:
        return self._closed or self._closing

    @property
    def local(self):
        """Per-thread state (``tx``: the thread's open transaction, or None)."""
        return self._local

    def current(self):
        """The connection the calling thread must use now."""
        con = getattr(self._local, "con", None)
        if con is not None:
            if self._closed or (self._closing and threading.current_thread() is not self._home):
                raise StoreLocked()     # closing: a worker's next statement stops its work
            return con
        if self._closing or self._closed:
            raise StoreLocked()
        if threading.current_thread() is self._home:
            return self._home_con
        raise OutsideSession()

    def in_session(self) -> bool:
        return getattr(self._local, "con", None) is not None

    # ------------------------------------------------------------------ sessions
    @contextmanager
    def session(self, *, snapshot: bool = False) -> Iterator[Any]:
        """Borrow this thread's connection for a piece of work (re-entrant). With
        ``snapshot`` a worker thread's reads all see one committed state."""
        local = self._local
        if getattr(local, "con", None) is not None:
            local.depth += 1
            try:
                yield local.con
            finally:
                local.depth -= 1
            return
        me = threading.get_ident()
        home = threading.current_thread() is self._home
        with self._cond:
            if self._closing or self._closed:
                raise StoreLocked()
            con = self._home_con if home else (self._idle.pop() if self._idle else None)
            self._active[me] = con
        try:
            if con is None:
                con = self.engine.connect()
                with self._cond:
                    self._active[me] = con
                    if self._closing:
                        raise StoreLocked()
            local.con, local.depth, local.snapshot = con, 1, False
            if snapshot and not home:
                self.engine.begin_read(con)
                local.snapshot = True
            yield con
        except Exception as exc:
            if (self._closing or self._closed) and not isinstance(exc, StoreLocked):
                raise StoreLocked() from exc     # interrupted by lock(): say so
            raise
        finally:
            self._end_session(me, con, home)

    def _end_session(self, me: int, con, home: bool) -> None:
        local = self._local
        snapshot = getattr(local, "snapshot", False)
        local.con, local.depth, local.snapshot = None, 0, False
        if con is not None and not home:
            try:
                if snapshot or con.in_transaction:
                    con.execute("ROLLBACK")
            except Exception:   # noqa: BLE001 - closed or interrupted: it is dropped below
                self._drop(con)
                con = None
        with self._cond:
            self._active.pop(me, None)
            if con is not None and not home:
                if self._closing or self._closed or len(self._idle) >= IDLE_KEPT:
                    self._drop(con)
                else:
                    self._idle.append(con)
            self._cond.notify_all()

    def in_snapshot(self) -> bool:
        return getattr(self._local, "snapshot", False)

    def end_snapshot(self) -> None:
        """Before a write in a snapshot session: the reads after it see the new state."""
        if getattr(self._local, "snapshot", False):
            self._local.snapshot = False
            con = self._local.con
            if con.in_transaction:
                con.execute("ROLLBACK")

    # ------------------------------------------------------------------ the write lock
    def acquire_write(self) -> None:
        me = threading.get_ident()
        with self._cond:
            if self._writer == me:
                self._write_depth += 1
                return
            self._waiting += 1
            try:
                self._cond.wait_for(lambda: self._writer is None or self._closing)
            finally:
                self._waiting -= 1
            if self._closing or self._closed:
                self._cond.notify_all()
                raise StoreLocked()
            self._writer, self._write_depth = me, 1

    def release_write(self) -> None:
        with self._cond:
            self._write_depth -= 1
            if self._write_depth == 0:
                self._writer = None
                self._cond.notify_all()

    def others_waiting(self) -> bool:
        """True when another thread waits to write (read without the condition: a hint)."""
        return self._waiting > 0

    def pass_write_lock(self) -> None:
        """Called by the writer between transactions: let every thread waiting to write have
        its turn, then take the lock back."""
        me = threading.get_ident()
        with self._cond:
            if self._writer != me:
                raise RuntimeError("pass_write_lock() without holding the write lock")
            depth, self._writer, self._write_depth = self._write_depth, None, 0
            self._cond.notify_all()
            self._cond.wait_for(lambda: (self._writer is None and self._waiting == 0)
                                or self._closing)
            if self._closing:
                raise StoreLocked()
            self._writer, self._write_depth = me, depth

    # ------------------------------------------------------------------ closing
    def close(self) -> None:
        """Stop new work, interrupt and wait for running sessions on other threads, then close
        every connection. Safe to call twice."""
        me = threading.get_ident()
        with self._cond:
            if self._closed:
                return
            self._closing = True
            self._cond.notify_all()
            while any(t != me for t in self._active):
                for t, con in list(self._active.items()):
                    if t != me and con is not None:
                        try:
                            self.engine.interrupt(con)
                        except Exception:   # noqa: BLE001 - it is closing anyway
                            pass
                self._cond.wait(0.05)
            for con in self._idle:
                self._drop(con)
            self._idle.clear()
            own = self._active.get(me)
            if own is not None and own is not self._home_con:
                self._drop(own)
            self._drop(self._home_con)
            self._home_con = None
            self._closed = True
            self._cond.notify_all()

    def _drop(self, con) -> None:
        if con is None:
            return
        try:
            self.engine.close(con)
        except Exception:   # noqa: BLE001 - closing a broken connection
            pass


def in_session(fn):
    """Decorate a library entry point whose first argument is the store: it runs inside
    ``store.session()``, so it is safe to call from any thread."""
    import functools

    @functools.wraps(fn)
    def wrapper(store, *args, **kwargs):
        with store.session():
            return fn(store, *args, **kwargs)
    return wrapper
