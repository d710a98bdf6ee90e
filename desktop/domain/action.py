"""The action (protection) plan: what, a named lead (person and agency), by when.

"Agree action plan, with timescales and named leads" (Nottingham s.9, Oxfordshire). Overdue is
derived, never stored. "Decisions need to be set that are realistic and if not achievable
clearly noted why" (Nottingham s.10): *not achievable* needs a reason.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class ActionStatus(enum.Enum):
    OPEN = "open"
    DONE = "done"
    NOT_ACHIEVABLE = "not_achievable"

    @property
    def label(self) -> str:
        label = {"open": "Open", "done": "Done", "not_achievable": "Not achievable"}[self.value]
        return _(label)


@dataclass(kw_only=True)
class Action(Record):
    ENTITY = "action"

    person_id: str
    what: str
    lead_person: str = ""
    lead_agency: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    reason: str = ""                # why it is not achievable
    completed_on: date | None = None
    source_meeting_id: str = ""
    note: str = ""

    def is_overdue(self, today: date) -> bool:
        return self.status is ActionStatus.OPEN and self.due is not None and self.due < today

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.is_overdue(today) else 0

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("An action must belong to a person."))
        self.what = (self.what or "").strip()
        if not self.what:
            raise ValidationError(_("Say what the action is."))
        if not self.lead_person.strip() or not self.lead_agency.strip():
            raise ValidationError(
                _("Every action needs a named lead: a person and their agency."))
        if self.due is None:
            raise ValidationError(_("Every action needs a timescale: give a due date."))
        if self.status is ActionStatus.NOT_ACHIEVABLE and not self.reason.strip():
            raise ValidationError(
                _("An action marked not achievable needs the reason, e.g. the project has closed "
                "to referrals."))
        if self.completed_on and self.status is ActionStatus.OPEN:
            raise ValidationError(_("An open action has no completion date."))
