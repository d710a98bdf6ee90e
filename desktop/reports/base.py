"""The page every report shares, and writing it safely.

Every page carries the protective marking at top and bottom, the report title, the person, the
period, when and by whom it was generated, and "Page x of y" (the canvas keeps each page's state
and draws the decorations once the total is known). The PDF is built in memory and written
atomically (temp file, fsync, replace, mode 0600): a failure never leaves a half-written file.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph)

from desktop.reports import fonts
from desktop.reports.styles import STYLES, INK, MUTED
from desktop.i18n import N_, _, ngettext  # noqa: F401

MARKING = "OFFICIAL-SENSITIVE"
# the Government Security Classification marking stays as the scheme spells it
MARKING_NOTE = N_("Personal data: handle, store and destroy in line with your agency's policy.")
MARGIN = 16 * mm
TOP_BAND = 27 * mm      # marking, three header lines, rule
BOTTOM_BAND = 18 * mm   # rule, generated-by and page x of y, marking


class ReportError(Exception):
    """A report cannot be made (unknown person, bad period, unwritable file); the message says
    what to do."""


@dataclass
class ReportMeta:
    title: str                       # e.g. "SPOC between-meeting report"
    person: str                      # display name of the adult
    period: str                      # e.g. "1 Mar 2026 to 31 May 2026" or "All records"
    generated_by: str                # worker (agency)
    generated_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    orientation: str = "portrait"    # or "landscape"

    @property
    def pagesize(self):
        return landscape(A4) if self.orientation == "landscape" else A4


def _decorate(canv: rl_canvas.Canvas, meta: ReportMeta, page: int, total: int) -> None:
    w, h = canv._pagesize
    inner = w - 2 * MARGIN
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setFont(fonts.SANS_BOLD, 10)
    canv.drawCentredString(w / 2, h - 8 * mm, MARKING)
    # header: title | period; person | page x of y; generated when and by whom
    left, right = inner * 0.62, inner * 0.38
    from desktop.reports.flow import fmt_date
    when = f"{fmt_date(meta.generated_at)} {meta.generated_at:%H:%M}"
    page_of = _("Page {page} of {total}").format(page=page, total=total)
    _line(canv, f"<b>{fonts.markup(meta.title)}</b>", MARGIN, h - 11.5 * mm, left, "head_left")
    _line(canv, _("Period: {period}").format(period=fonts.markup(meta.period)), MARGIN + left,
          h - 11.5 * mm, right, "head_right")
    _line(canv, _("Person: {person}").format(person=f"<b>{fonts.markup(meta.person)}</b>"),
          MARGIN, h - 15.5 * mm, left, "head_left")
    _line(canv, page_of, MARGIN + left, h - 15.5 * mm, right, "head_right")
    _line(canv, _("Generated {when} by {who}").format(
        when=when, who=fonts.markup(meta.generated_by)), MARGIN, h - 19.5 * mm, inner,
        "head_meta")
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.6)
    canv.line(MARGIN, h - 23.5 * mm, w - MARGIN, h - 23.5 * mm)
    # footer: rule, handling note and page x of y, marking
    canv.line(MARGIN, 15 * mm, w - MARGIN, 15 * mm)
    canv.setFillColor(MUTED)
    canv.setFont(fonts.SANS, 7.5)
    canv.drawString(MARGIN, 11 * mm, _(MARKING_NOTE))
    canv.setFillColor(INK)
    canv.setFont(fonts.SANS_BOLD, 8.5)
    canv.drawRightString(w - MARGIN, 11 * mm, page_of)
    canv.setFillColor(colors.black)
    canv.setFont(fonts.SANS_BOLD, 10)
    canv.drawCentredString(w / 2, 5 * mm, MARKING)
    canv.restoreState()


def _line(canv, text: str, x: float, top: float, width: float, style: str) -> None:
    """Draw one line of markup (mixed fonts allowed) with its top at ``top``; if it does not
    fit on one line it is drawn smaller (and, if still too long, wraps to a second line)."""
    for name in (style, style + "_small", style + "_tiny"):
        if name not in STYLES:
            continue
        p = Paragraph(text, STYLES[name])
        _ignored, height = p.wrapOn(canv, width, 40 * mm)
        if len(p.blPara.lines) <= 1:
            break
    p.drawOn(canv, x, top - height)


def numbered_canvas(meta: ReportMeta):
    """A canvas class that draws the page decorations once the page count is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                _decorate(self, meta, number, total)
                super().showPage()
            self.page_total = total
            super().save()

    return NumberedCanvas


