"""A small chart of a goal's progress over time, painted with QPainter: the 0-10 ratings as a
line with dots, and the steps reached as numbered markers along the bottom. Its accessible
description says the same in words."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.ui.forms.kit import format_date
from desktop.i18n import _, ngettext  # noqa: F401


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.entries: list = []     # GoalProgress, oldest first
        self.setMinimumHeight(150)
        self.setMaximumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Progress chart"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)     # reachable, so its summary is read
        self.set_entries([])

    def sizeHint(self) -> QSize:
        return QSize(420, 170)

    def set_entries(self, entries: list) -> None:
        self.entries = sorted(entries, key=lambda e: (
            e.on_date, e.created_at.timestamp() if e.created_at else 0.0))
        self.setAccessibleDescription(self.summary())
        self.setToolTip(self.summary())
        self.update()

    def summary(self) -> str:
        rated = [e for e in self.entries if e.rating is not None]
        stepped = [e for e in self.entries if e.step_reached is not None]
        if not self.entries:
            return _("No progress recorded yet.")
        parts = [ngettext("{n} entry", "{n} entries", len(self.entries)).format(
            n=len(self.entries))]
        if rated:
            first, last = rated[0], rated[-1]
            parts.append(_("rating {rating} on {date}").format(
                rating=first.rating, date=format_date(first.on_date))
                         + (_(', now {rating} on {format_date}').format(rating=last.rating, format_date=format_date(last.on_date))
                            if last is not first else ""))
        if stepped:
            best = max(e.step_reached for e in stepped)
            parts.append(_('furthest step reached: {value}').format(value=best + 1))
        return "; ".join(parts) + "."

    # -- painting -------------------------------------------------------------------------------
    def _x(self, d: date, first: date, last: date, plot: QRectF) -> float:
        span = max((last - first).days, 1)
        if first == last:
            return plot.center().x()
        return plot.left() + plot.width() * (d - first).days / span

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_col = pal.color(QPalette.ColorRole.WindowText)
        grid_col = pal.color(QPalette.ColorRole.Mid)
        line_col = pal.color(QPalette.ColorRole.Highlight)
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("10") + 12
        top = fm.height() + 12
        plot = QRectF(left, top, self.width() - left - 16,
                      self.height() - top - fm.height() - 34)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        if self.hasFocus():
            p.setPen(QPen(line_col, 1, Qt.PenStyle.DotLine))
            p.drawRect(self.rect().adjusted(0, 0, -1, -1))
        # grid: 0, 5, 10
        for v in (0, 5, 10):
            y = plot.bottom() - plot.height() * v / 10
            p.setPen(QPen(grid_col, 1, Qt.PenStyle.DashLine if v else Qt.PenStyle.SolidLine))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(text_col)
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(v))
        if not self.entries:
            p.setPen(text_col)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, _("No progress recorded yet"))
            return
        first, last = self.entries[0].on_date, self.entries[-1].on_date
        self._legend(p, plot, fm, line_col, text_col)
        # dates under the axis: first and last
        p.setPen(text_col)
        base = plot.bottom() + fm.height() + 24
        p.drawText(QPointF(plot.left(), base), format_date(first))
        if last != first:
            label = format_date(last)
            p.drawText(QPointF(plot.right() - fm.horizontalAdvance(label), base), label)
        # ratings
        points = [QPointF(self._x(e.on_date, first, last, plot),
                          plot.bottom() - plot.height() * e.rating / 10)
                  for e in self.entries if e.rating is not None]
        if points:
            path = QPainterPath(points[0])
            for pt in points[1:]:
                path.lineTo(pt)
            p.setPen(QPen(line_col, 2.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setBrush(line_col)
            p.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1.5))
            for pt in points:
                p.drawEllipse(pt, 4.5, 4.5)
        # steps reached: numbered diamonds just above the axis
        step_col = QColor("#2e7d32")
        for e in self.entries:
            if e.step_reached is None:
                continue
            x = self._x(e.on_date, first, last, plot)
            y = plot.bottom() + 13
            diamond = QPainterPath(QPointF(x, y - 9))
            for dx, dy in ((9, 0), (0, 9), (-9, 0)):
                diamond.lineTo(QPointF(x + dx, y + dy))
            diamond.closeSubpath()
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(step_col)
            p.drawPath(diamond)
            p.setPen(QColor("white"))
            font = p.font()
            small = font.pointSizeF()
            if small > 0:
                font.setPointSizeF(small * 0.8)
            font.setBold(True)
            p.setFont(font)
            p.drawText(QRectF(x - 9, y - 9, 18, 18), Qt.AlignmentFlag.AlignCenter,
                       str(e.step_reached + 1))
            p.setFont(self.font())
        p.end()

    def _legend(self, p: QPainter, plot: QRectF, fm, line_col, text_col) -> None:
        x, y = plot.left(), 4 + fm.ascent()
        p.setPen(QPen(line_col, 2.5))
        p.drawLine(QPointF(x, y - fm.ascent() / 3), QPointF(x + 18, y - fm.ascent() / 3))
        p.setPen(text_col)
        label = "rating 0-10"
        p.drawText(QPointF(x + 24, y), label)
        x += 24 + fm.horizontalAdvance(label) + 18
        cy = y - fm.ascent() / 3
        diamond = QPainterPath(QPointF(x + 6, cy - 6))
        for dx, dy in ((12, 6), (6, 12), (0, 6)):
            diamond.lineTo(QPointF(x + dx, cy - 6 + dy))
        diamond.closeSubpath()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#2e7d32"))
        p.drawPath(diamond)
        p.setPen(text_col)
        p.drawText(QPointF(x + 18, y), _("step reached (number)"))
