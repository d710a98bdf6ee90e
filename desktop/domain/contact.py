"""Contact attempts: every try to reach the adult, successful or not."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from desktop.domain.record import Record, ValidationError


class ContactMethod(enum.Enum):
    HOME_VISIT = "home_visit"
    JOINT_VISIT = "joint_visit"
    PHONE = "phone"
    TEXT = "text"
    LETTER = "letter"
    EMAIL = "email"
    SOCIAL_MEDIA = "social_media"
    VIA_TRUSTED_WORKER = "via_trusted_worker"
    DROP_IN_OUTREACH = "drop_in_outreach"
    OTHER = "other"

    @property
    def label(self) -> str:
        return METHOD_LABELS[self]


METHOD_LABELS = {
    ContactMethod.HOME_VISIT: "Home visit",
    ContactMethod.JOINT_VISIT: "Joint visit",
    ContactMethod.PHONE: "Phone call",
    ContactMethod.TEXT: "Text message",
    ContactMethod.LETTER: "Letter",
    ContactMethod.EMAIL: "Email",
    ContactMethod.SOCIAL_MEDIA: "Social media",
    ContactMethod.VIA_TRUSTED_WORKER: "Via a trusted worker",
    ContactMethod.DROP_IN_OUTREACH: "Drop-in / outreach",
    ContactMethod.OTHER: "Other",
}


class ContactOutcome(enum.Enum):
    SEEN_ENGAGED = "seen_engaged"
    SEEN_DECLINED = "seen_declined"
    NO_ANSWER = "no_answer"
    NOT_AT_HOME = "not_at_home"
    ACCESS_REFUSED_BY_ADULT = "access_refused_by_adult"
    ACCESS_REFUSED_BY_THIRD_PARTY = "access_refused_by_third_party"
    CANCELLED = "cancelled"
    DID_NOT_ATTEND = "did_not_attend"
    SAFE_MESSAGE_LEFT = "safe_message_left"
    OTHER = "other"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]

    @property
    def met_in_person(self) -> bool:
        """The worker met someone at the door or in the home: the adult, or a carer or third
        party who refused access. Such a contact can carry visit details (what was observed,
        a staff-safety incident)."""
        return self.seen or self in (ContactOutcome.ACCESS_REFUSED_BY_ADULT,
                                     ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY)

    @property
    def seen(self) -> bool:
        """The adult was seen, whether or not they engaged: this ends a run of unsuccessful
        attempts and resets the "unseen" clock."""
        return self in (ContactOutcome.SEEN_ENGAGED, ContactOutcome.SEEN_DECLINED)


OUTCOME_LABELS = {
    ContactOutcome.SEEN_ENGAGED: "Seen and engaged",
    ContactOutcome.SEEN_DECLINED: "Seen, declined",
    ContactOutcome.NO_ANSWER: "No answer",
    ContactOutcome.NOT_AT_HOME: "Not at home",
    ContactOutcome.ACCESS_REFUSED_BY_ADULT: "Access refused by the adult",
    ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY: "Access refused by a carer or third party",
    ContactOutcome.CANCELLED: "Cancelled",
    ContactOutcome.DID_NOT_ATTEND: "Did not attend / was not brought",
    ContactOutcome.SAFE_MESSAGE_LEFT: "Safe message left",
    ContactOutcome.OTHER: "Other",
}


@dataclass(kw_only=True)
class ContactAttempt(Record):
    ENTITY = "contact_attempt"
    APPEND_ONLY = True

    person_id: str
    at: datetime
    worker: str = ""
    method: ContactMethod = ContactMethod.HOME_VISIT
    outcome: ContactOutcome = ContactOutcome.NO_ANSWER
    note: str = ""
    next_planned_at: datetime | None = None
    advocacy_offered: bool = False

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError("A contact attempt must belong to a person.")
        if self.at is None or self.at.tzinfo is None:
            raise ValidationError("A contact attempt needs a date and time.")
        if self.next_planned_at is not None and self.next_planned_at < self.at:
            raise ValidationError("The next planned attempt must be after this one.")


SEEN_OUTCOMES = tuple(o.value for o in ContactOutcome if o.seen)
