"""Prompts from the lead agency's procedure: meeting invitations and the required agencies, the
chair's role and line-manager discussion, minutes to everyone invited, supervision due, telling
the referrer, worrying visits, open disagreements and agencies withdrawing."""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.dates import add_working_days, local_date
from desktop.domain.hostility import worrying
from desktop.domain.meeting import required_agencies_missing
from desktop.domain.person import CaseStatus
from desktop.domain.procedure import chair_role_ok
from desktop.domain.referral import ReferralTo
from desktop.domain.referrer import ReferrerUpdateReason
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, rule
from desktop.domain.supervision import supervision_due
from desktop.i18n import _, ngettext, format_day  # noqa: F401


def _live(records) -> list:
    return [r for r in records if not r.deleted]


def _d(d) -> str:
    return format_day(d)


@rule
def meeting_required_agencies(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Oxfordshire: 'The group should always include a representative from Adult Social Care,
    Police and Health services'."""
    required = cfg.procedure_settings.required_agencies
    if not required:
        return []
    alerts = []
    for m in _live(case.meetings):
        missing = required_agencies_missing(m, required)
        if missing:
            alerts.append(Alert(
                "meeting_required_agency",
                _('The {value} on {d}: {value2} neither invited nor present.').format(value=m.kind.label.lower(), d=_d(m.date), value2=', '.join(missing)),
                _("Invite a representative of each required agency and record the invitation."),
                Severity.WARNING, m.id))
    return alerts


@rule
def meeting_chair_role(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Fife: 'The meeting will be chaired by a service manager'."""
    role = cfg.procedure_settings.chair_role
    if not role:
        return []
    return [Alert("meeting_chair_role",
                  _('The {value} on {d} was chaired by {value2}').format(value=m.kind.label.lower(), d=_d(m.date), value2=m.chair or _('someone'))
                  + (f" ({m.chair_role})" if m.chair_role else _(" (role not recorded)"))
                  + _('; the procedure asks for a {role}.').format(role=role),
                  _("Record the chair's role; the meeting should be chaired by a {role}.").format(role=role),
                  Severity.WARNING, m.id)
            for m in _live(case.meetings)
            if m.kind.value == "engagement_escalation" and not chair_role_ok(role, m.chair_role)]


@rule
def minutes_not_sent_to_invited(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Oxfordshire: 'Minutes should be circulated to all those invited to the meeting within 5
    working days'. Only meetings that record a distribution list: the others have the general
    'minutes not circulated' prompt."""
    today = local_date(now)
    alerts = []
    for m in _live(case.meetings):
        if not m.distribution or not m.invitations:
            continue
        due = add_working_days(m.date, cfg.minutes_working_days)
        late = m.not_sent_minutes(by=due)
        if late and today > due:
            alerts.append(Alert(
                "minutes_not_sent_to_invited",
                _('Minutes of the meeting on {d} did not reach everyone invited within {minutes_working_days} working days: {value}.').format(d=_d(m.date), minutes_working_days=cfg.minutes_working_days, value=', '.join(late)),
                _("Send the minutes and record the date each one went."), Severity.WARNING, m.id))
    return alerts


@rule
def chair_line_manager(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Oxfordshire: the chair discusses the case with their line manager after the meeting."""
    if not cfg.procedure_settings.chair_discusses_with_line_manager:
        return []
    today = local_date(now)
    return [Alert("chair_line_manager",
                  _('The chair of the meeting on {d} has not recorded the discussion with their line manager.').format(d=_d(m.date)),
                  _("Record the date the chair discussed the case with their line manager."),
                  Severity.INFO, m.id)
            for m in _live(case.meetings)
            if m.date <= today and m.chair_line_manager_on is None]


@rule
def supervision_overdue(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    if case.person.status is CaseStatus.CLOSED:
        return []
    weeks = cfg.supervision_interval_weeks
    today = local_date(now)
    opened = local_date(case.person.created_at) if case.person.created_at else None
    due = supervision_due(case.supervisions, weeks, today, since=opened)
    if due is None or due > today:
        return []
    return [Alert("supervision_due",
                  _('Supervision was due on {d} (every {weeks} weeks).').format(d=_d(due), weeks=weeks),
                  _("Discuss the case with your line manager and record the supervision."),
                  Severity.WARNING)]


@rule
def referrer_not_told(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Pan-Dorset: alert the referrer when the adult begins to disengage, and notify them on
    closure with the strategies tried — a prompt until it is recorded."""
    referrals = _live(case.incoming_referrals)
    if not referrals:
        return []
    alerts = []
    if case.person.status is CaseStatus.CLOSED:
        closures = _live(case.closures)
        closed_on = max((c.closed_on for c in closures), default=None)
        for r in referrals:
            if not r.told(ReferrerUpdateReason.CLOSURE, since=closed_on):
                alerts.append(Alert(
                    "referrer_closure",
                    _('{referrer} ({value}) has not been told that the case is closed.').format(referrer=r.referrer, value=r.referrer_agency or r.referrer_contact),
                    _("Tell the referrer, with the engagement strategies tried, and record it."),
                    Severity.WARNING, r.id))
        return alerts
    from desktop.domain.rules.engagement import engagement_falling, engagement_windows
    previous, recent = engagement_windows(_live(case.attempts), now, cfg.engagement_weeks)
    if not engagement_falling(previous, recent):
        return []
    since = (now - timedelta(weeks=cfg.engagement_weeks)).date()
    for r in referrals:
        if not r.told(ReferrerUpdateReason.DISENGAGING, since=since):
            alerts.append(Alert(
                "referrer_disengaging",
                _('The adult is beginning to disengage and {referrer} ({value}) has not been told.').format(referrer=r.referrer, value=r.referrer_agency or r.referrer_contact),
                _("Alert the referrer, with the strategies tried, and record it on the referral."),
                Severity.WARNING, r.id))
    return alerts


@rule
def worrying_visit(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """A risk noticed, or observation and report disagree: consider raising an adult
    safeguarding concern, until a referral to adult safeguarding or a decision is recorded."""
    attempts = {a.id: a for a in case.attempts}
    decided = {d.visit_id for d in _live(case.concern_decisions)}
    referred = [r.date for r in _live(case.referrals)
                if r.to_whom is ReferralTo.ADULT_SAFEGUARDING]
    alerts = []
    for v in _live(case.visits):
        if not worrying(v) or v.id in decided:
            continue
        a = attempts.get(v.attempt_id)
        when = local_date(a.at) if a else (local_date(v.created_at) if v.created_at else None)
        if when and any(d >= when for d in referred):
            continue
        why = _("a risk was noticed") if v.risks_noticed.strip() else \
            _("what was observed and what the adult reported disagree")
        alerts.append(Alert(
            "worrying_visit",
            _('On the visit of {value} {why}: consider raising an adult safeguarding concern.').format(value=_d(when) if when else _('an earlier date'), why=why),
            _("Raise the concern (record it as a referral to adult safeguarding) or record the "
            "decision not to, with the rationale."), Severity.WARNING, v.id))
    return alerts


@rule
def disagreement_open(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    return [Alert("disagreement_open",
                  _('Professional disagreement raised by {raised_by} ({agency}) on {d} is unresolved: {about}.').format(raised_by=d.raised_by, agency=d.agency, d=_d(d.raised_on), about=d.about),
                  _('The procedure continues meanwhile; follow the route ({value}) and record the outcome.').format(value=d.route.label.lower()),
                  Severity.INFO, d.id)
            for d in _live(case.disagreements) if d.is_open]


@rule
def withdrawal_not_informed(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    return [Alert("withdrawal_not_informed",
                  _('{agency} ended its involvement on {d} without a record of informing the other agencies.').format(agency=w.agency, d=_d(w.withdrawn_on)),
                  _("Record which agencies (or the lead agency) were informed, and when."),
                  Severity.WARNING, w.id)
            for w in _live(case.withdrawals) if not w.informed_complete]


@rule
def ird_outcome_not_told(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Fife: "In preparation for the first engagement escalation meeting the adult must be
    made aware of the outcome of the multiple report of harm IRD"."""
    if case.person.status is not CaseStatus.ESCALATED:
        return []
    escalations = sorted(_live(case.escalations), key=lambda e: e.escalated_on)
    if not escalations:
        return []
    latest = escalations[-1]
    return [Alert("ird_outcome_not_told",
                  _('{display_name} has not been told the outcome of the IRD of {d}: the adult must be made aware of it before the first engagement escalation meeting.').format(display_name=case.person.display_name, d=_d(ird.date)),
                  _("Agree who tells the adult and how; then record who told them and when "
                  "(Escalation → the IRD)."), Severity.WARNING, latest.id)
            for ird in latest.adult_not_told if ird.date]
