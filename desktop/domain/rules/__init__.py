"""Prompts that keep a worker on track: pure functions of a case, each tested.

A rule is ``fn(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]``, registered with
``@rule``. Rule modules by area (``contact.py``, ``engagement.py``, ``meetings.py``, …) are
imported below so ``evaluate`` sees them all. ``Case`` bundles one person's records; areas add
fields to it (with empty defaults) as their records land.
"""
from __future__ import annotations

from desktop.i18n import format_day

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from desktop.domain.barrier import Barrier, DisengagementPattern
from desktop.domain.contact import ContactAttempt
from desktop.domain.goal import Goal, GoalProgress
from desktop.domain.person import CaseStatus, Person
from desktop.domain.visit import Visit


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    URGENT = 3


@dataclass(frozen=True)
class Alert:
    code: str           # stable snake_case identifier, e.g. "unsuccessful_attempts"
    message: str        # what is wrong, in the worker's words
    action: str         # what clears it
    severity: Severity = Severity.WARNING
    record_id: str | None = None

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message, "action": self.action,
                "severity": self.severity.name.lower(), "record_id": self.record_id}


@dataclass(frozen=True)
class RuleConfig:
    failed_attempts_threshold: int = 3
    unseen_days: int = 28
    review_warning_days: int = 14
    minutes_working_days: int = 5
    engagement_weeks: int = 4       # falling engagement: the last N weeks vs the N before
    holiday_region: str = "england"  # whose bank holidays working days skip (dates.REGIONS)
    procedure: str = "fife"         # sets the defaults below when they are not set (procedure.py)
    supervision_weeks: int = 0      # 0: the procedure's default

    @property
    def procedure_settings(self):
        from desktop.domain.procedure import settings_for
        return settings_for(self.procedure)

    @property
    def supervision_interval_weeks(self) -> int:
        return self.supervision_weeks or self.procedure_settings.supervision_weeks


@dataclass
class Case:
    person: Person
    attempts: list[ContactAttempt] = field(default_factory=list)   # any order
    visits: list[Visit] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    goal_progress: list[GoalProgress] = field(default_factory=list)
    barriers: list[Barrier] = field(default_factory=list)
    patterns: list[DisengagementPattern] = field(default_factory=list)
    # the procedure's records (meetings, actions, checklist, closure rules); any order
    meetings: list = field(default_factory=list)            # Meeting
    actions: list = field(default_factory=list)             # Action
    checklist: list = field(default_factory=list)           # ChecklistItem (stored rows)
    closures: list = field(default_factory=list)            # Closure
    referrals: list = field(default_factory=list)           # Referral (children's services)
    # the lead agency's procedure (desktop/domain/rules/procedure.py); any order
    risk_assessments: list = field(default_factory=list)    # RiskAssessment versions
    supervisions: list = field(default_factory=list)        # Supervision
    escalations: list = field(default_factory=list)         # Escalation
    deescalations: list = field(default_factory=list)       # Deescalation
    disagreements: list = field(default_factory=list)       # ProfessionalDisagreement
    withdrawals: list = field(default_factory=list)         # AgencyWithdrawal
    incoming_referrals: list = field(default_factory=list)  # IncomingReferral
    concern_decisions: list = field(default_factory=list)   # ConcernDecision


Rule = Callable[[Case, RuleConfig, datetime], list[Alert]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


#: prompts about reaching the adult: they stop once the case is closed (the keep-in-touch
#: prompt takes over)
CONTACT_PROMPTS = frozenset({
    "unsuccessful_attempts", "unseen", "next_attempt_overdue", "falling_engagement",
    "advocacy_not_offered", "advocacy_offer_again", "joint_visit_next", "capacity_not_considered",
    "supervision_due", "review_meeting_due", "review_meeting_overdue", "review_date_missing",
    "worrying_visit", "ird_outcome_not_told"})


def evaluate(case: Case, cfg: RuleConfig | None = None, now: datetime | None = None) -> list[Alert]:
    """Every alert for the case, most severe first."""
    from desktop.domain.ids import utc_now
    from desktop.domain.person import CaseStatus
    cfg, now = cfg or RuleConfig(), now or utc_now()
    alerts = [a for r in RULES for a in r(case, cfg, now)]
    if case.person.status is CaseStatus.CLOSED:
        alerts = [a for a in alerts if a.code not in CONTACT_PROMPTS]
    return sorted(alerts, key=lambda a: -a.severity)



def live(records) -> list:
    """The records that are not deleted."""
    return [r for r in records if not r.deleted]


def day(d) -> str:
    """A day as a worker reads it: times are stored in UTC and shown in local time."""
    if isinstance(d, datetime):
        d = d.astimezone()
    return format_day(d)


def closed(case: Case) -> bool:
    return case.person.status is CaseStatus.CLOSED


from desktop.domain.rules import contact  # noqa: E402,F401  (registers its rules)
from desktop.domain.rules import engagement  # noqa: E402,F401
from desktop.domain.rules import person  # noqa: E402,F401
from desktop.domain.rules import visits  # noqa: E402,F401
from desktop.domain.rules import meetings  # noqa: E402,F401
from desktop.domain.rules import actions  # noqa: E402,F401
from desktop.domain.rules import checklist  # noqa: E402,F401
from desktop.domain.rules import closure  # noqa: E402,F401
from desktop.domain.rules import procedure  # noqa: E402,F401
