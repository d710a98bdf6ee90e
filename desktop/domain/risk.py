"""The multi-agency risk assessment (Oxfordshire Appendix A stages 1-5 and the Appendix B
recording sheet; Nottingham Appendix A).

Assessments are versioned: each new one starts as a copy of the last (``next_version``) and
keeps a link to it, so the group can see how the picture changed between meetings.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import date

from desktop.domain.ids import new_id
from desktop.domain.person import ConsentStatus
from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class RiskDomain(enum.Enum):
    """Oxfordshire Appendix A, stage 2: the 8 risk domains."""
    DOMESTIC_ABUSE = "domestic_abuse"
    SUBSTANCE = "drugs_alcohol_substance"
    MENTAL_HEALTH = "mental_health"
    MISSING_PERSON = "missing_person"
    VIOLENT_OFFENCES = "violent_offences"
    CRIMINAL_BEHAVIOUR = "criminal_behaviour"
    CARERS_SIGNIFICANT_ADULTS = "behaviours_of_concern_carers"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(DOMAIN_LABELS[self][0])

    @property
    def hint(self) -> str:
        return DOMAIN_LABELS[self][1]

    @property
    def number(self) -> int:
        return list(RiskDomain).index(self) + 1


DOMAIN_LABELS = {
    RiskDomain.DOMESTIC_ABUSE: ("Domestic abuse", ""),
    RiskDomain.SUBSTANCE: ("Drugs / alcohol / substance", ""),
    RiskDomain.MENTAL_HEALTH: ("Mental health", "vulnerability of subject / others"),
    RiskDomain.MISSING_PERSON: ("Missing person", ""),
    RiskDomain.VIOLENT_OFFENCES: ("Violent offences", ""),
    RiskDomain.CRIMINAL_BEHAVIOUR: ("Criminal behaviour", ""),
    RiskDomain.CARERS_SIGNIFICANT_ADULTS: (
        "Behaviours of concern – carers / significant adults",
        "consider: manipulation, coercive control, exploitation, deceit"),
    RiskDomain.OTHER: ("Other concerns",
                       "not included above; consider harmful traditional practices, "
                       "isolation, trafficking"),
}


class Rara(enum.Enum):
    """Stage 4 control measures: Reduce, Avoid, Remove, Accept (the risk)."""
    REDUCE = "reduce"
    AVOID = "avoid"
    REMOVE = "remove"
    ACCEPT = "accept"

    @property
    def label(self) -> str:
        return _(self.value.capitalize())


class RiskLevel(enum.Enum):
    NOT_SET = "not_set"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def label(self) -> str:
        return _("Not set" if self is RiskLevel.NOT_SET else
                 self.value.replace("_", " ").capitalize())


@dataclass
class DomainEntry:
    """Stage 2: one incident or episode, filed under the most appropriate risk domain."""
    domain: RiskDomain = RiskDomain.OTHER
    date: date | None = None
    agency: str = ""
    detail: str = ""


@dataclass
class RiskRow:
    """Stage 4 / Appendix B: one risk, its RARA choice and the action it needs."""
    risk: str = ""                  # what is the risk?
    risk_to_person: str = ""        # consider the risk to the person …
    risk_to_others: str = ""        # … AND to others
    rara: Rara | None = None
    rationale: str = ""             # why this choice; required to accept a risk
    in_place: str = ""              # what is already in place / action already taken
    barriers: str = ""              # barriers to removing the risk
    action_needed: str = ""
    by_whom: str = ""
    by_when: date | None = None

    def validate(self, n: int) -> None:
        name = f"Risk {n}" + (f" ('{_short(self.risk)}')" if self.risk.strip() else "")
        if not self.risk.strip():
            raise ValidationError(f"{name}: say what the risk is.")
        if not (self.risk_to_person.strip() or self.risk_to_others.strip()):
            raise ValidationError(
                f"{name}: describe the risk to the person, to others, or both.")
        if not isinstance(self.rara, Rara):
            raise ValidationError(
                f"{name}: choose how the risk is managed: Reduce, Avoid, Remove or Accept.")
        if self.rara is Rara.ACCEPT and not self.rationale.strip():
            raise ValidationError(
                f"{name}: accepting a risk is a decision; record why it is accepted.")
        if self.action_needed.strip() and not (self.by_whom.strip() and self.by_when):
            raise ValidationError(f"{name}: an action needs a named lead (by whom) and a date "
                                  "(by when).")


@dataclass
class SupervisoryReview:
    """Stage 5: information shared must be lawful — necessary, proportionate, relevant (NPR)."""
    reviewer: str = ""
    date: date | None = None
    npr_confirmed: bool = False
    intelligence_gaps: str = ""     # professional judgement: gaps signposted
    comments: str = ""

    @property
    def done(self) -> bool:
        return bool(self.reviewer.strip() and self.date)

    def validate(self) -> None:
        started = self.npr_confirmed or self.intelligence_gaps.strip() or self.comments.strip()
        if (started or self.reviewer.strip() or self.date) and not self.done:
            raise ValidationError(
                _("The supervisory review needs the reviewer's name and the date of the review."))


@dataclass
class RiskNotice:
    """Who was told about the risk, and when (South Lanarkshire: staff safety)."""
    who: str = ""
    agency: str = ""
    told_on: date | None = None
    how: str = ""


@dataclass(kw_only=True)
class RiskAssessment(Record):
    ENTITY = "risk_assessment"

    person_id: str
    version_no: int = 1
    previous_id: str = ""
    assessed_on: date | None = None
    assessed_by: str = ""
    agencies_involved: list[str] = field(default_factory=list)
    # stage 1: circumstances leading to the enquiry, and whether consent has been obtained
    circumstances: str = ""
    consent: ConsentStatus = ConsentStatus.NOT_SOUGHT
    consent_note: str = ""
    # stage 2: entries under the 8 risk domains
    entries: list[DomainEntry] = field(default_factory=list)
    # stage 3: summary and assessment of risk
    summary: str = ""
    level: RiskLevel = RiskLevel.NOT_SET
    # stage 4: evaluation of harm and control measures (RARA)
    risks: list[RiskRow] = field(default_factory=list)
    # stage 5: supervisory review
    review: SupervisoryReview = field(default_factory=SupervisoryReview)
    #: who was told about the risk and when
    told: list[RiskNotice] = field(default_factory=list)

    def entries_newest_first(self, domain: RiskDomain | None = None) -> list[DomainEntry]:
        """Stage 2 order: last incident / episode first; undated entries at the end."""
        chosen = [e for e in self.entries if domain is None or e.domain is domain]
        dated = sorted((e for e in chosen if e.date), key=lambda e: e.date, reverse=True)
        return dated + [e for e in chosen if not e.date]

    def by_domain(self) -> dict[RiskDomain, list[DomainEntry]]:
        """Every domain (in the procedure's order) with its entries, newest first."""
        return {d: self.entries_newest_first(d) for d in RiskDomain}

    def next_version(self, **changes) -> "RiskAssessment":
        """A new, unsaved assessment that starts from this one. The supervisory review is not
        carried over: each version needs its own."""
        copy = replace(
            self, id=new_id(), version_no=self.version_no + 1, previous_id=self.id,
            created_at=None, created_by="", updated_at=None, updated_by="", origin_device="",
            deleted=False, version="", assessed_on=None, assessed_by="",
            review=SupervisoryReview(),
            entries=[replace(e) for e in self.entries],
            risks=[replace(r) for r in self.risks],
            agencies_involved=list(self.agencies_involved),
            told=[replace(t) for t in self.told])
        return replace(copy, **changes) if changes else copy

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A risk assessment must belong to a person."))
        if self.version_no < 1:
            raise ValidationError(_("The version number starts at 1."))
        if self.version_no > 1 and not self.previous_id:
            raise ValidationError(_("A later version must say which version it follows."))
        if self.consent is ConsentStatus.REFUSED and not self.consent_note.strip():
            raise ValidationError(
                _("Stage 1: consent was refused; record the rationale for sharing without it."))
        for i, e in enumerate(self.entries, start=1):
            if not isinstance(e.domain, RiskDomain):
                raise ValidationError(_('Stage 2 entry {i}: choose one of the 8 risk domains.').format(i=i))
            if not e.detail.strip():
                raise ValidationError(
                    _('Stage 2 entry {i} ({value}): describe the incident or episode.').format(i=i, value=e.domain.label))
        for i, row in enumerate(self.risks, start=1):
            row.validate(i)
        self.review.validate()
        for i, t in enumerate(self.told, start=1):
            if not (t.who.strip() and t.told_on):
                raise ValidationError(_('Told about the risk {i}: give who was told and when.').format(i=i))


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
