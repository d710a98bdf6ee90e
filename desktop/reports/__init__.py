"""PDF reports for between-meeting reporting and the multi-agency record (reportlab, no Qt).

Public API (imports reportlab only when a report is built, so app start-up stays light)::

    KINDS                      # report kinds for a person, with their titles
    build_report(store, kind, person_id, out_path, since=None, until=None, password=None,
                 progress=None) -> Path
    build_meeting_report(store, meeting_id, out_path, password=None, progress=None) -> Path
    make_report(...), make_meeting_report(...) -> Built(path, pages)   (same, with page count)

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


def make_report(store, kind: str, person_id: str, out_path, since: date | None = None,
                until: date | None = None, password: str | None = None,
                progress: Callable[[float, str], None] | None = None, *,
                agency: str | None = None) -> Built:
    """``agency`` filters the chronology (part of an agency's name)."""
    from desktop.reports.base import ReportError, render
    from desktop.reports.data import no_progress
    if kind not in KINDS:
        raise ReportError(f"Unknown report '{kind}'; choose one of {', '.join(KINDS)}.")
    progress = progress or no_progress
    progress(0.0, "Starting")
    mod = importlib.import_module(f"desktop.reports.{_MODULES[kind]}")
    width = _frame_width(getattr(mod, "ORIENTATION", "portrait"))
    try:
        extra = {"agency": agency} if agency and kind == "chronology" else {}
        story, meta = mod.build(store, person_id, since=since, until=until,
                                progress=progress, width=width, **extra)
    except ValueError as exc:
        if isinstance(exc, ReportError):
            raise
        raise ReportError(str(exc)) from None
    meta.orientation = getattr(mod, "ORIENTATION", "portrait")
    progress(0.8, "Writing the PDF")
    pages = render(story, meta, out_path, password)
    progress(1.0, "Done")
    return Built(Path(out_path), pages)


def build_report(store, kind: str, person_id: str, out_path, since: date | None = None,
                 until: date | None = None, password: str | None = None,
                 progress: Callable[[float, str], None] | None = None, *,
                 agency: str | None = None) -> Path:
    return make_report(store, kind, person_id, out_path, since, until, password,
                       progress, agency=agency).path


def make_meeting_report(store, meeting_id: str, out_path, password: str | None = None,
                        progress: Callable[[float, str], None] | None = None) -> Built:
    from desktop.reports import meeting
    from desktop.reports.base import render
    from desktop.reports.data import no_progress
    progress = progress or no_progress
    progress(0.0, "Starting")
    story, meta = meeting.build(store, meeting_id, progress=progress,
                                width=_frame_width("portrait"))
    progress(0.8, "Writing the PDF")
    pages = render(story, meta, out_path, password)
    progress(1.0, "Done")
    return Built(Path(out_path), pages)


def build_meeting_report(store, meeting_id: str, out_path, password: str | None = None,
                         progress: Callable[[float, str], None] | None = None) -> Path:
    return make_meeting_report(store, meeting_id, out_path, password, progress).path


def _frame_width(orientation: str) -> float:
    from desktop.reports.base import frame_width
    return frame_width(orientation)
