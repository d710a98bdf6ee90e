"""The caseload's data: ``CaseloadModel`` over ``store.people.caseload()`` rows. The model
sorts and filters itself (search, status): no proxy calling Python once per row.

The Alerts column is filled by an alert provider: ``set_alert_provider(fn)`` where
``fn(store, rows) -> {person_id: [Alert, ...]}`` (``desktop.domain.rules.Alert``); without one
the column stays empty. Alerts are never evaluated on the GUI thread: the first time the view
asks about a row without them (painting), the next ``ALERT_BATCH`` shown rows are evaluated
together off the GUI thread and the column is filled in when they arrive; a commit re-evaluates
the people it touched the same way (their old alerts stay shown meanwhile); sorting by the
Alerts column evaluates everyone, off the GUI thread, and sorts again when they arrive.
"""
from __future__ import annotations

import logging
from operator import itemgetter
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont

from desktop.domain.person import CaseStatus
from desktop.i18n import N_, _
from desktop.ui.widgets import format_date, format_datetime

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

AlertProvider = Callable[[object, list], dict]
_alert_provider: AlertProvider | None = None


def set_alert_provider(fn: AlertProvider | None) -> None:
    """Register the function that fills the Alerts column (see the module docstring)."""
    global _alert_provider
    _alert_provider = fn


class Col:
    NAME, STATUS, SPOC, LAST_CONTACT, UNSUCCESSFUL, NEXT_DUE, ALERTS = range(7)


HEADERS = {
    Col.NAME: (N_("Name"), N_("Name, and the name they like to be called")),
    Col.STATUS: (N_("Status"), N_("Case status: open, escalated, de-escalated or closed")),
    Col.SPOC: (N_("SPOC"), N_("Single point of contact")),
    Col.LAST_CONTACT: (N_("Last contact"), N_("The latest contact attempt, successful or not")),
    Col.UNSUCCESSFUL: (N_("Unsuccessful"), N_("Unsuccessful attempts since the adult was last seen")),
    Col.NEXT_DUE: (N_("Next due"), N_("The next planned attempt")),
    Col.ALERTS: (N_("Alerts"), N_("Prompts from the procedure")),
}


STATUS_FILTERS: list[tuple[str, set[CaseStatus] | None]] = [
    (N_("Active cases"), {CaseStatus.OPEN, CaseStatus.ESCALATED, CaseStatus.DE_ESCALATED}),
    (N_("All cases"), None),
    *[(s.label, {s}) for s in CaseStatus],
]

ALERT_BATCH = 50        # people whose alerts are evaluated together (one query per table)


