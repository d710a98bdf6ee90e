"""PDF reports for between-meeting reporting and the multi-agency record (reportlab, no Qt).

Public API (imports reportlab only when a report is built, so app start-up stays light)::

    KINDS                      # report kinds for a person, with their titles
    build_report(store, kind, person_id, out_path, since=None, until=None, password=None,
                 progress=None) -> Path
    build_meeting_report(store, meeting_id, out_path, password=None, progress=None) -> Path
    make_report(...), make_meeting_report(...) -> Built(path, pages)   (same, with page count)
    render_report(store, kind, person_id, meeting_id=..., ...) -> Rendered(data, pages)
    save_pdf(data, out_path) -> Path      # in memory first (preview), then an atomic save

``progress(fraction, text)`` is called from the building thread (0.0 to 1.0). Reading goes
through the store's repositories; the PDF is written atomically (mode 0600) and can be
password-protected (AES-256). Errors a user can fix raise ``ReportError``.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable
from desktop.i18n import _, ngettext  # noqa: F401

#: kind -> (module, title). ``meeting`` is built per meeting: see ``build_meeting_report``.
KINDS: dict[str, str] = {
    "spoc": "SPOC between-meeting report",
    "chronology": "Inter-agency chronology",
    "risk": "Multi-agency risk assessment",
    "checklist": "Engagement checklist",
    "plan": "Action plan",
    "closure": "Closure record",
}
_MODULES = {"spoc": "spoc", "chronology": "chronology", "risk": "risk",
            "checklist": "checklist", "plan": "plan", "closure": "closure"}


@dataclass(frozen=True)
class Built:
    path: Path
    pages: int


def __getattr__(name):  # ReportError without importing reportlab up front
    if name == "ReportError":
        from desktop.reports.base import ReportError
        return ReportError
    raise AttributeError(name)


def _person_story(store, kind, person_id, since, until, progress, agency):
    from desktop.reports.base import ReportError
    if kind not in KINDS:
        raise ReportError(_("Unknown report '{kind}'; choose one of {value}.").format(kind=kind, value=', '.join(KINDS)))
    progress(0.0, _("Starting"))
    mod = importlib.import_module(f"desktop.reports.{_MODULES[kind]}")
    orientation = getattr(mod, "ORIENTATION", "portrait")
    extra = {"agency": agency} if agency and kind == "chronology" else {}
    try:
        with _reading(store):
            story, meta = mod.build(store, person_id, since=since, until=until,
                                    progress=progress, width=_frame_width(orientation), **extra)
    except ValueError as exc:          # e.g. a period that ends before it starts
        if isinstance(exc, ReportError):
            raise
        raise ReportError(str(exc)) from None
    meta.orientation = orientation
    return story, meta


def _meeting_story(store, meeting_id, progress):
    from desktop.reports import meeting
    progress(0.0, _("Starting"))
    with _reading(store):
        return meeting.build(store, meeting_id, progress=progress,
                             width=_frame_width("portrait"))


def _reading(store):
    """A store session with one snapshot for the reading (see the store's threading contract),
    never for laying out the PDF: a report built off the GUI thread sees one committed state
    and never holds up a quick log."""
    return store.session(snapshot=True)


def _finish(story, meta, out_path, password, progress) -> Built:
    from desktop.reports.base import render
    progress(0.8, _("Writing the PDF"))
    pages = render(story, meta, out_path, password)
    progress(1.0, _("Done"))
    return Built(Path(out_path), pages)


def make_report(store, kind: str, person_id: str, out_path, since: date | None = None,
                until: date | None = None, password: str | None = None,
                progress: Callable[[float, str], None] | None = None, *,
                agency: str | None = None) -> Built:
    """``agency`` filters the chronology (an agency's name, case-insensitive)."""
    from desktop.reports.data import no_progress
    progress = progress or no_progress
    story, meta = _person_story(store, kind, person_id, since, until, progress, agency)
    return _finish(story, meta, out_path, password, progress)


def build_report(store, kind: str, person_id: str, out_path, since: date | None = None,
                 until: date | None = None, password: str | None = None,
                 progress: Callable[[float, str], None] | None = None, *,
                 agency: str | None = None) -> Path:
    return make_report(store, kind, person_id, out_path, since, until, password,
                       progress, agency=agency).path


def make_meeting_report(store, meeting_id: str, out_path, password: str | None = None,
                        progress: Callable[[float, str], None] | None = None) -> Built:
    from desktop.reports.data import no_progress
    progress = progress or no_progress
    story, meta = _meeting_story(store, meeting_id, progress)
    return _finish(story, meta, out_path, password, progress)


def build_meeting_report(store, meeting_id: str, out_path, password: str | None = None,
                         progress: Callable[[float, str], None] | None = None) -> Path:
    return make_meeting_report(store, meeting_id, out_path, password, progress).path


@dataclass(frozen=True)
class Rendered:
    data: bytes          # the PDF, in memory only (for a preview before saving)
    pages: int


def render_report(store, kind: str, person_id: str | None = None, *, meeting_id: str = "",
                  since: date | None = None, until: date | None = None,
                  password: str | None = None, agency: str | None = None,
                  progress: Callable[[float, str], None] | None = None) -> Rendered:
    """Build a report (``kind`` from ``KINDS``, or ``"meeting"`` with ``meeting_id``) into
    memory; save it later with ``save_pdf(data, path)``. Nothing is written to disk."""
    from desktop.reports.base import render_bytes
    from desktop.reports.data import no_progress
    progress = progress or no_progress
    if kind == "meeting":
        story, meta = _meeting_story(store, meeting_id, progress)
    else:
        story, meta = _person_story(store, kind, person_id, since, until, progress, agency)
    progress(0.8, _("Making the PDF"))
    data, pages = render_bytes(story, meta, password)
    progress(1.0, _("Done"))
    return Rendered(data, pages)


def save_pdf(data: bytes, out_path) -> Path:
    from desktop.reports.base import save_pdf as _save
    return _save(data, out_path)


def _frame_width(orientation: str) -> float:
    from desktop.reports.base import frame_width
    return frame_width(orientation)
