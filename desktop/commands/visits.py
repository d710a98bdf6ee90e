"""``visit add|edit|debrief|list``: visit details of a seen contact."""
from __future__ import annotations

import argparse

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.domain import codec
from desktop.i18n import _, ngettext  # noqa: F401


#: (option, Visit field, help) of the free-text visit details
_TEXT_FIELDS = (("observed", "observed", "what you saw"),
                ("reported", "reported", "what the adult said"),
                ("present", "present", "who was present"),
                ("home-conditions", "home_conditions", None),
                ("wellbeing", "wellbeing", None),
                ("risks", "risks_noticed", "risks noticed"))


def register(sub, group):
    visit = group("visit", _("visit details of a seen contact"))
    p = command(visit, "add", visit_add, _("add visit details to a seen contact attempt; prints "
                "the new id"))
    p.add_argument("attempt_id", metavar="ATTEMPT_ID")
    p.add_argument("--observed", default="", help=_("what you saw"))
    p.add_argument("--reported", default="", help=_("what the adult said"))
    p.add_argument("--mismatch", action="store_true",
                   help=_("what you saw and what the adult said disagree (disguised compliance)"))
    p.add_argument("--present", default="", help=_("who was present"))
    p.add_argument("--home-conditions", default="")
    p.add_argument("--wellbeing", default="")
    p.add_argument("--risks", default="", help=_("risks noticed"))
    p.add_argument("--incident", action="append", default=[], metavar="KIND",
                   help=_("staff-safety incident: threats, hostility, violence, filmed "
                        "(repeat or comma-separate)"))
    p.add_argument("--incident-description", default="")
    p.add_argument("--joint-next", action="store_true", help=_("joint visit needed next time"))
    p.add_argument("--debrief-needed", action="store_true")
    p.add_argument("--debrief-on", metavar="YYYY-MM-DD")
    p.add_argument("--debrief-by", default="")
    p = command(visit, "edit", visit_edit, _("change visit details (only the options given; the "
                "old values stay in the record's history)"))
    p.add_argument("visit_id", metavar="VISIT_ID")
    for flag, _field, helptext in _TEXT_FIELDS:
        p.add_argument(f"--{flag}", metavar="TEXT", help=helptext)
    p.add_argument("--mismatch", action=argparse.BooleanOptionalAction,
                   help=_("what you saw and what the adult said disagree (or, --no-mismatch, not)"))
    p.add_argument("--joint-next", action=argparse.BooleanOptionalAction,
                   help=_("joint visit needed next time"))
    p.add_argument("--debrief-needed", action=argparse.BooleanOptionalAction)
    p.add_argument("--incident", action="append", metavar="KIND",
                   help=_("staff-safety incident kinds (repeat or comma-separate; replaces the "
                        "list; 'none' removes the incident)"))
    p.add_argument("--incident-description", metavar="TEXT")
    p = command(visit, "debrief", visit_debrief, _("record the debrief after a visit"))
    p.add_argument("visit_id", metavar="VISIT_ID")
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", required=True, metavar="NAME")
    p = command(visit, "list", visit_list, _("a person's visits, newest first"))
    p.add_argument("person_id", metavar="PERSON_ID")


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


def visit_edit(ctx):
    from desktop.domain.visit import IncidentKind, StaffSafetyIncident
    store, a = ctx.store(), ctx.args
    visit = store.visits.require(a.visit_id)
    changed = 0
    for flag, field, _ignored in _TEXT_FIELDS:
        value = getattr(a, flag.replace("-", "_"))
        if value is not None:
            setattr(visit, field, value)
            changed += 1
    for option, field in (("mismatch", "mismatch"), ("joint_next", "joint_visit_needed_next"),
                          ("debrief_needed", "debrief_needed")):
        if getattr(a, option) is not None:
            setattr(visit, field, getattr(a, option))
            changed += 1
    if a.incident is not None:
        kinds = [enum_value(IncidentKind, k.strip(), "incident kind")
                 for item in a.incident for k in item.split(",")
                 if k.strip() and k.strip().lower() != "none"]
        description = (a.incident_description if a.incident_description is not None
                       else visit.incident.description if visit.incident else "")
        visit.incident = StaffSafetyIncident(kinds, description) if kinds else None
        changed += 1
    elif a.incident_description is not None:
        if visit.incident is None:
            raise UserError(_("--incident-description needs an incident: give --incident KIND"))
        visit.incident = StaffSafetyIncident(visit.incident.kinds, a.incident_description)
        changed += 1
    if not changed:
        raise UserError(_("nothing to change; see 'visit edit --help' for the options"))
    store.visits.update(visit)
    fields = codec.to_fields(store.visits.require(visit.id))
    ctx.emit(fields, visit.id)


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
