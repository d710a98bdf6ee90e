"""Hostility carried forward (South Lanarkshire; Pan-Dorset "hostile or violent contacts").

Staff-safety incidents on visits and recorded disengagement patterns are offered into the risk
assessment's stage 2 (``hostility_entries``), so the next assessment does not start blind. A
worrying visit — a risk noticed, or what was observed and what the adult reported disagree —
prompts "consider raising an adult safeguarding concern" until a referral to adult safeguarding
or a recorded decision (``ConcernDecision``) answers it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.record import Record, ValidationError
from desktop.domain.risk import DomainEntry, RiskDomain
from desktop.i18n import _, ngettext  # noqa: F401


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.astimezone().date()
    return value


def hostility_entries(visits, patterns, attempts=(), existing=()) -> list[DomainEntry]:
    """Stage 2 entries for incidents and patterns not already in the assessment."""
    at = {a.id: a.at for a in attempts}
    have = {(e.date, " ".join(e.detail.split())) for e in existing}
    out = []
    for v in visits:
        if v.deleted or v.incident is None:
            continue
        kinds = ", ".join(k.label.lower() for k in v.incident.kinds) or "incident"
        detail = f"Staff-safety incident on a visit ({kinds}): {v.incident.description}".strip()
        when = _day(at.get(v.attempt_id) or v.created_at)
        entry = DomainEntry(domain=RiskDomain.VIOLENT_OFFENCES if any(
            k.value == "violence" for k in v.incident.kinds) else RiskDomain.OTHER,
            date=when, agency="", detail=detail)
        if (entry.date, " ".join(entry.detail.split())) not in have:
            out.append(entry)
    for p in patterns:
        if p.deleted:
            continue
        for ex in p.examples or ():
            detail = f"Disengagement pattern: {p.kind.label}" + (
                f" — {ex.text}" if ex.text.strip() else "")
            entry = DomainEntry(domain=RiskDomain.OTHER, date=ex.on_date or _day(p.created_at),
                                agency="", detail=detail)
            if (entry.date, " ".join(entry.detail.split())) not in have:
                out.append(entry)
    return out


def worrying(visit) -> bool:
    return not visit.deleted and bool(visit.risks_noticed.strip() or visit.mismatch)


@dataclass(kw_only=True)
class ConcernDecision(Record):
    """The decision about raising an adult safeguarding concern after a worrying visit."""
    ENTITY = "concern_decision"

    person_id: str
    visit_id: str = ""
    decided_on: date
    decided_by: str
    raise_concern: bool = False
    rationale: str = ""

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A decision must belong to a person."))
        if not isinstance(self.decided_on, date) or not self.decided_by.strip():
            raise ValidationError(_("Give the date of the decision and who made it."))
        if not self.rationale.strip():
            raise ValidationError(_("Record the rationale for the decision."))
