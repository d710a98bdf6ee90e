"""``closure check``: can the case be closed, and if not, what stands in the way;
``closure keep-in-touch``: the closed cases kept in touch with, for the senior manager."""
from __future__ import annotations

from desktop.commands import command


def register(sub, group):
    closure = group("closure", "the closure gate")
    p = command(closure, "check", closure_check,
                "whether the case can be closed; each blocker named")
    p.add_argument("person_id", metavar="PERSON_ID")
    command(closure, "keep-in-touch", closure_keep_in_touch,
            "closed cases with a keep-in-touch plan, next contact due first (for the senior "
            "manager who tracks them)")


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
