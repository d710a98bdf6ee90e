"""Prompts from the person's record: children in the household without a referral, capacity
not considered, advocacy not offered at the last contact."""
from __future__ import annotations

from datetime import datetime

from desktop.domain.contact import ContactAttempt
from desktop.domain.referral import ReferralTo
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, day, live, rule
from desktop.i18n import _, ngettext  # noqa: F401


def children_referral_recorded(case: Case) -> bool:
    """A referral to children's services is recorded: a date on the person's dependants, or a
    live Referral record to children's services / the MASH (or to another service whose name
    says children's services)."""
    if case.person.dependants.children_referral_recorded_on is not None:
        return True
    for ref in case.referrals:
        if ref.deleted:
            continue
        if ref.to_whom is ReferralTo.CHILDRENS_SERVICES_MASH:
            return True
        if ref.to_whom is ReferralTo.OTHER and "child" in ref.service.lower():
            return True
    return False


@rule
def children_without_referral(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    if not case.person.dependants.has_children or children_referral_recorded(case):
        return []
    d = case.person.dependants
    parts = []
    if d.children:
        n = len(d.children)
        parts.append(_("a child lives in the household") if n == 1
                     else _('{n} children live in the household').format(n=n))
    if d.children_elsewhere:
        n = len(d.children_elsewhere)
        parts.append(_("the adult has parental responsibility for a child living elsewhere")
                     if n == 1 else
                     _("the adult has parental responsibility for {n} children living "
                       "elsewhere").format(n=n))
    what = _(" and ").join(parts)
    return [Alert(
        "children_no_referral",
        _("{value}, and no referral to children's services is recorded.").format(value=what[:1].upper() + what[1:]),
        _("Refer to children's services now (it is mandatory) and record the referral date on "
        "the person's dependants or as a referral."), Severity.URGENT)]


@rule
def capacity_not_considered(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    if case.person.capacity.considered:
        return []
    return [Alert(
        "capacity_not_considered", _("Mental capacity has never been considered."),
        _("Consider whether there are grounds to assess capacity and record the date, outcome "
        "and who considered it."), Severity.WARNING)]


def latest_seen(attempts: list[ContactAttempt]) -> ContactAttempt | None:
    seen = [a for a in live(attempts) if a.outcome.seen]
    return max(seen, key=lambda a: a.at) if seen else None


@rule
def advocacy_not_offered(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    adv = case.person.advocacy
    last = latest_seen(case.attempts)
    if adv.accepted or last is None or last.advocacy_offered:
        return []
    if adv.offered_on is not None and adv.offered_on >= last.at.date():
        return []   # offered that day, recorded on the person rather than on the attempt
    again = adv.offered or adv.declined_on
    return [Alert(
        "advocacy_not_offered",
        (_("Advocacy was not offered again at the last contact ({day}).") if again else
         _("Advocacy was not offered at the last contact ({day}).")).format(day=day(last.at)),
        _("Offer advocacy at the next contact and tick 'advocacy offered' when you log it; "
        "offer it at each contact until it is accepted."), Severity.INFO, last.id)]
