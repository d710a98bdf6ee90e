"""``attempt log`` and ``attempt list``."""
from __future__ import annotations

from desktop.commands import command, enum_value, parse_datetime
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    attempt = group("attempt", _("contact attempts"))
    p = command(attempt, "log", attempt_log, _("log a contact attempt; prints the new id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--method", required=True, metavar="METHOD")
    p.add_argument("--outcome", required=True, metavar="OUTCOME")
    p.add_argument("--at", metavar="ISO-8601", help=_("when (default: now)"))
    p.add_argument("--note", default="")
    p.add_argument("--next", metavar="ISO-8601", help=_("when the next attempt is planned"))
    p.add_argument("--advocacy-offered", action="store_true",
                   help=_("advocacy was offered at this contact"))
    p = command(attempt, "list", attempt_list, _("list a person's contact attempts, newest first"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(attempt, "correct", attempt_correct,
                _("correct a logged attempt, with the reason (the original stays in history)"))
    p.add_argument("attempt_id", metavar="ATTEMPT_ID")
    p.add_argument("--outcome", metavar="OUTCOME")
    p.add_argument("--method", metavar="METHOD")
    p.add_argument("--at", metavar="ISO-8601")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--reason", default="", metavar="TEXT", help=_("why it is corrected (required)"))
    p = command(attempt, "history", attempt_history,
                _("every version of an attempt, oldest first, with the correction reasons"))
    p.add_argument("attempt_id", metavar="ATTEMPT_ID")


def attempt_json(a) -> dict:
    return {"id": a.id, "person_id": a.person_id, "at": a.at.isoformat(), "worker": a.worker,
            "method": a.method.value, "outcome": a.outcome.value, "note": a.note,
            "next_planned_at": a.next_planned_at.isoformat() if a.next_planned_at else None,
            "corrected": a.corrected, "correction_reason": a.correction_reason}


def attempt_log(ctx):
    from desktop.domain.contact import ContactMethod, ContactOutcome
    a = ctx.args
    method = enum_value(ContactMethod, a.method, "method")
    outcome = enum_value(ContactOutcome, a.outcome, "outcome")
    at = parse_datetime(a.at, "--at") if a.at else None
    extra = {"advocacy_offered": bool(getattr(a, "advocacy_offered", False))}
    if getattr(a, "next", None):
        extra["next_planned_at"] = parse_datetime(a.next, "--next")
    attempt = ctx.store().attempts.log(a.person_id, method, outcome, a.note, at, **extra)
    ctx.emit({"id": attempt.id, "at": attempt.at.isoformat()}, attempt.id)


def attempt_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    attempts = [attempt_json(a) for a in store.attempts.timeline(ctx.args.person_id)]
    text = "\n".join(f"{a['at']}  {a['method']:<20} {a['outcome']:<28} {a['note']}"
                     for a in attempts) or "No contact attempts recorded."
    ctx.emit({"attempts": attempts}, text)


def attempt_correct(ctx):
    from desktop.commands import UserError
    from desktop.domain.contact import ContactMethod, ContactOutcome
    a = ctx.args
    if not a.reason.strip():
        raise UserError(_("a correction needs --reason (the original stays in history)"))
    attempt = ctx.store().attempts.correct(
        a.attempt_id, a.reason,
        outcome=enum_value(ContactOutcome, a.outcome, "outcome") if a.outcome else None,
        method=enum_value(ContactMethod, a.method, "method") if a.method else None,
        at=parse_datetime(a.at, "--at") if a.at else None, note=a.note)
    ctx.emit(attempt_json(attempt), _('Corrected: {value}, {value2}').format(value=attempt.method.label, value2=attempt.outcome.label))


def attempt_history(ctx):
    versions = ctx.store().attempts.versions(ctx.args.attempt_id)
    text = "\n".join(f"{v['recorded_at']}  {v['by']}: {v['values']['method']}, "
                     f"{v['values']['outcome']}" + (f" — corrected: {v['reason']}" if v["reason"]
                                                    else "") for v in versions)
    ctx.emit({"versions": versions}, text)
