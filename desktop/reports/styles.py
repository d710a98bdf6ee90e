"""Paragraph styles and colours for every report (9.5 pt body, DejaVu Sans)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from desktop.reports import fonts

INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#4b5563")
RULE = colors.HexColor("#9ca3af")
HEAD_BG = colors.HexColor("#dfe6ee")
ZEBRA = colors.HexColor("#f5f7fa")
FLAG_BG = colors.HexColor("#fde8e8")     # highlighted rows: mismatch, overdue, incident
FLAG_INK = colors.HexColor("#9b1c1c")
AMBER_BG = colors.HexColor("#fff4db")
OK_INK = colors.HexColor("#03543f")
BOX_BG = colors.HexColor("#f3f4f6")

fonts.register()

BODY_SIZE = 9.5


def _s(name: str, **kw) -> ParagraphStyle:
    base = dict(fontName=fonts.SANS, fontSize=BODY_SIZE, leading=12.5, textColor=INK,
                alignment=TA_LEFT, splitLongWords=1)
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "title": _s("title", fontName=fonts.SANS_BOLD, fontSize=16, leading=20, spaceAfter=2),
    "subtitle": _s("subtitle", fontSize=10, leading=13, textColor=MUTED, spaceAfter=6),
    "h1": _s("h1", fontName=fonts.SANS_BOLD, fontSize=12.5, leading=16, spaceBefore=10,
             spaceAfter=4),
    "h2": _s("h2", fontName=fonts.SANS_BOLD, fontSize=10.5, leading=13.5, spaceBefore=7,
             spaceAfter=3),
    "body": _s("body", spaceAfter=3),
    "note": _s("note", fontName=fonts.SANS_OBLIQUE, fontSize=8.5, leading=11, textColor=MUTED,
               spaceAfter=3),
    "none": _s("none", fontName=fonts.SANS_OBLIQUE, textColor=MUTED, spaceAfter=4),
    "cell": _s("cell", fontSize=8.5, leading=10.8),
    "cell_bold": _s("cell_bold", fontName=fonts.SANS_BOLD, fontSize=8.5, leading=10.8),
    "cell_head": _s("cell_head", fontName=fonts.SANS_BOLD, fontSize=8.5, leading=10.8),
    "cell_right": _s("cell_right", fontSize=8.5, leading=10.8, alignment=TA_RIGHT),
    "cell_center": _s("cell_center", fontSize=8.5, leading=10.8, alignment=TA_CENTER),
    "cell_flag": _s("cell_flag", fontName=fonts.SANS_BOLD, fontSize=8.5, leading=10.8,
                    textColor=FLAG_INK),
    "label": _s("label", fontName=fonts.SANS_BOLD, fontSize=8.5, leading=10.8, textColor=MUTED),
    "alert": _s("alert", fontName=fonts.SANS_BOLD, textColor=FLAG_INK),
    "head_left": _s("head_left", fontSize=9, leading=11),
    "head_left_small": _s("head_left_small", fontSize=7.5, leading=9),
    "head_right": _s("head_right", fontSize=9, leading=11, alignment=TA_RIGHT),
    "head_meta": _s("head_meta", fontSize=7.5, leading=9, textColor=MUTED),
    "head_meta_small": _s("head_meta_small", fontSize=6.5, leading=8, textColor=MUTED),
    "head_right_small": _s("head_right_small", fontSize=8, leading=10, alignment=TA_RIGHT),
    "head_right_small_tiny": _s("head_right_small_tiny", fontSize=6.5, leading=8,
                                alignment=TA_RIGHT),
    "head_left_tiny": _s("head_left_tiny", fontSize=6, leading=7.5),
    
    
    "chart_title": _s("chart_title", fontName=fonts.SANS_BOLD, fontSize=9, leading=11.5,
                      spaceBefore=4, spaceAfter=2, keepWithNext=1),
}
