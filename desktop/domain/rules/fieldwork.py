"""Rules from the SPOC's fieldwork: falling engagement, children without a referral, capacity,
advocacy at each contact, staff safety and debrief, a joint visit asked for next time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.referral import ReferralTo
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, rule
from desktop.domain.visit import Visit

#: each window needs at least this many attempts before engagement can be said to fall
ENGAGEMENT_MIN_ATTEMPTS = 2


def _live(records):
    return [r for r in records if not r.deleted]


def _day(d: datetime | date) -> str:
    """A day as a worker reads it: times are stored in UTC and shown in local time."""
    if isinstance(d, datetime):
        d = d.astimezone()
    return f"{d.day} {d:%b %Y}"


# -- falling engagement ------------------------------------------------------------------
@dataclass(frozen=True)
class Engagement:
    engaged: int
    attempts: int

    @property
    def rate(self) -> float:
        return self.engaged / self.attempts if self.attempts else 0.0


def engagement_windows(attempts: list[ContactAttempt], now: datetime,
                       weeks: int) -> tuple[Engagement, Engagement]:
    """(previous window, recent window): attempts and "seen and engaged" outcomes in the last
    ``weeks`` weeks and in the ``weeks`` weeks before that."""
    span = timedelta(weeks=weeks)
    recent = [a for a in attempts if now - span < a.at <= now]
    previous = [a for a in attempts if now - 2 * span < a.at <= now - span]

    def count(xs):
        return Engagement(sum(a.outcome is ContactOutcome.SEEN_ENGAGED for a in xs), len(xs))
    return count(previous), count(recent)


def engagement_falling(previous: Engagement, recent: Engagement) -> bool:
    """Falling when both windows have enough attempts, the adult engaged at some point in the
    earlier one, and the rate of engaged contacts has at least halved since."""
    if min(previous.attempts, recent.attempts) < ENGAGEMENT_MIN_ATTEMPTS:
        return False
    return previous.engaged > 0 and recent.rate <= previous.rate / 2


@rule
def falling_engagement(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    previous, recent = engagement_windows(_live(case.attempts), now, cfg.engagement_weeks)
    if not engagement_falling(previous, recent):
        return []
    shared = case.person.disengagement_shared_on
    if shared is not None and shared >= (now - timedelta(weeks=cfg.engagement_weeks)).date():
        return []
    w = cfg.engagement_weeks
    return [Alert(
        "falling_engagement",
        f"Engagement is falling: seen and engaged at {recent.engaged} of {recent.attempts} "
        f"contacts in the last {w} weeks, against {previous.engaged} of {previous.attempts} in "
        f"the {w} weeks before.",
        "Tell the referrer and the lead agency that the adult is beginning to disengage, then "
        "record that you told them; it also clears when engagement picks up.",
        Severity.WARNING)]


# -- children in the household --------------------------------------------------------------
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
        parts.append("a child lives in the household" if n == 1
                     else f"{n} children live in the household")
    if d.children_elsewhere:
        n = len(d.children_elsewhere)
        parts.append("the adult has parental responsibility for "
                     + ("a child" if n == 1 else f"{n} children") + " living elsewhere")
    what = " and ".join(parts)
    return [Alert(
        "children_no_referral",
        f"{what[:1].upper() + what[1:]}, and no referral to children's services is recorded.",
        "Refer to children's services now (it is mandatory) and record the referral date on "
        "the person's dependants or as a referral.", Severity.URGENT)]


# -- capacity -------------------------------------------------------------------------------
@rule
def capacity_not_considered(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    if case.person.capacity.considered:
        return []
    return [Alert(
        "capacity_not_considered", "Mental capacity has never been considered.",
        "Consider whether there are grounds to assess capacity and record the date, outcome "
        "and who considered it.", Severity.WARNING)]


# -- advocacy at each contact ------------------------------------------------------------------
def latest_seen(attempts: list[ContactAttempt]) -> ContactAttempt | None:
    seen = [a for a in _live(attempts) if a.outcome.seen]
    return max(seen, key=lambda a: a.at) if seen else None


@rule
def advocacy_not_offered(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    adv = case.person.advocacy
    last = latest_seen(case.attempts)
    if adv.accepted or last is None or last.advocacy_offered:
        return []
    if adv.offered_on is not None and adv.offered_on >= last.at.date():
        return []   # offered that day, recorded on the person rather than on the attempt
    again = " again" if adv.offered or adv.declined_on else ""
    return [Alert(
        "advocacy_not_offered",
        f"Advocacy was not offered{again} at the last contact ({_day(last.at)}).",
        "Offer advocacy at the next contact and tick 'advocacy offered' when you log it; "
        "offer it at each contact until it is accepted.", Severity.INFO, last.id)]


# -- staff safety and debrief -------------------------------------------------------------------
def _visit_day(visit: Visit, attempts: dict[str, ContactAttempt]) -> str:
    attempt = attempts.get(visit.attempt_id)
    when = attempt.at if attempt else visit.created_at
    return _day(when) if when else "an earlier visit"


@rule
def debrief_outstanding(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    attempts = {a.id: a for a in case.attempts}
    alerts = []
    for v in _live(case.visits):
        if not v.debrief_outstanding:
            continue
        when = _visit_day(v, attempts)
        if v.incident is not None:
            kinds = ", ".join(k.label.lower() for k in v.incident.kinds) or "incident"
            alerts.append(Alert(
                "staff_safety_debrief",
                f"Staff-safety incident on {when} ({kinds}) with no debrief recorded.",
                "Debrief with your manager and record it on the visit; tell the other agencies "
                "involved and make the next visit a joint one.", Severity.URGENT, v.id))
        else:
            alerts.append(Alert(
                "debrief_needed", f"The visit on {when} needs a debrief.",
                "Debrief with your manager and record when and with whom on the visit.",
                Severity.WARNING, v.id))
    return alerts


@rule
def joint_visit_next(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """The latest visit asked for a joint visit next time, and since then there has been
    neither a joint visit nor any contact where the adult was seen ("next time" has passed)."""
    attempts = {a.id: a for a in _live(case.attempts)}
    visits = [(attempts[v.attempt_id], v) for v in _live(case.visits) if v.attempt_id in attempts]
    if not visits:
        return []
    last, visit = max(visits, key=lambda av: av[0].at)
    if not visit.joint_visit_needed_next:
        return []
    if any(a.at > last.at and (a.method is ContactMethod.JOINT_VISIT or a.outcome.seen)
           for a in attempts.values()):
        return []
    return [Alert(
        "joint_visit_next", f"The visit on {_day(last.at)} asked for a joint visit next time.",
        "Arrange the next visit jointly with a colleague or another agency and log it as a "
        "joint visit.", Severity.INFO, visit.id)]
