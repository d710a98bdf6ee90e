"""Falling engagement: the rate of engaged contacts has at least halved since the weeks before."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.domain.contact import ContactAttempt, ContactOutcome
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, live, rule
from desktop.i18n import _, ngettext  # noqa: F401

#: each window needs at least this many attempts before engagement can be said to fall
ENGAGEMENT_MIN_ATTEMPTS = 2


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
    previous, recent = engagement_windows(live(case.attempts), now, cfg.engagement_weeks)
    if not engagement_falling(previous, recent):
        return []
    shared = case.person.disengagement_shared_on
    if shared is not None and shared >= (now - timedelta(weeks=cfg.engagement_weeks)).date():
        return []
    w = cfg.engagement_weeks
    return [Alert(
        "falling_engagement",
        _('Engagement is falling: seen and engaged at {engaged} of {attempts} contacts in the last {w} weeks, against {engaged2} of {attempts2} in the {w2} weeks before.').format(engaged=recent.engaged, attempts=recent.attempts, w=w, engaged2=previous.engaged, attempts2=previous.attempts, w2=w),
        _("Tell the referrer and the lead agency that the adult is beginning to disengage, then "
        "record that you told them; it also clears when engagement picks up."),
        Severity.WARNING)]
