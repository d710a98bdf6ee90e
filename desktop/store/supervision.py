"""Supervision notes with decisions a manager signs off: ``store.supervisions``."""
from __future__ import annotations

from desktop.domain.supervision import Supervision
from desktop.store.records import Repository


class SupervisionRepository(Repository[Supervision]):
    def __init__(self, store):
        super().__init__(store, Supervision)

    def for_person(self, person_id: str, *, order: str = "date DESC, created_at DESC"):
        return super().for_person(person_id, order=order)
