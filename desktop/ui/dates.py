"""Dates as workers type and read them: ``format_date``, ``format_datetime`` (stored UTC shown
in local time), ``parse_date`` (14/05/1958, 14.5.58, 1958-05-14, 14 May 1958) and
``OptionalDateEdit``, a date field that may be left empty. Re-exported by ``widgets``."""
from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCalendarWidget, QFrame, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget,
)

from desktop.i18n import SOURCE, language
from desktop.i18n import _, ngettext  # noqa: F401

DATE_FORMAT = "%d/%m/%Y"
DATE_PLACEHOLDER = "dd/mm/yyyy"


def _localised() -> QLocale | None:
    """The UI language's QLocale, or ``None`` for the source English (formatted as before)."""
    code = language()
    return None if code == SOURCE else QLocale(code)


def format_date(d: date | datetime | None, empty: str = "") -> str:
    if d is None:
        return empty
    if isinstance(d, datetime):
        d = d.astimezone()
    loc = _localised()
    if loc is not None:
        return loc.toString(QDate(d.year, d.month, d.day), "d MMM yyyy")
    return f"{d.day} {d:%b %Y}"


def format_datetime(dt: datetime | None, empty: str = "") -> str:
    """Stored times are UTC; show them in this machine's local time."""
    if dt is None:
        return empty
    local = dt.astimezone()
    loc = _localised()
    if loc is not None:
        return loc.toString(QDateTime(QDate(local.year, local.month, local.day),
                                      QTime(local.hour, local.minute)), "d MMM yyyy, HH:mm")
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
        # Room for a whole date and the clear button at any text size ("/2026" was clipped).
        fm = self.edit.fontMetrics()
        self.edit.setMinimumWidth(fm.horizontalAdvance("00/00/0000") + round(fm.height() * 1.7))
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip(_("Pick a date (Alt+Down)"))
        self.button.setAccessibleName(_("Pick a date"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        # The popup window is made after the row's widgets, and the focus proxy is set before
        # it exists: the other way round Qt splits the focus chain and Tab can never leave the
        # date field (a keyboard trap).
        self.setFocusProxy(self.edit)
        # A focus policy, so that a label's mnemonic (Alt+letter) reaches the field: QLabel
        # only gives its buddy the focus when the buddy accepts focus.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(_("Calendar"))
        self.calendar.setGridVisible(False)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        QVBoxLayout(self.popup).setContentsMargins(0, 0, 0, 0)
        self.popup.layout().addWidget(self.calendar)
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
            _("“{text}” is not a date: type it as {pattern}.").format(
                text=self.edit.text().strip(), pattern=DATE_PLACEHOLDER)
