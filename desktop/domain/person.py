"""The adult at risk, and everything a worker needs to know before knocking on the door."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.record import Record, ValidationError


class CaseStatus(enum.Enum):
    OPEN = "open"
    ESCALATED = "escalated"
    DE_ESCALATED = "de_escalated"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-").capitalize()


class ConsentStatus(enum.Enum):
    NOT_SOUGHT = "not_sought"
    GIVEN = "given"
    REFUSED = "refused"


class LawfulBasis(enum.Enum):
    NONE = "none"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"


class CapacityOutcome(enum.Enum):
    NOT_ASSESSED = "not_assessed"
    HAS_CAPACITY = "has_capacity"
    LACKS_CAPACITY = "lacks_capacity"
    FLUCTUATING = "fluctuating"


@dataclass
class SafeContact:
    safe_number: str = ""
    safe_message: str = ""          # the agreed wording of a safe message
    methods_to_avoid: str = ""      # e.g. "does not open letters"
    best_times: str = ""            # best days and times


@dataclass
class Communication:
    language: str = ""
    interpreter_needed: bool = False
    easy_read: bool = False
    needs: str = ""                 # communication needs, neurodivergence adjustments


@dataclass
class Child:
    name: str = ""
    date_of_birth: date | None = None
    note: str = ""


@dataclass
class Dependants:
    children: list[Child] = field(default_factory=list)
    pets: str = ""

    @property
    def has_children(self) -> bool:
        return bool(self.children)


@dataclass
class Capacity:
    considered: bool = False
    date: date | None = None
    outcome: CapacityOutcome = CapacityOutcome.NOT_ASSESSED
    by_whom: str = ""
    note: str = ""


@dataclass
class Advocacy:
    considered: bool = False
    considered_on: date | None = None
    offered: bool = False
    offered_on: date | None = None
    accepted: bool = False
    accepted_on: date | None = None
    advocate: str = ""


@dataclass
class Consent:
    status: ConsentStatus = ConsentStatus.NOT_SOUGHT
    rationale: str = ""
    lawful_basis: LawfulBasis = LawfulBasis.NONE
    recorded_on: date | None = None


@dataclass
class AgencyInvolvement:
    agency: str = ""
    lead_worker: str = ""
    contact: str = ""
    role: str = ""


@dataclass(kw_only=True)
class Person(Record):
    ENTITY = "person"

    name: str
    known_as: str = ""
    date_of_birth: date | None = None
    address: str = ""
    status: CaseStatus = CaseStatus.OPEN
    lead_agency: str = ""
    spoc: str = ""
    safe_contact: SafeContact = field(default_factory=SafeContact)
    communication: Communication = field(default_factory=Communication)
    dependants: Dependants = field(default_factory=Dependants)
    capacity: Capacity = field(default_factory=Capacity)
    advocacy: Advocacy = field(default_factory=Advocacy)
    consent: Consent = field(default_factory=Consent)
    agencies: list[AgencyInvolvement] = field(default_factory=list)
    notes: str = ""

    @property
    def display_name(self) -> str:
        if self.known_as and self.known_as != self.name:
            return f"{self.name} ({self.known_as})"
        return self.name

    def validate(self) -> None:
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError("A person needs a name.")
        if self.date_of_birth and self.date_of_birth > date.today():
            raise ValidationError("The date of birth cannot be in the future.")
        if self.consent.status is not ConsentStatus.GIVEN and self.consent.lawful_basis \
                is not LawfulBasis.NONE and not self.consent.rationale.strip():
            raise ValidationError(
                "Sharing without consent needs a rationale: say why it is necessary and "
                "proportionate.")
