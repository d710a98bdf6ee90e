"""Contacts: the quick-log bar over the timeline of every contact attempt, newest first."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from desktop.domain.rules.contact import unsuccessful_run
from desktop.ui.empty_state import set_empty_text
from desktop.ui.person.base import PersonTab
from desktop.ui.person.quick_log import QuickLogBar
from desktop.ui.theme import em
from desktop.ui.widgets import format_date, format_datetime, hint, name

COLUMNS = ("When", "Method", "Outcome", "Note", "Next planned", "Worker")


class TimelineModel(QAbstractTableModel):
    """One person's contact attempts, newest first (``store.attempts.timeline``)."""

    def __init__(self, store, person_id: str, parent=None):
        super().__init__(parent)
        self.store, self.person_id = store, person_id
        self.attempts: list = []

    def reload(self) -> None:
        self.beginResetModel()
        self.attempts = self.store.attempts.timeline(self.person_id) if self.store.is_open \
            else []
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.attempts = []
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.attempts)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.attempts):
            return None
        a, col = self.attempts[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(a, col)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if col in (2, 3) and text else None
            return text.replace("\n", " ") if col == 3 else text
        if role == Qt.ItemDataRole.FontRole and col == 2 and a.outcome.seen:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[col]}: {self._text(a, col) or 'none'}"
        return None

    @staticmethod
    def _text(a, col: int) -> str:
        if col == 0:
            return format_datetime(a.at)
        if col == 1:
            return a.method.label
        if col == 2:
            return ("✓ " if a.outcome.seen else "") + a.outcome.label
        if col == 3:
            return a.note
        if col == 4:
            return format_date(a.next_planned_at)
        if col == 5:
            return a.worker
        return ""


class ContactsTab(PersonTab):
    TITLE = "Contacts"

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.quick_log = QuickLogBar(store, person_id)
        self.summary = hint("")
        self.summary.setAccessibleName("Contact summary")
        self.model = TimelineModel(store, person_id, self)
        self.table = QTableView()
        name(self.table, "Contact attempts", "Every contact attempt, newest first")
        self.table.setModel(self.model)
        set_empty_text(self.table, "No contact attempts yet.\nLog the first one above: choose "
                                   "the method and the outcome, add a note, press Enter. "
                                   "Ctrl+N gets you there from anywhere.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in enumerate((10.7, 9.3, 19.3, 21.4, 7.9, 8.6)):   # line heights
            self.table.setColumnWidth(col, em(self.table, width))
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.quick_log)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        attempts = self.model.attempts
        if not attempts:
            self.summary.setText("No contact attempts yet.")
            return
        seen = [a.at for a in attempts if a.outcome.seen]
        parts = [f"{len(attempts)} attempt{'s' if len(attempts) != 1 else ''}"]
        parts.append(f"last seen {format_date(max(seen))}" if seen else "not seen yet")
        run = unsuccessful_run(attempts)
        if run:
            parts.append(f"{run} unsuccessful since last seen" if seen else
                         f"{run} unsuccessful")
        self.summary.setText(" · ".join(parts))

    def focus_quick_log(self) -> None:
        self.quick_log.focus()

    def clear(self) -> None:
        self.model.clear()
        self.quick_log.reset()
