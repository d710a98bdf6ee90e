"""``close``: close a case when all options are exhausted."""
from __future__ import annotations

from desktop.commands import UserError, command, parse_date
from desktop.commands.meetings import _parts
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    p = command(sub, "close", close_case,
                _("close a case when all options are exhausted (every involved agency must agree)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--evidence", required=True, metavar="TEXT",
                   help=_("evidence that all options have been exhausted"))
    p.add_argument("--agreement", action="append", default=[], metavar="NAME|AGENCY|YYYY-MM-DD")
    p.add_argument("--informed", action="append", default=[], metavar="AGENCY")
    p.add_argument("--keep-in-touch-who", default="", metavar="NAME")
    p.add_argument("--keep-in-touch-months", type=int, default=0, metavar="N")
    p.add_argument("--keep-in-touch-reviewer", default="", metavar="NAME",
                   help=_("the senior manager who tracks the closed case (Nottingham s.12)"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("closure date (default: today)"))
    p.add_argument("--meeting", default="", metavar="MEETING_ID",
                   help=_("the meeting that agreed the closure"))
    p.add_argument("--senior-agreement", action="append", default=[],
                   metavar="NAME|AGENCY|YYYY-MM-DD", help=_("a senior manager's agreement (repeat)"))
    p.add_argument("--risks-addressed", default="", metavar="TEXT",
                   help=_("the decision that the risks were addressed (high / very high risk)"))
    p.add_argument("--override", metavar="SENIOR MANAGER|AGENCY|YYYY-MM-DD|RATIONALE",
                   help=_("close despite blockers: a senior manager's management override"))


def parse_agreement(text: str):
    from desktop.domain.closure import Agreement
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 3 or not all(parts):
        raise UserError(_('bad --agreement \'{text}\'; use "NAME|AGENCY|YYYY-MM-DD"').format(text=text))
    return Agreement(name=parts[0], agency=parts[1], date=parse_date(parts[2], "agreement date"))


def close_case(ctx):
    from desktop.domain.closure import KeepInTouch, ManagementOverride
    from desktop.store import closure_gate
    a = ctx.args
    override = None
    if a.override:
        who, agency, when, why = _parts(a.override, 4, "--override",
                                        "SENIOR MANAGER|AGENCY|YYYY-MM-DD|RATIONALE", 4)
        override = ManagementOverride(who, agency, parse_date(when, "override date"), why)
    try:
        closure = closure_gate.close(
            ctx.store(), a.person_id, reason=a.reason, evidence=a.evidence,
            agreements=[parse_agreement(t) for t in a.agreement],
            senior_agreements=[parse_agreement(t) for t in a.senior_agreement],
            agencies_informed=a.informed,
            keep_in_touch=KeepInTouch(a.keep_in_touch_who.strip(), a.keep_in_touch_months,
                                      a.keep_in_touch_reviewer.strip()),
            closed_on=parse_date(a.date, "--date") if a.date else None, meeting_id=a.meeting,
            risks_addressed=a.risks_addressed, override=override)
    except closure_gate.ClosureBlocked as exc:
        raise UserError(str(exc)) from None
    kit = closure.keep_in_touch
    ctx.emit({"id": closure.id, "closed_on": closure.closed_on.isoformat(),
              "involved_agencies": closure.involved_agencies,
              "blockers_overridden": closure.blockers_overridden,
              "keep_in_touch_due": (d.isoformat() if (d := closure.keep_in_touch_due()) else None)},
             f"Case closed on {closure.closed_on}."
             + (f" {kit.who} keeps in touch every {kit.every_months} months." if kit.planned
                else ""))
