"""``closure check``: can the case be closed, and if not, what stands in the way."""
from __future__ import annotations

from desktop.commands import command


def register(sub, group):
    closure = group("closure", "the closure gate")
    p = command(closure, "check", closure_check,
                "whether the case can be closed; each blocker named")
    p.add_argument("person_id", metavar="PERSON_ID")


def closure_check(ctx):
    from desktop.store import closure_gate
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    blockers = closure_gate.blockers(store, ctx.args.person_id)
    text = "The case can be closed." if not blockers else \
        "The case cannot be closed yet:\n" + "\n".join(f"- {b}" for b in blockers)
    ctx.emit({"can_close": not blockers, "blockers": blockers}, text)
