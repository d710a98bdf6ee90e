"""Escalation and de-escalation records (``store.escalations``, ``store.deescalations``).

Saving an escalation sets the person's status to *escalated*; saving a de-escalation sets it to
*de-escalated* — the status follows from the record, in the same transaction, never from a bare
flag. A closed case is not re-opened by either.
"""
from __future__ import annotations

from dataclasses import replace

from desktop.domain.escalation import Deescalation, Escalation
from desktop.domain.person import CaseStatus
from desktop.domain.record import ValidationError
from desktop.store.records import Repository
from desktop.i18n import _, ngettext  # noqa: F401


class _StatusRecordRepository(Repository):
    STATUS: CaseStatus
    ORDER = ""

    def for_person(self, person_id: str, *, order: str = ""):
        return super().for_person(person_id, order=order or self.ORDER)

    def latest(self, person_id: str):
        found = self.where("person_id = ?", (person_id,), order=self.ORDER, limit=1)
        return found[0] if found else None

    def add(self, obj):
        with self.store.transaction():
            person = self.store.people.require(obj.person_id)
            if person.status is CaseStatus.CLOSED:
                raise ValidationError(_('The case is closed: it cannot be {value}.').format(value=self.STATUS.label.lower()))
            saved = super().add(obj)
            if person.status is not self.STATUS:
                self.store.people.update(replace(person, status=self.STATUS))
        return saved


class EscalationRepository(_StatusRecordRepository):
    STATUS = CaseStatus.ESCALATED
    ORDER = "escalated_on DESC, created_at DESC"

    def __init__(self, store):
        super().__init__(store, Escalation)


class DeescalationRepository(_StatusRecordRepository):
    STATUS = CaseStatus.DE_ESCALATED
    ORDER = "decided_on DESC, created_at DESC"

    def __init__(self, store):
        super().__init__(store, Deescalation)

    def add(self, obj):
        if self.store.escalations.latest(obj.person_id) is None:
            raise ValidationError(
                _("There is no escalation to end: record the escalation first."))
        return super().add(obj)
