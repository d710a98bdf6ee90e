"""``person show`` (every field) and ``person edit`` (the main fields of the person record)."""
from __future__ import annotations

import argparse

from desktop.commands import UserError, command, enum_value, parse_date, parse_optional_date
from desktop.domain import codec
from desktop.i18n import _, ngettext  # noqa: F401

def _options():
    """(flag, path, Described) for every described plain field of the Person, nested records
    included: the flags come from the field metadata (``desktop/domain/person.py``)."""
    from desktop.domain.fields import described_fields
    from desktop.domain.person import Person

    def walk(cls, prefix):
        for d in described_fields(cls):
            if d.kind == "record":
                yield from walk(d.item_type, prefix + (d.name,))
            elif d.kind not in ("records", "lines"):
                yield d.flag, prefix + (d.name,), d
    return list(walk(Person, ()))


def register(sub, group):
    person = group("person", _("people on the caseload"))
    p = command(person, "show", person_show, _("every field of one person's record"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(person, "edit", person_edit, _("change fields of a person's record (the old "
                "values are kept in its history)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    for flag, path, d in _options():
        dest = "__".join(path)
        text = d.info.plain + (f": {d.info.help}" if d.info.help else "")
        if d.kind == "bool":
            p.add_argument(f"--{flag}", dest=dest, action=argparse.BooleanOptionalAction,
                           help=text)
        elif d.kind == "date":
            p.add_argument(f"--{flag}", dest=dest, metavar="YYYY-MM-DD",
                           help=f"{text} ('none' clears)")
        elif d.kind == "enum":
            values = ", ".join(m.value for m in d.item_type)
            p.add_argument(f"--{flag}", dest=dest, metavar=flag.rpartition("-")[2].upper(),
                           help=f"{d.info.plain}: {values}")
        else:
            p.add_argument(f"--{flag}", dest=dest, metavar="TEXT", help=text)
    p.add_argument("--child", action="append", metavar="NAME[|DATE OF BIRTH|NOTE]",
                   help=_("a child in the household (repeat; replaces the list; 'none' clears)"))
    p.add_argument("--child-elsewhere", action="append",
                   metavar="NAME[|LIVES WITH|DATE OF BIRTH|NOTE]",
                   help=_("a child living elsewhere for whom the adult has parental "
                        "responsibility (repeat; replaces the list; 'none' clears)"))
    p.add_argument("--other-adult", action="append",
                   metavar="NAME[|RELATIONSHIP|RISK|WHAT WAS DONE]",
                   help=_("another vulnerable adult at risk in the household (repeat; replaces "
                        "the list; 'none' clears)"))
    p.add_argument("--agency", action="append", metavar="AGENCY[:LEAD WORKER]",
                   help=_("an agency involved (repeat; replaces the list; 'none' clears)"))


def person_show(ctx):
    person = ctx.store().people.require(ctx.args.person_id)
    fields = codec.to_fields(person)
    ctx.emit(fields, "\n".join(_lines(fields)))


def _lines(fields: dict, indent: str = "") -> list[str]:
    out = []
    for k, v in fields.items():
        if isinstance(v, dict):
            out += [f"{indent}{k}:"] + _lines(v, indent + "  ")
        elif isinstance(v, list):
            out.append(f"{indent}{k}: {len(v)}")
            for item in v:
                out += _lines(item, indent + "  - ") if isinstance(item, dict) \
                    else [f"{indent}  - {item}"]
        else:
            out.append(f"{indent}{k}: {'' if v is None else v}")
    return out


def person_edit(ctx):
    from desktop.domain.person import AgencyInvolvement, Child, ChildElsewhere, OtherAdult
    store, a = ctx.store(), ctx.args
    p = store.people.require(a.person_id)
    changed = 0
    ticks = []
    for flag, path, d in _options():
        raw = getattr(a, "__".join(path))
        if raw is None:
            continue
        if d.kind == "date":
            value = parse_optional_date(raw, f"--{flag}")
        elif d.kind == "enum":
            value = enum_value(d.item_type, raw, d.info.plain.lower())
        elif d.kind == "int":
            try:
                value = int(raw)
            except ValueError:
                raise UserError(_('--{flag}: give a whole number').format(flag=flag)) from None
        else:
            value = raw
        owner = p
        for step in path[:-1]:
            owner = getattr(owner, step)
        setattr(owner, path[-1], value)
        changed += 1
        if d.info.ticks:
            ticks.append((owner, d.info.ticks, value is not None))
    # a date ticks (or, cleared, unticks) the matching box: a tick is not sufficient alone
    for owner, attr, on in ticks:
        setattr(owner, attr, on)
    if a.child is not None:
        p.dependants.children = [
            Child(name=name, date_of_birth=_dob(dob, "--child"), note=note)
            for name, dob, note in _items(a.child, 3, "--child")]
        changed += 1
    if a.child_elsewhere is not None:
        p.dependants.children_elsewhere = [
            ChildElsewhere(name=name, lives_with=lives, note=note,
                           date_of_birth=_dob(dob, "--child-elsewhere"))
            for name, lives, dob, note in _items(a.child_elsewhere, 4, "--child-elsewhere")]
        changed += 1
    if a.other_adult is not None:
        p.dependants.other_adults = [
            OtherAdult(name=name, relationship=rel, risk=risk, referral_note=done)
            for name, rel, risk, done in _items(a.other_adult, 4, "--other-adult")]
        changed += 1
    if a.agency is not None:
        p.agencies = [AgencyInvolvement(agency=x.partition(":")[0].strip(),
                                        lead_worker=x.partition(":")[2].strip())
                      for x in a.agency if x.strip().lower() != "none"]
        changed += 1
    if not changed:
        raise UserError(_("nothing to change; see 'person edit --help' for the options"))
    store.people.update(p)
    fields = codec.to_fields(store.people.require(p.id))
    ctx.emit(fields, p.id)


def _items(values: list[str], width: int, flag: str) -> list[tuple[str, ...]]:
    """'NAME|…' items split on '|' and padded to ``width`` parts ('none' alone clears)."""
    out = []
    for raw in values:
        if raw.strip().lower() in ("none", ""):
            continue
        parts = [x.strip() for x in raw.split("|")]
        if len(parts) > width:
            raise UserError(f"{flag} {raw!r}: at most {width} parts separated by '|'")
        if not parts[0]:
            raise UserError(f"{flag} {raw!r}: give a name first (or a description such as "
                            "'boy, about 8')")
        out.append(tuple(parts + [""] * (width - len(parts))))
    return out


def _dob(raw: str, flag: str):
    return parse_date(raw, f"{flag} date of birth") if raw else None
