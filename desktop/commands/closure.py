"""``closure check``: can the case be closed, and if not, what stands in the way;
``closure keep-in-touch``: the closed cases kept in touch with, for the senior manager."""
from __future__ import annotations

from desktop.commands import UserError, command, parse_optional_date
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    closure = group("closure", _("the closure gate"))
    p = command(closure, "check", closure_check,
                _("whether the case can be closed; each blocker named"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(closure, "follow-up", closure_follow_up,
                _("after closure: the outcome sent to the Safeguarding Adults Board, the learning "
                "shared (only the options given change)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--board-sent-on", metavar="YYYY-MM-DD",
                   help=_("the outcome documentation went to the Board ('none' clears)"))
    p.add_argument("--learning", metavar="TEXT", help=_("learning and good practice"))
    p.add_argument("--shared-with", metavar="TEXT",
                   help=_("colleagues, wider networks, the Safeguarding Adults Board"))
    p.add_argument("--shared-on", metavar="YYYY-MM-DD", help=_("('none' clears)"))
    command(closure, "keep-in-touch", closure_keep_in_touch,
            _("closed cases with a keep-in-touch plan, next contact due first (for the senior "
            "manager who tracks them)"))


def closure_check(ctx):
    from desktop.store import closure_gate
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    blockers = closure_gate.blockers(store, ctx.args.person_id)
    text = "The case can be closed." if not blockers else \
        "The case cannot be closed yet:\n" + "\n".join(f"- {b}" for b in blockers)
    ctx.emit({"can_close": not blockers, "blockers": blockers}, text)


def closure_keep_in_touch(ctx):
    from datetime import date
    today = date.today()
    rows = ctx.store().closures.keep_in_touch_cases()
    out = [{**r, "closed_on": r["closed_on"].isoformat(),
            "last_contact": r["last_contact"].isoformat() if r["last_contact"] else None,
            "next_due": r["next_due"].isoformat(), "overdue": r["next_due"] < today}
           for r in rows]
    text = "\n".join(
        f"{r['next_due']}{' OVERDUE' if r['overdue'] else ''}  {r['name']}: {r['who']} every "
        f"{r['every_months']} month(s); last contact {r['last_contact'] or 'none since closure'}"
        + (f"; reviewed by {r['reviewed_by']}" if r["reviewed_by"] else "")
        for r in out) or "No closed case has a keep-in-touch plan."
    ctx.emit({"cases": out}, text)


def closure_follow_up(ctx):
    a = ctx.args
    fields = {}
    if a.board_sent_on is not None:
        fields["outcome_to_board_on"] = parse_optional_date(a.board_sent_on, "--board-sent-on")
    if a.learning is not None:
        fields["learning"] = a.learning.strip()
    if a.shared_with is not None:
        fields["learning_shared_with"] = a.shared_with.strip()
    if a.shared_on is not None:
        fields["learning_shared_on"] = parse_optional_date(a.shared_on, "--shared-on")
    if not fields:
        raise UserError(_("nothing to record; see 'closure follow-up --help' for the options"))
    store = ctx.store()
    store.people.require(a.person_id)
    c = store.closures.record_follow_up(a.person_id, **fields)
    iso = lambda d: d.isoformat() if d else None   # noqa: E731
    ctx.emit({"id": c.id, "outcome_to_board_on": iso(c.outcome_to_board_on),
              "learning": c.learning, "learning_shared_with": c.learning_shared_with,
              "learning_shared_on": iso(c.learning_shared_on)}, c.id)
