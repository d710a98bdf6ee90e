"""Forms built from a list of field specs, bound to plain dataclass objects.

``ObjectForm(fields)`` edits one object (``load(obj)``, ``save_into(obj)``); ``ListEditor``
edits a list of small objects (attendees, decisions, risks, agreements …) as a list plus the
form of the selected item, with Add / Remove buttons (Insert and Delete keys on the list).
Every widget gets its label as buddy (Alt+mnemonic) and accessible name; multi-line fields pass
Tab on, so the whole form is reachable with the keyboard.
"""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desktop.domain.fields import described_fields
from desktop.ui.forms.common import (
    OptionalDateEdit, date_edit, enum_combo, hint, set_combo_data)
from desktop.i18n import N_, _, ngettext  # noqa: F401

# The nouns list editors are made with (and their plurals), for the catalogue: an editor shows
# ``_(noun)``.
NOUNS = (N_("child"), N_("children"), N_("child elsewhere"), N_("children elsewhere"),
         N_("other adult"), N_("other adults"), N_("agency"), N_("agencies"),
         N_("decision"), N_("decisions"), N_("agreement"), N_("agreements"),
         N_("senior manager's agreement"), N_("senior manager's agreements"),
         N_("entry"), N_("entries"), N_("risk"), N_("risks"), N_("person told"),
         N_("people told"), N_("attendee"), N_("attendees"), N_("apology"), N_("apologies"))


@dataclass(frozen=True, kw_only=True)
class Field:
    attr: str
    label: str                      # with an & mnemonic
    kind: str = "text"              # text | multiline | date | enum | bool | int | lines
    enum: type | None = None
    optional: str = ""              # enum: label of the "none chosen" entry
    help: str = ""
    lines: int = 3                  # multiline / lines: visible height
    minimum: int = 0
    maximum: int = 99
    choices: tuple[str, ...] = ()   # text: suggestions (an editable combo)
    ticks: str = ""                 # date: the bool field it ticks (a tick needs its date)


SCALAR_KINDS = ("text", "multiline", "lines", "date", "enum", "bool", "int")


def fields_for(cls, page: str | None = None) -> list[Field]:
    """The form fields of a domain class's described scalar fields (see
    ``desktop.domain.fields``): the one place a field's label, help and kind are declared."""
    out = []
    for d in described_fields(cls, page=page):
        kind = d.kind
        if kind not in SCALAR_KINDS:
            continue
        out.append(Field(attr=d.name, label=d.info.label, kind=kind,
                         enum=d.item_type if kind == "enum" else None, help=d.info.help,
                         lines=d.info.lines or 3, choices=d.info.choices, ticks=d.info.ticks))
    return out


