"""The status bar's permanent indicators: when the app locks, the sync state, who is signed in.

    indicators = StatusIndicators(window.statusBar(), window.idle, window)
    indicators.attach(store)     # on unlock
    indicators.detach()          # on lock: "Locked", nothing else

* The lock timer reads the idle watcher (``desktop.ui.idle``) every ``LOCK_REFRESH_MSECS`` and
  says "Locks in 4 min" (any key press or mouse move puts it back to the full time).
* The sync state (changes the lead agency has not acknowledged yet, and the last export) comes
  from ``desktop.sync.sync_status`` computed off the GUI thread, again after every store change
  (debounced) and every few minutes.
* Screens that change the sync state without a store change the indicators would hear of
  (enrolment, export, import, a review resolved) call ``sync_changed(widget)``.
* Nothing here ever shows personal data about the people on the caseload.
"""
from __future__ import annotations

import logging
import math

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from desktop.ui import ops
from desktop.ui.store_events import StoreEvents
from desktop.ui.widgets import format_datetime
from desktop.i18n import _, ngettext  # noqa: F401

log = logging.getLogger(__name__)

LOCK_REFRESH_MSECS = 30_000
SYNC_REFRESH_MSECS = 5 * 60_000
SYNC_DEBOUNCE_MSECS = 1_000
EVENTS_SCANNED = 500


def lock_text(seconds: float | None) -> str:
    """``Locks in 4 min`` from the seconds left before the idle lock."""
    if seconds is None:
        return ""
    if seconds < 60:
        return _("Locks in under a minute")
    return _("Locks in {n} min").format(n=math.ceil(seconds / 60))


def who_text(store) -> str:
    role = _("lead agency") if store.role == "lead" else _("field worker")
    return "  ·  ".join(p for p in (store.actor, store.agency, role) if p)


def sync_summary(status: dict, last_export: str | None) -> tuple[str, str]:
    """``(short text, longer description)`` from ``sync_status(store)`` and the time of the
    last export (ISO, UTC) or None."""
    peers = status.get("peers") or []
    if last_export:
        from desktop.domain.ids import from_iso
        last_export = format_datetime(from_iso(last_export))
    review = sum(int(status.get(k) or 0) for k in ("conflicts", "duplicates", "quarantined"))
    if not peers:
        return (_("Sync: not enrolled"),
                _("This device is not enrolled for sync yet: Sync → enrol with the lead agency "
                  "(or, as the lead agency, enrol each worker's device)."))
    pending = sum(p["sent"]["not_yet_exported"] for p in peers)
    unacked = sum(p["sent"]["unacknowledged_changes"] for p in peers)
    waiting = pending + unacked
    parts = [ngettext("{n} change not acknowledged", "{n} changes not acknowledged",
                      waiting).format(n=waiting) if waiting
             else _("all changes acknowledged")]
    parts.append(_("last export {when}").format(when=last_export) if last_export
                 else _("never exported"))
    if review:
        parts.append(_("{n} to review").format(n=review))
    detail = [ngettext("{n} change not exported yet.", "{n} changes not exported yet.",
                       pending).format(n=pending),
              _("{n} exported and waiting for the other side to acknowledge them.").format(
                  n=unacked)]
    detail.append(_("Last export: {when}.").format(when=last_export) if last_export
                  else _("Nothing has been exported yet."))
    if review:
        detail.append(_("{n} conflict(s), possible duplicate(s) or quarantined record(s) to "
                        "review on the Sync screen.").format(n=review))
    return _("Sync: {status}").format(status=" · ".join(parts)), " ".join(detail)


def compute_sync(store) -> tuple[dict, str | None] | None:
    """``(sync_status, last export)``, or None when this build has no sync (or the store was
    locked meanwhile). Runs on a worker thread, inside a store session: locking waits for it."""
    try:
        from desktop.store.syncstate import SyncState
        from desktop.sync import sync_status
    except ImportError:
        return None
    from desktop.store.errors import StoreLocked
    try:
        with store.session(snapshot=True):
            status = sync_status(store)
            last = next((e["at"] for e in SyncState(store).events(EVENTS_SCANNED)
                         if e["direction"] == "out"), None)
    except StoreLocked:
        return None
    return status, last


