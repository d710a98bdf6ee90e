"""``report KIND PERSON_ID --out FILE.pdf`` and ``report meeting MEETING_ID --out FILE.pdf``.

Prints ``{"path": ..., "pages": N}`` with ``--json`` (else the path and page count). The PDF
leaves the encrypted store: ``--password`` protects it (AES-256).
"""
from __future__ import annotations

import argparse

from desktop.commands import UserError, command, parse_date

# Kept here (not imported from desktop.reports) so the CLI starts without reportlab.
PERSON_KINDS = ("spoc", "chronology", "risk", "checklist", "plan", "closure")


def register(sub, group):
    report = group("report", "PDF reports (they leave the encrypted store: see --password)")
    for kind in PERSON_KINDS:
        p = command(report, kind, report_person, f"{_TITLES[kind]} for one person")
        p.set_defaults(kind=kind)
        p.add_argument("person_id", metavar="PERSON_ID")
        _output(p)
        p.add_argument("--since", metavar="YYYY-MM-DD", help="first day of the period")
        p.add_argument("--until", metavar="YYYY-MM-DD", help="last day of the period")
        if kind == "chronology":
            p.add_argument("--agency", metavar="TEXT",
                           help="only entries from agencies whose name contains TEXT")
    p = command(report, "meeting", report_meeting, "meeting record / minutes for one meeting")
    p.add_argument("meeting_id", metavar="MEETING_ID")
    _output(p)


_TITLES = {"spoc": "SPOC between-meeting report", "chronology": "inter-agency chronology",
           "risk": "multi-agency risk assessment", "checklist": "engagement checklist",
           "plan": "action plan", "closure": "closure record"}


def _output(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to save the PDF")
    p.add_argument("--password", metavar="TEXT",
                   help="protect the PDF with this password (AES-256)")


def _out_path(text: str):
    from pathlib import Path
    path = Path(text).expanduser()
    if path.suffix.lower() != ".pdf":
        raise UserError(f"the output file should end in .pdf: {text}")
    return path


def report_person(ctx):
    a = ctx.args
    since = parse_date(a.since, "--since") if a.since else None
    until = parse_date(a.until, "--until") if a.until else None
    if since and until and since > until:
        raise UserError("--since is after --until; swap the dates")
    out = _out_path(a.out)
    store = ctx.store()
    from desktop.reports import make_report
    from desktop.reports.base import ReportError
    try:
        built = make_report(store, a.kind, a.person_id, out, since, until, a.password,
                            agency=getattr(a, "agency", None))
    except ReportError as exc:
        raise UserError(str(exc)) from None
    _emit(ctx, built)


def report_meeting(ctx):
    a = ctx.args
    out = _out_path(a.out)
    store = ctx.store()
    from desktop.reports import make_meeting_report
    from desktop.reports.base import ReportError
    try:
        built = make_meeting_report(store, a.meeting_id, out, a.password)
    except ReportError as exc:
        raise UserError(str(exc)) from None
    _emit(ctx, built)


def _emit(ctx, built) -> None:
    ctx.emit({"path": str(built.path.resolve()), "pages": built.pages},
             f"{built.path} ({built.pages} page{'s' if built.pages != 1 else ''})")
