"""Small pieces the casework tabs share: the tab base, a date field, an inline message line,
enum combos, and palette-safe emphasis (icons and bold, never hard-coded colours)."""
from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow,
    QPushButton, QStyle, QTreeWidget, QTreeWidgetItem, QWidget)

DATE_FORMAT = "%d/%m/%Y"
ID = Qt.ItemDataRole.UserRole   # the record id on a tree row


def fmt_date(d: date | datetime | None, empty: str = "") -> str:
    if d is None:
        return empty
    if isinstance(d, datetime):
        d = d.astimezone()
    return f"{d.day} {d:%b %Y}"


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy (also 14.5.26, 2026-05-14, 14 May 2026); '' → None; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})", text)
    if m:
        year = int(m[3])
        year += 2000 if year < 100 else 0
        return date(year, int(m[2]), int(m[1]))
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(text)


class DateField(QLineEdit):
    """A date that may be empty, typed as dd/mm/yyyy (same API as the shell's
    ``OptionalDateEdit``: ``date()``, ``setDate()``, ``is_valid()``, ``error()``)."""

    dateChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, value: date | None = None):
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setClearButtonEnabled(True)
        self.setMaxLength(20)
        self.setDate(value)
        self.textChanged.connect(lambda _t: self.is_valid() and self.dateChanged.emit(self.date()))

    def date(self) -> date | None:
        try:
            return parse_date(self.text())
        except ValueError:
            return None

    def setDate(self, value: date | None) -> None:
        self.setText(value.strftime(DATE_FORMAT) if value else "")

    def is_valid(self) -> bool:
        try:
            parse_date(self.text())
            return True
        except ValueError:
            return False

    def error(self) -> str:
        return "" if self.is_valid() else \
            f"“{self.text().strip()}” is not a date: type it as dd/mm/yyyy."


class MessageLine(QWidget):
    """One inline line of feedback with a standard icon; hidden while empty."""

    ERROR, WARNING, INFO = "error", "warning", "info"
    _ICONS = {ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
              WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
              INFO: QStyle.StandardPixmap.SP_MessageBoxInformation}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.icon, self.text = QLabel(), QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = INFO) -> None:
        if not text:
            self.clear()
            return
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(self._ICONS[kind]).pixmap(size, size))
        self.text.setText(text)
        self.kind = kind
        self.setAccessibleName(text)
        self.show()

    def show_error(self, text: str) -> None:
        self.show_message(text, self.ERROR)

    def clear(self) -> None:
        self.text.clear()
        self.kind = ""
        self.hide()

    def message(self) -> str:
        return self.text.text() if not self.isHidden() else ""


def enum_combo(enum_cls, optional: str = "", parent: QWidget | None = None,
               exclude=()) -> QComboBox:
    """A combo of an enum's members by label; ``optional`` adds a first 'none' entry."""
    combo = QComboBox(parent)
    if optional:
        combo.addItem(optional, None)
    for member in enum_cls:
        if member not in exclude:
            label = getattr(member, "label", None) or member.value.replace("_", " ").capitalize()
            combo.addItem(label, member)
    return combo


def set_combo_data(combo: QComboBox, value) -> None:
    i = combo.findData(value)
    combo.setCurrentIndex(max(i, 0))


def bold(widget_or_font=None) -> QFont:
    font = QFont(widget_or_font.font()) if isinstance(widget_or_font, QWidget) else QFont()
    font.setBold(True)
    return font


def std_icon(widget: QWidget, which: str):
    """Palette-independent emphasis: 'warning', 'error', 'info', 'ok'."""
    pix = {"warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
           "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
           "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
           "ok": QStyle.StandardPixmap.SP_DialogApplyButton}[which]
    return widget.style().standardIcon(pix)


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def heading_label(text: str, parent: QWidget | None = None, scale: float = 1.25) -> QLabel:
    label = QLabel(text, parent)
    font = bold(label)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def name(widget: QWidget, accessible_name: str, description: str = "") -> QWidget:
    widget.setAccessibleName(accessible_name.replace("&", ""))
    if description:
        widget.setAccessibleDescription(description)
    return widget


class CaseworkTab(QWidget):
    """The person-tab contract: ``TITLE``, ``__init__(store, person_id, parent=None)``,
    ``refresh()``. ``editable`` is True on the lead agency's install."""

    TITLE = ""

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.person_id = person_id

    @property
    def editable(self) -> bool:
        return getattr(self.store, "role", "field") == "lead"

    def person(self):
        return self.store.people.require(self.person_id)

    def refresh(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        pass

    def status(self, text: str) -> None:
        """A short line in the main window's status bar (never personal data)."""
        win = self.window()
        if isinstance(win, QMainWindow):
            win.statusBar().showMessage(text, 8000)


# ---------------------------------------------------------------- lists of records

def tree_widget(columns, accessible: str, widths) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setColumnCount(len(columns))
    tree.setHeaderLabels(list(columns))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    name(tree, accessible, "Enter opens the selected row")
    for i, w in enumerate(widths):
        tree.setColumnWidth(i, w)
    tree.header().setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    return tree


def button(text: str, accessible: str, slot) -> QPushButton:
    b = QPushButton(text)
    name(b, accessible)
    b.clicked.connect(slot)
    return b


def button_row(*widgets) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


def current_id(tree: QTreeWidget) -> str:
    node = tree.currentItem()
    return node.data(0, ID) if node is not None else ""


def select_id(tree: QTreeWidget, record_id: str) -> None:
    for i in range(tree.topLevelItemCount()):
        node = tree.topLevelItem(i)
        if node.data(0, ID) == record_id or (not record_id and i == 0):
            tree.setCurrentItem(node)
            return
    if tree.topLevelItemCount():
        tree.setCurrentItem(tree.topLevelItem(0))


def record_node(texts, record_id: str) -> QTreeWidgetItem:
    node = QTreeWidgetItem(list(texts))
    node.setData(0, ID, record_id)
    return node
