"""Building blocks for report bodies: paragraphs of untrusted text, headings, tables that split
across pages with repeated headers, label/value grids, and "None recorded." for empty sections.

Every piece of user text goes through ``fonts.markup`` (escaped, never read as markup).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (Flowable, KeepTogether, LongTable, Paragraph, Spacer, Table,
                                TableStyle)

from desktop.i18n import SOURCE, language
from desktop.reports import fonts
from desktop.reports.styles import (AMBER_BG, BOX_BG, FLAG_BG, HEAD_BG, RULE, STYLES, ZEBRA)
from desktop.i18n import N_, _, ngettext  # noqa: F401

NONE_RECORDED = "None recorded."
DASH = "\u2014"


# ---------------------------------------------------------------- text
def P(text: object, style: str = "body") -> Paragraph:
    """A paragraph of untrusted text (escaped; line breaks kept)."""
    return Paragraph(fonts.markup(text if text not in (None, "") else DASH), STYLES[style])


def M(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of trusted markup (build it with ``fonts.markup`` for any user text)."""
    return Paragraph(markup, STYLES[style])


def esc(text: object) -> str:
    return fonts.markup(text)


def title(text: str, subtitle: str = "") -> list[Flowable]:
    out: list[Flowable] = [M(esc(text), "title")]
    if subtitle:
        out.append(M(subtitle, "subtitle"))
    return out


class Heading(Paragraph):
    """A heading that moves to the next page rather than sit at the foot of one with too
    little room for what follows (tables after it still split freely)."""

    def __init__(self, text: str, style, room: float):
        super().__init__(text, style)
        self.room = room

    def wrap(self, avail_width, avail_height):
        w, h = super().wrap(avail_width, avail_height)
        if avail_height - h < self.room:
            return w, avail_height + 1          # too tall here: the frame asks to split
        return w, h

    def split(self, avail_width, avail_height):
        return []                               # never split a heading: next page instead


def heading(text: str, level: int = 1, *, room_mm: float = 30) -> Paragraph:
    return Heading(esc(text), STYLES["h1" if level == 1 else "h2"], room_mm * mm)


def none_recorded(what: str = "") -> Paragraph:
    return M(esc(f"{NONE_RECORDED} {what}".strip()), "none")


def section(name: str, body: Sequence[Flowable] | None, *, level: int = 1,
            empty: str = "") -> list[Flowable]:
    """A heading and its content, or the heading and "None recorded." when there is none."""
    return [heading(name, level), *(body or [none_recorded(empty)])]


# ---------------------------------------------------------------- dates
def fmt_date(d: date | datetime | None, default: str = DASH) -> str:
    if d is None:
        return default
    if isinstance(d, datetime):
        d = d.astimezone()
    if language() != SOURCE:                  # Babel: the report's language's month names
        from babel.dates import format_date
        return format_date(d, "d MMM y", locale=language())
    return f"{d.day} {d:%b %Y}"


def fmt_datetime(dt: datetime | None, default: str = DASH) -> str:
    if dt is None:
        return default
    local = dt.astimezone()
    if language() != SOURCE:
        from babel.dates import format_datetime
        return format_datetime(local.replace(tzinfo=None), "EEE d MMM y HH:mm",
                               locale=language())
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def yes_no(value: bool | None) -> str:
    return DASH if value is None else (_("Yes") if value else _("No"))


# ---------------------------------------------------------------- tables
@dataclass(frozen=True)
class Col:
    head: str
    width: float          # fraction of the frame width (the fractions are scaled to fit)
    style: str = "cell"
    empty: str = DASH     # what an empty cell shows


def _cell(value: object, style: str, empty: str = DASH) -> Flowable:
    if isinstance(value, Flowable):
        return value
    if isinstance(value, (list, tuple)):
        return [_cell(v, style, empty) for v in value]  # type: ignore[return-value]
    if isinstance(value, datetime):
        value = fmt_datetime(value)
    elif isinstance(value, date):
        value = fmt_date(value)
    if value in (None, "") and not empty:
        return Paragraph("", STYLES[style])
    return P(value if value not in (None, "") else empty, style)


PAD = 3                 # left and right padding of table cells (points)
#: characters a plain-text cell may hold: Latin script and common punctuation, which the body
#: font covers and which need no shaping, no bidi and no fallback font
_PLAIN_EXTRA = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201c"
                         "\u201d\u201e\u2022\u2026\u00b7\u20ac\u2122")


def _plain(value: object, col: Col, width: float) -> str | None:
    """A cell of ordinary text as a plain string, wrapped here into lines that fit ``width``
    (a Table draws such a cell line by line: no Paragraph to parse and measure again on every
    page break); None when it needs a Paragraph (another style, other scripts, a word longer
    than the column)."""
    if col.style != "cell":
        return None
    if isinstance(value, datetime):
        value = fmt_datetime(value)
    elif isinstance(value, date):
        value = fmt_date(value)
    elif value in (None, ""):
        value = col.empty
    if not isinstance(value, str) or not value or len(value) > 2000:
        return None
    if not all(ord(ch) < 0x250 or ch in _PLAIN_EXTRA for ch in value):
        return None
    style = STYLES["cell"]
    name, size = style.fontName, style.fontSize
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    if "\n" not in text and stringWidth(text, name, size) <= width:
        return text
    lines = []
    for para in text.split("\n"):
        if any(stringWidth(word, name, size) > width for word in para.split()):
            return None                  # a long word: the Paragraph splits it
        lines += simpleSplit(para, name, size, width) or [""]
    return "\n".join(lines)


