"""``person show`` (every field) and ``person edit`` (the main fields of the person record)."""
from __future__ import annotations

import argparse

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.domain import codec

# (option, help) for the dates: "none" clears one
DATES = {
    "dob": "date of birth",
    "children_referral_on": "children's services referral recorded on",
    "capacity_on": "capacity considered on (marks it considered)",
    "advocacy_considered_on": "advocacy considered on",
    "advocacy_offered_on": "advocacy first offered on",
    "advocacy_accepted_on": "advocacy accepted on",
    "advocacy_declined_on": "advocacy last declined on",
    "consent_on": "consent decision recorded on",
    "disengagement_shared_on": "referrer / lead agency told engagement is falling, on",
}


def register(sub, group):
    person = group("person", "people on the caseload")
    p = command(person, "show", person_show, "every field of one person's record")
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(person, "edit", person_edit, "change fields of a person's record (the old "
                "values are kept in its history)")
    p.add_argument("person_id", metavar="PERSON_ID")
    for opt in ("name", "known-as", "address", "lead-agency", "spoc", "safe-number",
                "safe-message", "avoid", "best-times", "language", "communication-needs",
                "neurodivergence", "pets", "children-referral-note", "capacity-by",
                "capacity-note", "advocate", "advocacy-note", "consent-rationale", "notes"):
        p.add_argument(f"--{opt}")
    p.add_argument("--status", metavar="STATUS")
    p.add_argument("--capacity-outcome", metavar="OUTCOME")
    p.add_argument("--consent", metavar="STATUS", help="given, refused or not_sought")
    p.add_argument("--lawful-basis", metavar="BASIS")
    p.add_argument("--interpreter", action=argparse.BooleanOptionalAction)
    p.add_argument("--easy-read", action=argparse.BooleanOptionalAction)
    p.add_argument("--child", action="append", metavar="NAME",
                   help="a child in the household (repeat; replaces the list; 'none' clears)")
    p.add_argument("--agency", action="append", metavar="AGENCY[:LEAD WORKER]",
                   help="an agency involved (repeat; replaces the list; 'none' clears)")
    for dest, text in DATES.items():
        p.add_argument(f"--{dest.replace('_', '-')}", dest=dest, metavar="YYYY-MM-DD",
                       help=f"{text} ('none' clears)")


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


def _date(text: str | None, option: str):
    if text is None:
        return ...
    if text.strip().lower() in ("none", ""):
        return None
    return parse_date(text, f"--{option.replace('_', '-')}")


def person_edit(ctx):
    from desktop.domain.person import (AgencyInvolvement, CapacityOutcome, CaseStatus, Child,
                                       ConsentStatus, LawfulBasis)
    store, a = ctx.store(), ctx.args
    p = store.people.require(a.person_id)
    dates = {k: _date(getattr(a, k), k) for k in DATES}
    simple = {"name": (p, "name"), "known_as": (p, "known_as"), "address": (p, "address"),
              "lead_agency": (p, "lead_agency"), "spoc": (p, "spoc"), "notes": (p, "notes"),
              "safe_number": (p.safe_contact, "safe_number"),
              "safe_message": (p.safe_contact, "safe_message"),
              "avoid": (p.safe_contact, "methods_to_avoid"),
              "best_times": (p.safe_contact, "best_times"),
              "language": (p.communication, "language"),
              "communication_needs": (p.communication, "needs"),
              "neurodivergence": (p.communication, "neurodivergence_adjustments"),
              "interpreter": (p.communication, "interpreter_needed"),
              "easy_read": (p.communication, "easy_read"),
              "pets": (p.dependants, "pets"),
              "children_referral_note": (p.dependants, "children_referral_note"),
              "capacity_by": (p.capacity, "by_whom"), "capacity_note": (p.capacity, "note"),
              "advocate": (p.advocacy, "advocate"), "advocacy_note": (p.advocacy, "note"),
              "consent_rationale": (p.consent, "rationale")}
    changed = 0
    for opt, (obj, attr) in simple.items():
        value = getattr(a, opt)
        if value is not None:
            setattr(obj, attr, value)
            changed += 1
    enums = (("status", p, "status", CaseStatus, "status"),
             ("capacity_outcome", p.capacity, "outcome", CapacityOutcome, "capacity outcome"),
             ("consent", p.consent, "status", ConsentStatus, "consent status"),
             ("lawful_basis", p.consent, "lawful_basis", LawfulBasis, "lawful basis"))
    for opt, obj, attr, cls, what in enums:
        if getattr(a, opt) is not None:
            setattr(obj, attr, enum_value(cls, getattr(a, opt), what))
            changed += 1
    targets = {"dob": (p, "date_of_birth"),
               "children_referral_on": (p.dependants, "children_referral_recorded_on"),
               "capacity_on": (p.capacity, "date"),
               "advocacy_considered_on": (p.advocacy, "considered_on"),
               "advocacy_offered_on": (p.advocacy, "offered_on"),
               "advocacy_accepted_on": (p.advocacy, "accepted_on"),
               "advocacy_declined_on": (p.advocacy, "declined_on"),
               "consent_on": (p.consent, "recorded_on"),
               "disengagement_shared_on": (p, "disengagement_shared_on")}
    for opt, value in dates.items():
        if value is not ...:
            obj, attr = targets[opt]
            setattr(obj, attr, value)
            changed += 1
    # a date ticks (or, cleared, unticks) the matching box: a tick is not sufficient alone
    for opt, obj, flag in (("capacity_on", p.capacity, "considered"),
                           ("advocacy_considered_on", p.advocacy, "considered"),
                           ("advocacy_offered_on", p.advocacy, "offered"),
                           ("advocacy_accepted_on", p.advocacy, "accepted")):
        if dates[opt] is not ...:
            setattr(obj, flag, dates[opt] is not None)
    if a.child is not None:
        names = [n for n in a.child if n.strip().lower() != "none"]
        p.dependants.children = [Child(name=n.strip()) for n in names if n.strip()]
        changed += 1
    if a.agency is not None:
        p.agencies = [AgencyInvolvement(agency=x.partition(":")[0].strip(),
                                        lead_worker=x.partition(":")[2].strip())
                      for x in a.agency if x.strip().lower() != "none"]
        changed += 1
    if not changed:
        raise UserError("nothing to change; see 'person edit --help' for the options")
    store.people.update(p)
    fields = codec.to_fields(store.people.require(p.id))
    ctx.emit(fields, p.id)
