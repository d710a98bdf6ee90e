"""Casework prompts for the lead agency: review meetings, minutes, the action plan, checklist
evidence and keeping in touch after closure."""
from __future__ import annotations

from datetime import datetime, timedelta

from desktop.domain.checklist import describe
from desktop.domain.dates import add_working_days, local_date
from desktop.domain.person import CaseStatus
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, rule

KEEP_IN_TOUCH_NOTICE_DAYS = 7


def _closed(case: Case) -> bool:
    return case.person.status is CaseStatus.CLOSED


def _d(d) -> str:
    return f"{d.day} {d:%b %Y}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _live(records) -> list:
    return [r for r in records if not r.deleted]


@rule
def review_meeting_due(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """The next review agreed at the last meeting is within 14 days, or has passed without a
    meeting. A meeting already arranged (dated after today) clears it."""
    meetings = _live(case.meetings)
    if _closed(case) or not meetings:
        return []
    today = local_date(now)
    last = max(meetings, key=lambda m: (m.date, m.created_at or now))
    if last.date > today:
        return []
    if last.next_review is None:
        return [Alert("review_date_missing",
                      f"No review date was agreed at the {last.kind.label.lower()} on "
                      f"{_d(last.date)}.",
                      "Agree a review meeting date and record it on the meeting.",
                      Severity.WARNING, last.id)]
    days = (last.next_review - today).days
    if days < 0:
        return [Alert("review_meeting_overdue",
                      f"The review meeting was due on {_d(last.next_review)} "
                      f"({_days(-days)} ago).",
                      "Hold the review meeting, or record it if it took place.",
                      Severity.URGENT, last.id)]
    if days <= cfg.review_warning_days:
        when = "today" if days == 0 else f"in {_days(days)}"
        return [Alert("review_meeting_due",
                      f"The review meeting is due {when} ({_d(last.next_review)}).",
                      "Arrange the review: invite the agencies and circulate the chronology and "
                      "checklist.", Severity.WARNING, last.id)]
    return []


@rule
def minutes_not_circulated(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Oxfordshire: minutes go to everyone invited within 5 working days of the meeting."""
    today = local_date(now)
    alerts = []
    for m in sorted(_live(case.meetings), key=lambda m: m.date):
        if m.date > today or m.minutes_circulated_on is not None:
            continue
        due = add_working_days(m.date, cfg.minutes_working_days, cfg.holiday_region)
        what = f"{m.kind.label.lower()} on {_d(m.date)}"
        if today > due:
            alerts.append(Alert(
                "minutes_not_circulated",
                f"Minutes of the {what} were not circulated within {cfg.minutes_working_days} "
                f"working days (due by {due:%a %d %b}).",
                "Circulate the minutes to everyone invited and record the date.",
                Severity.WARNING, m.id))
        else:
            alerts.append(Alert(
                "minutes_due", f"Minutes of the {what} are due by {due:%a %d %b}.",
                "Circulate the minutes to everyone invited and record the date.",
                Severity.INFO, m.id))
    return alerts


@rule
def action_overdue(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    if _closed(case):
        return []
    today = local_date(now)
    return [Alert("action_overdue",
                  f"Action overdue since {_d(a.due)}: {a.what} "
                  f"(lead: {a.lead_person}, {a.lead_agency}).",
                  "Chase the named lead; mark it done, or not achievable with the reason.",
                  Severity.WARNING, a.id)
            for a in sorted(_live(case.actions), key=lambda a: a.due or today)
            if a.is_overdue(today)]


@rule
def checklist_without_evidence(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """Fife: 'A tick is not sufficient.' Rows can arrive without evidence from older builds or
    imports; the prompt names them."""
    bad = [i for i in _live(case.checklist) if i.missing_evidence]
    if not bad:
        return []
    names = ", ".join(describe(i.code) for i in bad)
    return [Alert("checklist_no_evidence",
                  f"Engagement checklist items with a status but no evidence or date: {names}.",
                  "Add the evidence and the date to each item (a tick is not sufficient).",
                  Severity.WARNING, bad[0].id)]


@rule
def keep_in_touch_due(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]:
    """After closure, the delegated worker keeps in touch every N months (Nottingham s.12)."""
    closures = _live(case.closures)
    if not _closed(case) or not closures:
        return []
    closure = max(closures, key=lambda c: (c.closed_on, c.created_at or now))
    kit = closure.keep_in_touch
    if not kit.planned:
        return []
    contacts = [local_date(a.at) for a in _live(case.attempts)
                if local_date(a.at) >= closure.closed_on]
    due = closure.keep_in_touch_due(max(contacts) if contacts else None)
    today = local_date(now)
    if today > due:
        return [Alert("keep_in_touch_overdue",
                      f"Keep-in-touch contact by {kit.who} was due on {_d(due)}.",
                      "Make the keep-in-touch contact and log it as a contact attempt.",
                      Severity.WARNING, closure.id)]
    if due - today <= timedelta(days=KEEP_IN_TOUCH_NOTICE_DAYS):
        return [Alert("keep_in_touch_due",
                      f"Keep-in-touch contact by {kit.who} is due on {_d(due)}.",
                      "Make the keep-in-touch contact and log it as a contact attempt.",
                      Severity.INFO, closure.id)]
    return []
