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


class _Labelled(enum.Enum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ConsentStatus(_Labelled):
    NOT_SOUGHT = "not_sought"
    GIVEN = "given"
    REFUSED = "refused"


class LawfulBasis(_Labelled):
    """GDPR Article 6 bases for sharing without consent (Nottingham s.7)."""
    NONE = "none"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"

    @property
    def label(self) -> str:
        return "None recorded" if self is LawfulBasis.NONE else super().label


class CapacityOutcome(_Labelled):
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
    needs: str = ""                 # communication needs, e.g. "needs time to answer"
    neurodivergence_adjustments: str = ""   # e.g. "quiet room, one question at a time"


@dataclass
class Child:
    name: str = ""
    date_of_birth: date | None = None
    note: str = ""


@dataclass
class ChildElsewhere:
    """A child living elsewhere for whom the adult has parental responsibility
    (Nottingham s.2: referral to children's social care is then mandatory)."""
    name: str = ""
    date_of_birth: date | None = None
    lives_with: str = ""
    note: str = ""


@dataclass
class OtherAdult:
    """Another vulnerable adult at risk in the household (Nottingham s.8, s.11)."""
    name: str = ""
    relationship: str = ""
    risk: str = ""
    referral_note: str = ""     # what was done about it (e.g. an adult safeguarding concern)


@dataclass
class Dependants:
    children: list[Child] = field(default_factory=list)
    pets: str = ""
    #: when a referral to children's services was recorded (children in the household make it
    #: mandatory); a Referral record to children's services counts as well
    children_referral_recorded_on: date | None = None
    children_referral_note: str = ""
    children_elsewhere: list[ChildElsewhere] = field(default_factory=list)
    other_adults: list[OtherAdult] = field(default_factory=list)

    @property
    def has_children(self) -> bool:
        """Children in the household or elsewhere with the adult's parental responsibility:
        either way a referral to children's services is mandatory."""
        return bool(self.children or self.children_elsewhere)


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
    declined_on: date | None = None      # last refusal: Fife asks to offer again at each contact
    advocate: str = ""
    note: str = ""


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
    #: the referrer / lead agency was told that engagement is falling (Dorset)
    disengagement_shared_on: date | None = None
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
        _plausible_birth(self.date_of_birth, "The date of birth")
        for child in self.dependants.children:
            if not (child.name.strip() or child.note.strip()):
                raise ValidationError(
                    "Each child in the household needs a name or a note (e.g. 'boy, about 8').")
            _plausible_birth(child.date_of_birth, "A child's date of birth")
        for child in self.dependants.children_elsewhere:
            if not (child.name.strip() or child.note.strip()):
                raise ValidationError(
                    "Each child living elsewhere needs a name or a note.")
            _plausible_birth(child.date_of_birth, "A child's date of birth")
        for adult in self.dependants.other_adults:
            if not (adult.name.strip() or adult.relationship.strip()):
                raise ValidationError(
                    "Each other adult at risk needs a name or their relationship.")
        _not_future(self.dependants.children_referral_recorded_on,
                    "The children's services referral date")
        self._validate_capacity()
        self._validate_advocacy()
        if self.consent.status is not ConsentStatus.GIVEN and self.consent.lawful_basis \
                is not LawfulBasis.NONE and not self.consent.rationale.strip():
            raise ValidationError(
                "Sharing without consent needs a rationale: say why it is necessary and "
                "proportionate.")
        _not_future(self.consent.recorded_on, "The consent date")
        for agency in self.agencies:
            if not agency.agency.strip():
                raise ValidationError("Each agency involved needs the agency's name.")
        _not_future(self.disengagement_shared_on, "The date the referrer was told")

    def _validate_capacity(self) -> None:
        c = self.capacity
        if c.outcome is not CapacityOutcome.NOT_ASSESSED and not c.considered:
            raise ValidationError(
                "A capacity outcome is recorded: mark capacity as considered, with the date.")
        if c.considered and c.date is None:
            raise ValidationError("Say when capacity was considered (a tick is not sufficient).")
        if c.outcome is not CapacityOutcome.NOT_ASSESSED and not c.by_whom.strip():
            raise ValidationError("Say who assessed capacity.")
        _not_future(c.date, "The capacity date")

    def _validate_advocacy(self) -> None:
        a = self.advocacy
        for ticked, on, what in ((a.considered, a.considered_on, "considered"),
                                 (a.offered, a.offered_on, "offered"),
                                 (a.accepted, a.accepted_on, "accepted")):
            if ticked and on is None:
                raise ValidationError(f"Say when advocacy was {what} (a tick is not sufficient).")
            _not_future(on, f"The date advocacy was {what}")
        _not_future(a.declined_on, "The date advocacy was declined")
        if a.accepted and not a.offered:
            raise ValidationError("Advocacy can only be accepted once it has been offered.")
        if a.accepted and a.offered_on and a.accepted_on and a.accepted_on < a.offered_on:
            raise ValidationError("Advocacy cannot be accepted before it was first offered.")


def _not_future(value: date | None, what: str) -> None:
    if value is not None and value > date.today():
        raise ValidationError(f"{what} cannot be in the future.")


#: dates of birth before this are typing mistakes (0001-01-01, 1066-…)
EARLIEST_BIRTH = date(1900, 1, 1)


def _plausible_birth(value: date | None, what: str) -> None:
    _not_future(value, what)
    if value is not None and value < EARLIEST_BIRTH:
        raise ValidationError(f"{what} cannot be before {EARLIEST_BIRTH.year}: check the year.")
