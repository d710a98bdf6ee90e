"""Lead-agency casework: ``checklist set|list``, ``action add|list|done|not-achievable``,
``meeting add|list|circulated`` and ``close``."""
from __future__ import annotations

from datetime import date

from desktop.commands import UserError, command, enum_value, parse_date


def register(sub, group):
    checklist = group("checklist", "the Fife engagement checklist")
    p = command(checklist, "set", checklist_set,
                "record an item's status with its evidence and date (a tick is not sufficient)")
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("code", metavar="ITEM_CODE", help="e.g. 4, 7.gp, 9.referred")
    p.add_argument("--status", required=True, metavar="STATUS")
    p.add_argument("--evidence", default="", metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--measure", default="", metavar="TEXT")
    p.add_argument("--by", default="", metavar="NAME", help="by whom (default: you)")
    p = command(checklist, "list", checklist_list, "every checklist item with its status")
    p.add_argument("person_id", metavar="PERSON_ID")

    action = group("action", "the action plan")
    p = command(action, "add", action_add, "add an action; prints the new id")
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--what", required=True, metavar="TEXT")
    p.add_argument("--lead", required=True, metavar="NAME")
    p.add_argument("--agency", required=True, metavar="NAME")
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--meeting", default="", metavar="MEETING_ID", help="the source meeting")
    p = command(action, "list", action_list, "the action plan, open actions first")
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(action, "done", action_done, "mark an action done")
    p.add_argument("action_id", metavar="ACTION_ID")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="when (default: today)")
    p = command(action, "not-achievable", action_not_achievable,
                "mark an action not achievable, with the reason")
    p.add_argument("action_id", metavar="ACTION_ID")
    p.add_argument("--reason", required=True, metavar="TEXT")

    meeting = group("meeting", "multi-agency meetings")
    p = command(meeting, "add", meeting_add, "record a meeting; prints its id and next review")
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--kind", required=True, metavar="KIND",
                   help="multi_agency, engagement_escalation, review, case_conference")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--next-review", metavar="YYYY-MM-DD", help="default: three months on")
    p.add_argument("--chair", default="", metavar="NAME")
    p.add_argument("--minute-taker", default="", metavar="NAME")
    p.add_argument("--risk-level", metavar="LEVEL", help="low, medium, high, very_high")
    p = command(meeting, "list", meeting_list, "a person's meetings, newest first")
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(meeting, "circulated", meeting_circulated, "record when the minutes went out")
    p.add_argument("meeting_id", metavar="MEETING_ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")

    p = command(sub, "close", close_case,
                "close a case when all options are exhausted (every involved agency must agree)")
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--evidence", required=True, metavar="TEXT",
                   help="evidence that all options have been exhausted")
    p.add_argument("--agreement", action="append", default=[], metavar="NAME|AGENCY|YYYY-MM-DD")
    p.add_argument("--informed", action="append", default=[], metavar="AGENCY")
    p.add_argument("--keep-in-touch-who", default="", metavar="NAME")
    p.add_argument("--keep-in-touch-months", type=int, default=0, metavar="N")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="closure date (default: today)")
    p.add_argument("--meeting", default="", metavar="MEETING_ID",
                   help="the meeting that agreed the closure")


# ---------------------------------------------------------------- checklist
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


# ---------------------------------------------------------------- actions
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
    ctx.emit({"id": a.id, "status": a.status.value}, f"Done: {a.what}")


def action_not_achievable(ctx):
    a = ctx.store().actions.mark_not_achievable(ctx.args.action_id, ctx.args.reason)
    ctx.emit({"id": a.id, "status": a.status.value}, f"Not achievable: {a.what}")


# ---------------------------------------------------------------- meetings
def meeting_json(m) -> dict:
    return {"id": m.id, "kind": m.kind.value, "date": m.date.isoformat(), "chair": m.chair,
            "minute_taker": m.minute_taker, "agreed_risk_level": m.agreed_risk_level.value,
            "next_review": m.next_review.isoformat() if m.next_review else None,
            "minutes_circulated_on": m.minutes_circulated_on.isoformat()
            if m.minutes_circulated_on else None,
            "decisions": len(m.decisions), "attendees": len(m.attendees)}


def meeting_add(ctx):
    from desktop.domain.meeting import MeetingKind
    from desktop.domain.risk import RiskLevel
    a = ctx.args
    kind = enum_value(MeetingKind, a.kind, "meeting kind")
    fields = {"chair": a.chair, "minute_taker": a.minute_taker}
    if a.next_review:
        fields["next_review"] = parse_date(a.next_review, "--next-review")
    if a.risk_level:
        fields["agreed_risk_level"] = enum_value(RiskLevel, a.risk_level, "risk level")
    m = ctx.store().meetings.add_meeting(a.person_id, kind, parse_date(a.date, "--date"),
                                         **fields)
    ctx.emit({"id": m.id, "next_review": m.next_review.isoformat() if m.next_review else None},
             m.id)


def meeting_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    meetings = [meeting_json(m) for m in store.meetings.for_person(ctx.args.person_id)]
    text = "\n".join(f"{m['date']}  {m['kind']:<22} next review {m['next_review']}"
                     for m in meetings) or "No meetings recorded."
    ctx.emit({"meetings": meetings}, text)


def meeting_circulated(ctx):
    from dataclasses import replace
    store = ctx.store()
    m = store.meetings.require(ctx.args.meeting_id)
    m = store.meetings.update(replace(m, minutes_circulated_on=parse_date(ctx.args.date)))
    ctx.emit(meeting_json(m), f"Minutes circulated on {m.minutes_circulated_on}.")


# ---------------------------------------------------------------- closure
def parse_agreement(text: str):
    from desktop.domain.closure import Agreement
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 3 or not all(parts):
        raise UserError(f"bad --agreement '{text}'; use \"NAME|AGENCY|YYYY-MM-DD\"")
    return Agreement(name=parts[0], agency=parts[1], date=parse_date(parts[2], "agreement date"))


def close_case(ctx):
    from desktop.domain.closure import KeepInTouch
    a = ctx.args
    closure = ctx.store().closures.close(
        a.person_id, reason=a.reason, evidence=a.evidence,
        agreements=[parse_agreement(t) for t in a.agreement], agencies_informed=a.informed,
        keep_in_touch=KeepInTouch(a.keep_in_touch_who.strip(), a.keep_in_touch_months),
        closed_on=parse_date(a.date, "--date") if a.date else None, meeting_id=a.meeting)
    kit = closure.keep_in_touch
    ctx.emit({"id": closure.id, "closed_on": closure.closed_on.isoformat(),
              "involved_agencies": closure.involved_agencies,
              "keep_in_touch_due": (d.isoformat() if (d := closure.keep_in_touch_due()) else None)},
             f"Case closed on {closure.closed_on}."
             + (f" {kit.who} keeps in touch every {kit.every_months} months." if kit.planned
                else ""))
