"""``goal add|progress|status|list``: small goals in the adult's own words."""
from __future__ import annotations

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.domain import codec
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    goal = group("goal", _("small goals in the adult's own words"))
    p = command(goal, "add", goal_add, _("add a small goal; prints the new id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--title", required=True, help=_("in the adult's own words"))
    p.add_argument("--why", default="", help=_("why it matters to them"))
    p.add_argument("--step", action="append", default=[], metavar="TEXT",
                   help=_("a step, in order (repeat)"))
    p.add_argument("--status", default="proposed", metavar="STATUS")
    p.add_argument("--target", metavar="YYYY-MM-DD", help=_("target date (optional)"))
    p = command(goal, "progress", goal_progress, _("record progress on a goal; prints the new id"))
    p.add_argument("goal_id", metavar="GOAL_ID")
    p.add_argument("--rating", metavar="0-10", help=_("how far along, 0 to 10"))
    p.add_argument("--step", metavar="N", help=_("step reached, numbered from 1 as 'goal list' "
                                               "shows them"))
    p.add_argument("--note", default="")
    p.add_argument("--on", metavar="YYYY-MM-DD", help=_("date (default: today)"))
    p = command(goal, "status", goal_status, _("change a goal's status"))
    p.add_argument("goal_id", metavar="GOAL_ID")
    p.add_argument("status", metavar="STATUS")
    p = command(goal, "list", goal_list, _("a person's goals with steps and progress"))
    p.add_argument("person_id", metavar="PERSON_ID")


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
        raise UserError(_("bad {what} '{text}'; use a whole number {span}").format(what=what, text=text, span=span))
    return n


def goal_progress(ctx):
    from desktop.domain.goal import RATING_MAX, RATING_MIN
    a = ctx.args
    rating = _whole(a.rating, "--rating", RATING_MIN, RATING_MAX)
    step = _whole(a.step, "--step", 1, None)
    if rating is None and step is None:
        raise UserError(_("give --rating 0-10, --step N, or both"))
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
