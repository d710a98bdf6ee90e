"""``escalation record|adult-told|list`` (Fife step 1) and ``deescalation record|list`` (step 6)."""
from __future__ import annotations

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.domain import codec
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    esc = group("escalation", _("escalation into the engagement-escalation procedure"))
    p = command(esc, "record", escalation_record,
                _("record the escalation with its criteria and IRDs; the status becomes escalated"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("when it was escalated (default: today)"))
    p.add_argument("--by", default="", metavar="NAME", help=_("who escalated (default: you)"))
    p.add_argument("--agency", default="", metavar="NAME")
    p.add_argument("--three-point-test", action="store_true",
                   help=_("meets the 3-point test (adult at risk)"))
    p.add_argument("--serious-harm", action="store_true", help=_("at risk of serious harm"))
    p.add_argument("--declined", action="store_true",
                   help=_("has declined / is likely to decline, or disguised compliance"))
    p.add_argument("--capacity", action="store_true",
                   help=_("has capacity to decline support and protection"))
    p.add_argument("--public-safety", action="store_true",
                   help=_("there is / may be a public safety interest"))
    p.add_argument("--ird", action="append", default=[], metavar="YYYY-MM-DD|OPTION|NOTE",
                   help=_("an Inter-agency Referral Discussion and its outcome option (repeat)"))
    p.add_argument("--rationale", default="", metavar="TEXT")
    p.add_argument("--meeting", default="", metavar="MEETING_ID")
    p.add_argument("--adult-told", metavar="YYYY-MM-DD|BY WHOM|HOW",
                   help=_("the adult was told the outcome of the option-3 IRD"))
    p = command(esc, "adult-told", escalation_adult_told,
                _("record who told the adult the outcome of the IRD that led to the escalation "
                "(Fife: before the first engagement escalation meeting)"))
    p.add_argument("escalation_id", metavar="ESCALATION_ID")
    p.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--how", default="", metavar="TEXT", help=_("e.g. home visit with the SPOC"))
    p.add_argument("--ird", type=int, metavar="N",
                   help=_("which IRD, counting from 1 (default: every option-3 IRD not yet told)"))
    p = command(esc, "list", escalation_list, _("a person's escalations, newest first"))
    p.add_argument("person_id", metavar="PERSON_ID")

    de = group("deescalation", _("the decision that ends the escalation"))
    p = command(de, "record", deescalation_record,
                _("record the end decision; the status becomes de-escalated"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("date of the decision (default: today)"))
    p.add_argument("--by", required=True, metavar="NAME", help=_("who decided"))
    p.add_argument("--basis", default="risk_reduced", metavar="BASIS",
                   help=_("risk_reduced or no_further_action"))
    p.add_argument("--decision", required=True, metavar="TEXT")
    p.add_argument("--rationale", default="", metavar="TEXT")
    p.add_argument("--consensus", action="store_true",
                   help=_("every agency agreed (without consensus the process continues)"))
    p.add_argument("--continuing-support", default="", metavar="TEXT")
    p.add_argument("--meeting", default="", metavar="MEETING_ID")
    p = command(de, "list", deescalation_list, _("a person's de-escalation decisions"))
    p.add_argument("person_id", metavar="PERSON_ID")


def parse_ird(text: str):
    from desktop.domain.escalation import Ird
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 2 or not parts[0] or not parts[1].isdigit():
        raise UserError(_('bad --ird \'{text}\'; use "YYYY-MM-DD|OPTION|NOTE"').format(text=text))
    return Ird(parse_date(parts[0], "IRD date"), int(parts[1]), "|".join(parts[2:]))


def record_json(r) -> dict:
    out = codec.to_fields(r)
    for k in ("created_by", "updated_at", "updated_by", "origin_device", "version", "deleted"):
        out.pop(k, None)
    return out


def escalation_record(ctx):
    from datetime import date

    from desktop.domain.escalation import Escalation, EscalationCriteria
    a = ctx.args
    store = ctx.store()
    e = store.escalations.add(Escalation(
        person_id=a.person_id, escalated_on=parse_date(a.date) if a.date else date.today(),
        escalated_by=a.by.strip() or store.actor, agency=a.agency or store.agency,
        criteria=EscalationCriteria(a.three_point_test, a.serious_harm, a.declined, a.capacity,
                                    a.public_safety),
        irds=_told([parse_ird(t) for t in a.ird], a.adult_told), rationale=a.rationale,
        meeting_id=a.meeting))
    ctx.emit({"id": e.id, "status": "escalated", "ird_count": e.ird_count,
              "two_or_more_irds": e.two_or_more_irds,
              "adult_not_told": len(e.adult_not_told)}, e.id)


def _told(irds: list, text: str | None) -> list:
    """The option-3 IRDs marked as told to the adult (``--adult-told 'DATE|BY|HOW'``)."""
    from desktop.domain.escalation import ESCALATION_IRD_OPTION
    if not text:
        return irds
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise UserError(_('bad --adult-told \'{text}\'; use "YYYY-MM-DD|BY WHOM|HOW"').format(text=text))
    on = parse_date(parts[0], "--adult-told date")
    for ird in irds:
        if ird.outcome_option == ESCALATION_IRD_OPTION:
            ird.adult_told_on, ird.adult_told_by = on, parts[1]
            ird.adult_told_how = "|".join(parts[2:])
    return irds


def escalation_adult_told(ctx):
    from desktop.domain.escalation import ESCALATION_IRD_OPTION
    store, a = ctx.store(), ctx.args
    e = store.escalations.require(a.escalation_id)
    if a.ird is not None:
        if not 1 <= a.ird <= len(e.irds):
            raise UserError(_('--ird {ird}: this escalation has {len} IRD(s)').format(ird=a.ird, len=len(e.irds)))
        chosen = [e.irds[a.ird - 1]]
    else:
        chosen = [i for i in e.irds if i.outcome_option == ESCALATION_IRD_OPTION
                  and i.adult_told_on is None]
        if not chosen:
            raise UserError(_("every option-3 IRD of this escalation is already recorded as "
                            "told; give --ird N to correct one"))
    for ird in chosen:
        ird.adult_told_on, ird.adult_told_by = parse_date(a.on, "--on"), a.by
        ird.adult_told_how = a.how
    store.escalations.update(e)
    e = store.escalations.require(e.id)
    ctx.emit({**record_json(e), "adult_not_told": len(e.adult_not_told)}, e.id)


def escalation_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = store.escalations.for_person(ctx.args.person_id)
    out = [{**record_json(e), "ird_count": e.ird_count} for e in rows]
    text = "\n".join(f"{e.escalated_on}  by {e.escalated_by}  IRDs: {e.ird_count}  "
                     f"{'; '.join(e.criteria.met())}" for e in rows) or "Not escalated."
    ctx.emit({"escalations": out}, text)


def deescalation_record(ctx):
    from datetime import date

    from desktop.domain.escalation import Deescalation, DeescalationBasis
    a = ctx.args
    d = ctx.store().deescalations.add(Deescalation(
        person_id=a.person_id, decided_on=parse_date(a.date) if a.date else date.today(),
        decided_by=a.by, basis=enum_value(DeescalationBasis, a.basis, "basis"),
        decision=a.decision, rationale=a.rationale, consensus=a.consensus,
        continuing_support=a.continuing_support, meeting_id=a.meeting))
    ctx.emit({"id": d.id, "status": "de_escalated"}, d.id)


def deescalation_list(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = store.deescalations.for_person(ctx.args.person_id)
    text = "\n".join(f"{d.decided_on}  {d.basis.label}: {d.decision} ({d.decided_by})"
                     for d in rows) or "No de-escalation recorded."
    ctx.emit({"deescalations": [record_json(d) for d in rows]}, text)
