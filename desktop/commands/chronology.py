"""``chronology list|add``, ``referral add|update|list`` and ``supervision add``."""
from __future__ import annotations

from desktop.commands import UserError, command, enum_value, parse_date, parse_optional_date
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    chron = group("chronology", _("the inter-agency chronology"))
    p = command(chron, "list", chronology_list,
                _("the merged chronology (attempts, visits, meetings, referrals, entries), oldest "
                "first"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--agency", metavar="NAME")
    p.add_argument("--kind", action="append", default=[], metavar="KIND",
                   help=_("report_of_harm, attempt, visit, meeting, referral, incident, other "
                        "(repeatable)"))
    p.add_argument("--newest-first", action="store_true")
    p = command(chron, "add", chronology_add, _("add an entry (e.g. for another agency)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--agency", required=True, metavar="NAME")
    p.add_argument("--kind", default="other", metavar="KIND")
    p.add_argument("--summary", required=True, metavar="TEXT")
    p.add_argument("--worker", default="", metavar="NAME")
    p.add_argument("--significance", default="", metavar="TEXT")

    referral = group("referral", _("referrals to other services"))
    p = command(referral, "add", referral_add, _("record a referral; prints the new id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--to", required=True, metavar="SERVICE",
                   help=_("childrens_services_mash, adult_safeguarding, marac, advocacy, gp, "
                        "housing, fire_service, police, mental_health, substance_use, other"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--service", default="", metavar="NAME", help=_("the named team or service"))
    p.add_argument("--agency", default="", metavar="NAME", help=_("referring agency (default: yours)"))
    p.add_argument("--outcome", default="", metavar="TEXT")
    p.add_argument("--outcome-date", metavar="YYYY-MM-DD")
    p = command(referral, "update", referral_update,
                _("record a referral's outcome or correct it (only the options given; the old "
                "values stay in its history)"))
    p.add_argument("referral_id", metavar="REFERRAL_ID")
    p.add_argument("--to", metavar="SERVICE")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("--service", metavar="NAME")
    p.add_argument("--outcome", metavar="TEXT")
    p.add_argument("--outcome-date", metavar="YYYY-MM-DD", help=_("('none' clears)"))
    p = command(referral, "list", referral_list, _("a person's referrals, newest first"))
    p.add_argument("person_id", metavar="PERSON_ID")

    sup = group("supervision", _("supervision notes and signed-off decisions"))
    p = command(sup, "add", supervision_add, _("record a supervision session; prints the new id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--manager", required=True, metavar="NAME")
    p.add_argument("--discussion", default="", metavar="TEXT")
    p.add_argument("--decision", action="append", default=[], metavar="TEXT")
    p.add_argument("--signed-off", action="store_true",
                   help=_("the manager signs off the decisions on the session date (needs "
                        "--rationale)"))
    p.add_argument("--rationale", default="", metavar="TEXT",
                   help=_("the manager's rationale for signing the decisions off"))


def chronology_list(ctx):
    from desktop.domain.chronology import ChronologyKind
    a = ctx.args
    kinds = [enum_value(ChronologyKind, k, "kind") for k in a.kind] or None
    rows = ctx.store().chronology(
        a.person_id, agency=a.agency, kinds=kinds,
        since=parse_date(a.since, "--since") if a.since else None,
        until=parse_date(a.until, "--until") if a.until else None, newest_first=a.newest_first)
    entries = [r.to_json() for r in rows]
    text = "\n".join(f"{r.date}  {r.agency or '-':<20} {r.kind.label:<16} {r.summary}"
                     for r in rows) or "Nothing in the chronology for this period."
    ctx.emit({"entries": entries}, text)


def chronology_add(ctx):
    from desktop.domain.chronology import ChronologyKind
    a = ctx.args
    entry = ctx.store().chronology.add_entry(
        a.person_id, parse_date(a.date), a.agency, enum_value(ChronologyKind, a.kind, "kind"),
        a.summary, worker=a.worker, significance=a.significance)
    ctx.emit({"id": entry.id}, entry.id)


def referral_add(ctx):
    from desktop.domain.referral import Referral, ReferralTo
    a = ctx.args
    store = ctx.store()
    store.people.require(a.person_id)
    r = store.referrals.add(Referral(
        person_id=a.person_id, to_whom=enum_value(ReferralTo, a.to, "referral to"),
        service=a.service, date=parse_date(a.date), reason=a.reason, made_by=store.actor,
        agency=a.agency or store.agency, outcome=a.outcome,
        outcome_date=parse_date(a.outcome_date, "--outcome-date") if a.outcome_date else None))
    ctx.emit({"id": r.id}, r.id)


def referral_update(ctx):
    from desktop.domain.referral import ReferralTo
    store, a = ctx.store(), ctx.args
    r = store.referrals.require(a.referral_id)
    changed = 0
    if a.to is not None:
        r.to_whom = enum_value(ReferralTo, a.to, "referral to")
        changed += 1
    if a.date is not None:
        r.date = parse_date(a.date, "--date")
        changed += 1
    for option in ("reason", "service", "outcome"):
        if getattr(a, option) is not None:
            setattr(r, option, getattr(a, option))
            changed += 1
    if a.outcome_date is not None:
        r.outcome_date = parse_optional_date(a.outcome_date, "--outcome-date")
        changed += 1
    if not changed:
        raise UserError(_("nothing to change; see 'referral update --help' for the options"))
    store.referrals.update(r)
    ctx.emit(_referral_json(store.referrals.require(r.id)), r.id)


def _referral_json(r) -> dict:
    return {"id": r.id, "to": r.to_whom.value, "service": r.service, "date": r.date.isoformat(),
            "reason": r.reason, "outcome": r.outcome, "agency": r.agency,
            "outcome_date": r.outcome_date.isoformat() if r.outcome_date else None}


def referral_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    refs = [_referral_json(r) for r in store.referrals.for_person(ctx.args.person_id)]
    text = "\n".join(f"{r['date']}  {r['to']:<24} {r['reason']}" for r in refs) \
        or "No referrals recorded."
    ctx.emit({"referrals": refs}, text)


def supervision_add(ctx):
    from desktop.domain.supervision import Supervision, SupervisionDecision
    a = ctx.args
    store = ctx.store()
    store.people.require(a.person_id)
    on = parse_date(a.date)
    if a.signed_off and not a.rationale.strip():
        raise UserError(_("signing off needs --rationale: why the manager agrees with the "
                        "decisions (defensible decision making)"))
    decisions = [SupervisionDecision(decision=d, signed_off_by=a.manager if a.signed_off else "",
                                     signed_off_on=on if a.signed_off else None,
                                     sign_off_rationale=a.rationale.strip()
                                     if a.signed_off else "")
                 for d in a.decision]
    s = store.supervisions.add(Supervision(person_id=a.person_id, date=on, manager=a.manager,
                                           worker=store.actor, discussion=a.discussion,
                                           decisions=decisions))
    ctx.emit({"id": s.id, "awaiting_sign_off": len(s.awaiting_sign_off)}, s.id)
