"""Reading and writing form widgets generically (for drafts), enum combo boxes, and an editor
for short repeating rows (children in the household, agencies involved, examples)."""
from __future__ import annotations

import enum
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop.ui.fieldwork.kit import OptionalDateEdit, TextBox, name


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
    """Rows of short fields with Add and Remove buttons, all reachable by Tab.

    ``columns``: (key, label, factory) where factory() makes a QLineEdit or OptionalDateEdit.
    ``state()`` / ``set_state()`` hold the raw texts; ``changed`` fires on any edit."""

    changed = Signal()

    def __init__(self, noun: str, columns: list[tuple[str, str, Callable[[], QWidget]]],
                 add_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.noun, self.columns = noun, columns
        self.rows: list[dict[str, QWidget]] = []
        self.col = QVBoxLayout(self)
        self.col.setContentsMargins(0, 0, 0, 0)
        self.header = QHBoxLayout()
        for _key, label, _f in columns:
            self.header.addWidget(QLabel(label), 1)
        self.header.addSpacing(90)
        self.col.addLayout(self.header)
        self.empty = QLabel(f"None recorded.")
        self.col.addWidget(self.empty)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        name(self.add_button, add_text)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.col.addWidget(self.add_button)
        self._sync()

    def add_row(self, values: dict | None = None, focus: bool = False) -> dict[str, QWidget]:
        n = len(self.rows) + 1
        line = QHBoxLayout()
        widgets: dict[str, QWidget] = {}
        for key, label, factory in self.columns:
            w = factory()
            name(w, f"{self.noun} {n}: {label}")
            set_value(w, (values or {}).get(key))
            (w.edit if isinstance(w, OptionalDateEdit) else w).textChanged.connect(self.changed)
            widgets[key] = w
            line.addWidget(w, 1)
        remove = QPushButton("Remove")
        remove.setAutoDefault(False)
        name(remove, f"Remove {self.noun.lower()} {n}")
        line.addWidget(remove)
        holder = QWidget()
        holder.setLayout(line)
        line.setContentsMargins(0, 0, 0, 0)
        widgets["_holder"] = holder
        remove.clicked.connect(lambda: self.remove_row(widgets))
        self.rows.append(widgets)
        self.col.insertWidget(self.col.count() - 1, holder)
        self._sync()
        self.changed.emit()
        if focus:
            next(iter(widgets.values())).setFocus()
        return widgets

    def remove_row(self, widgets: dict) -> None:
        self.rows.remove(widgets)
        widgets["_holder"].deleteLater()
        self._sync()
        self.changed.emit()
        self.add_button.setFocus()

    def _sync(self) -> None:
        self.empty.setVisible(not self.rows)
        for i in range(self.header.count()):
            item = self.header.itemAt(i).widget()
            if item is not None:
                item.setVisible(bool(self.rows))

    def state(self) -> list[dict]:
        return [{k: get_value(w) for k, w in row.items() if k != "_holder"} for row in self.rows]

    def set_state(self, rows: list[dict]) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            row["_holder"].deleteLater()
        for values in rows:
            self.add_row(values)
        self._sync()
