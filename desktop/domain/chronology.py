"""The inter-agency chronology: significant events from every agency, in date order.

Entries typed here are for events the app does not already hold (another agency's report of
harm, an incident the police attended). Attempts, visits, meetings and referrals are merged in
by the store's chronology query without retyping; ``ChronologyRow`` is one line of that merged
view.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class ChronologyKind(enum.Enum):
    REPORT_OF_HARM = "report_of_harm"
    ATTEMPT = "attempt"
    VISIT = "visit"
    MEETING = "meeting"
    REFERRAL = "referral"
    INCIDENT = "incident"
    DECISION = "decision"       # escalation, de-escalation, supervision sign-off, closure …
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {
    ChronologyKind.REPORT_OF_HARM: "Report of harm",
    ChronologyKind.ATTEMPT: "Contact attempt",
    ChronologyKind.VISIT: "Visit",
    ChronologyKind.MEETING: "Meeting",
    ChronologyKind.REFERRAL: "Referral",
    ChronologyKind.INCIDENT: "Incident",
    ChronologyKind.DECISION: "Decision",
    ChronologyKind.OTHER: "Other",
}


@dataclass(kw_only=True)
class ChronologyEntry(Record):
    ENTITY = "chronology_entry"
    APPEND_ONLY = True

    person_id: str
    event_date: date
    agency: str
    worker: str = ""
    kind: ChronologyKind = ChronologyKind.OTHER
    summary: str
    significance: str = ""          # why it matters: impact on the adult, risk, engagement

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A chronology entry must belong to a person."))
        if not isinstance(self.event_date, date):
            raise ValidationError(_("A chronology entry needs the date of the event."))
        if self.event_date > date.today():
            raise ValidationError(_("A chronology entry records what has happened: the date "
                                  "cannot be in the future."))
        if not self.agency.strip():
            raise ValidationError(_("Say which agency the entry is from."))
        if not self.summary.strip():
            raise ValidationError(_("Summarise what happened."))


@dataclass(frozen=True)
class ChronologyRow:
    """One line of the merged chronology, whatever record it came from."""
    date: date
    at: datetime | None             # the time, when the source record has one
    agency: str
    worker: str
    kind: ChronologyKind
    summary: str
    significance: str
    source: str                     # the source record's entity, e.g. "contact_attempt"
    record_id: str

    @property
    def sort_key(self) -> tuple:
        return (self.date, self.at is not None, self.at or datetime.min, self.record_id)

    def to_json(self) -> dict:
        return {"date": self.date.isoformat(), "at": self.at.isoformat() if self.at else None,
                "agency": self.agency, "worker": self.worker, "kind": self.kind.value,
                "summary": self.summary, "significance": self.significance,
                "source": self.source, "record_id": self.record_id}
