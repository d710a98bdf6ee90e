"""Rules about contact attempts: runs of unsuccessful attempts, unseen, overdue next attempt."""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.contact import ContactAttempt
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, rule


def unsuccessful_run(attempts: list[ContactAttempt]) -> int:
    """Unsuccessful attempts in a row, counting back from the newest until the adult was seen."""
    run = 0
    for a in sorted(attempts, key=lambda a: a.at, reverse=True):
        if a.outcome.seen:
            break
        run += 1
    return run


@rule
def unsuccessful_attempts(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    run = unsuccessful_run([a for a in case.attempts if not a.deleted])
    if run >= cfg.failed_attempts_threshold:
        return [Alert("unsuccessful_attempts",
                      f"{run} unsuccessful contact attempts in a row.",
                      "Discuss escalation with your manager or ask for a multi-agency meeting; "
                      "the alert clears when the adult is seen.", Severity.URGENT)]
    return []


@rule
def unseen(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    live = [a for a in case.attempts if not a.deleted]
    seen = [a.at for a in live if a.outcome.seen]
    since = max(seen) if seen else (case.person.created_at or now)
    days = (now - since).days
    if days >= cfg.unseen_days:
        what = (f"for {days} days" if seen
                else f"since the case was opened {days} days ago")
        return [Alert("unseen", f"The adult has not been seen {what}.",
                      "Plan a visit at a time that suits them; consider a joint visit or a "
                      "trusted worker.", Severity.WARNING)]
    return []


@rule
def next_attempt_overdue(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    live = sorted((a for a in case.attempts if not a.deleted), key=lambda a: a.at)
    if live and live[-1].next_planned_at and live[-1].next_planned_at < now - timedelta(hours=1):
        return [Alert("next_attempt_overdue",
                      f"The next planned attempt ({live[-1].next_planned_at:%d %b %Y}) is overdue.",
                      "Log the attempt, or a new plan for the next one.", Severity.WARNING)]
    return []
