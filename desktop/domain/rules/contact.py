"""Rules about contact attempts: runs of unsuccessful attempts, unseen, overdue next attempt."""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.contact import ContactAttempt
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, rule
from desktop.i18n import _, ngettext, format_day  # noqa: F401


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
                      _('{run} unsuccessful contact attempts in a row.').format(run=run),
                      _("Discuss escalation with your manager or ask for a multi-agency meeting; "
                      "the alert clears when the adult is seen."), Severity.URGENT)]
    return []


@rule
def unseen(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    live = [a for a in case.attempts if not a.deleted]
    seen = [a.at for a in live if a.outcome.seen]
    since = max(seen) if seen else (case.person.created_at or now)
    days = (now - since).days
    if days >= cfg.unseen_days:
        what = (_('for {days} days').format(days=days) if seen
                else _('since the case was opened {days} days ago').format(days=days))
        return [Alert("unseen", _('The adult has not been seen {what}.').format(what=what),
                      _("Plan a visit at a time that suits them; consider a joint visit or a "
                      "trusted worker."), Severity.WARNING)]
    return []


@rule
def next_attempt_overdue(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    live = sorted((a for a in case.attempts if not a.deleted), key=lambda a: a.at)
    if live and live[-1].next_planned_at and live[-1].next_planned_at < now - timedelta(hours=1):
        return [Alert("next_attempt_overdue",
                      _("The next planned attempt ({day}) is overdue.").format(
                          day=f"{live[-1].next_planned_at:%d} " + format_day(
                              live[-1].next_planned_at).split(" ", 1)[1]),
                      _("Log the attempt, or a new plan for the next one."), Severity.WARNING)]
    return []
