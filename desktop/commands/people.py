"""``person add`` and ``person list``."""
from __future__ import annotations

from desktop.commands import command, parse_date
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    person = group("person", _("people on the caseload"))
    p = command(person, "add", person_add, _("add a person; prints the new id"))
    p.add_argument("--name", required=True)
    p.add_argument("--known-as", default="")
    p.add_argument("--dob", metavar="YYYY-MM-DD")
    p.add_argument("--address", default="")
    p = command(person, "list", person_list, _("list the caseload"))
    p.add_argument("--search", default="", help=_("part of a name"))


def person_add(ctx):
    from desktop.domain.person import Person
    a = ctx.args
    dob = parse_date(a.dob, "date of birth") if a.dob else None
    person = ctx.store().people.add(Person(name=a.name, known_as=a.known_as,
                                           date_of_birth=dob, address=a.address))
    ctx.emit({"id": person.id, "name": person.name}, person.id)


def person_list(ctx):
    rows = ctx.store().people.caseload(search=ctx.args.search)
    people = [{"id": r.id, "name": r.name, "known_as": r.known_as, "status": r.status.value,
               "spoc": r.spoc,
               "last_contact": r.last_contact.isoformat() if r.last_contact else None,
               "unsuccessful_since_seen": r.unsuccessful_since_seen} for r in rows]
    text = "\n".join(f"{p['id']}  {p['name']}  [{p['status']}]" for p in people) \
        or "No people on the caseload yet."
    ctx.emit({"people": people}, text)
