"""Visit details: what a seen contact found (Dorset: "ensure observations correspond with what
is being reported"; South Lanarkshire: staff safety and debrief)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.contact import ContactAttempt, ContactMethod
from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class IncidentKind(enum.Enum):
    """Staff-safety incidents (South Lanarkshire: threats, hostility, violence, being filmed)."""
    THREATS = "threats"
    HOSTILITY = "hostility"
    VIOLENCE = "violence"
    FILMED = "filmed"

    @property
    def label(self) -> str:
        return _(INCIDENT_LABELS[self])


INCIDENT_LABELS = {
    IncidentKind.THREATS: "Threats",
    IncidentKind.HOSTILITY: "Hostility",
    IncidentKind.VIOLENCE: "Violence",
    IncidentKind.FILMED: "Being filmed",
}


@dataclass
class StaffSafetyIncident:
    kinds: list[IncidentKind] = field(default_factory=list)
    description: str = ""           # what happened, by whom (e.g. "a visitor shouted and filmed")


@dataclass(kw_only=True)
class Visit(Record):
    """The details of one seen contact attempt. Editable (not append-only) because the debrief
    is recorded later, often by a manager; every edit is versioned in the change log."""
    ENTITY = "visit"

    attempt_id: str
    person_id: str
    present: str = ""               # who was present
    observed: str = ""              # what the worker saw
    reported: str = ""              # what the adult said
    mismatch: bool = False          # observation and report disagree (disguised compliance)
    home_conditions: str = ""
    wellbeing: str = ""
    risks_noticed: str = ""
    incident: StaffSafetyIncident | None = None
    joint_visit_needed_next: bool = False
    debrief_needed: bool = False
    debrief_done_on: date | None = None
    debrief_done_by: str = ""

    @property
    def debrief_outstanding(self) -> bool:
        return (self.debrief_needed or self.incident is not None) and self.debrief_done_on is None

    def validate(self) -> None:
        if not self.attempt_id or not self.person_id:
            raise ValidationError(_("Visit details must belong to a contact attempt and a person."))
        if self.mismatch and not (self.observed.strip() and self.reported.strip()):
            raise ValidationError(
                _("To flag that what you saw and what the adult said disagree, record both: "
                "what you observed and what the adult reported."))
        if self.incident is not None:
            if not self.incident.kinds:
                raise ValidationError(
                    "Say what kind of staff-safety incident it was: "
                    + ", ".join(k.label.lower() for k in IncidentKind) + ".")
            if len(set(self.incident.kinds)) != len(self.incident.kinds):
                self.incident.kinds = list(dict.fromkeys(self.incident.kinds))
            if not self.incident.description.strip():
                raise ValidationError(_("Describe the staff-safety incident: what happened, who "
                                      "was involved."))
            self.debrief_needed = True          # an incident always needs a debrief
        if self.debrief_done_on is not None:
            if self.debrief_done_on > date.today():
                raise ValidationError(_("The debrief date cannot be in the future."))
            if not self.debrief_done_by.strip():
                raise ValidationError(_("Say who held the debrief (e.g. your manager)."))
        elif self.debrief_done_by.strip():
            raise ValidationError(_("Say when the debrief took place."))

    def check_attempt(self, attempt: ContactAttempt) -> None:
        """Visit details belong to a contact where the adult was seen, or to an in-person visit
        that did not get in (e.g. refused at the door: what was seen there, an incident)."""
        if attempt.person_id != self.person_id:
            raise ValidationError(_("The visit and the contact attempt are about different people."))
        if not can_have_visit(attempt):
            raise ValidationError(
                _("Visit details can only be added to a contact where the adult was seen, or to a home or joint visit; this was a {value}, '{value2}'.").format(value=attempt.method.label.lower(), value2=attempt.outcome.label.lower()))
        if self.debrief_done_on is not None and \
                self.debrief_done_on < attempt.at.astimezone().date():
            raise ValidationError(_("The debrief cannot be before the visit."))


IN_PERSON = (ContactMethod.HOME_VISIT, ContactMethod.JOINT_VISIT, ContactMethod.DROP_IN_OUTREACH)


def can_have_visit(attempt: ContactAttempt) -> bool:
    return attempt.outcome.seen or attempt.method in IN_PERSON
