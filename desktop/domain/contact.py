"""Contact attempts: every try to reach the adult, successful or not."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


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
        return _(METHOD_LABELS[self])


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
    LETTER_SENT = "letter_sent"
    MESSAGE_SENT_NO_REPLY = "message_sent_no_reply"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(OUTCOME_LABELS[self])

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
    ContactOutcome.LETTER_SENT: "Letter sent",
    ContactOutcome.MESSAGE_SENT_NO_REPLY: "Message sent, no reply yet",
    ContactOutcome.OTHER: "Other",
}

#: methods that go one way: nobody answers the door to a letter
ONE_WAY_METHODS = (ContactMethod.LETTER, ContactMethod.TEXT, ContactMethod.EMAIL,
                   ContactMethod.SOCIAL_MEDIA)
#: outcomes that claim a doorstep, a ringing phone or an appointment: not honest for a method
#: that goes one way (a reply to a letter or a text is recorded as the adult engaging)
_TWO_WAY_OUTCOMES = (ContactOutcome.NO_ANSWER, ContactOutcome.NOT_AT_HOME,
                     ContactOutcome.ACCESS_REFUSED_BY_ADULT,
                     ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY,
                     ContactOutcome.DID_NOT_ATTEND)


def outcomes_for(method: ContactMethod) -> list[ContactOutcome]:
    """The outcomes that can honestly follow a method, most likely first."""
    replied = [ContactOutcome.SEEN_ENGAGED, ContactOutcome.SEEN_DECLINED,
               ContactOutcome.CANCELLED]
    if method is ContactMethod.LETTER:
        return [ContactOutcome.LETTER_SENT, *replied, ContactOutcome.OTHER]
    if method in ONE_WAY_METHODS:
        return [ContactOutcome.MESSAGE_SENT_NO_REPLY, ContactOutcome.SAFE_MESSAGE_LEFT,
                *replied, ContactOutcome.OTHER]
    return [o for o in ContactOutcome
            if o not in (ContactOutcome.LETTER_SENT, ContactOutcome.MESSAGE_SENT_NO_REPLY)]


def dishonest_outcome(method: ContactMethod, outcome: ContactOutcome) -> str:
    """Why an outcome does not fit a method ("" when it does)."""
    if outcome in outcomes_for(method):
        return ""
    if method in ONE_WAY_METHODS and outcome in _TWO_WAY_OUTCOMES:
        honest = ", ".join(f"'{o.label}'" for o in outcomes_for(method))
        return (f"'{outcome.label}' does not fit a {method.label.lower()}: it goes one way. "
                f"Use {honest}.")
    return (f"'{outcome.label}' is for a {('letter' if outcome is ContactOutcome.LETTER_SENT else 'message')}, "
            f"not a {method.label.lower()}.")


#: an attempt is logged when it happens (a clock a little ahead is tolerated)
MAX_AHEAD = timedelta(days=1)
EARLIEST_YEAR = 1900


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
    #: set by a correction after the undo window: why the values were changed (the original
    #: stays in history; the chronology and the PDFs mark the entry "corrected")
    correction_reason: str = ""
    corrected_at: datetime | None = None

    @property
    def corrected(self) -> bool:
        return bool(self.correction_reason)

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A contact attempt must belong to a person."))
        if self.at is None or self.at.tzinfo is None:
            raise ValidationError(_("A contact attempt needs a date and time."))
        if self.at > datetime.now(timezone.utc) + MAX_AHEAD:
            raise ValidationError(_("A contact attempt cannot be more than a day in the future: "
                                  "check the date and time."))
        if self.at.year < EARLIEST_YEAR:
            raise ValidationError(_('A contact attempt cannot be before {EARLIEST_YEAR}: check the date.').format(EARLIEST_YEAR=EARLIEST_YEAR))
        if self.next_planned_at is not None and self.next_planned_at < self.at:
            raise ValidationError(_("The next planned attempt must be after this one."))


SEEN_OUTCOMES = tuple(o.value for o in ContactOutcome if o.seen)
