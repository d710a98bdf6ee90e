"""``action add|list|done|not-achievable``: the action plan."""
from __future__ import annotations

from datetime import date

from desktop.commands import command, parse_date
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    action = group("action", _("the action plan"))
    p = command(action, "add", action_add, _("add an action; prints the new id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--what", required=True, metavar="TEXT")
    p.add_argument("--lead", required=True, metavar="NAME")
    p.add_argument("--agency", required=True, metavar="NAME")
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--meeting", default="", metavar="MEETING_ID", help=_("the source meeting"))
    p = command(action, "list", action_list, _("the action plan, open actions first"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(action, "done", action_done, _("mark an action done"))
    p.add_argument("action_id", metavar="ACTION_ID")
    p.add_argument("--on", metavar="YYYY-MM-DD", help=_("when (default: today)"))
    p = command(action, "not-achievable", action_not_achievable,
                _("mark an action not achievable, with the reason"))
    p.add_argument("action_id", metavar="ACTION_ID")
    p.add_argument("--reason", required=True, metavar="TEXT")


def action_json(a, today: date) -> dict:
    return {"id": a.id, "what": a.what, "lead_person": a.lead_person,
            "lead_agency": a.lead_agency, "due": a.due.isoformat() if a.due else None,
            "status": a.status.value, "reason": a.reason, "overdue": a.is_overdue(today),
            "source_meeting_id": a.source_meeting_id or None}


def action_add(ctx):
    a = ctx.args
    action = ctx.store().actions.add_action(a.person_id, a.what, a.lead, a.agency,
                                            parse_date(a.due, "--due"), a.meeting)
    ctx.emit({"id": action.id}, action.id)


def action_list(ctx):
    store, today = ctx.store(), date.today()
    store.people.require(ctx.args.person_id)
    actions = [action_json(a, today) for a in store.actions.plan(ctx.args.person_id)]
    text = "\n".join(f"{x['due']}  {x['status']:<15}{' OVERDUE' if x['overdue'] else ''}  "
                     f"{x['what']} ({x['lead_person']}, {x['lead_agency']})" for x in actions) \
        or "No actions in the plan."
    ctx.emit({"actions": actions}, text)


def action_done(ctx):
    on = parse_date(ctx.args.on, "--on") if ctx.args.on else date.today()
    a = ctx.store().actions.mark_done(ctx.args.action_id, on)
    ctx.emit({"id": a.id, "status": a.status.value}, _('Done: {what}').format(what=a.what))


def action_not_achievable(ctx):
    a = ctx.store().actions.mark_not_achievable(ctx.args.action_id, ctx.args.reason)
    ctx.emit({"id": a.id, "status": a.status.value}, _('Not achievable: {what}').format(what=a.what))
