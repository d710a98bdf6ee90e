"""After closure: the keep-in-touch contact (Nottingham s.12)."""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.dates import local_date
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, closed, day, live, rule
from desktop.i18n import _, ngettext  # noqa: F401


KEEP_IN_TOUCH_NOTICE_DAYS = 7


def _latest_closure(case: Case, now: datetime):
    """The closure that closed the case (the latest), or None while it is not closed."""
    closures = live(case.closures)
    if not closed(case) or not closures:
        return None
    return max(closures, key=lambda c: (c.closed_on, c.created_at or now))


@rule
def keep_in_touch_due(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """After closure, the delegated worker keeps in touch every N months (Nottingham s.12)."""
    closure = _latest_closure(case, now)
    if closure is None:
        return []
    kit = closure.keep_in_touch
    if not kit.planned:
        return []
    contacts = [local_date(a.at) for a in live(case.attempts)
                if local_date(a.at) >= closure.closed_on]
    due = closure.keep_in_touch_due(max(contacts) if contacts else None)
    today = local_date(now)
    if today > due:
        return [Alert("keep_in_touch_overdue",
                      _('Keep-in-touch contact by {who} was due on {day}.').format(who=kit.who, day=day(due)),
                      _("Make the keep-in-touch contact and log it as a contact attempt."),
                      Severity.WARNING, closure.id)]
    if due - today <= timedelta(days=KEEP_IN_TOUCH_NOTICE_DAYS):
        return [Alert("keep_in_touch_due",
                      _('Keep-in-touch contact by {who} is due on {day}.').format(who=kit.who, day=day(due)),
                      _("Make the keep-in-touch contact and log it as a contact attempt."),
                      Severity.INFO, closure.id)]
    return []


@rule
def outcome_to_board(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Oxfordshire: "A copy of the outcome documentation should be sent to the OSAB"."""
    if not cfg.procedure_settings.outcome_to_board:
        return []
    closure = _latest_closure(case, now)
    if closure is None or closure.outcome_to_board_on is not None:
        return []
    return [Alert("outcome_to_board",
                  _("The outcome documentation has not been sent to the Safeguarding Adults "
                  "Board yet."),
                  _("Send a copy of the closure record to the Board and record the date (Closure "
                  "tab, after closure)."), Severity.INFO, closure.id)]
