"""``report KIND PERSON_ID --out FILE.pdf`` and ``report meeting MEETING_ID --out FILE.pdf``.

Prints ``{"path": ..., "pages": N}`` with ``--json`` (else the path and page count). The PDF
leaves the encrypted store: a password protects it (AES-256). The password never comes from
the command line (other users see it in ``ps``, and it stays in the shell's history): it comes
from ``--password-file FILE`` (its first line), the environment (``STICKABILITY_PDF_PASSWORD``)
or, with ``--protect``, a prompt (typed twice, not shown).
"""
from __future__ import annotations

import argparse

from desktop.commands import UserError, command, parse_date
from desktop.i18n import _, ngettext  # noqa: F401

# Kept here (not imported from desktop.reports) so the CLI starts without reportlab.
PERSON_KINDS = ("spoc", "chronology", "risk", "checklist", "plan", "closure")


def register(sub, group):
    report = group("report", _("PDF reports (they leave the encrypted store: see --protect)"))
    for kind in PERSON_KINDS:
        p = command(report, kind, report_person, f"{_TITLES[kind]} for one person")
        p.set_defaults(kind=kind)
        p.add_argument("person_id", metavar="PERSON_ID")
        _output(p)
        p.add_argument("--since", metavar="YYYY-MM-DD", help=_("first day of the period"))
        p.add_argument("--until", metavar="YYYY-MM-DD", help=_("last day of the period"))
        if kind == "chronology":
            p.add_argument("--agency", metavar="TEXT",
                           help=_("only entries from agencies whose name contains TEXT"))
    p = command(report, "meeting", report_meeting, _("meeting record / minutes for one meeting"))
    p.add_argument("meeting_id", metavar="MEETING_ID")
    _output(p)


_TITLES = {"spoc": "SPOC between-meeting report", "chronology": "inter-agency chronology",
           "risk": "multi-agency risk assessment", "checklist": "engagement checklist",
           "plan": "action plan", "closure": "closure record"}


def _output(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=_("where to save the PDF"))
    p.add_argument("--protect", action="store_true",
                   help=_("protect the PDF with a password (AES-256), asked for at a prompt "
                        "(or taken from --password-file or STICKABILITY_PDF_PASSWORD)"))
    p.add_argument("--password-file", metavar="FILE",
                   help=_("protect the PDF with the password on the first line of FILE"))
    p.add_argument("--password", metavar="TEXT", help=argparse.SUPPRESS)


PASSWORD_ENV = "STICKABILITY_PDF_PASSWORD"


def _password(ctx) -> str | None:
    """The PDF password from a file, the environment or a prompt; never from argv."""
    import getpass
    import os
    import sys
    from pathlib import Path
    a = ctx.args
    if a.password is not None:
        raise UserError(_('a password on the command line is visible to other users and stays in the shell history; nothing was written. Use --protect (asks for it), --password-file FILE or the environment variable {PASSWORD_ENV}').format(PASSWORD_ENV=PASSWORD_ENV))
    if a.password_file:
        try:
            text = Path(a.password_file).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(_('cannot read the password file {password_file} ({value})').format(password_file=a.password_file, value=getattr(exc, 'strerror', None) or exc)) from None
        password = text.splitlines()[0] if text.splitlines() else ""
        if not password:
            raise UserError(_('the password file {password_file} is empty').format(password_file=a.password_file))
        return password
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    if not a.protect:
        return None
    if not sys.stdin.isatty():
        raise UserError(_('--protect needs a terminal to ask for the password; or use --password-file FILE or {PASSWORD_ENV}').format(PASSWORD_ENV=PASSWORD_ENV))
    first = getpass.getpass("Password for the PDF: ")
    if not first:
        raise UserError(_("no password typed; nothing was written"))
    if getpass.getpass("Same password again: ") != first:
        raise UserError(_("the two passwords differ; nothing was written"))
    return first


def _out_path(text: str):
    from pathlib import Path
    path = Path(text).expanduser()
    if path.suffix.lower() != ".pdf":
        raise UserError(_('the output file should end in .pdf: {text}').format(text=text))
    return path


def report_person(ctx):
    a = ctx.args
    since = parse_date(a.since, "--since") if a.since else None
    until = parse_date(a.until, "--until") if a.until else None
    if since and until and since > until:
        raise UserError(_("--since is after --until; swap the dates"))
    out = _out_path(a.out)
    password = _password(ctx)
    store = ctx.store()
    from desktop.reports import make_report
    from desktop.reports.base import ReportError
    try:
        built = make_report(store, a.kind, a.person_id, out, since, until, password,
                            agency=getattr(a, "agency", None))
    except ReportError as exc:
        raise UserError(str(exc)) from None
    _emit(ctx, built)


def report_meeting(ctx):
    a = ctx.args
    out = _out_path(a.out)
    password = _password(ctx)
    store = ctx.store()
    from desktop.reports import make_meeting_report
    from desktop.reports.base import ReportError
    try:
        built = make_meeting_report(store, a.meeting_id, out, password)
    except ReportError as exc:
        raise UserError(str(exc)) from None
    _emit(ctx, built)


def _emit(ctx, built) -> None:
    ctx.emit({"path": str(built.path.resolve()), "pages": built.pages},
             f"{built.path} ({built.pages} page{'s' if built.pages != 1 else ''})")
