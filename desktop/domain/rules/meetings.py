"""Prompts from meetings: the review meeting due, minutes not circulated."""
from __future__ import annotations

from datetime import datetime

from desktop.domain.dates import add_working_days, local_date
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, closed, day, live, rule
from desktop.i18n import _, ngettext, format_day  # noqa: F401


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


@rule
def review_meeting_due(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """The next review agreed at the last meeting is within 14 days, or has passed without a
    meeting. A meeting already arranged (dated after today) clears it."""
    meetings = live(case.meetings)
    if closed(case) or not meetings:
        return []
    today = local_date(now)
    last = max(meetings, key=lambda m: (m.date, m.created_at or now))
    if last.date > today:
        return []
    if last.next_review is None:
        return [Alert("review_date_missing",
                      _('No review date was agreed at the {value} on {day}.').format(value=last.kind.label.lower(), day=day(last.date)),
                      _("Agree a review meeting date and record it on the meeting."),
                      Severity.WARNING, last.id)]
    days = (last.next_review - today).days
    if days < 0:
        return [Alert("review_meeting_overdue",
                      _('The review meeting was due on {day} ({days} ago).').format(day=day(last.next_review), days=_days(-days)),
                      _("Hold the review meeting, or record it if it took place."),
                      Severity.URGENT, last.id)]
    if days <= cfg.review_warning_days:
        when = _("today") if days == 0 else _("in {days}").format(days=_days(days))
        return [Alert("review_meeting_due",
                      _('The review meeting is due {when} ({day}).').format(when=when, day=day(last.next_review)),
                      _("Arrange the review: invite the agencies and circulate the chronology and "
                      "checklist."), Severity.WARNING, last.id)]
    return []


@rule
def minutes_not_circulated(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Oxfordshire: minutes go to everyone invited within 5 working days of the meeting."""
    today = local_date(now)
    alerts = []
    for m in sorted(live(case.meetings), key=lambda m: m.date):
        if m.date > today or m.minutes_circulated_on is not None:
            continue
        due = add_working_days(m.date, cfg.minutes_working_days, cfg.holiday_region)
        what = _('{value} on {day}').format(value=m.kind.label.lower(), day=day(m.date))
        if today > due:
            alerts.append(Alert(
                "minutes_not_circulated",
                _("Minutes of the {what} were not circulated within {minutes_working_days} working "
                  "days (due by {due}).").format(what=what,
                                                minutes_working_days=cfg.minutes_working_days,
                                                due=format_day(due, weekday=True)),
                _("Circulate the minutes to everyone invited and record the date."),
                Severity.WARNING, m.id))
        else:
            alerts.append(Alert(
                "minutes_due", _("Minutes of the {what} are due by {due}.").format(
                    what=what, due=format_day(due, weekday=True)),
                _("Circulate the minutes to everyone invited and record the date."),
                Severity.INFO, m.id))
    return alerts
