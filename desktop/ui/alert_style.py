"""How alert severities look: a coloured chip with a word (never colour alone), and the badge
text and tooltip for the caseload's alerts column."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from desktop.domain.rules import Severity
from desktop.i18n import N_, _, ngettext  # noqa: F401

#: severity -> (word, text colour, background colour)
STYLE = {
    Severity.URGENT: (N_("Urgent"), "#ffffff", "#b3261e"),
    Severity.WARNING: (N_("Warning"), "#3d2a00", "#f7c948"),
    Severity.INFO: (N_("Info"), "#0b2a5b", "#c9dcfb"),
}


def colours(severity: Severity) -> tuple[QColor, QColor]:
    _word, fg, bg = STYLE[severity]
    return QColor(fg), QColor(bg)


def severity_chip(severity: Severity) -> QLabel:
    word, fg, bg = STYLE[severity]
    word = _(word)
    chip = QLabel(word)
    chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
    chip.setMinimumWidth(chip.fontMetrics().horizontalAdvance(_("Warning")) + 16)
    chip.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border-radius: 4px; "
                       f"padding: 2px 6px; font-weight: bold; }}")
    chip.setAccessibleName(_('Severity: {word}').format(word=word))
    return chip


def badge_text(count: int, worst: Severity | None) -> str:
    """What the caseload's alerts column shows, e.g. "3 !" for three with one urgent."""
    if not count:
        return ""
    return f"{count} {'!' if worst is Severity.URGENT else ''}".strip()


def badge_tooltip(count: int, worst: Severity | None) -> str:
    if not count:
        return _("No alerts")
    word = _(STYLE[worst][0]).lower() if worst else ""
    return ngettext("{n} alert, the most serious {word}", "{n} alerts, the most serious {word}",
                    count).format(n=count, word=word)


_BADGES: dict = {}


def badge_pixmap(count: int, worst: Severity | None, height: int = 18):
    """A rounded badge in the colour of the worst severity with the count in it (the
    caseload's Alerts column); None when there are no alerts."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFont, QPainter, QPixmap
    if not count or worst is None:
        return None
    key = (count, worst, height)
    if key not in _BADGES:
        _word, fg, bg = STYLE[worst]
        text = str(count) if count < 100 else "99+"
        width = max(height, 8 + 7 * len(text))
        pix = QPixmap(width, height)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(bg))
        p.drawRoundedRect(QRectF(0, 0, width, height), height / 2, height / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(height * 0.65))
        p.setFont(font)
        p.setPen(QColor(fg))
        p.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
        p.end()
        _BADGES[key] = pix
    return _BADGES[key]
