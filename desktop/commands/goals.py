"""``visit add|debrief|list``, ``goal add|progress|status|list``, ``barrier add|list``,
``pattern add|list`` and ``alerts``."""
from __future__ import annotations

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.domain import codec


def register(sub, group):
    visit = group("visit", "visit details of a seen contact")
    p = command(visit, "add", visit_add, "add visit details to a seen contact attempt; prints "
                "the new id")
    p.add_argument("attempt_id", metavar="ATTEMPT_ID")
    p.add_argument("--observed", default="", help="what you saw")
    p.add_argument("--reported", default="", help="what the adult said")
    p.add_argument("--mismatch", action="store_true",
                   help="what you saw and what the adult said disagree (disguised compliance)")
    p.add_argument("--present", default="", help="who was present")
    p.add_argument("--home-conditions", default="")
    p.add_argument("--wellbeing", default="")
    p.add_argument("--risks", default="", help="risks noticed")
    p.add_argument("--incident", action="append", default=[], metavar="KIND",
                   help="staff-safety incident: threats, hostility, violence, filmed "
                        "(repeat or comma-separate)")
    p.add_argument("--incident-description", default="")
    p.add_argument("--joint-next", action="store_true", help="joint visit needed next time")
    p.add_argument("--debrief-needed", action="store_true")
    p.add_argument("--debrief-on", metavar="YYYY-MM-DD")
    p.add_argument("--debrief-by", default="")
    p = command(visit, "debrief", visit_debrief, "record the debrief after a visit")
    p.add_argument("visit_id", metavar="VISIT_ID")
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", required=True, metavar="NAME")
    p = command(visit, "list", visit_list, "a person's visits, newest first")
    p.add_argument("person_id", metavar="PERSON_ID")

    goal = group("goal", "small goals in the adult's own words")
    p = command(goal, "add", goal_add, "add a small goal; prints the new id")
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--title", required=True, help="in the adult's own words")
    p.add_argument("--why", default="", help="why it matters to them")
    p.add_argument("--step", action="append", default=[], metavar="TEXT",
                   help="a step, in order (repeat)")
    p.add_argument("--status", default="proposed", metavar="STATUS")
    p.add_argument("--target", metavar="YYYY-MM-DD", help="target date (optional)")
    p = command(goal, "progress", goal_progress, "record progress on a goal; prints the new id")
    p.add_argument("goal_id", metavar="GOAL_ID")
    p.add_argument("--rating", metavar="0-10", help="how far along, 0 to 10")
    p.add_argument("--step", metavar="N", help="step reached, numbered from 1 as 'goal list' "
                                               "shows them")
    p.add_argument("--note", default="")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="date (default: today)")
    p = command(goal, "status", goal_status, "change a goal's status")
    p.add_argument("goal_id", metavar="GOAL_ID")
    p.add_argument("status", metavar="STATUS")
    p = command(goal, "list", goal_list, "a person's goals with steps and progress")
    p.add_argument("person_id", metavar="PERSON_ID")

    barrier = group("barrier", "barriers to engagement")
    p = command(barrier, "add", barrier_add, "record a barrier; prints the new id")
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--category", required=True, metavar="CATEGORY")
    p.add_argument("--note", required=True, help="what the barrier is for this person")
    p.add_argument("--strategy", default="", help="strategy tried")
    p.add_argument("--what-happened", default="")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="date noted (default: today)")
    p = command(barrier, "list", barrier_list, "a person's barriers")
    p.add_argument("person_id", metavar="PERSON_ID")

    pattern = group("pattern", "disengagement patterns")
    p = command(pattern, "add", pattern_add, "record a disengagement pattern with an example")
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--kind", required=True, metavar="KIND")
    p.add_argument("--example", required=True, action="append", metavar="TEXT")
    p.add_argument("--on", metavar="YYYY-MM-DD", help="date of the example(s)")
    p.add_argument("--note", default="")
    p = command(pattern, "list", pattern_list, "a person's disengagement patterns")
    p.add_argument("person_id", metavar="PERSON_ID")

    p = command(sub, "alerts", alerts, "the prompts for one person, most severe first")
    p.add_argument("person_id", metavar="PERSON_ID")


# -- visits ------------------------------------------------------------------------------------
def visit_add(ctx):
    from desktop.domain.visit import IncidentKind, StaffSafetyIncident
    a = ctx.args
    kinds = [enum_value(IncidentKind, k.strip(), "incident kind")
             for item in a.incident for k in item.split(",") if k.strip()]
    if a.incident_description and not kinds:
        raise UserError("--incident-description needs --incident KIND; allowed: "
                        + ", ".join(k.value for k in IncidentKind))
    incident = StaffSafetyIncident(kinds, a.incident_description) if kinds else None
    visit = ctx.store().visits.log(
        a.attempt_id, present=a.present, observed=a.observed, reported=a.reported,
        mismatch=a.mismatch, home_conditions=a.home_conditions, wellbeing=a.wellbeing,
        risks_noticed=a.risks, incident=incident, joint_visit_needed_next=a.joint_next,
        debrief_needed=a.debrief_needed,
        debrief_done_on=parse_date(a.debrief_on, "--debrief-on") if a.debrief_on else None,
        debrief_done_by=a.debrief_by)
    ctx.emit({"id": visit.id, "attempt_id": visit.attempt_id, "mismatch": visit.mismatch,
              "debrief_needed": visit.debrief_needed}, visit.id)


