"""Barriers to engagement (Nottingham s.6, plus trauma, neurodivergence, language and practical
barriers from South Lanarkshire and Dorset) and the ways an adult disengages (South Lanarkshire's
five types)."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class BarrierCategory(enum.Enum):
    # Nottingham City framework, section 6
    SYSTEMS = "systems"
    PERCEIVED_IDEAS = "perceived_ideas"
    FEAR_OF_AGENCY = "fear_of_agency"
    NOT_SEEN_AS_PROBLEM = "not_seen_as_problem"
    SERVICES_NOT_COMMISSIONED = "services_not_commissioned"
    CONTROL_AND_COERCION = "control_and_coercion"
    FEAR_OF_OTHERS = "fear_of_others"
    STAFF_UNAWARE = "staff_unaware"
    # South Lanarkshire (trauma, neurodivergence) and Dorset (communication; access)
    TRAUMA = "trauma"
    NEURODIVERGENCE = "neurodivergence"
    LANGUAGE_COMMUNICATION = "language_communication"
    MOBILITY_FINANCIAL_GEOGRAPHIC = "mobility_financial_geographic"

    @property
    def label(self) -> str:
        return _(BARRIER_TEXT[self][0])

    @property
    def hint(self) -> str:
        return BARRIER_TEXT[self][1]


BARRIER_TEXT = {
    BarrierCategory.SYSTEMS: (
        "Systems", "The way an agency makes contact, e.g. letters the person will not open, "
        "time-limited support, 'did not attend' policies."),
    BarrierCategory.PERCEIVED_IDEAS: (
        "Perceived ideas about the agency", "Failed interactions before, word of mouth, not "
        "knowing what the agency can do."),
    BarrierCategory.FEAR_OF_AGENCY: (
        "Threat or fear of agency involvement", "Fear of the consequences for the person or "
        "their family, e.g. children removed, a charge for the offender."),
    BarrierCategory.NOT_SEEN_AS_PROBLEM: (
        "Does not see the concern as a problem", "A lifestyle choice, or not a priority now."),
    BarrierCategory.SERVICES_NOT_COMMISSIONED: (
        "Services not commissioned / thresholds", "Services cannot meet the person's needs; "
        "thresholds too complicated; location and accessibility."),
    BarrierCategory.CONTROL_AND_COERCION: (
        "Control and coercion by another person", "Domestic abuse, modern slavery, gangs; "
        "isolation, exploitation, intimidation."),
    BarrierCategory.FEAR_OF_OTHERS: (
        "Fear of consequences from others", "Threats from gang members, the wider community, "
        "family members or the perpetrator."),
    BarrierCategory.STAFF_UNAWARE: (
        "Staff unaware of process", "Staff unclear about processes, information sharing or "
        "the trauma the person experienced; training needed."),
    BarrierCategory.TRAUMA: (
        "Trauma", "Earlier harm, loss or bereavement shaping how the person responds to offers "
        "of support."),
    BarrierCategory.NEURODIVERGENCE: (
        "Neurodivergence", "Differences in communication, sensory processing or social "
        "interaction: the approach may not meet the person's needs."),
    BarrierCategory.LANGUAGE_COMMUNICATION: (
        "Language or communication", "English not comfortable; reading difficult; technical "
        "vocabulary."),
    BarrierCategory.MOBILITY_FINANCIAL_GEOGRAPHIC: (
        "Mobility, financial or geographic", "Travel cost and time, disability, distance to "
        "the service."),
}


class DisengagementKind(enum.Enum):
    """South Lanarkshire: the ways adults disengage from services."""
    NOT_ENABLING_CONTACT = "not_enabling_contact"
    ACTIVE_NON_COMPLIANCE = "active_non_compliance"
    DISGUISED_COMPLIANCE = "disguised_compliance"
    THREATS_OR_INTIMIDATION = "threats_or_intimidation"
    ONLINE_BEHAVIOURS = "online_behaviours"

    @property
    def label(self) -> str:
        return _(PATTERN_TEXT[self][0])

    @property
    def hint(self) -> str:
        return PATTERN_TEXT[self][1]


PATTERN_TEXT = {
    DisengagementKind.NOT_ENABLING_CONTACT: (
        "Not enabling necessary contact", "Missing or cancelling appointments, or a carer "
        "refusing access to the adult."),
    DisengagementKind.ACTIVE_NON_COMPLIANCE: (
        "Active non-compliance", "The adult or carer actively preventing change or not "
        "carrying out the protection plan."),
    DisengagementKind.DISGUISED_COMPLIANCE: (
        "Disguised compliance", "Appearing to co-operate without carrying out actions or "
        "letting them work."),
    DisengagementKind.THREATS_OR_INTIMIDATION: (
        "Threats of violence or intimidation", "Inappropriately challenging professionals, "
        "provoking arguments, threatened or actual violence."),
    DisengagementKind.ONLINE_BEHAVIOURS: (
        "Online behaviours", "Practitioners filmed, covertly or knowingly, during visits."),
}


@dataclass(kw_only=True)
class Barrier(Record):
    ENTITY = "barrier"

    person_id: str
    category: BarrierCategory
    note: str = ""                  # what the barrier is for this person
    strategy_tried: str = ""
    what_happened: str = ""
    noted_on: date | None = None
    resolved: bool = False

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A barrier must belong to a person."))
        if not isinstance(self.category, BarrierCategory):
            raise ValidationError(_("Choose a barrier category."))
        if not self.note.strip():
            raise ValidationError(
                _('Describe the barrier for this person ({value}).').format(value=self.category.label.lower()))
        if self.what_happened.strip() and not self.strategy_tried.strip():
            raise ValidationError(_("Say which strategy was tried before recording what happened."))
        if self.noted_on is not None and self.noted_on > date.today():
            raise ValidationError(_("The date noted cannot be in the future."))


@dataclass
class PatternExample:
    on_date: date | None = None
    text: str = ""


@dataclass(kw_only=True)
class DisengagementPattern(Record):
    ENTITY = "disengagement_pattern"

    person_id: str
    kind: DisengagementKind
    examples: list[PatternExample] = field(default_factory=list)
    note: str = ""

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A disengagement pattern must belong to a person."))
        if not isinstance(self.kind, DisengagementKind):
            raise ValidationError(_("Choose how the adult disengages."))
        self.examples = [e for e in self.examples if e.text.strip() or e.on_date]
        if not self.examples:
            raise ValidationError(
                _('Give at least one example of {value}: what happened and when.').format(value=self.kind.label.lower()))
        for e in self.examples:
            if not e.text.strip():
                raise ValidationError(_("Each example needs a description of what happened."))
            if e.on_date is not None and e.on_date > date.today():
                raise ValidationError(_("An example cannot be dated in the future."))