class ReportDoc(BaseDocTemplate):
    def __init__(self, buffer, meta: ReportMeta):
        size = meta.pagesize
        super().__init__(
            buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=TOP_BAND + 3 * mm, bottomMargin=BOTTOM_BAND + 3 * mm,
            title=f"{meta.title} \u2014 {meta.person}", author=meta.generated_by,
            subject=meta.subject or f"{meta.title}; period {meta.period}; {MARKING}",
            creator="Stickability", producer="Stickability (reportlab)",
            keywords=[MARKING, *meta.keywords], lang="en-GB",
            initialFontName=fonts.SANS, allowSplitting=1)
        templates = {}
        for name, pagesize in (("portrait", A4), ("landscape", landscape(A4))):
            w, h = pagesize
            frame = Frame(MARGIN, self.bottomMargin, w - 2 * MARGIN,
                          h - self.topMargin - self.bottomMargin, id=f"body-{name}",
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            templates[name] = PageTemplate(id=name, frames=[frame], pagesize=pagesize)
        first = meta.orientation if meta.orientation in templates else "portrait"
        self.addPageTemplates([templates[first]] +
                              [t for n, t in templates.items() if n != first])


def turn_page(orientation: str) -> list:
    """Flowables that continue the report on a new page in ``orientation`` ("portrait" or
    "landscape"), e.g. for a wide recording sheet."""
    return [NextPageTemplate(orientation), PageBreak()]


def frame_width(orientation: str) -> float:
    size = landscape(A4) if orientation == "landscape" else A4
    return size[0] - 2 * MARGIN


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The same PDF encrypted with AES-256 (PDF 2.0, revision 6), done in memory with pypdf.
    reportlab's own 256-bit option writes keys other readers reject, and its 128-bit option
    is RC4; the owner password is random, so the permissions cannot be lifted."""
    import secrets

    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(24),
                   algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_bytes(story: list, meta: ReportMeta, password: str | None = None) -> tuple[bytes, int]:
    """Build the PDF in memory (nothing touches the disk). Returns (bytes, number of pages)."""
    fonts.register()
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, meta)
    made = {}

    def maker(*args, **kwargs):
        made["canvas"] = numbered_canvas(meta)(*args, **kwargs)
        return made["canvas"]

    end = Paragraph(_("End of report. {marking}.").format(marking=MARKING), STYLES["note"])
    doc.build([*story, end], canvasmaker=maker)
    data = buffer.getvalue()
    if password:
        data = encrypt_pdf(data, password)
    return data, made["canvas"].page_total


def save_pdf(data: bytes, out_path: str | Path) -> Path:
    """Write PDF bytes atomically (temp file in the same folder, fsync, replace; mode 0600)."""
    from desktop.store.atomic import write_atomic
    out_path = Path(out_path)
    if out_path.exists() and out_path.is_dir():
        raise ReportError(f"{out_path} is a folder; give a file name ending in .pdf.")
    if not out_path.parent.exists():
        raise ReportError(_('The folder {parent} does not exist; choose another place.').format(parent=out_path.parent))
    try:
        write_atomic(out_path, data, mode=0o600)
    except OSError as exc:
        raise ReportError(_('The report could not be saved to {out_path}: {value}. Nothing was written.').format(out_path=out_path, value=exc.strerror or exc)) from None
    return out_path


def render(story: list, meta: ReportMeta, out_path: str | Path,
           password: str | None = None) -> int:
    """Build the PDF in memory, then write it atomically. Returns the number of pages."""
    out_path = Path(out_path)
    if not out_path.parent.exists() or out_path.is_dir():      # fail before the slow part
        raise ReportError(f"{out_path} is a folder; give a file name ending in .pdf."
                          if out_path.is_dir() else
                          _('The folder {parent} does not exist; choose another place.').format(parent=out_path.parent))
    data, pages = render_bytes(story, meta, password)
    save_pdf(data, out_path)
    return pages
