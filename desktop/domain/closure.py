"""Closing a case when all options are exhausted (Nottingham s.12).

"All members of the multi-agency / multi-disciplinary meeting and their senior managers must
agree that there are no further options available." A closure records why, the evidence that
every option was exhausted, each involved agency's agreement (name, agency, date), the agencies
informed, and the keep-in-touch plan ("delegate an individual to keep contact, e.g. every 3
months"). ``involved_agencies`` is taken from the person's agencies when the case is closed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.dates import add_months
from desktop.domain.record import Record, ValidationError
from desktop.i18n import _, ngettext  # noqa: F401


@dataclass
class Agreement:
    name: str = ""
    agency: str = ""
    date: date | None = None


@dataclass
class ManagementOverride:
    """A senior manager's decision to close despite blockers, with the rationale (printed on
    the closure record)."""
    senior_manager: str = ""
    agency: str = ""
    date: date | None = None
    rationale: str = ""

    @property
    def recorded(self) -> bool:
        return bool(self.senior_manager.strip() and self.agency.strip() and self.date
                    and self.rationale.strip())


@dataclass
class KeepInTouch:
    """Nottingham s.12: the meeting "may decide to delegate an individual to keep contact e.g.
    every 3 months"; "these cases are tracked and regularly reviewed by a senior manager"."""
    who: str = ""
    every_months: int = 0
    reviewed_by: str = ""           # the senior manager who tracks the closed case

    @property
    def planned(self) -> bool:
        return bool(self.who.strip()) and self.every_months > 0


@dataclass(kw_only=True)
class Closure(Record):
    ENTITY = "closure"

    person_id: str
    closed_on: date
    reason: str
    evidence: str                   # evidence that all options have been exhausted
    involved_agencies: list[str] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    agencies_informed: list[str] = field(default_factory=list)
    keep_in_touch: KeepInTouch = field(default_factory=KeepInTouch)
    meeting_id: str = ""            # the meeting that agreed the closure
    #: Nottingham s.12: "All members ... and their senior managers must agree"
    senior_agreements: list[Agreement] = field(default_factory=list)
    #: the recorded decision that the risks were addressed (needed at a high agreed risk level)
    risks_addressed: str = ""
    override: ManagementOverride = field(default_factory=ManagementOverride)
    #: the blockers that stood when the case was closed under a management override
    blockers_overridden: list[str] = field(default_factory=list)
    #: Oxfordshire: "A copy of the outcome documentation should be sent to the OSAB"
    outcome_to_board_on: date | None = None
    #: Nottingham s.13, Oxfordshire: "Any learning and good practice should be shared with
    #: immediate colleagues and wider networks, including the Safeguarding Adults Board"
    learning: str = ""
    learning_shared_with: str = ""
    learning_shared_on: date | None = None

    #: the fields recorded after the closure (``store.closures.record_follow_up``)
    FOLLOW_UP = ("outcome_to_board_on", "learning", "learning_shared_with", "learning_shared_on")

    def missing_agreements(self) -> list[str]:
        """Involved agencies with no dated, named agreement, in the order they were listed."""
        agreed = {_norm(a.agency) for a in self.agreements
                  if a.agency.strip() and a.name.strip() and a.date}
        seen, missing = set(), []
        for agency in self.involved_agencies:
            key = _norm(agency)
            if key and key not in agreed and key not in seen:
                seen.add(key)
                missing.append(agency.strip())
        return missing

    def missing_senior_agreements(self) -> list[str]:
        """Involved agencies whose senior manager's agreement (name, agency, date) is missing."""
        agreed = {_norm(a.agency) for a in self.senior_agreements
                  if a.agency.strip() and a.name.strip() and a.date}
        seen, missing = set(), []
        for agency in self.involved_agencies:
            key = _norm(agency)
            if key and key not in agreed and key not in seen:
                seen.add(key)
                missing.append(agency.strip())
        return missing

    def keep_in_touch_due(self, last_contact: date | None = None) -> date | None:
        """When the next keep-in-touch contact is due: every N months from the last contact
        after closure (or from the closure)."""
        if not self.keep_in_touch.planned:
            return None
        start = max(d for d in (self.closed_on, last_contact) if d)
        return add_months(start, self.keep_in_touch.every_months)

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A closure must belong to a person."))
        if not isinstance(self.closed_on, date):
            raise ValidationError(_("Give the date the case is closed."))
        if not self.reason.strip():
            raise ValidationError(_("Give the reason for closing the case."))
        if not self.evidence.strip():
            raise ValidationError(
                _("Record the evidence that all options to engage the adult have been exhausted."))
        for what, items in (("Agreement", self.agreements),
                            ("Senior manager's agreement", self.senior_agreements)):
            for i, a in enumerate(items, start=1):
                if not (a.name.strip() and a.agency.strip() and a.date):
                    raise ValidationError(
                        f"{what} {i}: give the name, the agency and the date it was agreed.")
                if a.date > self.closed_on:
                    raise ValidationError(f"{what} {i} ({a.agency}) is dated after the closure.")
        o = self.override
        if (o.senior_manager.strip() or o.rationale.strip() or o.date) and not o.recorded:
            raise ValidationError(
                _("A management override needs the senior manager, their agency, the date and "
                "the rationale."))
        if self.blockers_overridden and not o.recorded:
            raise ValidationError(
                "The case cannot be closed while blockers remain, unless a senior manager "
                "records a management override with the rationale. Blockers: "
                + "; ".join(self.blockers_overridden))
        if not [a for a in self.involved_agencies if a.strip()]:
            raise ValidationError(
                _("The case cannot be closed: no involved agencies are recorded for the person. "
                "Record the agencies involved, then each one's agreement."))
        missing = self.missing_agreements()
        if missing and not o.recorded:
            raise ValidationError(
                _("The case cannot be closed without every involved agency's agreement. Missing: {value}.").format(value=', '.join(missing)))
        kit = self.keep_in_touch
        if (kit.who.strip() or kit.every_months) and not kit.planned:
            raise ValidationError(
                _("A keep-in-touch plan needs who will keep in touch and every how many months."))
        if kit.every_months < 0 or kit.every_months > 24:
            raise ValidationError(_("Keep in touch every 1 to 24 months."))
        self.check_follow_up()

    def check_follow_up(self) -> None:
        """What is recorded after the closure: dated on or after it, sharing says with whom."""
        for when, what in ((self.outcome_to_board_on, "The outcome documentation"),
                           (self.learning_shared_on, "The learning")):
            if when is not None and when < self.closed_on:
                raise ValidationError(f"{what} cannot have been sent before the case closed "
                                      f"({self.closed_on:%d/%m/%Y}).")
        if self.learning_shared_on and not self.learning_shared_with.strip():
            raise ValidationError(_("Say with whom the learning was shared (colleagues, wider "
                                  "networks, the Safeguarding Adults Board)."))
        if self.learning_shared_with.strip() and not self.learning.strip():
            raise ValidationError(_("Write down the learning or good practice that was shared."))


def _norm(agency: str) -> str:
    return " ".join(agency.lower().split())
