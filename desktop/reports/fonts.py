"""Embedded fonts: DejaVu Sans for almost every script, Droid Sans Fallback for CJK.

reportlab has no automatic font fallback, so text meant for a Paragraph goes through
``markup(text)``: it escapes the user's text (it is never read as markup) and wraps each run of
characters that DejaVu Sans lacks but the fallback has in ``<font face="StkFallback">``.
"""
from __future__ import annotations

import sys
import threading
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

SANS = "StkSans"
SANS_BOLD = "StkSans-Bold"
SANS_OBLIQUE = "StkSans-Oblique"
SANS_BOLD_OBLIQUE = "StkSans-BoldOblique"
FALLBACK = "StkFallback"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_OBLIQUE: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}
_lock = threading.Lock()
_registered = False


class FontsMissing(RuntimeError):
    pass


def font_dir() -> Path:
    """``resources/fonts`` beside the ``desktop`` package (source tree or bundle)."""
    candidates = [Path(__file__).resolve().parents[2] / "resources" / "fonts"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources" / "fonts")
    for folder in candidates:
        if (folder / _FILES[SANS]).exists():
            return folder
    raise FontsMissing("The report fonts are missing (resources/fonts); reinstall Stickability.")


def register() -> None:
    """Register the font family with reportlab (once per process; thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        folder = font_dir()
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_OBLIQUE,
                                      boldItalic=SANS_BOLD_OBLIQUE)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FALLBACK, bold, italic, FALLBACK)
        _registered = True


@lru_cache(maxsize=1)
def _coverage() -> tuple[frozenset[int], frozenset[int]]:
    register()
    from reportlab.pdfbase import pdfmetrics
    main = pdfmetrics.getFont(SANS).face.charToGlyph
    extra = pdfmetrics.getFont(FALLBACK).face.charToGlyph
    return frozenset(main), frozenset(extra)


def needs_fallback(ch: str) -> bool:
    main, extra = _coverage()
    cp = ord(ch)
    return cp not in main and cp in extra


def markup(text: object, *, newlines: bool = True) -> str:
    """Paragraph markup for untrusted text: escaped, CJK runs in the fallback font, line
    breaks kept (``newlines``)."""
    if text is None:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    out: list[str] = []
    run: list[str] = []
    in_fallback = False

    def flush():
        if not run:
            return
        chunk = escape("".join(run))
        if newlines:
            chunk = chunk.replace("\n", "<br/>")
        out.append(f'<font face="{FALLBACK}">{chunk}</font>' if in_fallback else chunk)
        run.clear()

    for ch in text:
        fb = needs_fallback(ch) if ord(ch) > 0x2FF else False
        if fb != in_fallback and not ch.isspace():
            flush()
            in_fallback = fb
        run.append(ch)
    flush()
    return "".join(out)
