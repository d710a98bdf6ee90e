"""Store changes as a Qt signal.

``Store`` calls its listeners after each commit, on whatever thread committed (the GUI thread for
a quick log, a worker thread for an import). ``StoreEvents.changed`` re-emits the ``Changes``
value as a Qt signal; connected slots on GUI-thread objects run on the GUI thread (Qt queues the
call when it comes from a worker).

    events = StoreEvents(store, parent=self)
    events.changed.connect(self.reload)        # slot receives desktop.store.store.Changes
    ...
    events.detach()                            # before store.lock(); also done on destroy
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Signal


POLL_MS = 3000      # hub only: how often to look for other coordinators' commits


class StoreEvents(QObject):
    changed = Signal(object)   # desktop.store.store.Changes

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._listener = self._on_change
        store.add_listener(self._listener)
        self._poll = None
        if getattr(store, "is_hub", False):
            # On the hub other coordinators commit too: a cheap poll of the change log
            # (Store.poll_external) brings their changes to the same signal.
            from PySide6.QtCore import QTimer
            self._poll = QTimer(self)
            self._poll.setInterval(POLL_MS)
            self._poll.timeout.connect(self._poll_hub)
            self._poll.start()

    def _poll_hub(self) -> None:
        if self._store is not None and self._store.is_open:
            self._store.poll_external()

    def _on_change(self, changes) -> None:
        if shiboken6.isValid(self):
            self.changed.emit(changes)
        elif self._store is not None:  # destroyed without detach(): stop listening
            self._store.remove_listener(self._listener)

    def detach(self) -> None:
        if self._poll is not None:
            self._poll.stop()
        if self._store is not None:
            self._store.remove_listener(self._listener)
            self._store = None
