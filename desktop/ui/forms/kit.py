"""What the fieldwork screens take from the shared widgets (``desktop/ui/widgets.py``,
``desktop/ui/dates.py``, ``desktop/ui/person/base.py``), plus two of their own: ``TextBox``
(multi-line text that Tab leaves) and ``form_layout`` with labels at the top of tall rows."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QWidget

from desktop.ui.person.base import PersonTab  # noqa: F401
from desktop.ui import widgets
from desktop.ui.widgets import (  # noqa: F401
    MessageLabel, OptionalDateEdit, add_row, format_date, format_datetime, heading, hint, name,
    parse_date, strip_mnemonic,
)


def form_layout() -> QFormLayout:
    """Like the shared form layout, with labels level with the top line of tall fields."""
    return widgets.form_layout(labels_at_top=True, row_spacing=8)


class TextBox(QPlainTextEdit):
    """Multi-line text where Tab moves on (the keyboard path) and the height stays modest."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)
