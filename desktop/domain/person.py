"""The adult at risk, and everything a worker needs to know before knocking on the door."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from desktop.domain.fields import described
from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class CaseStatus(enum.Enum):
    OPEN = "open"
    ESCALATED = "escalated"
    DE_ESCALATED = "de_escalated"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _(self.value.replace("_", "-").capitalize())


class _Labelled(enum.Enum):
    @property
    def label(self) -> str:
        return _(self.value.replace("_", " ").capitalize())


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
        return _("None recorded" if self is LawfulBasis.NONE else super().label)


class CapacityOutcome(_Labelled):
    NOT_ASSESSED = "not_assessed"
    HAS_CAPACITY = "has_capacity"
    LACKS_CAPACITY = "lacks_capacity"
    FLUCTUATING = "fluctuating"


@dataclass(kw_only=True)
class SafeContact:
    safe_number: str = described("Safe &number", default="")
    safe_message: str = described(
        "Safe &message wording", default="", kind="multiline", lines=2,
        help="Exactly what may be said or left if someone else answers")
    methods_to_avoid: str = described(
        "Methods to &avoid", default="", kind="multiline", lines=2, flag="avoid",
        help="e.g. does not open letters; do not phone")
    best_times: str = described("Best days and &times", default="")


@dataclass(kw_only=True)
class Communication:
    language: str = described("&Language", default="")
    interpreter_needed: bool = described("&Interpreter needed", default=False, flag="interpreter")
    easy_read: bool = described("&Easy read", default=False)
    needs: str = described("Communication nee&ds", default="", kind="multiline", lines=2,
                           flag="communication-needs", help="e.g. needs time to answer")
    neurodivergence_adjustments: str = described(
        "Neurodi&vergence adjustments", default="", kind="multiline", lines=2,
        flag="neurodivergence", help="e.g. quiet room, one question at a time, written summary")


@dataclass(kw_only=True)
class Child:
    name: str = described("&Name", default="")
    date_of_birth: date | None = described("Date of &birth", default=None)
    note: str = described("N&ote", default="", help="e.g. 'boy, about 8'")


@dataclass(kw_only=True)
class ChildElsewhere:
    """A child living elsewhere for whom the adult has parental responsibility
    (Nottingham s.2: referral to children's social care is then mandatory)."""
    name: str = described("Na&me", default="")
    date_of_birth: date | None = described("&Date of birth", default=None)
    lives_with: str = described("&Lives with", default="")
    note: str = described("Not&e", default="")


@dataclass(kw_only=True)
class OtherAdult:
    """Another vulnerable adult at risk in the household (Nottingham s.8, s.11)."""
    name: str = described("N&ame", default="")
    relationship: str = described("Rela&tionship", default="")
    risk: str = described("R&isk", default="")
    #: what was done about it (e.g. an adult safeguarding concern)
    referral_note: str = described("&What was done", default="",
                                   help="e.g. an adult safeguarding concern raised")


@dataclass(kw_only=True)
class Dependants:
    children: list[Child] = described(
        "Children in the household", default_factory=list, add="Add a c&hild",
        help="Children in the household make a referral to children's services mandatory")
    pets: str = described("&Pets", default="")
    #: when a referral to children's services was recorded (children in the household make it
    #: mandatory); a Referral record to children's services counts as well
    children_referral_recorded_on: date | None = described(
        "Children's services &referral on", default=None, flag="children-referral-on")
    children_referral_note: str = described("Re&ferral note", default="",
                                            help="e.g. to whom, reference")
    children_elsewhere: list[ChildElsewhere] = described(
        "Children living elsewhere (parental responsibility)", default_factory=list,
        add="Add a child li&ving elsewhere",
        help="The adult has parental responsibility: a referral to children's services is "
             "mandatory")
    other_adults: list[OtherAdult] = described(
        "Other adults at risk in the household", default_factory=list,
        add="Add an other adult at ris&k")

    @property
    def has_children(self) -> bool:
        """Children in the household or elsewhere with the adult's parental responsibility:
        either way a referral to children's services is mandatory."""
        return bool(self.children or self.children_elsewhere)


@dataclass(kw_only=True)
class Capacity:
    considered: bool = described("&Capacity considered", default=False,
                                 flag="capacity-considered")
    date: date | None = described("Considered &on", default=None, flag="capacity-on",
                                  ticks="considered", help="A tick needs its date")
    outcome: CapacityOutcome = described("O&utcome", default=CapacityOutcome.NOT_ASSESSED,
                                         flag="capacity-outcome")
    by_whom: str = described("&By whom", default="", flag="capacity-by")
    note: str = described("Capacity &note", default="", flag="capacity-note")


@dataclass(kw_only=True)
class Advocacy:
    considered: bool = described("Advocacy cons&idered", default=False,
                                 flag="advocacy-considered")
    considered_on: date | None = described("Consid&ered on", default=None,
                                           flag="advocacy-considered-on", ticks="considered")
    offered: bool = described("Advocacy o&ffered", default=False, flag="advocacy-offered")
    offered_on: date | None = described("Firs&t offered on", default=None,
                                        flag="advocacy-offered-on", ticks="offered",
                                        help="Later offers are ticked on each contact attempt")
    accepted: bool = described("Advocacy &accepted", default=False, flag="advocacy-accepted")
    accepted_on: date | None = described("Acce&pted on", default=None,
                                         flag="advocacy-accepted-on", ticks="accepted")
    #: last refusal: Fife asks to offer again at each contact
    declined_on: date | None = described("Last &declined on", default=None,
                                         flag="advocacy-declined-on",
                                         help="If declined, offer again at each contact")
    advocate: str = described("Ad&vocate", default="")
    note: str = described("Advocac&y note", default="", flag="advocacy-note")


@dataclass(kw_only=True)
class Consent:
    status: ConsentStatus = described("&Consent to share", default=ConsentStatus.NOT_SOUGHT,
                                      flag="consent", help="given, refused or not_sought")
    rationale: str = described("&Rationale", default="", kind="multiline", lines=3,
                               flag="consent-rationale",
                               help="Why sharing is necessary and proportionate")
    lawful_basis: LawfulBasis = described("Lawful &basis", default=LawfulBasis.NONE,
                                          help="When sharing without consent (GDPR Article 6)")
    recorded_on: date | None = described("Recorded o&n", default=None, flag="consent-on")


@dataclass(kw_only=True)
class AgencyInvolvement:
    agency: str = described("&Agency", default="", required=True)
    lead_worker: str = described("Lead &worker", default="")
    contact: str = described("C&ontact", default="")
    role: str = described("Rol&e", default="")


@dataclass(kw_only=True)
class Person(Record):
    ENTITY = "person"

    name: str = described("&Name", page="person", summary=True, required=True)
    known_as: str = described("&Known as", default="", page="person", summary=True)
    pronouns: str = described("Prono&uns", default="", page="person", summary=True,
                              help="How the adult wants to be referred to, e.g. she/her, "
                                   "they/them")
    date_of_birth: date | None = described("Date of &birth", default=None, page="person",
                                           summary=True, flag="dob")
    address: str = described("Add&ress", default="", kind="multiline", lines=2, page="person",
                             summary=True)
    status: CaseStatus = described("Case s&tatus", default=CaseStatus.OPEN, page="person",
                                   summary=True)
    lead_agency: str = described("&Lead agency", default="", page="person", summary=True)
    spoc: str = described("Single &point of contact", default="", page="person", summary=True,
                          help="The worker the adult has a relationship with (SPOC)")
    safe_contact: SafeContact = described("Safe contact", default_factory=SafeContact,
                                          page="safe_contact")
    communication: Communication = described("Communication", default_factory=Communication,
                                              page="safe_contact")
    dependants: Dependants = described("Household", default_factory=Dependants,
                                       page="household")
    capacity: Capacity = described("Capacity", default_factory=Capacity, page="capacity")
    advocacy: Advocacy = described("Advocacy", default_factory=Advocacy, page="capacity")
    consent: Consent = described("Consent", default_factory=Consent, page="consent")
    agencies: list[AgencyInvolvement] = described("Agencies involved", default_factory=list,
                                                  page="consent", add="Add an a&gency")
    #: the referrer / lead agency was told that engagement is falling (Dorset)
    disengagement_shared_on: date | None = described(
        "Referrer &told of disengagement on", default=None, page="consent")
    notes: str = described("N&otes", default="", kind="multiline", lines=3, page="person")

    @property
    def display_name(self) -> str:
        if self.known_as and self.known_as != self.name:
            return f"{self.name} ({self.known_as})"
        return self.name

    def validate(self) -> None:
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError(_("A person needs a name."))
        _plausible_birth(self.date_of_birth, "The date of birth")
        for child in self.dependants.children:
            if not (child.name.strip() or child.note.strip()):
                raise ValidationError(
                    _("Each child in the household needs a name or a note (e.g. 'boy, about 8')."))
            _plausible_birth(child.date_of_birth, "A child's date of birth")
        for child in self.dependants.children_elsewhere:
            if not (child.name.strip() or child.note.strip()):
                raise ValidationError(
                    _("Each child living elsewhere needs a name or a note."))
            _plausible_birth(child.date_of_birth, "A child's date of birth")
        for adult in self.dependants.other_adults:
            if not (adult.name.strip() or adult.relationship.strip()):
                raise ValidationError(
                    _("Each other adult at risk needs a name or their relationship."))
        _not_future(self.dependants.children_referral_recorded_on,
                    "The children's services referral date")
        self._validate_capacity()
        self._validate_advocacy()
        if self.consent.status is not ConsentStatus.GIVEN and self.consent.lawful_basis \
                is not LawfulBasis.NONE and not self.consent.rationale.strip():
            raise ValidationError(
                _("Sharing without consent needs a rationale: say why it is necessary and "
                "proportionate."))
        _not_future(self.consent.recorded_on, "The consent date")
        for agency in self.agencies:
            if not agency.agency.strip():
                raise ValidationError(_("Each agency involved needs the agency's name."))
        _not_future(self.disengagement_shared_on, "The date the referrer was told")

    def _validate_capacity(self) -> None:
        c = self.capacity
        if c.outcome is not CapacityOutcome.NOT_ASSESSED and not c.considered:
            raise ValidationError(
                _("A capacity outcome is recorded: mark capacity as considered, with the date."))
        if c.considered and c.date is None:
            raise ValidationError(_("Say when capacity was considered (a tick is not sufficient)."))
        if c.outcome is not CapacityOutcome.NOT_ASSESSED and not c.by_whom.strip():
            raise ValidationError(_("Say who assessed capacity."))
        _not_future(c.date, "The capacity date")

    def _validate_advocacy(self) -> None:
        a = self.advocacy
        for ticked, on, what in ((a.considered, a.considered_on, "considered"),
                                 (a.offered, a.offered_on, "offered"),
                                 (a.accepted, a.accepted_on, "accepted")):
            if ticked and on is None:
                raise ValidationError(_('Say when advocacy was {what} (a tick is not sufficient).').format(what=what))
            _not_future(on, f"The date advocacy was {what}")
        _not_future(a.declined_on, "The date advocacy was declined")
        if a.accepted and not a.offered:
            raise ValidationError(_("Advocacy can only be accepted once it has been offered."))
        if a.accepted and a.offered_on and a.accepted_on and a.accepted_on < a.offered_on:
            raise ValidationError(_("Advocacy cannot be accepted before it was first offered."))


def _not_future(value: date | None, what: str) -> None:
    if value is not None and value > date.today():
        raise ValidationError(f"{what} cannot be in the future.")


#: dates of birth before this are typing mistakes (0001-01-01, 1066-…)
EARLIEST_BIRTH = date(1900, 1, 1)


def _plausible_birth(value: date | None, what: str) -> None:
    _not_future(value, what)
    if value is not None and value < EARLIEST_BIRTH:
        raise ValidationError(f"{what} cannot be before {EARLIEST_BIRTH.year}: check the year.")
