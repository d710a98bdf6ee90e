"""Referrals to other services, with date, reason and outcome.

Where there is any risk to children a referral to children's services / MASH must be made
immediately (Oxfordshire, Nottingham s.8); MARAC for domestic abuse (Fife item 9).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class ReferralTo(enum.Enum):
    CHILDRENS_SERVICES_MASH = "childrens_services_mash"
    ADULT_SAFEGUARDING = "adult_safeguarding"
    MARAC = "marac"
    ADVOCACY = "advocacy"
    GP = "gp"
    HOUSING = "housing"
    FIRE_SERVICE = "fire_service"
    POLICE = "police"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(REFERRAL_LABELS[self])


REFERRAL_LABELS = {
    ReferralTo.CHILDRENS_SERVICES_MASH: "Children's services / MASH",
    ReferralTo.ADULT_SAFEGUARDING: "Adult safeguarding",
    ReferralTo.MARAC: "MARAC",
    ReferralTo.ADVOCACY: "Advocacy",
    ReferralTo.GP: "GP",
    ReferralTo.HOUSING: "Housing",
    ReferralTo.FIRE_SERVICE: "Fire service",
    ReferralTo.POLICE: "Police",
    ReferralTo.MENTAL_HEALTH: "Mental health",
    ReferralTo.SUBSTANCE_USE: "Substance use",
    ReferralTo.OTHER: "Other",
}


@dataclass(kw_only=True)
class Referral(Record):
    ENTITY = "referral"

    person_id: str
    to_whom: ReferralTo
    service: str = ""               # the named team or service; required for "other"
    date: date
    reason: str
    made_by: str = ""
    agency: str = ""                # the referring agency
    outcome: str = ""
    outcome_date: date | None = None

    @property
    def label(self) -> str:
        base = self.to_whom.label if self.to_whom is not ReferralTo.OTHER else ""
        return " – ".join(x for x in (base, self.service.strip()) if x) or _("Other")

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A referral must belong to a person."))
        if not isinstance(self.to_whom, ReferralTo):
            raise ValidationError(_("Say who the referral is to."))
        if self.to_whom is ReferralTo.OTHER and not self.service.strip():
            raise ValidationError(_("Name the service the referral went to."))
        if not isinstance(self.date, date):
            raise ValidationError(_("A referral needs the date it was made."))
        if not self.reason.strip():
            raise ValidationError(_("Give the reason for the referral."))
        if self.outcome_date and self.outcome_date < self.date:
            raise ValidationError(_("The outcome cannot be dated before the referral."))
        if self.outcome_date and not self.outcome.strip():
            raise ValidationError(_("Record what the outcome was."))
