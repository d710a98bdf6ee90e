"""Prompts from the action plan: overdue actions."""
from __future__ import annotations

from datetime import datetime

from desktop.domain.dates import local_date
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, closed, day, live, rule
from desktop.i18n import _, ngettext  # noqa: F401


@rule
def action_overdue(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    if closed(case):
        return []
    today = local_date(now)
    return [Alert("action_overdue",
                  _('Action overdue since {day}: {what} (lead: {lead_person}, {lead_agency}).').format(day=day(a.due), what=a.what, lead_person=a.lead_person, lead_agency=a.lead_agency),
                  _("Chase the named lead; mark it done, or not achievable with the reason."),
                  Severity.WARNING, a.id)
            for a in sorted(live(case.actions), key=lambda a: a.due or today)
            if a.is_overdue(today)]
