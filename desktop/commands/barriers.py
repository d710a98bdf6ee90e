"""``barrier add|list`` and ``pattern add|list``: barriers to engagement and disengagement
patterns."""
from __future__ import annotations

from desktop.commands import command, enum_value, parse_date
from desktop.domain import codec
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    barrier = group("barrier", _("barriers to engagement"))
    p = command(barrier, "add", barrier_add, _("record a barrier; prints the new id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--category", required=True, metavar="CATEGORY")
    p.add_argument("--note", required=True, help=_("what the barrier is for this person"))
    p.add_argument("--strategy", default="", help=_("strategy tried"))
    p.add_argument("--what-happened", default="")
    p.add_argument("--on", metavar="YYYY-MM-DD", help=_("date noted (default: today)"))
    p = command(barrier, "list", barrier_list, _("a person's barriers"))
    p.add_argument("person_id", metavar="PERSON_ID")

    pattern = group("pattern", _("disengagement patterns"))
    p = command(pattern, "add", pattern_add, _("record a disengagement pattern with an example"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--kind", required=True, metavar="KIND")
    p.add_argument("--example", required=True, action="append", metavar="TEXT")
    p.add_argument("--on", metavar="YYYY-MM-DD", help=_("date of the example(s)"))
    p.add_argument("--note", default="")
    p = command(pattern, "list", pattern_list, _("a person's disengagement patterns"))
    p.add_argument("person_id", metavar="PERSON_ID")


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