class ObjectForm(QWidget):
    edited = Signal()

    def __init__(self, fields: list[Field], parent: QWidget | None = None):
        super().__init__(parent)
        self.fields = fields
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self._loading = False
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # labels, help and "none chosen" texts are marked N_() where fields are declared
        fields = [dataclasses.replace(f, label=_(f.label), help=_(f.help) if f.help else "",
                                      optional=_(f.optional) if f.optional else "")
                  for f in fields]
        for f in fields:
            w = self._make(f)
            self.widgets[f.attr] = w
            plain = f.label.replace("&", "").rstrip(":")
            w.setAccessibleName(plain)
            if f.help:
                w.setAccessibleDescription(f.help)
                w.setToolTip(f.help)
            if f.kind == "bool":
                self.form.addRow("", w)
            else:
                lab = QLabel(f.label)
                lab.setBuddy(w)
                self.labels[f.attr] = lab
                if f.help and f.kind in ("multiline", "lines"):
                    box = QWidget()
                    col = QVBoxLayout(box)
                    col.setContentsMargins(0, 0, 0, 0)
                    col.setSpacing(2)
                    col.addWidget(w)
                    note = hint(f.help)
                    # Right under its field, however much room the dialog gives the row.
                    note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                    col.addWidget(note)
                    self.form.addRow(lab, box)
                else:
                    self.form.addRow(lab, w)
        for f in fields:
            if f.ticks and f.ticks in self.widgets:
                self.widgets[f.ticks].toggled.connect(
                    lambda on, attr=f.attr: self._ticked(on, attr))

    def _ticked(self, on: bool, date_attr: str) -> None:
        """Ticking a box fills in today's date when none is there (a tick needs its date)."""
        edit = self.widgets[date_attr]
        if on and not self._loading and not edit.edit.text().strip():
            edit.setDate(date.today())

    def _make(self, f: Field) -> QWidget:
        if f.kind in ("multiline", "lines"):
            w = QPlainTextEdit()
            w.setTabChangesFocus(True)
            w.setMinimumHeight(w.fontMetrics().lineSpacing() * f.lines + 14)
            w.setMaximumHeight(w.fontMetrics().lineSpacing() * (f.lines + 1) + 14)
            w.textChanged.connect(self._changed)
        elif f.kind == "date":
            w = date_edit()
            w.edit.textChanged.connect(self._changed)
        elif f.kind == "enum":
            w = enum_combo(f.enum, f.optional)
            w.currentIndexChanged.connect(self._changed)
        elif f.kind == "bool":
            w = QCheckBox(f.label)
            w.toggled.connect(self._changed)
        elif f.kind == "int":
            w = QSpinBox()
            w.setRange(f.minimum, f.maximum)
            w.valueChanged.connect(self._changed)
        elif f.choices:
            w = QComboBox()
            w.setEditable(True)
            w.addItems(list(f.choices))
            w.setCurrentText("")
            w.currentTextChanged.connect(self._changed)
        else:
            w = QLineEdit()
            w.textChanged.connect(self._changed)
        return w

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    # ---------------------------------------------------------------- values
    def load(self, obj) -> None:
        self._loading = True
        try:
            for f in self.fields:
                self.set_value(f.attr, getattr(obj, f.attr) if obj is not None else None)
        finally:
            self._loading = False

    def set_value(self, attr: str, value) -> None:
        f, w = self._field(attr), self.widgets[attr]
        if f.kind == "multiline":
            w.setPlainText(value or "")
        elif f.kind == "lines":
            w.setPlainText("\n".join(value or []))
        elif f.kind == "date":
            w.setDate(value)
        elif f.kind == "enum":
            set_combo_data(w, value)
        elif f.kind == "bool":
            w.setChecked(bool(value))
        elif f.kind == "int":
            w.setValue(int(value or 0))
        elif isinstance(w, QComboBox):
            w.setCurrentText(value or "")
        else:
            w.setText(value or "")

    def value(self, attr: str):
        """The widget's value; ValueError (with a message for the worker) for a bad date."""
        f, w = self._field(attr), self.widgets[attr]
        if f.kind == "multiline":
            return w.toPlainText().strip()
        if f.kind == "lines":
            return [x.strip() for x in w.toPlainText().splitlines() if x.strip()]
        if f.kind == "date":
            if not w.is_valid():
                raise ValueError(f"{f.label.replace('&', '').rstrip(':')}: {w.error()}")
            return w.date()
        if f.kind == "enum":
            return w.currentData()
        if f.kind == "bool":
            return w.isChecked()
        if f.kind == "int":
            return w.value()
        if isinstance(w, QComboBox):
            return w.currentText().strip()
        return w.text().strip()

    def save_into(self, obj, *, lenient: bool = False) -> None:
        """Write every field into ``obj``. A bad date raises ValueError, or with ``lenient``
        leaves that attribute as it was."""
        for f in self.fields:
            try:
                setattr(obj, f.attr, self.value(f.attr))
            except ValueError:
                if not lenient:
                    raise

    def error(self) -> str:
        for f in self.fields:
            try:
                self.value(f.attr)
            except ValueError as exc:
                return str(exc)
        return ""

    def set_read_only(self, read_only: bool) -> None:
        for w in self.widgets.values():
            if isinstance(w, OptionalDateEdit):
                w.edit.setReadOnly(read_only)
                w.button.setEnabled(not read_only)
            elif isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.setReadOnly(read_only)
            else:
                w.setEnabled(not read_only)

    def _field(self, attr: str) -> Field:
        return next(f for f in self.fields if f.attr == attr)


