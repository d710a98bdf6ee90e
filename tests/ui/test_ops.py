"""The background-work helper: results, errors and progress come back on the GUI thread."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from desktop.ui import ops


def test_success_runs_fn_off_thread_and_callback_on_gui_thread(qtbot):
    seen = {}

    def work():
        seen["work_thread"] = threading.current_thread()
        return 42

    def done(result):
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()

    op = ops.run_in_background(None, work, done)
    qtbot.waitUntil(lambda: op.done)
    assert seen["result"] == 42 and seen["gui"]
    assert seen["work_thread"] is not threading.main_thread()


def test_failure_goes_to_on_failure(qtbot):
    errors = []
    op = ops.run_in_background(None, lambda: 1 / 0, lambda r: errors.append("success?"),
                               errors.append)
    qtbot.waitUntil(lambda: op.done)
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)


def test_progress_and_cancel(qtbot):
    reports, results, cancelled_calls = [], [], []
    started = threading.Event()
    release = threading.Event()

    def work(progress, cancelled):
        progress(1, 3, "first")
        started.set()
        release.wait(5)
        if cancelled():
            raise ops.Cancelled()
        return "finished"

    op = ops.run_in_background(None, work, results.append,
                               progress=lambda d, t, text: reports.append((d, t, text)),
                               on_cancelled=lambda: cancelled_calls.append(True))
    assert started.wait(5)
    qtbot.waitUntil(lambda: reports == [(1, 3, "first")])
    op.cancel()
    release.set()
    qtbot.waitUntil(lambda: op.done)
    assert results == [] and cancelled_calls == [True]


def test_callbacks_dropped_when_parent_destroyed(qtbot):
    parent = QObject()
    release = threading.Event()
    results = []
    op = ops.run_in_background(parent, lambda: release.wait(5) or "x", results.append)
    parent.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(parent))
    release.set()
    qtbot.waitUntil(lambda: op.done)
    assert results == []


def test_synchronous_mode(qtbot):
    ops.set_synchronous(True)
    try:
        results = []
        op = ops.run_in_background(None, lambda: "now", results.append)
        assert op.done and results == ["now"]
    finally:
        ops.set_synchronous(False)
