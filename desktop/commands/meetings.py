"""``meeting add|list|circulated|minutes-sent|line-manager``: multi-agency meetings."""
from __future__ import annotations

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    meeting = group("meeting", _("multi-agency meetings"))
    p = command(meeting, "add", meeting_add, _("record a meeting; prints its id and next review"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--kind", required=True, metavar="KIND",
                   help=_("multi_agency, engagement_escalation, review, case_conference"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--next-review", metavar="YYYY-MM-DD", help=_("default: three months on"))
    p.add_argument("--chair", default="", metavar="NAME")
    p.add_argument("--minute-taker", default="", metavar="NAME")
    p.add_argument("--risk-level", metavar="LEVEL", help=_("low, medium, high, very_high"))
    p.add_argument("--chair-role", default="", metavar="ROLE",
                   help=_("the chair's role (Fife: a service manager)"))
    p.add_argument("--chair-agency", default="", metavar="NAME")
    p.add_argument("--location", default="", metavar="TEXT")
    p.add_argument("--attendee", action="append", default=[], metavar="NAME|AGENCY|ROLE",
                   help=_("someone present (repeat)"))
    p.add_argument("--apology", action="append", default=[], metavar="NAME|AGENCY",
                   help=_("apologies (repeat)"))
    p.add_argument("--decision", action="append", default=[], metavar="WHAT|RATIONALE|WHO",
                   help=_("a decision with its rationale and who made it (repeat)"))
    p.add_argument("--invite", action="append", default=[],
                   metavar="NAME|AGENCY|ROLE|YYYY-MM-DD|HOW", help=_("an invitation (repeat)"))
    p.add_argument("--risk-assessment", default="", metavar="RISK_ASSESSMENT_ID",
                   help=_("the risk assessment version discussed"))
    p.add_argument("--spoc", default="", metavar="NAME", help=_("the SPOC agreed"))
    p.add_argument("--notes", default="", metavar="TEXT")
    p = command(meeting, "list", meeting_list, _("a person's meetings, newest first"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(meeting, "circulated", meeting_circulated, _("record when the minutes went out"))
    p.add_argument("meeting_id", metavar="MEETING_ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p = command(meeting, "minutes-sent", meeting_minutes_sent,
                _("record that the minutes went to someone invited, and when"))
    p.add_argument("meeting_id", metavar="MEETING_ID")
    p.add_argument("--to", action="append", required=True, metavar="NAME|AGENCY")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p = command(meeting, "line-manager", meeting_line_manager,
                _("record the chair's discussion with their line manager after the meeting"))
    p.add_argument("meeting_id", metavar="MEETING_ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--note", default="", metavar="TEXT")


def meeting_json(m) -> dict:
    from desktop.domain import codec
    enc = codec.encode
    return {"id": m.id, "kind": m.kind.value, "date": m.date.isoformat(), "chair": m.chair,
            "chair_role": m.chair_role, "chair_agency": m.chair_agency,
            "minute_taker": m.minute_taker, "location": m.location,
            "agreed_risk_level": m.agreed_risk_level.value,
            "next_review": m.next_review.isoformat() if m.next_review else None,
            "minutes_circulated_on": m.minutes_circulated_on.isoformat()
            if m.minutes_circulated_on else None,
            "attendees": enc(m.attendees), "apologies": enc(m.apologies),
            "decisions": enc(m.decisions), "invitations": enc(m.invitations),
            "distribution": enc(m.distribution), "not_sent_minutes": m.not_sent_minutes(),
            "risk_assessment_id": m.risk_assessment_id or None, "spoc_agreed": m.spoc_agreed,
            "chair_line_manager_on": enc(m.chair_line_manager_on),
            "chair_line_manager_note": m.chair_line_manager_note, "notes": m.notes}


def _parts(text: str, n: int, option: str, usage: str, required: int = 1) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > n:
        parts = parts[: n - 1] + ["|".join(parts[n - 1:])]
    parts += [""] * (n - len(parts))
    if not all(parts[:required]):
        raise UserError(_('bad {option} \'{text}\'; use "{usage}"').format(option=option, text=text, usage=usage))
    return parts


def meeting_add(ctx):
    from desktop.domain.meeting import MeetingKind
    from desktop.domain.risk import RiskLevel
    a = ctx.args
    kind = enum_value(MeetingKind, a.kind, "meeting kind")
    from desktop.domain.meeting import Attendee, Decision, Invitation
    fields = {"chair": a.chair, "minute_taker": a.minute_taker, "chair_role": a.chair_role,
              "chair_agency": a.chair_agency, "location": a.location, "spoc_agreed": a.spoc,
              "notes": a.notes, "risk_assessment_id": a.risk_assessment}
    fields["attendees"] = [Attendee(*_parts(t, 3, "--attendee", "NAME|AGENCY|ROLE", 2))
                           for t in a.attendee]
    fields["apologies"] = [Attendee(*_parts(t, 2, "--apology", "NAME|AGENCY"))
                           for t in a.apology]
    fields["decisions"] = [Decision(*_parts(t, 3, "--decision", "WHAT|RATIONALE|WHO", 3))
                           for t in a.decision]
    invites = []
    for t in a.invite:
        name_, agency, role, when, how = _parts(t, 5, "--invite",
                                                "NAME|AGENCY|ROLE|YYYY-MM-DD|HOW")
        invites.append(Invitation(name_, agency, role,
                                  parse_date(when, "invitation date") if when else None, how))
    fields["invitations"] = invites
    if a.risk_assessment:
        ctx.store().risk_assessments.require(a.risk_assessment)
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
    lines = []
    for m in meetings:
        lines.append(f"{m['id']}  {m['date']}  {m['kind']:<22} chair {m['chair'] or '-'}"
                     f"{' (' + m['chair_role'] + ')' if m['chair_role'] else ''}  "
                     f"next review {m['next_review']}")
        lines += [f"    present: {x['name']}, {x['agency']}, {x['role']}" for x in m["attendees"]]
        lines += [f"    apologies: {x['name']}, {x['agency']}" for x in m["apologies"]]
        lines += [f"    decision: {x['decision']} — {x['rationale']} ({x['made_by']})"
                  for x in m["decisions"]]
    ctx.emit({"meetings": meetings}, "\n".join(lines) or "No meetings recorded.")


def meeting_minutes_sent(ctx):
    import copy

    from desktop.domain.meeting import Distribution
    store = ctx.store()
    m = copy.deepcopy(store.meetings.require(ctx.args.meeting_id))
    on = parse_date(ctx.args.date)
    for t in ctx.args.to:
        name_, agency = _parts(t, 2, "--to", "NAME|AGENCY")
        m.distribution.append(Distribution(name_, agency, on))
    m = store.meetings.update(m)
    ctx.emit(meeting_json(m), _('Minutes sent; not yet sent to: {value}.').format(value=', '.join(m.not_sent_minutes()) or 'nobody'))


def meeting_line_manager(ctx):
    from dataclasses import replace
    store = ctx.store()
    m = store.meetings.require(ctx.args.meeting_id)
    m = store.meetings.update(replace(m, chair_line_manager_on=parse_date(ctx.args.date),
                                      chair_line_manager_note=ctx.args.note))
    ctx.emit(meeting_json(m), _("Recorded."))


def meeting_circulated(ctx):
    from dataclasses import replace
    store = ctx.store()
    m = store.meetings.require(ctx.args.meeting_id)
    m = store.meetings.update(replace(m, minutes_circulated_on=parse_date(ctx.args.date)))
    ctx.emit(meeting_json(m), _('Minutes circulated on {minutes_circulated_on}.').format(minutes_circulated_on=m.minutes_circulated_on))
