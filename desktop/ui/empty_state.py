"""Empty states for lists and tables: say what is missing and what to do next.

    set_empty_text(table, "No contact attempts yet. Log the first one above (Ctrl+N).")

While the view's model has no rows, the text is drawn centred in the view (in the palette's
placeholder colour, wrapped, at the view's font size) and is the view's accessible description,
so a screen reader says it too. When rows arrive the text goes. Works with any
``QAbstractItemView`` (tables, lists, trees, also ``QTableWidget`` / ``QListWidget``).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView

_PROPERTY = "empty_state_text"


def _rows(view: QAbstractItemView) -> int:
    model = view.model()
    return model.rowCount(view.rootIndex()) if model is not None else 0


class _EmptyPainter(QObject):
    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view
        self.description = view.accessibleDescription()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and obj is self.view.viewport() \
                and _rows(self.view) == 0:
            text = self.view.property(_PROPERTY) or ""
            if text:
                painter = QPainter(obj)
                painter.setPen(self.view.palette().color(QPalette.ColorRole.PlaceholderText))
                margin = self.view.fontMetrics().height()
                rect = QRect(obj.rect()).adjusted(margin, margin, -margin, -margin)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                                 text)
                painter.end()
        return False

    def update(self, *_args) -> None:
        try:
            text = self.view.property(_PROPERTY) or ""
            empty = _rows(self.view) == 0
            self.view.setAccessibleDescription(text if empty and text else self.description)
            self.view.viewport().update()
        except RuntimeError:        # the view is being destroyed (its model empties itself)
            pass


def set_empty_text(view: QAbstractItemView, text: str) -> None:
    """Show ``text`` in ``view`` whenever its model has no rows (``""`` turns it off)."""
    view.setProperty(_PROPERTY, text)
    painter = view.findChild(_EmptyPainter)
    if painter is None:
        painter = _EmptyPainter(view)
        view.viewport().installEventFilter(painter)
        _watch_model(view, painter)
    painter.update()


def empty_text(view: QAbstractItemView) -> str:
    """The empty-state text shown now ('' while the view has rows)."""
    return (view.property(_PROPERTY) or "") if _rows(view) == 0 else ""


def _watch_model(view: QAbstractItemView, painter: _EmptyPainter) -> None:
    model = view.model()
    if model is None:
        return
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                   model.layoutChanged):
        signal.connect(painter.update)
