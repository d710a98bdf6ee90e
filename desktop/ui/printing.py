"""Printing a report: the PDF reportlab made is rasterised page by page with PDFium (pypdfium2)
and painted onto the printer chosen in Qt's print dialog. The PySide6 wheels have no PDF
module, and printing the same PDF keeps the paper identical to the saved file.

``print_pdf(data, printer, progress, cancelled)`` runs on a worker thread (Qt allows painting
on a QPrinter outside the GUI thread); the printer must not be touched elsewhere meanwhile.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter
from desktop.i18n import _, ngettext  # noqa: F401

MAX_DPI = 300            # sharp on paper; a 40-page chronology stays within memory

_FORMATS = {"BGR": QImage.Format.Format_BGR888, "BGRA": QImage.Format.Format_ARGB32,
            "BGRX": QImage.Format.Format_RGB32, "L": QImage.Format.Format_Grayscale8}


class PrintError(Exception):
    """Printing could not start or finish; the message is fit to show a worker."""


def page_images(data: bytes, dpi: int):
    """``(QImage, landscape)`` for each page of the PDF ``data``."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(data)
    try:
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / 72)
            fmt = _FORMATS.get(bitmap.mode)
            if fmt is None:
                raise PrintError(_('This page could not be prepared for printing ({mode}).').format(mode=bitmap.mode))
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           fmt).copy()
            page.close()
            yield image, width > height
    finally:
        doc.close()


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def load_image_plugins() -> None:
    """Call on the GUI thread before ``print_pdf`` runs on a worker. The PDF print engine asks
    Qt's image-format plugins while painting; loaded first from a worker, Qt moves each plugin
    to the GUI thread under a lock, which the worker takes while holding Python's GIL — and a
    GUI thread disconnecting a signal at that moment holds that lock and waits for the GIL: the
    app froze (seen once in a full test run). Loaded here first, the worker finds them in place."""
    from PySide6.QtGui import QImageReader, QImageWriter
    QImageWriter.supportedImageFormats()
    QImageReader.supportedImageFormats()


def print_pdf(data: bytes, printer: QPrinter, progress=None, cancelled=None) -> int:
    """Print every page of ``data``; returns the number of pages sent."""
    total = page_count(data)
    dpi = max(72, min(printer.resolution(), MAX_DPI))
    images = page_images(data, dpi)
    first = next(images, None)
    if first is None:
        raise PrintError(_("The report has no pages to print."))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if first[1]
                               else QPageLayout.Orientation.Portrait)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_("The printer could not be started. Check that it is switched on and "
                         "connected, then try again."))
    sent = 0
    try:
        current = first
        while current is not None:
            if cancelled is not None and cancelled():
                printer.abort()
                break
            if sent:
                printer.newPage()
            image, _landscape = current
            area = painter.viewport()
            scale = min(area.width() / image.width(), area.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.setWindow(area)
            painter.drawImage(QRectF((area.width() - w) / 2, (area.height() - h) / 2, w, h),
                              image)
            sent += 1
            if progress is not None:
                progress(sent, total, _("Printing page {n} of {total}").format(n=sent, total=total))
            current = next(images, None)
    finally:
        painter.end()
    return sent


def print_recovery_sheet(printer: QPrinter, code: str, worker: str, agency: str) -> None:
    """One page with the recovery code in large monospace, painted straight onto the printer
    (no PDF or temporary file holds the code)."""
    from datetime import date

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontDatabase

    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_("The printer could not be started. Check that it is switched on and "
                           "connected, then try again."))
    try:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        area = QRectF(0, 0, page.width(), page.height())
        dpi = printer.resolution()
        y = 0.0

        def block(text: str, font: QFont, gap_mm: float = 6) -> None:
            nonlocal y
            painter.setFont(font)
            box = QRectF(area.left(), y, area.width(), area.height() - y)
            used = painter.boundingRect(box, int(Qt.TextFlag.TextWordWrap), text)
            painter.drawText(box, int(Qt.TextFlag.TextWordWrap), text)
            y += used.height() + gap_mm / 25.4 * dpi

        title = QFont()
        title.setPointSizeF(18)
        title.setBold(True)
        body = QFont()
        body.setPointSizeF(11)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(22)
        mono.setBold(True)
        block(_("Stickability recovery code"), title)
        block(_("For {worker} ({agency}), made on {day}.").format(
            worker=worker, agency=agency, day=f"{date.today():%d/%m/%Y}"), body)
        block(code, mono, 10)
        block(_("If the passphrase is forgotten, this code is the only way back into the "
                "encrypted records on this laptop. Keep this page somewhere safe and locked, "
                "away from the laptop. Anyone with the code and the laptop can read the "
                "records."), body)
    finally:
        painter.end()