class CaseloadModel(QAbstractTableModel):
    """Everyone in ``all_rows`` (``CaseloadRow``, in order); the shown ones (search, status
    filter) in ``rows``. ``reload()`` re-reads the store, ``refresh(ids)`` only some people.
    The model sorts itself in Python with one key per row (a proxy that sorts asks for two
    values through Qt for every comparison) and filters with one pass over a list."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.all_rows: list = []
        self.rows: list = []
        self.alerts: dict[str, list] = {}
        self.search = ""
        self.statuses: set[CaseStatus] | None = STATUS_FILTERS[0][1]
        self._order: tuple[int, Qt.SortOrder] = (Col.NAME, Qt.SortOrder.AscendingOrder)
        self._sorted_as: tuple | None = None    # the order all_rows are in (None: unknown)
        self._folded: dict[str, str] = {}       # id -> casefolded "name\nknown as" (search)
        self._by_name: list | None = None       # all_rows in name order (None: to sort)
        self._alerts_op = None
        self._batch_op = None                   # the alert batch being evaluated
        self._queue: list[list] = []            # alert batches waiting for it
        self._pending: set[str] = set()         # ids in the batch or the queue
        self._stale: set[str] = set()           # ids whose shown alerts a commit outdated
        self._generation = 0                    # bumped by reload/clear: late results dropped

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.all_rows = self.store.people.caseload() if self.store.is_open else []
        self._folded = {r[0]: f"{r[1]}\n{r[2]}".casefold() for r in self.all_rows}
        self._by_name = None
        self._forget_alerts()
        self._sort_rows()
        self.rows = self._filtered(self.all_rows)
        self.endResetModel()
        if self._order[0] == Col.ALERTS:
            self._evaluate_all_alerts()

    def total(self) -> int:
        return len(self.all_rows)

    def refresh(self, person_ids) -> None:
        """Re-read only these people (after a change to their records): rows are replaced,
        added or removed, then put back in order."""
        if not self.store.is_open:
            return self.clear()
        ids = set(person_ids)
        fresh = {r.id: r for r in self.store.people.caseload(ids=ids)}
        self._by_name = None
        for pid, r in fresh.items():
            self._folded[pid] = f"{r[1]}\n{r[2]}".casefold()
        # their alerts are evaluated again off the GUI thread (the old ones shown meanwhile)
        self._stale |= {pid for pid in ids if pid in self.alerts}
        self._pending -= ids
        self._queue = [[x for x in b if x.id not in ids] for b in self._queue]
        if len(fresh) <= ALERT_BATCH:
            self._want(list(fresh.values()))
        # Row by row: a row that keeps its place is updated in place, any other is removed and
        # inserted where it now sorts.
        last = len(HEADERS) - 1
        for pid in ids:
            new = fresh.get(pid)
            j = next((k for k, r in enumerate(self.all_rows) if r.id == pid), -1)
            if j >= 0:
                del self.all_rows[j]
            if new is not None:
                self.all_rows.insert(self._position(self.all_rows, new), new)
            shown = new is not None and self._matches(new)
            i = self.row_for(pid)
            if i >= 0 and shown and self._in_place(i, new):
                self.rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
                continue
            if i >= 0:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
            if shown:
                at = self._position(self.rows, new)
                self.beginInsertRows(QModelIndex(), at, at)
                self.rows.insert(at, new)
                self.endInsertRows()

    def _before(self, a, b) -> bool:
        """True when row ``a`` sorts before row ``b`` in the current order."""
        column, order = self._order
        ka, kb = self._sort_key(a, column), self._sort_key(b, column)
        if ka != kb:
            return ka > kb if order == Qt.SortOrder.DescendingOrder else ka < kb
        folded = self._folded
        return (folded.get(a[0]) or a[1].casefold()) < (folded.get(b[0]) or b[1].casefold())

    def _in_place(self, i: int, row) -> bool:
        return (i == 0 or not self._before(row, self.rows[i - 1])) and \
            (i == len(self.rows) - 1 or not self._before(self.rows[i + 1], row))

    def _position(self, rows: list, row) -> int:
        lo, hi = 0, len(rows)               # binary search: the rows are in order
        while lo < hi:
            mid = (lo + hi) // 2
            if self._before(row, rows[mid]):
                hi = mid
            else:
                lo = mid + 1
        return lo

    def _alerts_of(self, row: int, r) -> list:
        """``r``'s alerts as far as they are known; the first time a row without them (or with
        outdated ones) is asked about, the next ``ALERT_BATCH`` such shown rows are queued for
        evaluation off the GUI thread."""
        pid = r[0]
        alerts = self.alerts.get(pid)
        if (alerts is None or pid in self._stale) and pid not in self._pending \
                and _alert_provider is not None:
            self._want([x for x in self.rows[max(0, row - 5):row + 4 * ALERT_BATCH]
                        if (x[0] not in self.alerts or x[0] in self._stale)
                        and x[0] not in self._pending][:ALERT_BATCH])
        return alerts or []

    def alerts_settled(self, person_id: str) -> bool:
        """True when ``person_id``'s alerts are known and no commit has outdated them."""
        return person_id in self.alerts and person_id not in self._stale \
            and person_id not in self._pending

    def _want(self, rows: list) -> None:
        """Queue ``rows`` for alert evaluation; the work starts from the event loop (never
        inside ``data()``)."""
        rows = [x for x in rows if x[0] not in self._pending]
        if not rows or _alert_provider is None:
            return
        self._pending.update(x[0] for x in rows)
        self._queue.append(rows)
        if self._batch_op is None:
            self._batch_op = True               # a start is scheduled
            QTimer.singleShot(0, self._next_batch)

    def _next_batch(self) -> None:
        from desktop.ui import ops
        self._queue = [b for b in self._queue if b]
        if not self._queue or not self.store.is_open or _alert_provider is None:
            self._batch_op = None
            return
        batch, generation = self._queue.pop(0), self._generation
        store, provider = self.store, _alert_provider
        ended = []                  # set when done/failed ran (inline when ops run synchronously)

        def work():
            with store.session():
                return provider(store, batch) or {}

        def done(found):
            ended.append(True)
            self._batch_op = None
            if generation == self._generation:
                for x in batch:
                    self.alerts[x[0]] = found.get(x[0]) or []
                    self._stale.discard(x[0])
                    self._pending.discard(x[0])
                self._alerts_arrived()
            self._next_batch()

        def failed(exc):
            logging.getLogger(__name__).error("alert provider failed: %s", type(exc).__name__)
            ended.append(True)
            self._batch_op = None
            if generation == self._generation:
                for x in batch:                 # shown without alerts, not asked for again
                    self.alerts.setdefault(x[0], [])
                    self._stale.discard(x[0])
                    self._pending.discard(x[0])
            self._next_batch()

        op = ops.run_in_background(self, work, done, failed)
        if not ended:
            self._batch_op = op

    def _alerts_arrived(self) -> None:
        if self._order[0] == Col.ALERTS:
            self._sorted_as = None
            self.sort(*self._order)
        elif self.rows:
            self.dataChanged.emit(self.index(0, Col.ALERTS),
                                  self.index(len(self.rows) - 1, Col.ALERTS))

    def _forget_alerts(self) -> None:
        """Drop every alert and every evaluation under way (their results come too late)."""
        self._generation += 1
        self.alerts, self._queue, self._pending, self._stale = {}, [], set(), set()
        if self._alerts_op is not None:
            self._alerts_op.cancel()
            self._alerts_op = None

    def _evaluate_all_alerts(self) -> None:
        """Off the GUI thread: everyone's alerts (for sorting by them), a batch at a time."""
        from desktop.ui import ops
        if _alert_provider is None or (self._alerts_op is not None and not self._alerts_op.done):
            return
        missing = [r for r in self.all_rows if r[0] not in self.alerts]
        if not missing:
            return
        store, provider, generation = self.store, _alert_provider, self._generation

        def work(cancelled):
            found = {}
            with store.session():
                for i in range(0, len(missing), ALERT_BATCH):
                    if cancelled():
                        raise ops.Cancelled()
                    batch = missing[i:i + ALERT_BATCH]
                    got = provider(store, batch) or {}
                    found.update({r.id: got.get(r.id) or [] for r in batch})
            return found

        def done(found):
            if generation != self._generation:
                return
            for pid, alerts in found.items():
                self.alerts.setdefault(pid, alerts)
            self._alerts_arrived()

        self._alerts_op = ops.run_in_background(self, work, done, lambda exc: None)

    def clear(self) -> None:
        """Drop every row (locking): nothing personal stays in memory here."""
        self._forget_alerts()
        self.beginResetModel()
        self.all_rows, self.rows, self._folded, self._by_name = [], [], {}, None
        self.endResetModel()

    def row_for(self, person_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == person_id), -1)

    # -- filtering -----------------------------------------------------------------------
    def set_search(self, text: str) -> None:
        self._change_filter(text.strip().casefold(), self.statuses)

    def set_statuses(self, statuses: set[CaseStatus] | None) -> None:
        self._change_filter(self.search, statuses)

    def _change_filter(self, search: str, statuses) -> None:
        if (search, statuses) == (self.search, self.statuses):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].id if i.row() < len(self.rows) else None for i in before]
        self.search, self.statuses = search, statuses
        self.rows = self._filtered(self.all_rows)
        self._move_persistent(before, ids)
        self.layoutChanged.emit()

    def _matches(self, r) -> bool:
        if self.statuses is not None and r.status not in self.statuses:
            return False
        s = self.search
        return not s or s in self._folded.get(r[0], "")

    def _filtered(self, rows: list) -> list:
        if self.statuses is None and not self.search:
            return list(rows)
        values = None if self.statuses is None else {s.value for s in self.statuses}
        s, folded = self.search, self._folded
        if not s:
            return [r for r in rows if r[3] in values]
        return [r for r in rows if (values is None or r[3] in values) and s in folded[r[0]]]

    # -- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == self._sorted_as:
            # QTableView.sortByColumn asks twice (the header's signal, then itself)
            self._order = (column, order)
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].id if i.row() < len(self.rows) else None for i in before]
        self._sort_rows()
        self.rows = self._filtered(self.all_rows)
        self._move_persistent(before, ids)
        self.layoutChanged.emit()
        if column == Col.ALERTS:
            self._evaluate_all_alerts()

    def _move_persistent(self, before, ids) -> None:
        where = {pid: None for pid in ids if pid is not None}
        if where:
            for n, r in enumerate(self.rows):
                if r[0] in where:
                    where[r[0]] = n
        self.changePersistentIndexList(before, [
            self.index(where[pid], i.column()) if where.get(pid) is not None else QModelIndex()
            for pid, i in zip(ids, before)])

    def _sort_rows(self) -> None:
        column, order = self._order
        self._sorted_as = self._order
        # ties keep name order, so equal keys (never contacted, no plan) read alphabetically:
        # one stable sort of the rows in name order (kept from the last sort by name)
        if self._by_name is None or len(self._by_name) != len(self.all_rows):
            folded = self._folded
            self.all_rows.sort(key=lambda r: folded.get(r[0]) or r[1].casefold())
            self._by_name = list(self.all_rows)
        if column == Col.NAME:
            self.all_rows = list(self._by_name)
            if order == Qt.SortOrder.DescendingOrder:
                self.all_rows.reverse()
        else:
            self.all_rows = sorted(self._by_name, key=self._key_of(column),
                                   reverse=order == Qt.SortOrder.DescendingOrder)

    def _key_of(self, column: int):
        """The sort key of a column as one cheap function (called once per row)."""
        if column == Col.LAST_CONTACT:        # the stored text sorts in time order
            return lambda r: r[5] or ""
        if column == Col.NEXT_DUE:
            return lambda r: r[8] or "\uffff"    # no plan sorts last
        if column == Col.UNSUCCESSFUL:
            return itemgetter(7)
        return lambda r: self._sort_key(r, column)

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and section in HEADERS:
            if role == Qt.ItemDataRole.DisplayRole:
                return _(HEADERS[section][0])
            if role == Qt.ItemDataRole.ToolTipRole:
                return _(HEADERS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Col.ALERTS:
                self._alerts_of(index.row(), r)
            return self._display(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Col.ALERTS:
                self._alerts_of(index.row(), r)
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Col.UNSUCCESSFUL:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (
                col == Col.NAME or col == Col.STATUS and r.status is CaseStatus.ESCALATED
                or col == Col.ALERTS and self._alerts_of(index.row(), r)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and col == Col.ALERTS \
                and self._alerts_of(index.row(), r):
            from desktop.ui.alert_style import badge_pixmap   # count, worst colour
            alerts = self.alerts[r.id]
            return badge_pixmap(len(alerts), max(a.severity for a in alerts))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == Col.ALERTS and self._alerts_of(index.row(), r):
                return f"{_(HEADERS[col][0])}: {len(self.alerts[r.id])}, {self._display(r, col)}"
            return f"{_(HEADERS[col][0])}: {self._display(r, col) or _('none')}"
        return None

    def _display(self, r, col) -> str:
        if col == Col.NAME:
            return f"{r.name} ({r.known_as})" if r.known_as and r.known_as != r.name else r.name
        if col == Col.STATUS:
            return r.status.label
        if col == Col.SPOC:
            return r.spoc
        if col == Col.LAST_CONTACT:
            return format_datetime(r.last_contact, _("Never"))
        if col == Col.UNSUCCESSFUL:
            return str(r.unsuccessful_since_seen)
        if col == Col.NEXT_DUE:
            return format_date(r.next_due)
        if col == Col.ALERTS:
            alerts = self.alerts.get(r.id) or []
            if not alerts:
                return ""
            more = f" (+{len(alerts) - 1})" if len(alerts) > 1 else ""
            return f"⚠ {alerts[0].message}{more}"
        return ""

    def _sort_key(self, r, col):
        if col == Col.NAME:
            return self._folded.get(r[0]) or r[1].casefold()
        if col == Col.STATUS:
            return list(CaseStatus).index(r.status)
        if col == Col.SPOC:
            return r.spoc.casefold()
        if col == Col.LAST_CONTACT:        # the stored text sorts in time order
            return r[5] or ""
        if col == Col.UNSUCCESSFUL:
            return r.unsuccessful_since_seen
        if col == Col.NEXT_DUE:
            return r[8] or "\uffff"          # no plan sorts last
        if col == Col.ALERTS:
            alerts = self.alerts.get(r.id) or []
            return max((int(a.severity) for a in alerts), default=0) * 100 + len(alerts)
        return 0

    def _tooltip(self, r, col):
        if col == Col.ALERTS:
            alerts = self.alerts.get(r.id) or []
            return "\n".join(f"{a.message} {a.action}" for a in alerts) or None
        if col == Col.LAST_CONTACT and r.last_seen:
            return _("Last seen {when}").format(when=format_datetime(r.last_seen))
        return _(HEADERS[col][1])
