"""Escalation into the engagement-escalation procedure (Fife flow chart step 1) and the decision
that ends it (step 6: de-escalation).

Fife: the protocol is "initiated following a Multiple Report of Harm Inter-agency Referral
Discussion where the outcome is that the adult meets the 3 point criteria, there is risk of
serious harm, and the adult is unlikely to or has refused to engage ... and has capacity to do
so", "where there is/may be a public safety interest". The checklist's item 3 asks whether there
have been "2 or more IRD's": the IRDs are recorded one by one (date, outcome option) and counted,
never typed as a number. The case status *escalated* comes from this record, *de-escalated* from
the end decision: "defensible decision making is clearly recorded".
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _

#: Fife: the IRD outcome that initiates the Engagement Escalation Protocol
ESCALATION_IRD_OPTION = 3


@dataclass
class Ird:
    """One Inter-agency Referral Discussion and its outcome option (1, 2 or 3).

    Fife: "the adult must be made aware of the outcome of the multiple report of harm IRD:
    consideration of how this is achieved and who undertakes this exercise should have occurred
    during the … IRD" — so who told the adult, when and how, is recorded on the IRD."""
    date: date | None = None
    outcome_option: int = 0
    note: str = ""
    adult_told_on: date | None = None
    adult_told_by: str = ""
    adult_told_how: str = ""


@dataclass
class EscalationCriteria:
    three_point_test: bool = False          # meets the ASP (Scotland) Act 2007 3-point criteria
    serious_harm: bool = False              # at risk of serious harm
    declined_or_disguised: bool = False     # declined / likely to decline, or disguised compliance
    capacity_to_decline: bool = False       # has capacity to decline support and protection
    public_safety: bool = False             # there is / may be a public safety interest

    LABELS = (
        ("three_point_test", "Meets the 3-point test (adult at risk)"),
        ("serious_harm", "At risk of serious harm"),
        ("declined_or_disguised",
         "Has declined or is likely to decline intervention, or disguised compliance"),
        ("capacity_to_decline", "Has capacity to decline support and protection"),
        ("public_safety", "There is / may be a public safety interest"),
    )
    REQUIRED = ("three_point_test", "serious_harm", "declined_or_disguised",
                "capacity_to_decline")

    def missing(self) -> list[str]:
        labels = dict(self.LABELS)
        return [labels[k] for k in self.REQUIRED if not getattr(self, k)]

    def met(self) -> list[str]:
        return [label for k, label in self.LABELS if getattr(self, k)]


@dataclass(kw_only=True)
class Escalation(Record):
    ENTITY = "escalation"

    person_id: str
    escalated_on: date
    escalated_by: str
    agency: str = ""
    criteria: EscalationCriteria = field(default_factory=EscalationCriteria)
    irds: list[Ird] = field(default_factory=list)
    rationale: str = ""
    meeting_id: str = ""

    @property
    def ird_count(self) -> int:
        return len([i for i in self.irds if i.date])

    @property
    def adult_not_told(self) -> list[Ird]:
        """The IRDs that initiated the escalation (option 3) whose outcome the adult has not
        been told yet."""
        return [i for i in self.irds
                if i.outcome_option == ESCALATION_IRD_OPTION and i.adult_told_on is None]

    @property
    def two_or_more_irds(self) -> bool:
        return self.ird_count >= 2

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("An escalation must belong to a person."))
        if not isinstance(self.escalated_on, date):
            raise ValidationError(_("Give the date the case was escalated."))
        if not self.escalated_by.strip():
            raise ValidationError(_("Say who escalated the case."))
        missing = self.criteria.missing()
        if missing:
            raise ValidationError(
                "The case can be escalated only when the criteria are met. Not confirmed: "
                + "; ".join(missing) + ".")
        for i, ird in enumerate(self.irds, start=1):
            if ird.date is None:
                raise ValidationError(_('IRD {i}: give the date of the discussion.').format(i=i))
            if ird.outcome_option not in (1, 2, 3):
                raise ValidationError(_('IRD {i}: give its outcome option (1, 2 or 3).').format(i=i))
            if ird.date > self.escalated_on:
                raise ValidationError(_('IRD {i} is dated after the escalation.').format(i=i))
            if ird.adult_told_on is not None:
                if ird.adult_told_on < ird.date:
                    raise ValidationError(_('IRD {i}: the adult cannot have been told its outcome before it took place.').format(i=i))
                if not ird.adult_told_by.strip():
                    raise ValidationError(_('IRD {i}: say who told the adult the outcome.').format(i=i))
            elif ird.adult_told_by.strip() or ird.adult_told_how.strip():
                raise ValidationError(_('IRD {i}: give the date the adult was told the outcome.').format(i=i))
        if not self.irds:
            raise ValidationError(
                _("Record the Inter-agency Referral Discussion(s) that led to the escalation "
                "(date and outcome option)."))
        if not any(i.outcome_option == ESCALATION_IRD_OPTION for i in self.irds):
            raise ValidationError(
                _("The protocol is initiated by an IRD whose outcome is option 3: record it."))


class DeescalationBasis(enum.Enum):
    RISK_REDUCED = "risk_reduced"
    NO_FURTHER_ACTION = "no_further_action"

    @property
    def label(self) -> str:
        label = {"risk_reduced": "Consensus that the risk has reduced",
                 "no_further_action": "No further action"}[self.value]
        return _(label)


@dataclass(kw_only=True)
class Deescalation(Record):
    """The end of the escalation process (Fife step 6, criteria for success 1-3)."""
    ENTITY = "deescalation"

    person_id: str
    decided_on: date
    decided_by: str
    basis: DeescalationBasis = DeescalationBasis.RISK_REDUCED
    decision: str = ""
    rationale: str = ""
    consensus: bool = False          # every agency at the meeting agreed
    continuing_support: str = ""     # "standard" ASP, who keeps links with the adult
    meeting_id: str = ""

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A de-escalation must belong to a person."))
        if not isinstance(self.decided_on, date):
            raise ValidationError(_("Give the date of the decision."))
        if not self.decided_by.strip():
            raise ValidationError(_("Say who made the decision."))
        if not isinstance(self.basis, DeescalationBasis):
            raise ValidationError(_("Say whether the risk has reduced or no further action."))
        if not self.decision.strip():
            raise ValidationError(_("Say what was decided."))
        if not self.rationale.strip():
            raise ValidationError(
                _("Record the rationale: defensible decision making must be clearly recorded."))
        if not self.consensus:
            raise ValidationError(
                _("The protocol ends only by consensus. Where there is none, the process "
                "continues: record a professional disagreement and follow the dispute "
                "resolution route."))
