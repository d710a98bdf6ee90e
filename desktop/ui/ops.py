"""The one way to run slow work (key derivation, import, export, PDF) off the GUI thread.

    op = run_in_background(parent, fn, on_success, on_failure=None, progress=None)

* ``fn`` runs on a worker thread of a private ``QThreadPool``. It must **never touch a widget or
  a model**: compute and return a value. When its signature accepts them, ``fn`` is called with
  ``progress=`` (a ``progress(done, total, text)`` callable, thread-safe) and ``cancelled=`` (a
  ``cancelled() -> bool`` check to poll for cooperative cancellation).
* ``on_success(result)``, ``on_failure(exc)`` and ``progress(done, total, text)`` run on the GUI
  thread. Without ``on_failure`` the error is shown in a message box (``str(exc)`` for the errors
  meant for workers, a generic sentence otherwise).
* ``parent`` (a QObject or None) scopes the callbacks: once it is destroyed they are dropped.
* ``op.cancel()`` asks ``fn`` to stop; after it, neither callback runs (``on_cancelled`` does).
  ``fn`` may also raise ``Cancelled``.
* Tests: ``wait_for_all()`` joins every worker; ``set_synchronous(True)`` runs work inline.
"""
from __future__ import annotations

import inspect
import logging
import threading
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot
from desktop.i18n import _, ngettext  # noqa: F401

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised by work that noticed ``cancelled()``; never reported as a failure."""


class _Dispatcher(QObject):
    """Lives on the GUI thread for the life of the app; carries callables back to it.

    Emitting a signal of a GUI-thread object from a worker thread queues the call, so the
    callable runs on the GUI thread. One long-lived object avoids any race about which thread
    deletes a per-operation QObject."""
    deliver = Signal(object)

    def __init__(self):
        super().__init__()
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _run(self, fn):
        fn()


_dispatcher: _Dispatcher | None = None
_pool: QThreadPool | None = None
_synchronous = False
_live: set["Operation"] = set()


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(max(2, min(4, QThreadPool.globalInstance().maxThreadCount())))
    return _pool


def set_synchronous(on: bool) -> None:
    """Run work inline on the calling thread (for tests that do not want a thread pool)."""
    global _synchronous
    _synchronous = on


def wait_for_all(msecs: int = 10_000) -> bool:
    """Block until every background operation has finished (teardown, quitting)."""
    if _pool is None:
        return True
    return _pool.waitForDone(msecs)


def busy() -> bool:
    """True while any operation has not delivered its result yet."""
    return bool(_live)


class Operation:
    """A handle on one piece of background work."""

    def __init__(self, parent, fn, on_success, on_failure, progress, on_cancelled):
        self._parent = parent
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = progress
        self._on_cancelled = on_cancelled
        self._cancel = threading.Event()
        self._done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    # -- called from anywhere ------------------------------------------------------------
    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        """True once the result (or error) has been delivered on the GUI thread."""
        return self._done.is_set()

    # -- worker side ---------------------------------------------------------------------
    def _call_fn(self):
        kwargs = {}
        try:
            params = inspect.signature(self._fn).parameters
        except (TypeError, ValueError):
            params = {}
        accepts_any = any(p.kind is p.VAR_KEYWORD for p in params.values())
        if "progress" in params or accepts_any:
            kwargs["progress"] = self._report_progress
        if "cancelled" in params or accepts_any:
            kwargs["cancelled"] = self.cancelled
        return self._fn(**kwargs)

    def _report_progress(self, done: int, total: int, text: str = "") -> None:
        if self._on_progress is None or self.cancelled():
            return
        self._post(lambda: self._deliver_progress(done, total, text))

    def _work(self) -> None:
        try:
            result = self._call_fn()
        except Cancelled:
            self._post(self._deliver_cancelled)
        except BaseException as exc:  # noqa: BLE001 - every error goes back to the GUI
            self._post(lambda exc=exc: self._deliver_failure(exc))
        else:
            self._post(lambda result=result: self._deliver_success(result))

    def _post(self, fn: Callable[[], None]) -> None:
        if _synchronous:
            fn()
        else:
            _get_dispatcher().deliver.emit(fn)

    # -- GUI side ------------------------------------------------------------------------
    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _finish(self) -> None:
        self._done.set()
        _live.discard(self)

    def _deliver_progress(self, done, total, text) -> None:
        if not self.done and not self.cancelled() and self._alive():
            self._on_progress(done, total, text)

    def _deliver_success(self, result) -> None:
        self.result = result
        self._finish()
        if self.cancelled():
            self._deliver_cancelled_callback()
        elif self._alive():
            self._on_success(result)

    def _deliver_failure(self, exc: BaseException) -> None:
        self.error = exc
        self._finish()
        if self.cancelled():
            self._deliver_cancelled_callback()
        elif not self._alive():
            return
        elif self._on_failure is not None:
            self._on_failure(exc)
        else:
            default_failure(self._parent, exc)

    def _deliver_cancelled(self) -> None:
        self._finish()
        self._deliver_cancelled_callback()

    def _deliver_cancelled_callback(self) -> None:
        if self._on_cancelled is not None and self._alive():
            self._on_cancelled()


class _Runnable(QRunnable):
    def __init__(self, op: Operation):
        super().__init__()
        self._op = op
        self.setAutoDelete(True)

    def run(self) -> None:
        from desktop.store.threads import mark_background_thread
        mark_background_thread()        # a store unlocked here belongs to the GUI thread
        self._op._work()


def run_in_background(parent: QObject | None, fn: Callable[..., Any],
                      on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None] | None = None,
                      progress: Callable[[int, int, str], None] | None = None, *,
                      on_cancelled: Callable[[], None] | None = None) -> Operation:
    """Run ``fn`` off the GUI thread; see the module docstring for the contract."""
    op = Operation(parent, fn, on_success, on_failure, progress, on_cancelled)
    _live.add(op)
    if _synchronous:
        op._work()
    else:
        _get_dispatcher()  # created on the GUI thread, before any worker can emit
        pool().start(_Runnable(op))
    return op


def default_failure(parent, exc: BaseException) -> None:
    """Show an error in a message box: the text of errors written for workers, else a
    generic sentence (the details go to the log, which never holds personal data)."""
    from desktop.domain.record import ValidationError
    from desktop.store.errors import StoreError
    from desktop.ui.widgets import show_error
    if isinstance(exc, (StoreError, ValidationError)):
        text = str(exc)
    else:
        log.error("background operation failed: %s", type(exc).__name__,
                  exc_info=(type(exc), exc, exc.__traceback__))
        text = _("Something went wrong and the task did not finish. Nothing you saved before "
                 "was lost. Try again; if it happens again, tell your administrator.")
    widget = parent if parent is not None and hasattr(parent, "window") else None
    show_error(widget, _("Could not finish"), text)
