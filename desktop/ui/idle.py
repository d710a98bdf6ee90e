"""Auto-lock after idle.

An application-wide event filter notes the time of every key press, mouse click, move and
wheel; a QTimer checks every few seconds. Idle time is measured both with ``time.monotonic()``
and with the wall clock and the larger one wins, so a laptop that slept with the app open locks
as soon as it wakes (the monotonic clock stops during sleep on some systems; the wall clock
does not).
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride}

CHECK_MSECS = 5000


class IdleWatcher(QObject):
    """Emits ``idle`` once when no input arrived for ``minutes``; ``start`` re-arms it."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, clock=time.monotonic, wall=time.time):
        super().__init__(parent)
        self._clock, self._wall = clock, wall
        self._limit_s: float | None = None
        self._last_mono = clock()
        self._last_wall = wall()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MSECS)
        self.timer.timeout.connect(self.check)
        self._installed = False

    def start(self, minutes: float) -> None:
        self._limit_s = float(minutes) * 60
        self.touch()
        if not self._installed:
            QApplication.instance().installEventFilter(self)
            self._installed = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._limit_s = None
        if self._installed:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._installed = False

    def set_minutes(self, minutes: float) -> None:
        if self._limit_s is not None:
            self._limit_s = float(minutes) * 60

    @property
    def active(self) -> bool:
        return self._limit_s is not None

    def touch(self) -> None:
        self._last_mono = self._clock()
        self._last_wall = self._wall()

    def idle_seconds(self) -> float:
        by_mono = self._clock() - self._last_mono
        by_wall = self._wall() - self._last_wall
        return max(by_mono, by_wall)

    def remaining_seconds(self) -> float | None:
        """Seconds until the idle lock (0 when due), or None while not watching."""
        if self._limit_s is None:
            return None
        return max(0.0, self._limit_s - self.idle_seconds())

    def check(self) -> bool:
        """Emit ``idle`` (and stop) when the limit has passed; returns whether it did."""
        if self._limit_s is None or self.idle_seconds() < self._limit_s:
            return False
        self.stop()
        self.idle.emit()
        return True

    def eventFilter(self, obj, event) -> bool:
        if event.type() in _ACTIVITY:
            self._last_mono = self._clock()
            self._last_wall = self._wall()
        return False