class ListEditor(QWidget):
    """A list of small objects and the form of the selected one."""

    changed = Signal()

    def __init__(self, noun: str, factory: Callable[[], object], fields: list[Field],
                 summary: Callable[[object], str], parent: QWidget | None = None,
                 horizontal: bool = True, add_label: str = ""):
        super().__init__(parent)
        self.noun, self.factory, self.summary = noun, factory, summary
        self._items: list = []
        self._current = -1
        self.list = QListWidget()
        shown = _(noun)
        self.list.setAccessibleName(_("{noun} list").format(noun=shown[:1].upper() + shown[1:]))
        self.list.setAccessibleDescription(_("Insert adds, Delete removes"))
        self.list.setMinimumWidth(220)
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 10 + 12)
        self.list.currentRowChanged.connect(self._select)
        self.add_button = QPushButton(add_label or _("Add {noun}").format(noun=shown))
        self.add_button.setAccessibleName(_("Add {noun}").format(noun=shown))
        self.remove_button = QPushButton(_("Remove {noun}").format(noun=shown))
        self.remove_button.setAccessibleName(_("Remove {noun}").format(noun=shown))
        # ``clicked`` passes ``checked`` (False): never let it reach ``add(obj)``.
        self.add_button.clicked.connect(lambda _checked=False: self.add())
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_current())
        self.form = ObjectForm(fields)
        self.form.edited.connect(self._edited)
        plural = {"child": "children", "agency": "agencies",
                  "child elsewhere": "children elsewhere",
                  "person told": "people told"}.get(noun) or (
            noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s")
        self.empty = hint(_("No {plural} yet.").format(plural=_(plural)))

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.empty)
        right.addWidget(self.form)
        right.addStretch(1)
        outer = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(left, 2)
        outer.addLayout(right, 3)
        for key, slot in ((Qt.Key.Key_Insert, self.add), (Qt.Key.Key_Delete, self.remove_current)):
            shortcut = QShortcut(QKeySequence(key), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda slot=slot: None if self._read_only else slot())
        self._read_only = False
        self._select(-1)
        self._sync_enabled()

    # ---------------------------------------------------------------- items
    def set_items(self, items) -> None:
        self._items = [copy.deepcopy(i) for i in items]
        self._current = -1
        self.list.blockSignals(True)
        self.list.clear()
        for obj in self._items:
            self.list.addItem(QListWidgetItem(self.summary(obj)))
        self.list.blockSignals(False)
        if self._items:
            self.list.setCurrentRow(0)
        else:
            self._select(-1)
        self._sync_enabled()

    def items(self, lenient: bool = False) -> list:
        """The edited objects (raises ValueError for a bad date in the open form, unless
        ``lenient``: then that field keeps its last readable value)."""
        self._flush(lenient=lenient)
        return [copy.deepcopy(i) for i in self._items]

    def add(self, obj=None) -> object:
        if obj is None or isinstance(obj, bool):
            obj = self.factory()
        self._items.append(obj)
        self.list.addItem(QListWidgetItem(self.summary(obj)))
        self.list.setCurrentRow(len(self._items) - 1)
        self._sync_enabled()
        first = self.form.widgets[self.form.fields[0].attr]
        first.setFocus()
        self.changed.emit()
        return obj

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self._current = -1
        del self._items[row]
        self.list.takeItem(row)
        if not self._items:
            self._select(-1)
        self._sync_enabled()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.form.set_read_only(read_only)
        self._sync_enabled()

    # ---------------------------------------------------------------- internals
    def _select(self, row: int) -> None:
        self._flush(lenient=True)
        self._current = row
        has = 0 <= row < len(self._items)
        self.form.setVisible(has)
        self.empty.setVisible(not self._items)
        self.form.load(self._items[row] if has else None)

    def _flush(self, lenient: bool) -> None:
        if 0 <= self._current < len(self._items):
            self.form.save_into(self._items[self._current], lenient=lenient)
            item = self.list.item(self._current)
            if item is not None:
                item.setText(self.summary(self._items[self._current]))

    def _edited(self) -> None:
        self._flush(lenient=True)
        self.changed.emit()

    def _sync_enabled(self) -> None:
        self.add_button.setEnabled(not self._read_only)
        self.remove_button.setEnabled(not self._read_only and bool(self._items))
        self.add_button.setVisible(not self._read_only)
        self.remove_button.setVisible(not self._read_only)
