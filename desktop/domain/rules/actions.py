"""Prompts from the action plan: overdue actions."""
from __future__ import annotations

from datetime import datetime

from desktop.domain.dates import local_date
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, closed, day, live, rule


@rule
def action_overdue(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    if closed(case):
        return []
    today = local_date(now)
    return [Alert("action_overdue",
                  f"Action overdue since {day(a.due)}: {a.what} "
                  f"(lead: {a.lead_person}, {a.lead_agency}).",
                  "Chase the named lead; mark it done, or not achievable with the reason.",
                  Severity.WARNING, a.id)
            for a in sorted(live(case.actions), key=lambda a: a.due or today)
            if a.is_overdue(today)]
