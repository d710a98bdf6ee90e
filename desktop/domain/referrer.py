"""The referral that brought the adult to the lead agency, and keeping its referrer informed
(Pan-Dorset "Working Harder to Engage").

An effective referral holds "a description of the services provided to date and how the service
user has engaged", "evidence to support the analysis of the needs", "expected outcomes",
"expectations with regard to feedback", the risks "and factors that might aggravate these
risks", "any information that leads the referring agency to suspect the service user might be
hostile or violent", "triggers and ways of managing conflict" and the strategies used to
overcome difficulties with engagement. The receiving agency "certainly should" alert the
referrer "if the service user shows signs of beginning to disengage" and notify them "if the
referral case is closed through lack of engagement, including engagement/re-engagement
strategies tried".
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class ReferrerUpdateReason(enum.Enum):
    """Why the referrer was told. ``invitation``: Pan-Dorset's receiving agency makes "an
    appropriate and personal invitation to the service user to the first session" and copies
    in the referrer (``how``: a welcoming letter, a phone call, via a trusted worker)."""
    DISENGAGING = "disengaging"
    CLOSURE = "closure"
    PROGRESS = "progress"
    INVITATION = "invitation"

    @property
    def label(self) -> str:
        label = {"invitation": "Copied in on the invitation to the first session",
                 "disengaging": "Beginning to disengage", "closure": "Case closed",
                 "progress": "Progress update"}[self.value]
        return _(label)


@dataclass
class ReferrerUpdate:
    on: date | None = None
    reason: ReferrerUpdateReason = ReferrerUpdateReason.PROGRESS
    by: str = ""
    how: str = ""
    strategies_tried: str = ""


@dataclass(kw_only=True)
class IncomingReferral(Record):
    ENTITY = "incoming_referral"

    person_id: str
    received_on: date
    referrer: str                    # who raised the concern
    referrer_agency: str = ""
    referrer_contact: str = ""
    concern: str = ""
    services_to_date: str = ""       # and how the adult engaged with them
    evidence_of_need: str = ""
    expected_outcomes: str = ""
    feedback_expected: str = ""
    known_risks: str = ""            # incl. any suspicion of hostility or violence
    triggers: str = ""               # and ways of managing conflict known to work
    strategies_tried: str = ""
    updates: list[ReferrerUpdate] = field(default_factory=list)

    def told(self, reason: ReferrerUpdateReason, since: date | None = None) -> bool:
        return any(u.reason is reason and u.on and (since is None or u.on >= since)
                   for u in self.updates)

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A referral must belong to a person."))
        if not isinstance(self.received_on, date):
            raise ValidationError(_("Give the date the referral was received."))
        if not self.referrer.strip():
            raise ValidationError(_("Say who raised the concern."))
        if not (self.referrer_agency.strip() or self.referrer_contact.strip()):
            raise ValidationError(_("Give the referrer's agency or how to contact them."))
        for i, u in enumerate(self.updates, start=1):
            if u.on is None or not u.by.strip():
                raise ValidationError(_('Update {i}: give the date and who told the referrer.').format(i=i))
            if u.reason in (ReferrerUpdateReason.DISENGAGING, ReferrerUpdateReason.CLOSURE) \
                    and not u.strategies_tried.strip():
                raise ValidationError(
                    _('Update {i}: tell the referrer the engagement strategies tried.').format(i=i))