def visit_debrief(ctx):
    store, a = ctx.store(), ctx.args
    visit = store.visits.require(a.visit_id)
    visit.debrief_done_on, visit.debrief_done_by = parse_date(a.on, "--on"), a.by
    store.visits.update(visit)
    ctx.emit({"id": visit.id, "debrief_done_on": visit.debrief_done_on}, visit.id)


def visit_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = [{"at": att.at.isoformat(), **codec.to_fields(v)}
            for att, v in store.visits.with_attempts(ctx.args.person_id)]
    text = "\n".join(f"{r['at']}  {r['id']}  {'MISMATCH ' if r['mismatch'] else ''}"
                     f"{r['observed']}" for r in rows) or "No visits recorded."
    ctx.emit({"visits": rows}, text)


# -- goals --------------------------------------------------------------------------------------
def goal_add(ctx):
    from desktop.domain.goal import GoalStatus
    a = ctx.args
    status = enum_value(GoalStatus, a.status, "status")
    target = parse_date(a.target, "--target") if a.target else None
    goal = ctx.store().goals.new(a.person_id, a.title, why=a.why, steps=a.step, status=status,
                                 target_date=target)
    ctx.emit({"id": goal.id, "title": goal.title, "steps": [s.text for s in goal.steps],
              "status": goal.status.value}, goal.id)


def _whole(text: str | None, what: str, lo: int, hi: int | None) -> int | None:
    if text is None:
        return None
    try:
        n = int(text)
    except ValueError:
        n = None
    if n is None or n < lo or (hi is not None and n > hi):
        span = f"from {lo} to {hi}" if hi is not None else f"from {lo}"
        raise UserError(f"bad {what} '{text}'; use a whole number {span}")
    return n


def goal_progress(ctx):
    from desktop.domain.goal import RATING_MAX, RATING_MIN
    a = ctx.args
    rating = _whole(a.rating, "--rating", RATING_MIN, RATING_MAX)
    step = _whole(a.step, "--step", 1, None)
    if rating is None and step is None:
        raise UserError("give --rating 0-10, --step N, or both")
    on = parse_date(a.on, "--on") if a.on else None
    entry = ctx.store().goals.record_progress(
        a.goal_id, rating=rating, step_reached=step - 1 if step else None, note=a.note,
        on_date=on)
    ctx.emit({"id": entry.id, "goal_id": entry.goal_id, "on_date": entry.on_date,
              "rating": entry.rating, "step_reached": entry.step_reached,
              "step_number": step}, entry.id)


def goal_status(ctx):
    from desktop.domain.goal import GoalStatus
    store, a = ctx.store(), ctx.args
    status = enum_value(GoalStatus, a.status, "status")
    goal = store.goals.require(a.goal_id)
    goal.status = status
    store.goals.update(goal)
    ctx.emit({"id": goal.id, "status": goal.status.value}, goal.id)


def goal_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    goals, lines = [], []
    for g in store.goals.for_person(ctx.args.person_id):
        progress = [codec.to_fields(e) for e in store.goals.progress_for(g.id)]
        goals.append({**codec.to_fields(g), "progress": progress})
        lines.append(f"{g.id}  [{g.status.value}]  {g.title}")
        lines += [f"    {n}. [{'x' if s.done else ' '}] {s.text}"
                  for n, s in enumerate(g.steps, start=1)]
        lines += [f"    {e['on_date']}  rating {e['rating'] if e['rating'] is not None else '-'}"
                  f"  {e['note']}" for e in progress]
    ctx.emit({"goals": goals}, "\n".join(lines) or "No goals recorded.")


# -- barriers and patterns -------------------------------------------------------------
def barrier_add(ctx):
    from datetime import date

    from desktop.domain.barrier import Barrier, BarrierCategory
    a = ctx.args
    category = enum_value(BarrierCategory, a.category, "barrier category")
    barrier = ctx.store().barriers.add(Barrier(
        person_id=a.person_id, category=category, note=a.note, strategy_tried=a.strategy,
        what_happened=a.what_happened,
        noted_on=parse_date(a.on, "--on") if a.on else date.today()))
    ctx.emit({"id": barrier.id, "category": barrier.category.value}, barrier.id)


def barrier_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = [codec.to_fields(b) for b in store.barriers.for_person(ctx.args.person_id)]
    text = "\n".join(f"{r['id']}  {r['category']:<30} {r['note']}" for r in rows) \
        or "No barriers recorded."
    ctx.emit({"barriers": rows}, text)


def pattern_add(ctx):
    from desktop.domain.barrier import DisengagementKind, DisengagementPattern, PatternExample
    a = ctx.args
    kind = enum_value(DisengagementKind, a.kind, "disengagement kind")
    on = parse_date(a.on, "--on") if a.on else None
    pattern = ctx.store().patterns.add(DisengagementPattern(
        person_id=a.person_id, kind=kind, note=a.note,
        examples=[PatternExample(on, text) for text in a.example]))
    ctx.emit({"id": pattern.id, "kind": pattern.kind.value}, pattern.id)


def pattern_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = [codec.to_fields(p) for p in store.patterns.for_person(ctx.args.person_id)]
    text = "\n".join(f"{r['id']}  {r['kind']:<26} {len(r['examples'])} example(s)"
                     for r in rows) or "No disengagement patterns recorded."
    ctx.emit({"patterns": rows}, text)


# -- alerts --------------------------------------------------------------------------------------
def alerts(ctx):
    from desktop.store.alerts import alerts_for
    found = [a.to_json() for a in alerts_for(ctx.store(), ctx.args.person_id)]
    text = "\n".join(f"[{a['severity']}] {a['code']}: {a['message']}\n    -> {a['action']}"
                     for a in found) or "No alerts."
    ctx.emit({"alerts": found}, text)
