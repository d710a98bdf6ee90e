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
    p.add_argument("--chair-role", default="", metavar="ROLE",
                   help="the chair's role (Fife: a service manager)")
    p.add_argument("--chair-agency", default="", metavar="NAME")
    p.add_argument("--location", default="", metavar="TEXT")
    p.add_argument("--attendee", action="append", default=[], metavar="NAME|AGENCY|ROLE",
                   help="someone present (repeat)")
    p.add_argument("--apology", action="append", default=[], metavar="NAME|AGENCY",
                   help="apologies (repeat)")
    p.add_argument("--decision", action="append", default=[], metavar="WHAT|RATIONALE|WHO",
                   help="a decision with its rationale and who made it (repeat)")
    p.add_argument("--invite", action="append", default=[],
                   metavar="NAME|AGENCY|ROLE|YYYY-MM-DD|HOW", help="an invitation (repeat)")
    p.add_argument("--risk-assessment", default="", metavar="RISK_ASSESSMENT_ID",
                   help="the risk assessment version discussed")
    p.add_argument("--spoc", default="", metavar="NAME", help="the SPOC agreed")
    p.add_argument("--notes", default="", metavar="TEXT")
    p = command(meeting, "list", meeting_list, "a person's meetings, newest first")
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(meeting, "circulated", meeting_circulated, "record when the minutes went out")
    p.add_argument("meeting_id", metavar="MEETING_ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p = command(meeting, "minutes-sent", meeting_minutes_sent,
                "record that the minutes went to someone invited, and when")
    p.add_argument("meeting_id", metavar="MEETING_ID")
    p.add_argument("--to", action="append", required=True, metavar="NAME|AGENCY")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p = command(meeting, "line-manager", meeting_line_manager,
                "record the chair's discussion with their line manager after the meeting")
    p.add_argument("meeting_id", metavar="MEETING_ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--note", default="", metavar="TEXT")

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
    p.add_argument("--senior-agreement", action="append", default=[],
                   metavar="NAME|AGENCY|YYYY-MM-DD", help="a senior manager's agreement (repeat)")
    p.add_argument("--risks-addressed", default="", metavar="TEXT",
                   help="the decision that the risks were addressed (high / very high risk)")
    p.add_argument("--override", metavar="SENIOR MANAGER|AGENCY|YYYY-MM-DD|RATIONALE",
                   help="close despite blockers: a senior manager's management override")


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
        raise UserError(f"bad {option} '{text}'; use \"{usage}\"")
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
    ctx.emit(meeting_json(m), f"Minutes sent; not yet sent to: "
             f"{', '.join(m.not_sent_minutes()) or 'nobody'}.")


def meeting_line_manager(ctx):
    from dataclasses import replace
    store = ctx.store()
    m = store.meetings.require(ctx.args.meeting_id)
    m = store.meetings.update(replace(m, chair_line_manager_on=parse_date(ctx.args.date),
                                      chair_line_manager_note=ctx.args.note))
    ctx.emit(meeting_json(m), "Recorded.")


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
    from desktop.domain.closure import KeepInTouch, ManagementOverride
    from desktop.store import closure_gate
    a = ctx.args
    override = None
    if a.override:
        who, agency, when, why = _parts(a.override, 4, "--override",
                                        "SENIOR MANAGER|AGENCY|YYYY-MM-DD|RATIONALE", 4)
        override = ManagementOverride(who, agency, parse_date(when, "override date"), why)
    try:
        closure = closure_gate.close(
            ctx.store(), a.person_id, reason=a.reason, evidence=a.evidence,
            agreements=[parse_agreement(t) for t in a.agreement],
            senior_agreements=[parse_agreement(t) for t in a.senior_agreement],
            agencies_informed=a.informed,
            keep_in_touch=KeepInTouch(a.keep_in_touch_who.strip(), a.keep_in_touch_months),
            closed_on=parse_date(a.date, "--date") if a.date else None, meeting_id=a.meeting,
            risks_addressed=a.risks_addressed, override=override)
    except closure_gate.ClosureBlocked as exc:
        raise UserError(str(exc)) from None
    kit = closure.keep_in_touch
    ctx.emit({"id": closure.id, "closed_on": closure.closed_on.isoformat(),
              "involved_agencies": closure.involved_agencies,
              "blockers_overridden": closure.blockers_overridden,
              "keep_in_touch_due": (d.isoformat() if (d := closure.keep_in_touch_due()) else None)},
             f"Case closed on {closure.closed_on}."
             + (f" {kit.who} keeps in touch every {kit.every_months} months." if kit.planned
                else ""))
