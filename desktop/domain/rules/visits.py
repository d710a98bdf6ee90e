"""Prompts from visits: staff safety and the debrief, a joint visit asked for next time."""
from __future__ import annotations

from datetime import datetime

from desktop.domain.contact import ContactAttempt, ContactMethod
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, day, live, rule
from desktop.domain.visit import Visit
from desktop.i18n import _, ngettext  # noqa: F401


def _visit_day(visit: Visit, attempts: dict[str, ContactAttempt]) -> str:
    attempt = attempts.get(visit.attempt_id)
    when = attempt.at if attempt else visit.created_at
    return day(when) if when else _("an earlier visit")


@rule
def debrief_outstanding(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    attempts = {a.id: a for a in case.attempts}
    alerts = []
    for v in live(case.visits):
        if not v.debrief_outstanding:
            continue
        when = _visit_day(v, attempts)
        if v.incident is not None:
            kinds = ", ".join(k.label.lower() for k in v.incident.kinds) or "incident"
            alerts.append(Alert(
                "staff_safety_debrief",
                _('Staff-safety incident on {when} ({kinds}) with no debrief recorded.').format(when=when, kinds=kinds),
                _("Debrief with your manager and record it on the visit; tell the other agencies "
                "involved and make the next visit a joint one."), Severity.URGENT, v.id))
        else:
            alerts.append(Alert(
                "debrief_needed", _('The visit on {when} needs a debrief.').format(when=when),
                _("Debrief with your manager and record when and with whom on the visit."),
                Severity.WARNING, v.id))
    return alerts


@rule
def joint_visit_next(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """The latest visit asked for a joint visit next time, and since then there has been
    neither a joint visit nor any contact where the adult was seen ("next time" has passed)."""
    attempts = {a.id: a for a in live(case.attempts)}
    visits = [(attempts[v.attempt_id], v) for v in live(case.visits) if v.attempt_id in attempts]
    if not visits:
        return []
    last, visit = max(visits, key=lambda av: av[0].at)
    if not visit.joint_visit_needed_next:
        return []
    if any(a.at > last.at and (a.method is ContactMethod.JOINT_VISIT or a.outcome.seen)
           for a in attempts.values()):
        return []
    return [Alert(
        "joint_visit_next", _('The visit on {day} asked for a joint visit next time.').format(day=day(last.at)),
        _("Arrange the next visit jointly with a colleague or another agency and log it as a "
        "joint visit."), Severity.INFO, visit.id)]
