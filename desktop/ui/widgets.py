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

from typing import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QSizePolicy,
    QStyle, QVBoxLayout, QWidget,
)

from desktop.ui.dates import (  # noqa: F401  (one import for screens and tabs)
    DATE_FORMAT, DATE_PLACEHOLDER, OptionalDateEdit, format_date, format_datetime, parse_date,
)


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


def heading(text: str, scale: float = 1.6, parent: QWidget | None = None,
            wrap: bool = True) -> QLabel:
    label = WrapLabel(text, parent) if wrap else QLabel(text, parent)
    label.setFont(scaled_font(label, scale, bold=True))
    label.setAccessibleName(text)
    return label


class WrapLabel(QLabel):
    """A word-wrapped label whose height follows its actual width. (A plain wrapped QLabel
    reports the height of a narrow guess, so form rows get tall gaps around it.)"""

    FALLBACK_WIDTH = 360

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._hfw_width = 0

    def _height(self) -> int:
        width = self.width() if self.width() > 40 else self.FALLBACK_WIDTH
        return self.heightForWidth(width) if self.text() else 0

    def hasHeightForWidth(self) -> bool:
        return False          # layouts use sizeHint(), which already follows the width

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != self._hfw_width:
            self._hfw_width = event.size().width()
            self.updateGeometry()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()


def hint(text: str = "", parent: QWidget | None = None) -> QLabel:
    """Secondary, wrapped explanatory text in the palette's placeholder colour."""
    label = WrapLabel(text, parent)
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


def form_layout(*, labels_at_top: bool = False, row_spacing: int = 10) -> QFormLayout:
    """The app's form layout. ``labels_at_top`` keeps labels level with the first line of tall
    fields (multi-line text) instead of centred on them."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    vertical = Qt.AlignmentFlag.AlignTop if labels_at_top else Qt.AlignmentFlag.AlignVCenter
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | vertical)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(row_spacing)
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
        self.text = WrapLabel()
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


def asking(parent: QWidget, title: str, text: str, action: Callable[[], None],
           yes_text: str = "OK", when: Callable[[], bool] = lambda: True) -> Callable:
    """A slot for a destructive button: it asks first (``confirm``), then runs ``action``.
    ``when()`` false means there is nothing to ask about: ``action`` runs straight away."""
    def slot(*_args) -> None:
        if when():
            confirm(parent, title, text, action, yes_text)
        else:
            action()
    return slot


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


def save_shortcuts(dialog, slot) -> None:
    """Ctrl+S and Ctrl+Enter save in every dialog that edits something (Alt+S may belong to a
    field)."""
    from PySide6.QtGui import QKeySequence, QShortcut
    for seq in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(seq), dialog, activated=slot)
