"""The engagement checklist: ``store.checklist`` (one current row per item per person)."""
from __future__ import annotations

from datetime import date

from desktop.domain.checklist import (
    RECORDABLE, ChecklistItem, ChecklistStatus, checklist_item_id, lookup)
from desktop.domain.record import ValidationError
from desktop.store.records import Repository


class ChecklistRepository(Repository[ChecklistItem]):
    """The Fife engagement checklist: one current row per item per person (the record id is
    derived from the person and the item code, so two devices cannot start two rows)."""

    def __init__(self, store):
        super().__init__(store, ChecklistItem)

    def current(self, person_id: str) -> dict[str, ChecklistItem]:
        return {i.code: i for i in self.where("person_id = ?", (person_id,))}

    def rows(self, person_id: str) -> list[ChecklistItem]:
        """Every recordable item of the catalogue in template order: the stored row, or an
        unsaved 'not yet considered' row."""
        stored = self.current(person_id)
        return [stored.get(c.code) or ChecklistItem(
            id=checklist_item_id(person_id, c.code), person_id=person_id, code=c.code)
            for c in RECORDABLE]

    def set(self, person_id: str, code: str, status: ChecklistStatus, evidence: str = "",
            date: date | None = None, measure: str = "", by_whom: str = "") -> ChecklistItem:
        """Record the status of one item (a new row, or an update that keeps the old values in
        history). Raises ``ValidationError`` for a status without evidence and a date."""
        try:
            code = lookup(code).code
        except KeyError as exc:
            raise ValidationError(str(exc.args[0])) from None
        self.store.people.require(person_id)
        if status is not ChecklistStatus.NOT_YET_CONSIDERED and not by_whom.strip():
            by_whom = self.store.actor
        item = ChecklistItem(id=checklist_item_id(person_id, code), person_id=person_id,
                             code=code, status=status, evidence=evidence.strip(),
                             measure=measure.strip(), date=date, by_whom=by_whom.strip())
        from desktop.domain.checklist_rules import status_not_allowed, unconsidered_with_evidence
        why = status_not_allowed(item) or unconsidered_with_evidence(item)
        if why:
            raise ValidationError(why)
        item.validate()
        with self.store.transaction():
            existing = self.get(item.id, include_deleted=True)
            if existing is None:
                return self.add(item)
            if existing.deleted:
                self._set_deleted(item.id, False)
            return self.update(item)

    def row_history(self, person_id: str, code: str):
        """Each update of one row (date, who, what changed), oldest first."""
        from desktop.domain.checklist_rules import row_history
        return row_history(self.history(checklist_item_id(person_id, lookup(code).code)))

    def missing_evidence(self, person_id: str) -> list[ChecklistItem]:
        return [i for i in self.current(person_id).values() if i.missing_evidence]
