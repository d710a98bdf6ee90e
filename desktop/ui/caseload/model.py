"""The caseload's data: ``CaseloadModel`` over ``store.people.caseload()`` rows. The model
sorts and filters itself (search, status): no proxy calling Python once per row.

The Alerts column is filled by an alert provider: ``set_alert_provider(fn)`` where
``fn(store, rows) -> {person_id: [Alert, ...]}`` (``desktop.domain.rules.Alert``); without one
the column stays empty. Alerts are evaluated for the rows the view asks about (the screen
shown, a batch at a time) and for the people a commit touched, never for the whole store on the
GUI thread; sorting by the Alerts column evaluates the rest off the GUI thread and sorts again
when they arrive.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
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
        self._alerts_op = None

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.all_rows = self.store.people.caseload() if self.store.is_open else []
        self.alerts = {}
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
        for pid in ids:
            self.alerts.pop(pid, None)
        if len(fresh) <= ALERT_BATCH:
            self.alerts.update(self._alerts_for(list(fresh.values())))
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
        return a.name.casefold() < b.name.casefold()

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

    def _alerts_for(self, rows: list) -> dict[str, list]:
        if _alert_provider is None or not rows:
            return {}
        try:
            return _alert_provider(self.store, rows) or {}
        except Exception:  # noqa: BLE001 - a broken rule must not hide the caseload
            import logging
            logging.getLogger(__name__).exception("alert provider failed")
            return {}

    def _alerts_of(self, row: int, r) -> list:
        """``r``'s alerts; the first time a row without them is asked about (painting), the
        next ``ALERT_BATCH`` shown rows that lack them are evaluated together."""
        alerts = self.alerts.get(r.id)
        if alerts is not None or _alert_provider is None:
            return alerts or []
        batch = [x for x in self.rows[max(0, row - 5):row + 4 * ALERT_BATCH]
                 if x.id not in self.alerts][:ALERT_BATCH]
        found = self._alerts_for(batch)
        for x in batch:
            self.alerts[x.id] = found.get(x.id) or []
        return self.alerts[r.id]

    def _evaluate_all_alerts(self) -> None:
        """Off the GUI thread: everyone's alerts (for sorting by them), a batch at a time."""
        from desktop.ui import ops
        if _alert_provider is None or (self._alerts_op is not None and not self._alerts_op.done):
            return
        missing = [r for r in self.all_rows if r.id not in self.alerts]
        if not missing:
            return
        store, provider = self.store, _alert_provider

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
            for pid, alerts in found.items():
                self.alerts.setdefault(pid, alerts)
            if self._order[0] == Col.ALERTS:
                self.sort(*self._order)
            else:
                self.dataChanged.emit(self.index(0, Col.ALERTS),
                                      self.index(len(self.rows) - 1, Col.ALERTS))

        self._alerts_op = ops.run_in_background(self, work, done, lambda exc: None)

    def clear(self) -> None:
        """Drop every row (locking): nothing personal stays in memory here."""
        if self._alerts_op is not None:
            self._alerts_op.cancel()
        self.beginResetModel()
        self.all_rows, self.rows, self.alerts = [], [], {}
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
        return not s or s in r.name.casefold() or s in r.known_as.casefold()

    def _filtered(self, rows: list) -> list:
        if self.statuses is None and not self.search:
            return list(rows)
        values = None if self.statuses is None else {s.value for s in self.statuses}
        s = self.search
        return [r for r in rows if (values is None or r[3] in values)
                and (not s or s in r[1].casefold() or s in r[2].casefold())]

    # -- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
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
                if r.id in where:
                    where[r.id] = n
        self.changePersistentIndexList(before, [
            self.index(where[pid], i.column()) if where.get(pid) is not None else QModelIndex()
            for pid, i in zip(ids, before)])

    def _sort_rows(self) -> None:
        column, order = self._order
        # ties keep name order, so equal keys (never contacted, no plan) read alphabetically
        self.all_rows.sort(key=lambda r: r[1].casefold())
        if column != Col.NAME:
            self.all_rows.sort(key=lambda r: self._sort_key(r, column),
                               reverse=order == Qt.SortOrder.DescendingOrder)
        elif order == Qt.SortOrder.DescendingOrder:
            self.all_rows.reverse()

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
            return r.name.casefold()
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
