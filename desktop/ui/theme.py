"""Palettes and font scaling.

The app follows the system palette (light, dark or high contrast): every screen draws with
palette roles (``QPalette.ColorRole``), never fixed colours, so whatever the desktop chooses
works. For screenshots and for checking a screen in each palette without changing the desktop,
``stickability --palette dark|light|high-contrast`` forces one, and ``--font-scale 1.5`` scales
the application font (what a worker with large text set sees). Both must be applied before the
first window is built:

    apply_theme(app, palette="dark", font_scale=1.5)
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

PALETTES = ("system", "light", "dark", "high-contrast")

R = QPalette.ColorRole
G = QPalette.ColorGroup

# role: (active/inactive colour, disabled colour or None for the same)
_LIGHT = {
    R.Window: ("#efefef", None), R.WindowText: ("#1b1b1b", "#8a8a8a"),
    R.Base: ("#ffffff", "#f4f4f4"), R.AlternateBase: ("#f5f5f5", None),
    R.Text: ("#1b1b1b", "#8a8a8a"), R.PlaceholderText: ("#6b6b6b", "#9a9a9a"),
    R.Button: ("#e8e8e8", None), R.ButtonText: ("#1b1b1b", "#8a8a8a"),
    R.BrightText: ("#ffffff", None), R.ToolTipBase: ("#ffffdc", None),
    R.ToolTipText: ("#1b1b1b", None), R.Highlight: ("#2f6fb3", "#b8b8b8"),
    R.HighlightedText: ("#ffffff", "#5a5a5a"), R.Link: ("#1a56a0", None),
    R.LinkVisited: ("#6b3fa0", None), R.Light: ("#ffffff", None),
    R.Midlight: ("#f2f2f2", None), R.Mid: ("#b8b8b8", None), R.Dark: ("#9f9f9f", None),
    R.Shadow: ("#767676", None),
}
_DARK = {
    R.Window: ("#2b2d30", None), R.WindowText: ("#e6e6e6", "#7d7f83"),
    R.Base: ("#1e1f22", "#26282b"), R.AlternateBase: ("#26282b", None),
    R.Text: ("#e6e6e6", "#7d7f83"), R.PlaceholderText: ("#a3a6ab", "#6d7074"),
    R.Button: ("#3a3d41", None), R.ButtonText: ("#e6e6e6", "#7d7f83"),
    R.BrightText: ("#ffffff", None), R.ToolTipBase: ("#3a3d41", None),
    R.ToolTipText: ("#e6e6e6", None), R.Highlight: ("#3570c0", "#4a4d52"),
    R.HighlightedText: ("#ffffff", "#9a9a9a"), R.Link: ("#7fb4ff", None),
    R.LinkVisited: ("#c49cff", None), R.Light: ("#4a4d52", None),
    R.Midlight: ("#404347", None), R.Mid: ("#35373b", None), R.Dark: ("#1a1b1d", None),
    R.Shadow: ("#0d0d0e", None),
}
# After the Windows high-contrast "Night sky"/"Aquatic" themes: pure black and white, a
# bright highlight, disabled text still readable.
_HIGH_CONTRAST = {
    R.Window: ("#000000", None), R.WindowText: ("#ffffff", "#3ff23f"),
    R.Base: ("#000000", None), R.AlternateBase: ("#101010", None),
    R.Text: ("#ffffff", "#3ff23f"), R.PlaceholderText: ("#ffffff", "#3ff23f"),
    R.Button: ("#000000", None), R.ButtonText: ("#ffffff", "#3ff23f"),
    R.BrightText: ("#ffffff", None), R.ToolTipBase: ("#000000", None),
    R.ToolTipText: ("#ffffff", None), R.Highlight: ("#1aebff", "#3ff23f"),
    R.HighlightedText: ("#000000", "#000000"), R.Link: ("#ffff00", None),
    R.LinkVisited: ("#ffff00", None), R.Light: ("#ffffff", None),
    R.Midlight: ("#c0c0c0", None), R.Mid: ("#ffffff", None), R.Dark: ("#ffffff", None),
    R.Shadow: ("#ffffff", None),
}
_TABLES = {"light": _LIGHT, "dark": _DARK, "high-contrast": _HIGH_CONTRAST}


def em(widget, n: float) -> int:
    """``n`` line heights of ``widget``'s font, in pixels: sizes that grow with the text
    (column widths, minimum widths) so that layouts hold at 150% and more."""
    return round(widget.fontMetrics().height() * n)


def palette(name: str) -> QPalette:
    """The named palette (``light``, ``dark``, ``high-contrast``)."""
    table = _TABLES[name]
    pal = QPalette()
    for role, (normal, disabled) in table.items():
        for group in (G.Active, G.Inactive):
            pal.setColor(group, role, QColor(normal))
        pal.setColor(G.Disabled, role, QColor(disabled or normal))
    return pal


# Fusion draws frames a shade darker than the window, which is invisible on black: in high
# contrast every input gets a frame in the text colour. Palette references only, no colours.
HIGH_CONTRAST_SHEET = """
QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QAbstractScrollArea {
    border: 1px solid palette(window-text);
}
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus, QPlainTextEdit:focus,
QTextEdit:focus, QAbstractScrollArea:focus {
    border: 2px solid palette(highlight);
}
QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator {
    width: 0.9em; height: 0.9em; border: 1px solid palette(window-text);
    background: palette(base);
}
QRadioButton::indicator { border-radius: 0.5em; }
QCheckBox::indicator:checked, QRadioButton::indicator:checked,
QGroupBox::indicator:checked { background: palette(highlight); }
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-style: dotted; }
QGroupBox { border: 1px solid palette(window-text); margin-top: 1.2em; padding-top: 0.4em; }
QGroupBox::title { subcontrol-origin: margin; left: 0.6em; padding: 0 0.3em; }
QProgressBar { border: 1px solid palette(window-text); text-align: center; }
QProgressBar::chunk { background: palette(highlight); }
QTabBar::tab { border: 1px solid palette(window-text); padding: 0.25em 0.8em; margin-right: 2px; }
QTabBar::tab:selected { background: palette(highlight); color: palette(highlighted-text); }
"""


# Fusion outlines a list's check box a shade darker than the window: on a dark list it
# vanishes (the goal steps' boxes could not be seen). A frame in the text colour instead.
DARK_SHEET = """
QAbstractItemView::indicator {
    width: 0.8em; height: 0.8em; border: 1px solid palette(text); background: palette(base);
}
QAbstractItemView::indicator:checked { background: palette(highlight); }
QAbstractItemView::indicator:disabled { border-style: dotted; }
"""


def contrast_ratio(pal: QPalette | None = None) -> float:
    """WCAG contrast ratio of the window text on the window background (1 to 21)."""
    pal = pal or QApplication.palette()

    def luminance(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    a, b = luminance(pal.color(R.Window)), luminance(pal.color(R.WindowText))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def is_high_contrast(pal: QPalette | None = None) -> bool:
    """A high-contrast theme: black on white or white on black (an ordinary light or dark
    palette has a grey window)."""
    pal = pal or QApplication.palette()
    window = pal.color(R.Window).lightness()
    return contrast_ratio(pal) >= 17 and (window <= 24 or window >= 250)


def is_dark(pal: QPalette | None = None) -> bool:
    """True when the window background is darker than its text (dark or high contrast)."""
    pal = pal or QApplication.palette()
    return pal.color(R.Window).lightness() < pal.color(R.WindowText).lightness()


def apply_theme(app: QApplication, palette_name: str = "system",
                font_scale: float = 1.0) -> None:
    """Force a palette (``system`` leaves the desktop's) and scale the application font."""
    if palette_name not in PALETTES:
        raise ValueError(f"palette must be one of {', '.join(PALETTES)}")
    if palette_name != "system":
        style = QStyleFactory.create("Fusion")     # draws with the palette on every platform
        if style is not None:
            app.setStyle(style)
        app.setPalette(palette(palette_name))
    # Also when the desktop itself is in a high-contrast theme.
    app.setStyleSheet(HIGH_CONTRAST_SHEET if is_high_contrast(app.palette()) else
                      DARK_SHEET if is_dark(app.palette()) else "")
    if font_scale and abs(font_scale - 1.0) > 1e-6:
        if not 0.5 <= font_scale <= 3.0:
            raise ValueError("font scale must be between 0.5 and 3")
        font = QFont(app.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * font_scale)
        else:
            font.setPixelSize(round(font.pixelSize() * font_scale))
        app.setFont(font)
