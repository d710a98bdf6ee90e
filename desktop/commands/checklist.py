"""``checklist set|list|history``: the Fife engagement checklist."""
from __future__ import annotations

from desktop.commands import command, enum_value, parse_date
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    checklist = group("checklist", _("the Fife engagement checklist"))
    p = command(checklist, "set", checklist_set,
                _("record an item's status with its evidence and date (a tick is not sufficient)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("code", metavar="ITEM_CODE", help=_("e.g. 4, 7.gp, 9.referred"))
    p.add_argument("--status", required=True, metavar="STATUS")
    p.add_argument("--evidence", default="", metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--measure", default="", metavar="TEXT")
    p.add_argument("--by", default="", metavar="NAME", help=_("by whom (default: you)"))
    p = command(checklist, "list", checklist_list, _("every checklist item with its status"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(checklist, "history", checklist_history,
                _("each update of one item, oldest first: when, by whom, what changed"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("code", metavar="ITEM_CODE", help=_("e.g. 4, 7.gp, 9.referred"))


def checklist_json(item) -> dict:
    cat = item.catalogue
    return {"code": item.code, "number": cat.number, "title": cat.title,
            "status": item.status.value, "evidence": item.evidence, "measure": item.measure,
            "date": item.date.isoformat() if item.date else None, "by_whom": item.by_whom,
            "missing_evidence": item.missing_evidence}


def checklist_set(ctx):
    from desktop.domain.checklist import ChecklistStatus
    a = ctx.args
    status = enum_value(ChecklistStatus, a.status, "status")
    when = parse_date(a.date, "--date") if a.date else None
    item = ctx.store().checklist.set(a.person_id, a.code, status, a.evidence, when,
                                     a.measure, a.by)
    ctx.emit(checklist_json(item), f"{item.code}: {item.status.label}")


def checklist_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    items = [checklist_json(i) for i in store.checklist.rows(ctx.args.person_id)]
    text = "\n".join(f"{i['code']:<18} {i['status']:<20} {i['date'] or '':<10}  {i['evidence']}"
                     for i in items)
    ctx.emit({"items": items}, text)


def checklist_history(ctx):
    from desktop.domain.record import ValidationError
    store, a = ctx.store(), ctx.args
    store.people.require(a.person_id)
    try:
        updates = store.checklist.row_history(a.person_id, a.code)
    except KeyError as exc:
        raise ValidationError(str(exc.args[0])) from None
    versions = [{"at": u.at, "by": u.by, "changes": list(u.changes), "date": u.decided_on}
                for u in updates]
    text = "\n".join(f"{v['at'][:16].replace('T', ' ')}  {v['by']:<20} {'; '.join(v['changes'])}"
                     for v in versions) or "This item has not been recorded yet."
    ctx.emit({"code": a.code, "versions": versions}, text)
