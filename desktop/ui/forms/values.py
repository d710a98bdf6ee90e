"""Reading and writing form widgets generically (for drafts), enum combo boxes, and an editor
for short repeating rows (children in the household, agencies involved, examples)."""
from __future__ import annotations

import enum
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop.ui.forms.kit import OptionalDateEdit, TextBox, name
from desktop.i18n import _, ngettext  # noqa: F401


def enum_combo(cls: type[enum.Enum], current: enum.Enum | None = None) -> QComboBox:
    box = QComboBox()
    for member in cls:
        box.addItem(getattr(member, "label", member.value), member.value)
    if current is not None:
        box.setCurrentIndex(box.findData(current.value))
    return box


def combo_enum(box: QComboBox, cls: type[enum.Enum]) -> enum.Enum:
    return cls(box.currentData())


def get_value(w: QWidget):
    if isinstance(w, OptionalDateEdit):
        return w.edit.text()
    if isinstance(w, (QLineEdit, TextBox)):
        return w.text()
    if isinstance(w, QAbstractButton):
        return w.isChecked()
    if isinstance(w, QComboBox):
        return w.currentData()
    if isinstance(w, QSpinBox):
        return w.value()
    if isinstance(w, RowsEditor):
        return w.state()
    raise TypeError(type(w).__name__)


def set_value(w: QWidget, value) -> None:
    if value is None:
        return
    if isinstance(w, OptionalDateEdit):
        w.edit.setText(value)
    elif isinstance(w, (QLineEdit, TextBox)):
        w.setText(value)
    elif isinstance(w, QAbstractButton):
        w.setChecked(bool(value))
    elif isinstance(w, QComboBox):
        i = w.findData(value)
        if i >= 0:
            w.setCurrentIndex(i)
    elif isinstance(w, QSpinBox):
        w.setValue(int(value))
    elif isinstance(w, RowsEditor):
        w.set_state(value)
    else:
        raise TypeError(type(w).__name__)


class RowsEditor(QWidget):
    """Rows of short fields in aligned columns with Add and Remove buttons, all reachable by Tab.

    ``columns``: (key, label, factory) where factory() makes a QLineEdit or OptionalDateEdit.
    ``state()`` / ``set_state()`` hold the raw texts; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, noun: str, columns: list[tuple[str, str, Callable[[], QWidget]]],
                 add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.noun, self.columns = noun, columns
        self.rows: list[dict[str, QWidget]] = []
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.headers = [QLabel(_(label)) for _k, label, _f in columns]
        self.empty = QLabel(_("None recorded."))
        self.add_button = QPushButton(_(add_text))
        self.add_button.setAutoDefault(False)
        name(self.add_button, _(add_text).replace("&", ""))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        col.addLayout(self.grid)
        col.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        col.addLayout(buttons)
        # Not a Tab stop itself (Tab goes straight to the rows); a label's mnemonic gives it
        # focus, which it passes on to row 1 (a focus proxy would pull Tab back to row 1).
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._relayout()

    def add_row(self, values: dict | None = None, focus: bool = False) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = {}
        for key, _label, factory in self.columns:
            w = factory()
            set_value(w, (values or {}).get(key))
            (w.edit if isinstance(w, OptionalDateEdit) else w).textChanged.connect(self.changed)
            widgets[key] = w
        remove = QPushButton(_("Remove"))
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda: self.remove_row(widgets))
        widgets["_remove"] = remove
        self.rows.append(widgets)
        self._relayout()
        if self.isVisible():
            for w in widgets.values():
                w.show()              # now, so that the focus can move into the new row
        self.changed.emit()
        if focus:
            next(iter(widgets.values())).setFocus()
        return widgets

    def remove_row(self, widgets: dict) -> None:
        self.rows.remove(widgets)
        for w in widgets.values():
            w.hide()
            w.deleteLater()
        self._relayout()
        self.changed.emit()
        self.add_button.setFocus()

    def _relayout(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        for c, header in enumerate(self.headers):
            self.grid.addWidget(header, 0, c)
            header.setVisible(bool(self.rows))
            self.grid.setColumnStretch(c, 0 if self.columns[c][2] is OptionalDateEdit else 1)
        for r, widgets in enumerate(self.rows, start=1):
            for c, (key, label, _f) in enumerate(self.columns):
                name(widgets[key], f"{_(self.noun)} {r}: {_(label)}")
                self.grid.addWidget(widgets[key], r, c)
            name(widgets["_remove"], _("Remove {noun} {r}").format(noun=_(self.noun).lower(), r=r))
            self.grid.addWidget(widgets["_remove"], r, len(self.columns))
        self.empty.setVisible(not self.rows)
        # Tab goes along each row, then down, then on to the field after this editor. New row
        # widgets join the window's focus chain at its end (after the fields below): they are
        # put back before "Add", after whatever precedes this editor's rows.
        in_rows = [w for widgets in self.rows for w in widgets.values()]
        anchor = self.add_button.previousInFocusChain()     # a Tab stop before the rows
        while not anchor.isWindow() and (
                anchor is self or anchor.focusPolicy() == Qt.FocusPolicy.NoFocus
                or any(w is anchor or w.isAncestorOf(anchor) for w in in_rows)):
            anchor = anchor.previousInFocusChain()
        for w in in_rows:
            if not anchor.isWindow():
                QWidget.setTabOrder(anchor, w)
            anchor = w
        if not anchor.isWindow():
            QWidget.setTabOrder(anchor, self.add_button)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        target = next(iter(self.rows[0].values())) if self.rows else self.add_button
        target.setFocus(event.reason())

    def state(self) -> list[dict]:
        return [{k: get_value(w) for k, w in row.items() if k != "_remove"} for row in self.rows]

    def set_state(self, rows: list[dict]) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            for w in row.values():
                w.hide()
                w.deleteLater()
        for values in rows:
            self.add_row(values)
        self._relayout()
