"""Prompts that keep a worker on track: pure functions of a case, each tested.

A rule is ``fn(case: Case, cfg: RuleConfig, now: datetime) -> list[Alert]``, registered with
``@rule``. Rule modules by area (``contact.py``, ``fieldwork.py``, ``casework.py``, …) are
imported below so ``evaluate`` sees them all. ``Case`` bundles one person's records; areas add
fields to it (with empty defaults) as their records land.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from desktop.domain.barrier import Barrier, DisengagementPattern
from desktop.domain.contact import ContactAttempt
from desktop.domain.goal import Goal, GoalProgress
from desktop.domain.person import Person
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


@dataclass
class Case:
    person: Person
    attempts: list[ContactAttempt] = field(default_factory=list)   # any order
    visits: list[Visit] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    goal_progress: list[GoalProgress] = field(default_factory=list)
    barriers: list[Barrier] = field(default_factory=list)
    patterns: list[DisengagementPattern] = field(default_factory=list)
    # casework (desktop/domain/rules/casework.py); any order
    meetings: list = field(default_factory=list)            # Meeting
    actions: list = field(default_factory=list)             # Action
    checklist: list = field(default_factory=list)           # ChecklistItem (stored rows)
    closures: list = field(default_factory=list)            # Closure
    referrals: list = field(default_factory=list)           # Referral (children's services)


Rule = Callable[[Case, RuleConfig, datetime], list[Alert]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def evaluate(case: Case, cfg: RuleConfig | None = None, now: datetime | None = None) -> list[Alert]:
    """Every alert for the case, most severe first."""
    from desktop.domain.ids import utc_now
    cfg, now = cfg or RuleConfig(), now or utc_now()
    alerts = [a for r in RULES for a in r(case, cfg, now)]
    return sorted(alerts, key=lambda a: -a.severity)


from desktop.domain.rules import contact  # noqa: E402,F401  (registers its rules)
from desktop.domain.rules import fieldwork  # noqa: E402,F401
from desktop.domain.rules import casework  # noqa: E402,F401
