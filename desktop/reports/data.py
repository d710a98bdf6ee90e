"""Gathering what a report needs, through the store's repositories only (no SQL here).

Reports are built off the UI thread: gathering reports progress through ``progress(fraction,
text)`` and returns plain domain objects; layout never touches the store. Record kinds that a
build does not have yet (their domain module is missing) read as empty lists, so every report
still prints its section with "None recorded.".
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from desktop.domain.person import Person
from desktop.reports.base import ReportError
from desktop.reports.period import Period, months_before
from desktop.i18n import _, ngettext  # noqa: F401

Progress = Callable[[float, str], None]

#: record kinds by report name -> (domain module, class name). Missing ones read as empty.
KINDS_OF_RECORD: dict[str, tuple[str, str]] = {
    "visit": ("desktop.domain.visit", "Visit"),
    "goal": ("desktop.domain.goal", "Goal"),
    "goal_progress": ("desktop.domain.goal", "GoalProgress"),
    "barrier": ("desktop.domain.barrier", "Barrier"),
    "pattern": ("desktop.domain.barrier", "DisengagementPattern"),
    "risk_assessment": ("desktop.domain.risk", "RiskAssessment"),
    "checklist_item": ("desktop.domain.checklist", "ChecklistItem"),
    "meeting": ("desktop.domain.meeting", "Meeting"),
    "action": ("desktop.domain.action", "Action"),
    "chronology_entry": ("desktop.domain.chronology", "ChronologyEntry"),
    "referral": ("desktop.domain.referral", "Referral"),
    "supervision": ("desktop.domain.supervision", "Supervision"),
    "closure": ("desktop.domain.closure", "Closure"),
    "escalation": ("desktop.domain.escalation", "Escalation"),
    "deescalation": ("desktop.domain.escalation", "Deescalation"),
    "disagreement": ("desktop.domain.disagreement", "ProfessionalDisagreement"),
    "withdrawal": ("desktop.domain.disagreement", "AgencyWithdrawal"),
    "incoming_referral": ("desktop.domain.referrer", "IncomingReferral"),
}


def no_progress(fraction: float, text: str) -> None:
    pass


def record_class(kind: str):
    """The domain class for a record kind, or None when this build does not have it."""
    where = KINDS_OF_RECORD.get(kind)
    if where is None:
        return None
    try:
        return getattr(importlib.import_module(where[0]), where[1])
    except (ImportError, AttributeError):
        return None


def load(store, kind: str, person_id: str) -> list:
    """Every live record of ``kind`` for the person (empty when the kind does not exist yet)."""
    cls = record_class(kind)
    if cls is None:
        return []
    try:
        return store.repo(cls).for_person(person_id)
    except Exception as exc:  # a table from a migration this store has not run
        if "no such table" in str(exc).lower():
            return []
        raise


@dataclass
class CaseData:
    """One person's records for one report. Lists hold domain objects; ``extra`` holds kinds
    added later by name."""
    person: Person
    period: Period
    generated_by: str
    attempts: list = field(default_factory=list)         # in the period, oldest first
    all_attempts: list = field(default_factory=list)     # every attempt (for alerts)
    records: dict[str, list] = field(default_factory=dict)
    alerts: list = field(default_factory=list)
    #: the first referral to children's services on record (the banner says so, not "must")
    children_referral_on: date | None = None
    #: what the procedure calls the coordinating agency ("Primary agency" in Oxfordshire)
    lead_term: str = "Lead agency"

    def of(self, kind: str) -> list:
        return self.records.get(kind, [])


def generated_by(store) -> str:
    worker, agency = store.actor, store.agency
    return f"{worker} ({agency})" if agency else worker


def children_referral_on(store, person: Person) -> date | None:
    """When a referral to children's services was first recorded (a Referral record or the
    date on the person's dependants), or None."""
    if not person.dependants.has_children:
        return None
    dates = [r.date for r in load(store, "referral", person.id)
             if r.to_whom.value == "childrens_services_mash"
             or (r.to_whom.value == "other" and "child" in r.service.lower())]
    if person.dependants.children_referral_recorded_on:
        dates.append(person.dependants.children_referral_recorded_on)
    return min(dates, default=None)


def require_person(store, person_id: str) -> Person:
    person = store.people.get(person_id)
    if person is None:
        raise ReportError(_('No person with id {person_id} in this store.').format(person_id=person_id))
    return person


def default_period(store, person_id: str, since: date | None, until: date | None,
                   today: date | None = None) -> Period:
    """The SPOC report's period: as given, else since the last meeting, else the last three
    months."""
    if since is not None:
        return Period(since, until, "as chosen")
    today = today or date.today()
    end = until or today
    meetings = [m for m in load(store, "meeting", person_id)
                if _meeting_date(m) is not None and _meeting_date(m) <= end]
    if meetings:
        last = max(_meeting_date(m) for m in meetings)
        return Period(last, until, f"since the last meeting on {last.day} {last:%b %Y}")
    return Period(months_before(end, 3), until, "the last three months (no meeting recorded)")


def _meeting_date(m) -> date | None:
    d = getattr(m, "date", None) or getattr(m, "held_on", None) or getattr(m, "at", None)
    if d is None:
        return None
    return d.astimezone().date() if hasattr(d, "astimezone") and hasattr(d, "hour") else d


def gather(store, person_id: str, period: Period, kinds: tuple[str, ...] = (),
           progress: Progress = no_progress, alerts: bool = False) -> CaseData:
    progress(0.05, _("Reading the person's record"))
    person = require_person(store, person_id)
    data = CaseData(person=person, period=period, generated_by=generated_by(store))
    data.children_referral_on = children_referral_on(store, person)
    from desktop.domain.procedure import lead_term
    data.lead_term = lead_term(store)
    progress(0.15, _("Reading contact attempts"))
    everyone = sorted(store.attempts.for_person(person_id), key=lambda a: a.at)
    data.all_attempts = everyone
    data.attempts = [a for a in everyone if period.contains(a.at)]
    for i, kind in enumerate(kinds):
        progress(0.15 + 0.45 * (i + 1) / max(1, len(kinds)), _('Reading {replace}').format(replace=kind.replace('_', ' ')))
        data.records[kind] = load(store, kind, person_id)
    if alerts:
        progress(0.62, _("Checking alerts"))
        data.alerts = evaluate_alerts(store, data)
    return data


def evaluate_alerts(store, data: CaseData) -> list:
    """Open alerts as of now, from the store's alert query (the domain rules fed with every
    record kind)."""
    from desktop.store.alerts import alerts_for
    return alerts_for(store, data.person.id)
