"""Small shared widgets and helpers for every screen and tab.

Layouts are built in code. Colours come from the system palette (dark mode works); fonts are
the application font scaled. Helpers:

* ``add_row(form, "&Name", widget, help=...)`` — a labelled QFormLayout row with a mnemonic,
  the label as the widget's buddy and its accessible name.
* ``name(widget, accessible_name, description="")`` — set the accessible name (and tooltip).
* ``OptionalDateEdit`` — a date that may be empty, typed as dd/mm/yyyy (or picked).
* ``MessageLabel`` — an inline error / information line with an icon; ``show_error(text)``.
* ``heading``, ``hint``, ``Card``, ``centered`` — screen furniture.
* ``show_error`` / ``show_info`` / ``confirm`` — non-blocking message boxes (never ``exec``:
  locking must be able to close them).
* ``status_message(widget, text)`` — a line in the main window's status bar.
* ``format_date``, ``format_datetime`` — local-time display of stored (UTC) values.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCalendarWidget, QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QMainWindow,
    QMessageBox, QSizePolicy, QStyle, QToolButton, QVBoxLayout, QWidget,
)

DATE_FORMAT = "%d/%m/%Y"
DATE_PLACEHOLDER = "dd/mm/yyyy"


# ---------------------------------------------------------------- text and fonts
def strip_mnemonic(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")


def scaled_font(widget: QWidget | None = None, scale: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(widget.font()) if widget is not None else QFont()
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * scale)
    font.setBold(bold)
    return font


def heading(text: str, scale: float = 1.6, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(label, scale, bold=True))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def hint(text: str = "", parent: QWidget | None = None) -> QLabel:
    """Secondary, wrapped explanatory text in the palette's placeholder colour."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def name(widget: QWidget, accessible_name: str, description: str = "",
         tooltip: bool = False) -> QWidget:
    """Set the accessible name (and description); ``tooltip`` also shows the description."""
    widget.setAccessibleName(strip_mnemonic(accessible_name))
    if description:
        widget.setAccessibleDescription(description)
        if tooltip:
            widget.setToolTip(description)
    return widget


def add_row(form: QFormLayout, label: str, widget: QWidget, help: str = "",
            accessible_name: str | None = None) -> QLabel:
    """Add ``label`` (with an ``&`` mnemonic) and ``widget`` to ``form``; the label is the
    widget's buddy, so Alt+letter focuses it. ``help`` adds a hint line under the widget."""
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


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(10)
    return form


# ---------------------------------------------------------------- furniture
class Card(QFrame):
    """A raised panel in the palette's base colour: the centre of the setup and unlock screens."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(36, 32, 36, 32)
        self.body.setSpacing(14)


def centered(inner: QWidget, max_width: int = 520) -> QWidget:
    """``inner`` centred both ways on an otherwise empty page, at most ``max_width`` wide."""
    page = QWidget()
    inner.setMaximumWidth(max_width)
    inner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(inner, 10)
    row.addStretch(1)
    col = QVBoxLayout(page)
    col.addStretch(1)
    col.addLayout(row)
    col.addStretch(2)
    return page


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
        row.setSpacing(8)
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
        return self.text.text() if self.isVisibleTo(self.parentWidget() or self) else ""


# ---------------------------------------------------------------- dates
def format_date(d: date | datetime | None, empty: str = "") -> str:
    if d is None:
        return empty
    if isinstance(d, datetime):
        d = d.astimezone()
    return f"{d.day} {d:%b %Y}"


def format_datetime(dt: datetime | None, empty: str = "") -> str:
    """Stored times are UTC; show them in this machine's local time."""
    if dt is None:
        return empty
    local = dt.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def parse_date(text: str) -> date | None:
    """Parse what people type: 14/05/1958, 14.5.58, 1958-05-14, 14 May 1958. Raises ValueError."""
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
            this = date.today().year % 100
            year += 2000 if year <= this else 1900
        return date(year, int(m[2]), int(m[1]))
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError(text)


class OptionalDateEdit(QWidget):
    """A date that may be left empty. Type dd/mm/yyyy (other common forms are understood) or
    press the arrow button (or Alt+Down) to pick one from a calendar.

    ``date()`` returns a ``datetime.date`` or None; ``is_valid()`` is False while the text
    cannot be read, and ``error()`` says why. ``dateChanged`` carries the new date or None."""

    dateChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, value: date | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(DATE_PLACEHOLDER)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(20)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Pick a date (Alt+Down)")
        self.button.setAccessibleName("Pick a date")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        # The popup window is made after the row's widgets: made before, it splits the focus
        # chain and Tab can never leave the date field.
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setGridVisible(False)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        QVBoxLayout(self.popup).setContentsMargins(0, 0, 0, 0)
        self.popup.layout().addWidget(self.calendar)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._text_changed)
        self.edit.installEventFilter(self)
        self._last: date | None = None
        self.setDate(value)

    def eventFilter(self, obj, event):
        if obj is self.edit and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down \
                and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return True
        return super().eventFilter(obj, event)

    def setAccessibleName(self, text: str) -> None:  # the line edit is what a reader reaches
        super().setAccessibleName(text)
        self.edit.setAccessibleName(text)

    def setAccessibleDescription(self, text: str) -> None:
        super().setAccessibleDescription(text)
        self.edit.setAccessibleDescription(text)

    def show_calendar(self) -> None:
        """Open the calendar under the field (Enter or a click picks; Esc closes)."""
        d = self.date() if self.is_valid() else None
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day) if d else QDate.currentDate())
        self.popup.adjustSize()
        self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.popup.show()
        self.calendar.setFocus()

    def _picked(self, qd: QDate) -> None:
        self.setDate(date(qd.year(), qd.month(), qd.day()))
        self.popup.hide()
        self.edit.setFocus()

    def _text_changed(self, _text: str) -> None:
        if self.is_valid():
            d = self.date()
            if d != self._last:
                self._last = d
                self.dateChanged.emit(d)

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


# ---------------------------------------------------------------- messages
def _box(parent, icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.open()
    return box


def show_info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.open()
    return box


def confirm(parent: QWidget | None, title: str, text: str, on_yes: Callable[[], None],
            yes_text: str = "OK") -> QMessageBox:
    """Ask, without blocking; ``on_yes`` runs only when the worker agrees."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel,
                      parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)

    def done(_result):
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(done)
    box.open()
    return box


def status_message(widget: QWidget, text: str, msecs: int = 8000) -> None:
    """Show ``text`` in the status bar of ``widget``'s main window (never personal data)."""
    win = widget.window()
    while win is not None and not isinstance(win, QMainWindow):
        parent = win.parentWidget()
        win = parent.window() if parent is not None else None
    if isinstance(win, QMainWindow):
        win.statusBar().showMessage(text, msecs)


def close_dialogs(root: QWidget) -> None:
    """Reject every open dialog under ``root`` (before locking)."""
    for dlg in root.findChildren(QDialog):
        if dlg.isVisible():
            dlg.reject()
