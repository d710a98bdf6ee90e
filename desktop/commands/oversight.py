"""Oversight from the command line: ``supervision list|sign-off``, ``disagreement
add|resolve|sab|list``, ``withdrawal record|list``, ``referrer add|tell|show`` (the referral
received and keeping its referrer informed) and ``concern decide`` (after a worrying visit)."""
from __future__ import annotations

import copy
from datetime import date

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.commands.escalation import record_json
from desktop.commands.risk import _pipe
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    sup = group("supervision", _("supervision notes and signed-off decisions"))
    p = command(sup, "list", supervision_list, _("a person's supervision sessions, newest first"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(sup, "sign-off", supervision_sign_off,
                _("sign off the session's decisions; the rationale is required"))
    p.add_argument("supervision_id", metavar="SUPERVISION_ID")
    p.add_argument("--rationale", default="", metavar="TEXT")
    p.add_argument("--manager", default="", metavar="NAME",
                   help=_("who signs off (default: the session's manager)"))
    p.add_argument("--on", metavar="YYYY-MM-DD", help=_("default: today"))

    dis = group("disagreement", _("professional disagreement and escalation to the SAB"))
    p = command(dis, "add", disagreement_add, _("record a professional disagreement; prints its id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--raised-by", required=True, metavar="NAME")
    p.add_argument("--agency", required=True, metavar="NAME")
    p.add_argument("--about", required=True, metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("raised on (default: today)"))
    p.add_argument("--route", default="discussion", metavar="ROUTE",
                   help=_("discussion, line_managers, agency_escalation, dispute_resolution, "
                        "safeguarding_adults_board"))
    p.add_argument("--meanwhile", default="", metavar="TEXT",
                   help=_("how the adult stays protected while it is resolved"))
    p = command(dis, "resolve", disagreement_resolve, _("record the outcome"))
    p.add_argument("disagreement_id", metavar="DISAGREEMENT_ID")
    p.add_argument("--outcome", required=True, metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p = command(dis, "sab", disagreement_sab, _("record escalation to the Safeguarding Adults Board"))
    p.add_argument("disagreement_id", metavar="DISAGREEMENT_ID")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--reference", default="", metavar="TEXT")
    p = command(dis, "list", disagreement_list, _("a person's disagreements"))
    p.add_argument("person_id", metavar="PERSON_ID")

    wd = group("withdrawal", _("an agency ending its own involvement"))
    p = command(wd, "record", withdrawal_record, _("record it, with the agencies informed"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--agency", required=True, metavar="NAME")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--worker", default="", metavar="NAME")
    p.add_argument("--ongoing", default="", metavar="TEXT", help=_("ongoing support agreed"))
    p.add_argument("--informed", action="append", default=[], metavar="AGENCY|YYYY-MM-DD|HOW")
    p = command(wd, "list", withdrawal_list, _("agencies that ended their involvement"))
    p.add_argument("person_id", metavar="PERSON_ID")

    ref = group("referrer", _("the referral received, and keeping its referrer informed"))
    p = command(ref, "add", referrer_add, _("record the referral received; prints its id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--referrer", required=True, metavar="NAME", help=_("who raised the concern"))
    p.add_argument("--agency", default="", metavar="NAME")
    p.add_argument("--contact", default="", metavar="TEXT")
    p.add_argument("--received", metavar="YYYY-MM-DD", help=_("default: today"))
    for name in ("concern", "services-to-date", "evidence-of-need", "expected-outcomes",
                 "feedback-expected", "known-risks", "triggers", "strategies-tried"):
        p.add_argument(f"--{name}", default="", metavar="TEXT")
    p = command(ref, "tell", referrer_tell,
                _("record that the referrer was told (invitation, disengaging, closure or "
                "progress)"))
    p.add_argument("referral_id", metavar="REFERRAL_ID")
    p.add_argument("--reason", required=True, metavar="REASON",
                   help=_("invitation (copied in on the invitation to the first session), "
                        "disengaging, closure or progress"))
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--how", default="", metavar="TEXT")
    p.add_argument("--strategies-tried", default="", metavar="TEXT")
    p.add_argument("--by", default="", metavar="NAME")
    p = command(ref, "show", referrer_show, _("the referrals received for a person"))
    p.add_argument("person_id", metavar="PERSON_ID")

    con = group("concern", _("adult safeguarding concerns after a worrying visit"))
    p = command(con, "decide", concern_decide,
                _("record the decision whether to raise an adult safeguarding concern"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--visit", default="", metavar="VISIT_ID")
    p.add_argument("--raise", dest="raise_concern", action="store_true")
    p.add_argument("--rationale", required=True, metavar="TEXT")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--by", default="", metavar="NAME")


def _day(text):
    return parse_date(text) if text else date.today()


# ---------------------------------------------------------------- supervision
def supervision_json(s) -> dict:
    out = record_json(s)
    out["awaiting_sign_off"] = len(s.awaiting_sign_off)
    return out


def supervision_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = store.supervisions.for_person(ctx.args.person_id)
    lines = []
    for s in rows:
        lines.append(f"{s.id}  {s.date}  {s.manager}: {s.discussion}")
        for d in s.decisions:
            mark = (f"signed off by {d.signed_off_by} {d.signed_off_on}: {d.sign_off_rationale}"
                    if d.signed_off else "awaiting sign-off")
            lines.append(f"    - {d.decision} ({mark})")
    ctx.emit({"supervisions": [supervision_json(s) for s in rows]},
             "\n".join(lines) or "No supervision recorded.")


def supervision_sign_off(ctx):
    from desktop.store.oversight import sign_off
    a = ctx.args
    if not a.rationale.strip():
        raise UserError(_("signing off needs --rationale: why the manager agrees with the "
                        "decisions (defensible decision making)"))
    s = sign_off(ctx.store(), a.supervision_id, a.rationale,
                 parse_date(a.on, "--on") if a.on else None, a.manager)
    ctx.emit(supervision_json(s), _('Signed off: {len} decision(s).').format(len=len(s.decisions)))


# ---------------------------------------------------------------- disagreements
def disagreement_add(ctx):
    from desktop.domain.disagreement import DisagreementRoute, ProfessionalDisagreement
    a = ctx.args
    d = ctx.store().disagreements.add(ProfessionalDisagreement(
        person_id=a.person_id, raised_on=_day(a.date), raised_by=a.raised_by, agency=a.agency,
        about=a.about, route=enum_value(DisagreementRoute, a.route, "route"),
        meanwhile=a.meanwhile))
    ctx.emit({"id": d.id}, d.id)


def _update_disagreement(ctx, **changes):
    store = ctx.store()
    d = copy.deepcopy(store.disagreements.require(ctx.args.disagreement_id))
    for k, v in changes.items():
        setattr(d, k, v)
    d = store.disagreements.update(d)
    ctx.emit(record_json(d), f"{d.about}: {'open' if d.is_open else 'resolved'}")


def disagreement_resolve(ctx):
    _update_disagreement(ctx, outcome=ctx.args.outcome, resolved_on=_day(ctx.args.date))


def disagreement_sab(ctx):
    _update_disagreement(ctx, sab_escalated_on=_day(ctx.args.date),
                         sab_reference=ctx.args.reference)


def disagreement_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = store.disagreements.for_person(ctx.args.person_id)
    ctx.emit({"disagreements": [{**record_json(d), "open": d.is_open} for d in rows]},
             "\n".join(f"{d.raised_on}  {d.raised_by} ({d.agency}): {d.about} — "
                       f"{'open' if d.is_open else d.outcome}" for d in rows)
             or "No disagreements recorded.")


# ---------------------------------------------------------------- withdrawals
def withdrawal_record(ctx):
    from desktop.domain.disagreement import AgencyWithdrawal, Informed
    a = ctx.args
    informed = []
    for t in a.informed:
        agency, when, how = _pipe(t, 3, "--informed", "AGENCY|YYYY-MM-DD|HOW")
        informed.append(Informed(agency, parse_date(when, "date informed") if when else None,
                                 how))
    w = ctx.store().withdrawals.add(AgencyWithdrawal(
        person_id=a.person_id, agency=a.agency, worker=a.worker, withdrawn_on=_day(a.date),
        reason=a.reason, ongoing_support=a.ongoing, informed=informed))
    ctx.emit({"id": w.id, "informed_complete": w.informed_complete}, w.id)


def withdrawal_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = store.withdrawals.for_person(ctx.args.person_id)
    ctx.emit({"withdrawals": [record_json(w) for w in rows]},
             "\n".join(f"{w.withdrawn_on}  {w.agency}: {w.reason}" for w in rows)
             or "No agency has ended its involvement.")


# ---------------------------------------------------------------- referrer
def referrer_add(ctx):
    from desktop.domain.referrer import IncomingReferral
    a = ctx.args
    r = ctx.store().incoming_referrals.add(IncomingReferral(
        person_id=a.person_id, received_on=_day(a.received), referrer=a.referrer,
        referrer_agency=a.agency, referrer_contact=a.contact, concern=a.concern,
        services_to_date=a.services_to_date, evidence_of_need=a.evidence_of_need,
        expected_outcomes=a.expected_outcomes, feedback_expected=a.feedback_expected,
        known_risks=a.known_risks, triggers=a.triggers, strategies_tried=a.strategies_tried))
    ctx.emit({"id": r.id}, r.id)


def referrer_tell(ctx):
    from desktop.domain.referrer import ReferrerUpdate, ReferrerUpdateReason
    a = ctx.args
    r = ctx.store().incoming_referrals.tell_referrer(a.referral_id, ReferrerUpdate(
        _day(a.date), enum_value(ReferrerUpdateReason, a.reason, "reason"), a.by, a.how,
        a.strategies_tried))
    ctx.emit({"id": r.id, "updates": len(r.updates)}, f"{r.referrer} told.")


def referrer_show(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = store.incoming_referrals.for_person(ctx.args.person_id)
    ctx.emit({"referrals": [record_json(r) for r in rows]},
             "\n".join(f"{r.received_on}  {r.referrer} ({r.referrer_agency}): {r.concern}; "
                       f"{len(r.updates)} update(s)" for r in rows)
             or "No referral received is recorded.")


# ---------------------------------------------------------------- concern
def concern_decide(ctx):
    from desktop.domain.hostility import ConcernDecision
    a = ctx.args
    store = ctx.store()
    if a.visit:
        store.visits.require(a.visit)
    d = store.concern_decisions.add(ConcernDecision(
        person_id=a.person_id, visit_id=a.visit, decided_on=_day(a.date),
        decided_by=a.by.strip() or store.actor, raise_concern=a.raise_concern,
        rationale=a.rationale))
    ctx.emit({"id": d.id}, d.id)
