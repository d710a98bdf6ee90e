"""Small widgets the fieldwork screens share: labelled rows with mnemonics and accessible names,
an optional date field, an inline message line, multi-line text that Tab leaves, and the base
class of a person tab (``TITLE``, ``__init__(store, person_id, parent=None)``, ``refresh()``).

Names and signatures follow ``desktop/ui/widgets.py`` of the UI shell, so these can become
re-exports of it."""
from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QSizePolicy, QStyle, QVBoxLayout, QWidget)

DATE_FORMAT = "%d/%m/%Y"
DATE_PLACEHOLDER = "dd/mm/yyyy"


def strip_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")


def name(widget: QWidget, accessible_name: str, description: str = "",
         tooltip: bool = False) -> QWidget:
    widget.setAccessibleName(strip_mnemonic(accessible_name))
    if description:
        widget.setAccessibleDescription(description)
        if tooltip:
            widget.setToolTip(description)
    return widget


def hint(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text: str, scale: float = 1.25, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(strip_mnemonic(text))
    return label


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    return form


def add_row(form: QFormLayout, label: str, widget: QWidget, help: str = "",
            accessible_name: str | None = None) -> QLabel:
    """A labelled row: the label (with an ``&`` mnemonic) is the widget's buddy, so Alt+letter
    focuses it; the label text is the widget's accessible name."""
    lab = QLabel(label)
    lab.setBuddy(widget)
    name(widget, accessible_name or label, help)
    if help:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        col.addWidget(hint(help))
        form.addRow(lab, box)
    else:
        form.addRow(lab, widget)
    return lab


class TextBox(QPlainTextEdit):
    """Multi-line text where Tab moves on (keyboard path) and the height stays modest."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)


def parse_date(text: str) -> date | None:
    """14/05/2026, 14.5.26, 2026-05-14, 14 May 2026; empty is None; otherwise ValueError."""
    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})", text)
    if m:
        year = int(m[3])
        if year < 100:
            year += 2000 if year <= date.today().year % 100 else 1900
        return date(year, int(m[2]), int(m[1]))
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(text)


class OptionalDateEdit(QWidget):
    """A date that may be empty, typed as dd/mm/yyyy. ``date()`` is a date or None;
    ``is_valid()`` is False while the text cannot be read; ``error()`` says why."""

    dateChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, value: date | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(DATE_PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(20)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 40)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)   # so a label's mnemonic reaches it
        self.edit.textChanged.connect(lambda _t: self.is_valid() and
                                      self.dateChanged.emit(self.date()))
        self.setDate(value)

    def setAccessibleName(self, text: str) -> None:
        super().setAccessibleName(text)
        self.edit.setAccessibleName(text)

    def setAccessibleDescription(self, text: str) -> None:
        super().setAccessibleDescription(text)
        self.edit.setAccessibleDescription(text)

    def date(self) -> date | None:
        try:
            return parse_date(self.edit.text())
        except ValueError:
            return None

    def setDate(self, value: date | None) -> None:
        self.edit.setText(value.strftime(DATE_FORMAT) if value else "")

    def clear(self) -> None:
        self.edit.clear()

    def is_valid(self) -> bool:
        try:
            parse_date(self.edit.text())
            return True
        except ValueError:
            return False

    def error(self) -> str:
        return "" if self.is_valid() else \
            f"“{self.edit.text().strip()}” is not a date: type it as {DATE_PLACEHOLDER}."


class MessageLabel(QWidget):
    """One inline line of feedback with a standard icon; hidden while empty."""
    ERROR, WARNING, INFO = "error", "warning", "info"
    _ICONS = {ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
              WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
              INFO: QStyle.StandardPixmap.SP_MessageBoxInformation}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel()
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


def format_date(d: date | datetime | None, empty: str = "") -> str:
    if d is None:
        return empty
    if isinstance(d, datetime):
        d = d.astimezone()
    return f"{d.day} {d:%b %Y}"


def format_datetime(dt: datetime | None, empty: str = "") -> str:
    if dt is None:
        return empty
    local = dt.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


class PersonTab(QWidget):
    """The person-tab contract: ``TITLE``, ``__init__(store, person_id, parent=None)``,
    ``refresh()``, optional ``clear()``."""
    TITLE = ""

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.person_id = person_id

    def person(self):
        return self.store.people.require(self.person_id)

    def refresh(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        pass
