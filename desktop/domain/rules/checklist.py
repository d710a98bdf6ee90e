"""Fife: 'A tick is not sufficient.' Checklist rows without evidence."""
from __future__ import annotations

from datetime import datetime

from desktop.domain.checklist import describe
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, live, rule
from desktop.i18n import _, ngettext  # noqa: F401


@rule
def checklist_without_evidence(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Fife: 'A tick is not sufficient.' Rows can arrive without evidence from older builds or
    imports; the prompt names them."""
    bad = [i for i in live(case.checklist) if i.missing_evidence]
    if not bad:
        return []
    names = ", ".join(describe(i.code) for i in bad)
    return [Alert("checklist_no_evidence",
                  _('Engagement checklist items with a status but no evidence or date: {names}.').format(names=names),
                  _("Add the evidence and the date to each item (a tick is not sufficient)."),
                  Severity.WARNING, bad[0].id)]