class StatusIndicators(QObject):
    def __init__(self, bar: QStatusBar, idle, parent: QObject | None = None):
        super().__init__(parent)
        self.idle = idle
        self.store = None
        self._events: StoreEvents | None = None
        self._op = None
        self._again = False
        self.lock_label = QLabel()
        self.lock_label.setAccessibleName(_("Auto-lock"))
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName(_("Sync state"))
        self.who = QLabel()
        self.who.setAccessibleName(_("Signed in as"))
        for label in (self.sync_label, self.lock_label, self.who):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
        self.sync_label.hide()
        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(LOCK_REFRESH_MSECS)
        self.lock_timer.timeout.connect(self.refresh_lock)
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(SYNC_REFRESH_MSECS)
        self.sync_timer.timeout.connect(self.refresh_sync)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SYNC_DEBOUNCE_MSECS)
        self.debounce.timeout.connect(self.refresh_sync)

    # ---------------------------------------------------------------- life-cycle
    def attach(self, store) -> None:
        self.detach(show_locked=False)
        self.store = store
        self._events = StoreEvents(store, self)
        self._events.changed.connect(lambda _c: self.debounce.start())
        self.lock_timer.start()
        self.sync_timer.start()
        self.refresh()

    def detach(self, *, show_locked: bool = True) -> None:
        for timer in (self.lock_timer, self.sync_timer, self.debounce):
            timer.stop()
        if self._events is not None:
            self._events.detach()
            self._events.deleteLater()
            self._events = None
        if self._op is not None:
            self._op.cancel()
            self._op = None
        self._again = False
        self.store = None
        self.lock_label.clear()
        self.sync_label.clear()
        self.sync_label.hide()
        self.who.setText(_("Locked") if show_locked else "")

    def clear(self) -> None:
        """Nothing shown at all (first-run setup)."""
        self.detach(show_locked=False)

    # ---------------------------------------------------------------- refreshing
    def refresh(self) -> None:
        self.refresh_lock()
        self.refresh_who()
        self.refresh_sync()

    def refresh_who(self) -> None:
        if self.store is not None and self.store.is_open:
            self.who.setText(who_text(self.store))

    def refresh_lock(self) -> None:
        text = lock_text(self.idle.remaining_seconds()) if self.store is not None else ""
        self.lock_label.setText(text)
        self.lock_label.setToolTip(_("The app locks after this much time without use "
                                   "(Settings → Lock after idle). Ctrl+L locks now.")
                                   if text else "")

    def refresh_sync(self) -> None:
        store = self.store
        if store is None or not store.is_open:
            return
        if self._op is not None and not self._op.done:
            self._again = True              # one more run once this one is back
            return
        self._again = False
        self._op = ops.run_in_background(self, lambda: compute_sync(store), self._sync_done,
                                         self._sync_failed)

    def _sync_done(self, result) -> None:
        if self.store is None:
            return
        if result is None:
            self.sync_label.hide()
        else:
            text, detail = sync_summary(*result)
            self.sync_label.setText(text)
            self.sync_label.setToolTip(detail)
            self.sync_label.setAccessibleDescription(detail)
            self.sync_label.show()
        if self._again:
            self.refresh_sync()

    def _sync_failed(self, exc: BaseException) -> None:
        log.info("sync status not available: %s", type(exc).__name__)
        self.sync_label.hide()
        if self._again and self.store is not None:
            self.refresh_sync()


def sync_changed(widget) -> None:
    """The sync state changed (enrolled, exported, imported, reviewed): the status bar of the
    window ``widget`` belongs to recomputes it now."""
    w = widget
    while w is not None:
        indicators = getattr(w, "indicators", None)
        if isinstance(indicators, StatusIndicators):
            indicators.refresh_sync()
            return
        w = w.parentWidget()
