"""The caseload's data: ``CaseloadModel`` over ``store.people.caseload()`` rows and the
``CaseloadFilter`` proxy (search, status, sorting by a dedicated sort role).

The Alerts column is filled by an alert provider: ``set_alert_provider(fn)`` where
``fn(store, rows) -> {person_id: [Alert, ...]}`` (``desktop.domain.rules.Alert``); without one
the column stays empty.
"""
from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from desktop.domain.person import CaseStatus
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
    Col.NAME: ("Name", "Name, and the name they like to be called"),
    Col.STATUS: ("Status", "Case status: open, escalated, de-escalated or closed"),
    Col.SPOC: ("SPOC", "Single point of contact"),
    Col.LAST_CONTACT: ("Last contact", "The latest contact attempt, successful or not"),
    Col.UNSUCCESSFUL: ("Unsuccessful", "Unsuccessful attempts since the adult was last seen"),
    Col.NEXT_DUE: ("Next due", "The next planned attempt"),
    Col.ALERTS: ("Alerts", "Prompts from the procedure"),
}

_NEVER = -math.inf     # never contacted sorts first when oldest-first
_NO_PLAN = math.inf    # no next attempt planned sorts last


class CaseloadModel(QAbstractTableModel):
    """Rows of ``CaseloadRow``; ``reload()`` re-reads the store, ``refresh(ids)`` only some
    people. The model sorts itself (``sort``), in Python with one key per row: a proxy that
    sorts asks for two values through Qt for every comparison, which takes seconds for a
    10,000-person caseload."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list = []
        self.alerts: dict[str, list] = {}
        self._order: tuple[int, Qt.SortOrder] = (Col.NAME, Qt.SortOrder.AscendingOrder)

    # -- data ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self.store.people.caseload() if self.store.is_open else []
        self.alerts = self._alerts_for(self.rows)
        self._sort_rows()
        self.endResetModel()

    def refresh(self, person_ids) -> None:
        """Re-read only these people (after a change to their records): rows are replaced,
        added or removed, then put back in order."""
        if not self.store.is_open:
            return self.clear()
        ids = set(person_ids)
        fresh = {r.id: r for r in self.store.people.caseload(ids=ids)}
        for pid in ids:
            self.alerts.pop(pid, None)
        self.alerts.update(self._alerts_for(list(fresh.values())))
        # Row by row: a row that keeps its place is updated in place, any other is removed and
        # inserted where it now sorts. The proxy then re-checks only those rows (a reset or a
        # re-sort would make it filter all 10,000 again, through Python).
        last = len(HEADERS) - 1
        for pid in ids:
            i, new = self.row_for(pid), fresh.get(pid)
            if i >= 0 and new is not None and self._in_place(i, new):
                self.rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
                continue
            if i >= 0:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
            if new is not None:
                at = self._position(new)
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

    def _position(self, row) -> int:
        lo, hi = 0, len(self.rows)          # binary search: the rows are in order
        while lo < hi:
            mid = (lo + hi) // 2
            if self._before(row, self.rows[mid]):
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

    def clear(self) -> None:
        """Drop every row (locking): nothing personal stays in memory here."""
        self.beginResetModel()
        self.rows, self.alerts = [], {}
        self.endResetModel()

    def row_for(self, person_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == person_id), -1)

    # -- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].id if i.row() < len(self.rows) else None for i in before]
        self._sort_rows()
        where = {r.id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(before, [
            self.index(where[pid], i.column()) if pid in where else QModelIndex()
            for pid, i in zip(ids, before)])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._order
        # ties keep name order, so equal keys (never contacted, no plan) read alphabetically
        self.rows.sort(key=lambda r: r.name.casefold())
        self.rows.sort(key=lambda r: self._sort_key(r, column),
                       reverse=order == Qt.SortOrder.DescendingOrder)

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and section in HEADERS:
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[section][0]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADERS[section][1]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r, col = self.rows[index.row()], index.column()
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == Col.UNSUCCESSFUL:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and (
                col == Col.NAME or col == Col.STATUS and r.status is CaseStatus.ESCALATED
                or col == Col.ALERTS and self.alerts.get(r.id)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and col == Col.ALERTS \
                and self.alerts.get(r.id):
            from desktop.ui.alert_style import badge_pixmap   # count, worst colour
            alerts = self.alerts[r.id]
            return badge_pixmap(len(alerts), max(a.severity for a in alerts))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == Col.ALERTS and self.alerts.get(r.id):
                return f"{HEADERS[col][0]}: {len(self.alerts[r.id])}, {self._display(r, col)}"
            return f"{HEADERS[col][0]}: {self._display(r, col) or 'none'}"
        return None

    def _display(self, r, col) -> str:
        if col == Col.NAME:
            return f"{r.name} ({r.known_as})" if r.known_as and r.known_as != r.name else r.name
        if col == Col.STATUS:
            return r.status.label
        if col == Col.SPOC:
            return r.spoc
        if col == Col.LAST_CONTACT:
            return format_datetime(r.last_contact, "Never")
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
        if col == Col.LAST_CONTACT:
            return r.last_contact.timestamp() if r.last_contact else _NEVER
        if col == Col.UNSUCCESSFUL:
            return r.unsuccessful_since_seen
        if col == Col.NEXT_DUE:
            return r.next_due.timestamp() if r.next_due else _NO_PLAN
        if col == Col.ALERTS:
            alerts = self.alerts.get(r.id) or []
            return max((int(a.severity) for a in alerts), default=0) * 100 + len(alerts)
        return 0

    def _tooltip(self, r, col):
        if col == Col.ALERTS:
            alerts = self.alerts.get(r.id) or []
            return "\n".join(f"{a.message} {a.action}" for a in alerts) or None
        if col == Col.LAST_CONTACT and r.last_seen:
            return f"Last seen {format_datetime(r.last_seen)}"
        return HEADERS[col][1]


STATUS_FILTERS: list[tuple[str, set[CaseStatus] | None]] = [
    ("Active cases", {CaseStatus.OPEN, CaseStatus.ESCALATED, CaseStatus.DE_ESCALATED}),
    ("All cases", None),
    *[(s.label, {s}) for s in CaseStatus],
]


class CaseloadFilter(QSortFilterProxyModel):
    """Search (name or known-as, any part, any case) and status filter over the model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = ""
        self.statuses = STATUS_FILTERS[0][1]
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """The view's header asks the proxy to sort: the source model does it (see
        ``CaseloadModel``); the proxy keeps the source order and only filters."""
        source = self.sourceModel()
        if source is not None and column >= 0:
            source.sort(column, order)

    @property
    def statuses(self) -> set[CaseStatus] | None:
        return self._statuses

    @statuses.setter
    def statuses(self, value: set[CaseStatus] | None) -> None:
        # filterAcceptsRow runs once per person on every change: compare identities (an int
        # set) rather than hash enum members (a Python-level __hash__ each time)
        self._statuses = value
        self._status_ids = None if value is None else {id(s) for s in value}

    def set_search(self, text: str) -> None:
        self._change_filter(search=text.strip().casefold())

    def set_statuses(self, statuses: set[CaseStatus] | None) -> None:
        self._change_filter(statuses=statuses)

    def _change_filter(self, **values) -> None:
        if hasattr(self, "beginFilterChange"):      # Qt >= 6.9
            self.beginFilterChange()
            for key, value in values.items():
                setattr(self, key, value)
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            for key, value in values.items():
                setattr(self, key, value)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.sourceModel()
        if source_row >= len(model.rows):
            return False
        r = model.rows[source_row]
        if self._status_ids is not None and id(r.status) not in self._status_ids:
            return False
        if self.search:
            return self.search in r.name.casefold() or self.search in r.known_as.casefold()
        return True
