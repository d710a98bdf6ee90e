"""One row of a person's engagement checklist (Fife): status, evidence, measure, date, by whom.

"Include date of update of decisions. List evidence and measures. A tick is not sufficient."
Any status but *not yet considered* therefore needs evidence and a date; ``validate`` refuses
a row without them, whatever screen or command wrote it.
"""
from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from desktop.domain.checklist_catalogue import (  # noqa: F401  (re-exported)
    BY_CODE, CATALOGUE, GUIDANCE, RECORDABLE, RECORDABLE_CODES, CatalogueItem, describe, lookup)
from desktop.domain.record import Record, ValidationError
from desktop.i18n import _


class ChecklistStatus(enum.Enum):
    NOT_YET_CONSIDERED = "not_yet_considered"
    CONSIDERED = "considered"
    OFFERED = "offered"
    REFERRED = "referred"
    TRIED_NOT_ENGAGED = "tried_not_engaged"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    ChecklistStatus.NOT_YET_CONSIDERED: "Not yet considered",
    ChecklistStatus.CONSIDERED: "Considered",
    ChecklistStatus.OFFERED: "Offered",
    ChecklistStatus.REFERRED: "Referred",
    ChecklistStatus.TRIED_NOT_ENGAGED: "Tried, not engaged",
    ChecklistStatus.NOT_APPLICABLE: "Not applicable",
}

#: namespace for the per-person, per-item record id (one current row per item per person,
#: even when two devices start the same row before they sync)
_ID_NAMESPACE = uuid.UUID("6f1d3c1e-3a57-4c1b-9a54-2f0c8d1f7b11")


def checklist_item_id(person_id: str, code: str) -> str:
    return str(uuid.uuid5(_ID_NAMESPACE, f"{person_id}/{code}"))


@dataclass(kw_only=True)
class ChecklistItem(Record):
    ENTITY = "checklist_item"

    person_id: str
    code: str
    status: ChecklistStatus = ChecklistStatus.NOT_YET_CONSIDERED
    evidence: str = ""
    measure: str = ""
    date: date | None = None
    by_whom: str = ""

    @property
    def catalogue(self) -> CatalogueItem:
        return BY_CODE[self.code]

    @property
    def missing_evidence(self) -> bool:
        """A status without the evidence and date that make it more than a tick."""
        return self.status is not ChecklistStatus.NOT_YET_CONSIDERED and \
            not (self.evidence.strip() and self.date)

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A checklist item must belong to a person."))
        if self.code not in BY_CODE:
            raise ValidationError(_("There is no checklist item '{code}'.").format(code=self.code))
        item = BY_CODE[self.code]
        if not item.recordable:
            subs = ", ".join(s.code for s in item.sub_items)
            raise ValidationError(
                _('Item {number} is recorded under its parts: {subs}.').format(number=item.number, subs=subs))
        if not isinstance(self.status, ChecklistStatus):
            raise ValidationError(_("Choose a checklist status."))
        if self.status is not ChecklistStatus.NOT_YET_CONSIDERED:
            missing = [w for w, ok in (("evidence", self.evidence.strip()),
                                       ("date", self.date)) if not ok]
            if missing:
                raise ValidationError(
                    f"{describe(self.code)} is marked '{self.status.label}' but has no "
                    f"{' and no '.join(missing)}. A tick is not sufficient: say what was done "
                    "and the date it was decided or updated.")
        if self.date and self.date > date.today():
            raise ValidationError(f"{describe(self.code)}: the date cannot be in the future.")
