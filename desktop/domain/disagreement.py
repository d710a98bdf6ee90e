"""Professional disagreement, escalation to the Safeguarding Adults Board, and one agency
ending its own involvement.

South Lanarkshire: "Where professional disagreement arises, practitioners should follow their
agencies own escalation protocols. At no time must professional disagreement detract from
ensuring that an adult is protected." Fife: where there is no consensus the process "should
continue, while reference to the ASPC Dispute Resolution Protocol is pursued". Nottingham s.11:
"If an agency has fulfilled their support and has to close the case they must inform other
agencies ... by either informing the lead agency ... or inform all agencies that were involved."
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class DisagreementRoute(enum.Enum):
    DISCUSSION = "discussion"
    LINE_MANAGERS = "line_managers"
    AGENCY_ESCALATION = "agency_escalation"
    DISPUTE_RESOLUTION = "dispute_resolution"
    SAFEGUARDING_ADULTS_BOARD = "safeguarding_adults_board"

    @property
    def label(self) -> str:
        label = {"discussion": "Discussion between the practitioners",
                "line_managers": "Line managers",
                "agency_escalation": "The agencies' own escalation protocols",
                "dispute_resolution": "Dispute resolution protocol",
                "safeguarding_adults_board": "Safeguarding Adults Board"}[self.value]
        return _(label)


@dataclass(kw_only=True)
class ProfessionalDisagreement(Record):
    ENTITY = "professional_disagreement"

    person_id: str
    raised_on: date
    raised_by: str
    agency: str
    about: str
    route: DisagreementRoute = DisagreementRoute.DISCUSSION
    outcome: str = ""
    resolved_on: date | None = None
    sab_escalated_on: date | None = None     # escalated to the Safeguarding Adults Board
    sab_reference: str = ""
    #: how the adult stays protected meanwhile ("the procedure continues")
    meanwhile: str = ""

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A disagreement must belong to a person."))
        if not isinstance(self.raised_on, date):
            raise ValidationError(_("Give the date the disagreement was raised."))
        if not (self.raised_by.strip() and self.agency.strip()):
            raise ValidationError(_("Say who raised the disagreement and their agency."))
        if not self.about.strip():
            raise ValidationError(_("Say what the disagreement is about."))
        if self.resolved_on is not None:
            if not self.outcome.strip():
                raise ValidationError(_("A resolved disagreement needs its outcome."))
            if self.resolved_on < self.raised_on:
                raise ValidationError(_("It cannot be resolved before it was raised."))
        if self.sab_escalated_on is not None:
            if self.sab_escalated_on < self.raised_on:
                raise ValidationError(
                    _("It cannot be escalated to the Safeguarding Adults Board before it was "
                    "raised."))
            self.route = DisagreementRoute.SAFEGUARDING_ADULTS_BOARD


@dataclass
class Informed:
    agency: str = ""
    on: date | None = None
    how: str = ""


@dataclass(kw_only=True)
class AgencyWithdrawal(Record):
    """One agency ends its own involvement and informs the others (Nottingham s.11)."""
    ENTITY = "agency_withdrawal"

    person_id: str
    agency: str
    worker: str = ""
    withdrawn_on: date
    reason: str = ""
    ongoing_support: str = ""       # what support continues, agreed by the relevant agencies
    informed: list[Informed] = field(default_factory=list)

    @property
    def informed_complete(self) -> bool:
        return any(i.agency.strip() and i.on for i in self.informed)

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A withdrawal must belong to a person."))
        if not self.agency.strip():
            raise ValidationError(_("Name the agency ending its involvement."))
        if not isinstance(self.withdrawn_on, date):
            raise ValidationError(_("Give the date the agency ends its involvement."))
        if not self.reason.strip():
            raise ValidationError(_("Give the reason the agency is ending its involvement."))
        for i, x in enumerate(self.informed, start=1):
            if not (x.agency.strip() and x.on):
                raise ValidationError(_('Informed {i}: give the agency and the date.').format(i=i))
