"""A merge of two person records into one, kept so that it can travel and be undone.

The survivor (``person_id``) keeps its id; every record of the other person (``other_id``) is
re-pointed to it and the other person becomes a redirect tombstone (deleted, with this record
naming where it went and why). ``moved`` lists what was re-pointed (``"entity:id"``) and what
was copied (``"copy:entity:id"``, checklist rows whose id is derived from the person), so that
an unmerge puts every record back where it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _, ngettext  # noqa: F401


@dataclass(kw_only=True)
class PersonMerge(Record):
    ENTITY = "person_merge"

    person_id: str                 # the survivor, whose id stays
    other_id: str                  # merged into the survivor; now a redirect tombstone
    reason: str
    moved: list[str] = field(default_factory=list)
    undone: bool = False
    undone_reason: str = ""

    def validate(self) -> None:
        self.reason = (self.reason or "").strip()
        if not self.person_id or not self.other_id:
            raise ValidationError(_("A merge needs the person who stays and the one merged in."))
        if self.person_id == self.other_id:
            raise ValidationError(_("A person cannot be merged with themselves."))
        if not self.reason:
            raise ValidationError(_("Say why these records are the same person (the reason "
                                  "stays with the merge)."))
