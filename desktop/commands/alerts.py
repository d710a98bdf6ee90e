"""``alerts``: the prompts for one person, most severe first."""
from __future__ import annotations

from desktop.commands import command
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    p = command(sub, "alerts", alerts, _("the prompts for one person, most severe first"))
    p.add_argument("person_id", metavar="PERSON_ID")


def alerts(ctx):
    from desktop.store.alerts import alerts_for
    found = [a.to_json() for a in alerts_for(ctx.store(), ctx.args.person_id)]
    text = "\n".join(f"[{a['severity']}] {a['code']}: {a['message']}\n    -> {a['action']}"
                     for a in found) or "No alerts."
    ctx.emit({"alerts": found}, text)
