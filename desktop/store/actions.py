"""The action plan: ``store.actions`` (actions agreed at meetings, or added on their own)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.domain.action import Action, ActionStatus
from desktop.store.records import Repository


class ActionRepository(Repository[Action]):
    def __init__(self, store):
        super().__init__(store, Action)

    def plan(self, person_id: str) -> list[Action]:
        """The action plan: open actions first, each group by due date."""
        return self.where("person_id = ?", (person_id,),
                          order="status <> 'open', due IS NULL, due, created_at")

    def for_meeting(self, meeting_id: str) -> list[Action]:
        return self.where("source_meeting_id = ?", (meeting_id,), order="due, created_at")

    def overdue(self, person_id: str, today: date) -> list[Action]:
        return [a for a in self.plan(person_id) if a.is_overdue(today)]

    def add_action(self, person_id: str, what: str, lead_person: str, lead_agency: str,
                   due: date, source_meeting_id: str = "", note: str = "") -> Action:
        self.store.people.require(person_id)
        if source_meeting_id:
            self.store.meetings.require(source_meeting_id)
        return self.add(Action(person_id=person_id, what=what, lead_person=lead_person,
                               lead_agency=lead_agency, due=due,
                               source_meeting_id=source_meeting_id, note=note))

    def mark_done(self, action_id: str, on: date) -> Action:
        a = self.require(action_id)
        return self.update(replace(a, status=ActionStatus.DONE, completed_on=on, reason=""))

    def mark_not_achievable(self, action_id: str, reason: str, on: date | None = None) -> Action:
        a = self.require(action_id)
        return self.update(replace(a, status=ActionStatus.NOT_ACHIEVABLE, reason=reason,
                                   completed_on=on))

    def reopen(self, action_id: str) -> Action:
        a = self.require(action_id)
        return self.update(replace(a, status=ActionStatus.OPEN, completed_on=None, reason=""))
