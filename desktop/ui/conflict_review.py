"""Conflicts a person can decide: one field at a time, both values side by side.

The list on the left names each conflicting field ("Morag Delacroix-Baird — Address"). The
selected one shows, side by side, the value this store had and the value that arrived, each as
a person reads it (``desktop.sync.conflicts``) with who changed it, on which device and when,
and which one stands now; for a group such as the safe contact, the parts that differ. Below,
the choice: keep this store's value, keep the value that arrived, or type a value; "Apply"
(or Enter in the typed value) writes it as an edit that travels to the other devices.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QPushButton, QRadioButton, QSplitter, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.sync.conflicts import decide_conflict, describe_conflicts
from desktop.ui.widgets import MessageLabel, WrapLabel, heading, hint, name
from desktop.i18n import N_, _, ngettext  # noqa: F401


class _Side(QGroupBox):
    """One side of a conflict: the value, and who changed it where and when."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.value = WrapLabel()
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setFrameShape(QFrame.Shape.StyledPanel)
        self.value.setMargin(8)
        self.value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.who = WrapLabel()
        self.standing = QLabel("")
        font = self.standing.font()
        font.setBold(True)
        self.standing.setFont(font)
        col = QVBoxLayout(self)
        col.addWidget(self.value)
        col.addWidget(self.who)
        col.addWidget(self.standing)
        col.addStretch(1)

    def show_side(self, title: str, side: dict, standing: bool) -> None:
        self.setTitle(title)
        self.value.setText(side["text"])
        name(self.value, _("{side}: value").format(side=title), side["text"])
        parts = [_("Changed by {actor}").format(actor=side["actor"]) if side["actor"] else "",
                 _("on {device}").format(device=side["device_name"]) if side["device_name"]
                 else "",
                 side["at_text"]]
        self.who.setText(" ".join(p for p in parts[:2] if p) +
                         (f", {parts[2]}" if parts[2] else ""))
        self.standing.setText(_("Standing now") if standing else "")


class ConflictsView(QWidget):
    """The Conflicts tab of the Sync screen."""
    changed = Signal()
    TITLE = N_("Conflicts")

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.items: list[dict] = []
        self.list = QListWidget()
        name(self.list, _("Conflicting fields"), _("Each is one detail changed on two devices"))
        self.list.currentRowChanged.connect(self._show)
        self.empty = hint(_("No conflicts. A conflict is listed when the same detail was changed "
                          "on two devices before they had seen each other's change."))

        self.title = heading("", 1.15)
        self.title.setWordWrap(True)
        self.ours = _Side(_("This store had"))
        self.theirs = _Side(_("Arrived"))
        sides = QHBoxLayout()
        sides.addWidget(self.ours, 1)
        sides.addWidget(self.theirs, 1)
        self.parts = QTableWidget(0, 3)
        name(self.parts, _("Parts that differ"))
        self.parts.setHorizontalHeaderLabels([_("Part"), _("This store had"), _("Arrived")])
        self.parts.verticalHeader().hide()
        self.parts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.parts.setTabKeyNavigation(False)
        self.parts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.parts.setMaximumHeight(120)

        self.keep_ours = QRadioButton(_("Keep &this store's value"))
        self.keep_theirs = QRadioButton(_("Keep the value that &arrived"))
        self.type_own = QRadioButton(_("T&ype a value:"))
        self.typed = QLineEdit()
        name(self.typed, _("Value to write"), _("Used when 'Type a value' is chosen"))
        self.typed.textEdited.connect(lambda _t: self.type_own.setChecked(True))
        self.typed.returnPressed.connect(self.apply)
        self.choice = QButtonGroup(self)
        for i, b in enumerate((self.keep_ours, self.keep_theirs, self.type_own)):
            self.choice.addButton(b, i)
        self.choice.idToggled.connect(lambda *_ignored: self._enable())
        self.apply_button = QPushButton(_("A&pply this choice"))
        name(self.apply_button, _("Apply this choice"),
             _("Write the chosen value: it is kept in history and goes to the other devices"))
        self.apply_button.clicked.connect(self.apply)
        self.message = MessageLabel()

        detail = QWidget()
        col = QVBoxLayout(detail)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addLayout(sides, 1)
        col.addWidget(self.parts)
        grid = QGridLayout()
        grid.addWidget(self.keep_ours, 0, 0)
        grid.addWidget(self.keep_theirs, 0, 1)
        grid.addWidget(self.type_own, 1, 0)
        grid.addWidget(self.typed, 1, 1)
        col.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addStretch(0)
        row.addWidget(self.apply_button)
        col.addLayout(row)
        self.detail = detail

        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)

    # ---------------------------------------------------------------- data
    def reload(self) -> None:
        keep = self.selected()
        self.items = describe_conflicts(self.store)
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.items:
            where = c["person_name"] or _(c["record_label"])
            extra = "" if c["entity"] == "person" else f" ({_(c['record_label']).lower()})"
            self.list.addItem(f"{where} — {_(c['field_label'])}{extra}")
        self.list.blockSignals(False)
        self.empty.setVisible(not self.items)
        self.detail.setVisible(bool(self.items))
        row = next((i for i, c in enumerate(self.items) if keep and c["id"] == keep["id"]), 0)
        if self.items:
            self.list.setCurrentRow(row)
            self._show(row)

    def clear(self) -> None:
        self.items = []
        self.list.clear()

    def selected(self) -> dict | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        c = self.items[row]
        where = c["person_name"] or _(c["record_label"])
        record = "" if c["entity"] == "person" else f" — {_(c['record_label']).lower()}"
        self.title.setText(f"{where} — {_(c['field_label'])}{record}")
        self.ours.show_side(_("This store had"), c["ours"], c["standing"] == "ours")
        self.theirs.show_side(_("Arrived from {device}").format(
            device=c["theirs"]["device_name"] or _("another device")),
                              c["theirs"], c["standing"] == "theirs")
        self.parts.setVisible(bool(c["parts"]))
        self.parts.setRowCount(len(c["parts"]))
        for r, p in enumerate(c["parts"]):
            for col, text in enumerate((p["label"], p["ours"], p["theirs"])):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.parts.setItem(r, col, item)
        editable = c["edit"] is not None
        self.type_own.setEnabled(editable)
        self.typed.setEnabled(editable)
        self.typed.setPlaceholderText(
            {"date": "YYYY-MM-DD", "number": _("a whole number")}.get(c["edit"] or "", "")
            if editable else _("choose one side, then edit the record"))
        standing = c["ours"] if c["standing"] == "ours" else c["theirs"]
        self.typed.setText(str(standing["value"] or "") if editable else "")
        (self.keep_ours if c["standing"] == "ours" else self.keep_theirs).setChecked(True)
        self.message.clear()
        self._enable()

    def _enable(self) -> None:
        self.apply_button.setEnabled(self.selected() is not None)

    # ---------------------------------------------------------------- decide
    def apply(self) -> None:
        c = self.selected()
        if c is None:
            return
        choice = {0: "ours", 1: "theirs", 2: "edit"}.get(self.choice.checkedId())
        if choice is None:
            return
        try:
            decide_conflict(self.store, c["id"], choice,
                            self.typed.text() if choice == "edit" else None)
        except Exception as exc:  # noqa: BLE001 - shown to the worker, nothing is lost
            self.message.show_message(str(exc), MessageLabel.ERROR)
            return
        self.reload()
        self.changed.emit()
