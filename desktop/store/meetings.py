"""Multi-agency meetings: ``store.meetings``."""
from __future__ import annotations

from datetime import date

from desktop.domain.meeting import Meeting, MeetingKind, default_next_review
from desktop.store.records import Repository
from desktop.store.settings import REVIEW_MONTHS


class MeetingRepository(Repository[Meeting]):
    def __init__(self, store):
        super().__init__(store, Meeting)

    def for_person(self, person_id: str, *, order: str = "date DESC, created_at DESC"):
        """Newest meeting first."""
        return super().for_person(person_id, order=order)

    def new(self, person_id: str, kind: MeetingKind, on: date, **fields) -> Meeting:
        """An unsaved meeting with the next review set to the configured gap (3 months)."""
        months = self.store.settings.get(REVIEW_MONTHS)
        fields.setdefault("next_review", default_next_review(on, months))
        return Meeting(person_id=person_id, kind=kind, date=on, **fields)

    def add_meeting(self, person_id: str, kind: MeetingKind, on: date, **fields) -> Meeting:
        self.store.people.require(person_id)
        return self.add(self.new(person_id, kind, on, **fields))

    def latest(self, person_id: str) -> Meeting | None:
        found = self.where("person_id = ?", (person_id,), order="date DESC, created_at DESC",
                           limit=1)
        return found[0] if found else None
