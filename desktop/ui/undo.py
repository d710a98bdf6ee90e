"""Ctrl+Z: undo the last quick-logged contact attempt, for a few seconds after logging it.

A mis-click in the quick-log bar (wrong outcome, wrong person) is put right at once without a
dialog: the attempt is soft-deleted through its repository (so the change is versioned and
audit-logged, and the worker who logged it can still restore it), the timeline and the caseload
refresh from the store's change signal, and the status bar says "Attempt undone". After
``UNDO_SECONDS`` the shortcut says there is nothing to undo: an older record is corrected on
purpose, not by a stray key.
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject

UNDO_SECONDS = 10


class AttemptUndo(QObject):
    def __init__(self, store, parent: QObject | None = None, *,
                 clock: Callable[[], float] = time.monotonic, seconds: float = UNDO_SECONDS):
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.seconds = seconds
        self._attempt = None
        self._at = 0.0

    def remember(self, attempt) -> None:
        """Called when the quick-log bar has logged ``attempt``."""
        self._attempt, self._at = attempt, self.clock()

    def forget(self) -> None:
        self._attempt = None

    def available(self) -> bool:
        if self._attempt is None:
            return False
        if self.clock() - self._at > self.seconds:
            self._attempt = None
            return False
        return True

    def undo(self):
        """Soft-delete the remembered attempt; returns it, or None when there is nothing to
        undo (too late, already undone, the store locked)."""
        if not self.available() or not self.store.is_open:
            return None
        attempt, self._attempt = self._attempt, None
        self.store.attempts.delete(attempt.id)
        return attempt