def table(cols: Sequence[Col], rows: Iterable[Sequence[object]], *, width: float,
          flagged: Iterable[int] = (), amber: Iterable[int] = (), zebra: bool = True,
          head: bool = True, group_rows: Iterable[int] = (),
          extra: Iterable[tuple] = ()) -> Table:
    """A table that splits across pages (inside tall rows too) with its header row repeated.
    ``flagged`` / ``amber`` are 0-based data-row indexes to highlight; in ``group_rows`` the
    second cell spans to the right edge (a group heading such as a checklist item); ``extra``
    holds more TableStyle commands whose row numbers count data rows from 0."""
    total = sum(c.width for c in cols)
    widths = [width * c.width / total for c in cols]
    # column heads are marked N_() where the columns are declared
    data = [[_cell(_(c.head) if isinstance(c.head, str) else c.head, "cell_head")
             for c in cols]] if head else []
    inner = [w - 2 * PAD for w in widths]
    for row in rows:
        data.append([_plain(v, c, w) or _cell(v, c.style, c.empty)
                     for v, c, w in zip(row, cols, inner)])
    off = 1 if head else 0
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        # plain-text cells (see ``_plain``) in the "cell" paragraph style's font
        ("FONTNAME", (0, 0), (-1, -1), STYLES["cell"].fontName),
        ("FONTSIZE", (0, 0), (-1, -1), STYLES["cell"].fontSize),
        ("LEADING", (0, 0), (-1, -1), STYLES["cell"].leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), STYLES["cell"].textColor),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
    ]
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
    if zebra and len(data) > off + 1:
        # one command for every row (a command per row made each page split of a 5,000-row
        # table copy thousands of them)
        style.append(("ROWBACKGROUNDS", (0, off), (-1, -1), [None, ZEBRA]))
    for i in amber:
        style.append(("BACKGROUND", (0, i + off), (-1, i + off), AMBER_BG))
    for i in flagged:
        style.append(("BACKGROUND", (0, i + off), (-1, i + off), FLAG_BG))
    for i in group_rows:
        style += [("SPAN", (1, i + off), (-1, i + off)),
                  ("BACKGROUND", (0, i + off), (-1, i + off), BOX_BG)]
    for cmd, (c0, r0), (c1, r1), *rest in extra:
        style.append((cmd, (c0, r0 + off), (c1, r1 + off), *rest))
    # A long table measures only the rows that fit on the page it is split for (a Table
    # measures every remaining row at every page break: quadratic in its length).
    cls = LongTable if len(data) > LONG_ROWS else Table
    return cls(data, colWidths=widths, repeatRows=off, splitByRow=1, splitInRow=1,
               style=TableStyle(style), hAlign="LEFT")


LONG_ROWS = 60


def fields(pairs: Sequence[tuple[str, object]], *, width: float, columns: int = 2,
           label_frac: float = 0.36) -> Table:
    """A grid of "label: value" pairs, ``columns`` pairs per row; values are untrusted."""
    per = width / columns
    widths = [per * label_frac, per * (1 - label_frac)] * columns
    data, row = [], []
    for label, value in pairs:
        row += [P(label, "label"), _cell(value, "cell")]
        if len(row) == 2 * columns:
            data.append(row)
            row = []
    if row:
        data.append(row + [""] * (2 * columns - len(row)))
    if not data:
        data = [[P(NONE_RECORDED, "none")] + [""] * (2 * columns - 1)]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for c in range(0, 2 * columns, 2):
        style.append(("BACKGROUND", (c, 0), (c, -1), BOX_BG))
    return Table(data, colWidths=widths, splitByRow=1, splitInRow=1, style=TableStyle(style),
                 hAlign="LEFT")


def writing_space(prompt: str, *, width: float, lines: int = 6) -> Table:
    """A bordered box with ruled lines for hand-written notes in the meeting."""
    rows = [[M(esc(prompt), "label")]] + [[""] for _ignored in range(lines)]
    style = [("BOX", (0, 0), (-1, -1), 0.6, RULE),
             ("BACKGROUND", (0, 0), (-1, 0), BOX_BG)]
    for i in range(1, lines):
        style.append(("LINEBELOW", (0, i), (-1, i), 0.3, colors.HexColor("#d1d5db")))
    return Table(rows, colWidths=[width], rowHeights=[None] + [8 * mm] * lines,
                 style=TableStyle(style), hAlign="LEFT")


def callout(markup: str, *, width: float, flag: bool = False) -> Table:
    """A shaded box for an important line (e.g. a warning that does not go away)."""
    t = Table([[M(markup, "alert" if flag else "body")]], colWidths=[width],
              style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), FLAG_BG if flag else BOX_BG),
                                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                                ("TOPPADDING", (0, 0), (-1, -1), 4),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]), hAlign="LEFT")
    return t


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))
