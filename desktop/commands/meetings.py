"""``meeting add|list|circulated``: multi-agency meetings."""
from __future__ import annotations

from desktop.commands import command, enum_value, parse_date


def register(sub, group):
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
