"""The lists a person reviews after an import: conflicts (``conflict_review``), possible
duplicates (``duplicate_review``) and quarantine (here).

Each has the actions that close an item; they read and write through ``desktop.sync`` /
the store's review modules only, and ``reload()`` after any change.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop.sync import dismiss_quarantined, list_quarantine
from desktop.ui.conflict_review import ConflictsView  # noqa: F401 - the Sync screen's tabs
from desktop.ui.duplicate_review import DuplicatesView  # noqa: F401
from desktop.ui.widgets import hint, name, show_error
from desktop.i18n import N_, _, ngettext  # noqa: F401


class _ReviewTable(QWidget):
    """A table of items with buttons acting on the selected one."""
    changed = Signal()
    HEADERS: list[str] = []
    TITLE = ""
    EMPTY = ""

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.items: list[dict] = []
        self.table = QTableWidget(0, len(self.HEADERS))
        name(self.table, _(self.TITLE))
        self.table.setHorizontalHeaderLabels([_(h) for h in self.HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)        # Tab leaves the table; arrows move in it
        self.table.itemSelectionChanged.connect(self._selection)
        self.empty = hint(_(self.EMPTY))
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        self.actions: list[QPushButton] = []

    def _button(self, text: str, slot, description: str) -> QPushButton:
        b = QPushButton(text)
        name(b, text, description, tooltip=True)
        b.clicked.connect(lambda: self._act(slot))
        self.buttons.addWidget(b)
        self.actions.append(b)
        return b

    def _act(self, slot) -> None:
        item = self.selected()
        if item is None:
            return
        try:
            slot(item)
        except Exception as exc:  # noqa: BLE001 - shown to the worker, nothing is lost
            show_error(self, _("Could not record the decision"), str(exc))
            return
        self.reload()
        self.changed.emit()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def _selection(self) -> None:
        for b in self.actions:
            b.setEnabled(self.selected() is not None)

    def reload(self) -> None:
        self.items = self.load()
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            for c, text in enumerate(self.cells(item)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.items)
        if self.items:
            self.table.selectRow(0)
        self._selection()

    def clear(self) -> None:
        self.items = []
        self.table.setRowCount(0)

    def load(self) -> list[dict]:
        raise NotImplementedError

    def cells(self, item: dict) -> list[str]:
        raise NotImplementedError


class QuarantineView(_ReviewTable):
    TITLE = N_("Quarantine")
    HEADERS = [N_("Kind of record"), N_("From device"), N_("Package"),
               N_("Why it was not applied")]
    EMPTY = N_("Nothing in quarantine.")

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self._button(_("Dismiss"), lambda q: dismiss_quarantined(self.store, q["id"]),
                     _("Stop listing this record (it stays recorded in the store)"))

    def load(self):
        return list_quarantine(self.store)

    def cells(self, q):
        return [q["entity"].replace("_", " "), q.get("peer_name") or q["peer"],
                str(q["sequence"]), q["reason"]]


class HeldView(_ReviewTable):
    """Packages that arrived ahead of a missing one: kept, verified, until the gap fills. When
    the missing packages will never come (a lost laptop), a person drops one with a reason."""
    TITLE = N_("Held packages")
    HEADERS = [N_("From"), N_("Package number"), N_("Waiting for"), N_("Changes"),
               N_("Received")]
    EMPTY = N_("No package is held: every package arrived in its turn.")

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.drop_button = self._button(
            _("Dro&p held package…"), self.ask_reason,
            _("Only when the missing packages will never come (e.g. the laptop was lost): "
              "the reason is recorded"))
        self.reason_dialog = None

    def load(self):
        from desktop.sync.held import list_held
        return list_held(self.store)

    def cells(self, h):
        waiting = ", ".join(map(str, h["waiting_for"])) or "–"
        return [h["sender_name"], str(h["sequence"]), waiting,
                "" if h["changes"] is None else str(h["changes"]),
                str(h["received_at"])[:16].replace("T", " ")]

    def ask_reason(self, held: dict) -> None:
        from PySide6.QtWidgets import QInputDialog
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Drop held package"))
        dialog.setLabelText(_("Package {number} from {sender} waits for {missing}. Why will "
                              "they never come? (recorded)").format(
            number=held["sequence"], sender=held["sender_name"],
            missing=", ".join(map(str, held["waiting_for"])) or "–"))
        dialog.setOkButtonText(_("Drop it"))
        dialog.textValueSelected.connect(lambda reason: self._drop(held, reason))
        self.reason_dialog = dialog
        dialog.open()

    def _drop(self, held: dict, reason: str) -> None:
        from desktop.sync.held import drop_held
        try:
            drop_held(self.store, held["id"], reason)
        except Exception as exc:  # noqa: BLE001 - shown to the worker, nothing is lost
            show_error(self, _("Could not drop the package"), str(exc))
            return
        self.reload()
        self.changed.emit()

