"""Small goals in the adult's own words, with their append-only progress entries:
``store.goals`` (``store.goals.progress``)."""
from __future__ import annotations

from datetime import date

from desktop.domain.goal import Goal, GoalProgress, GoalStep
from desktop.store.records import PersonOwned


class GoalRepository(PersonOwned):
    """Goals, with their append-only progress entries in ``self.progress``."""

    def __init__(self, store):
        super().__init__(store, Goal)
        self.progress = ProgressRepository(store)

    def new(self, person_id: str, title: str, *, why: str = "", steps: list[str] = (),
            **fields) -> Goal:
        return self.add(Goal(person_id=person_id, title=title, why_it_matters=why,
                             steps=[GoalStep(text=s) for s in steps], **fields))

    def record_progress(self, goal_id: str, *, on_date: date | None = None,
                        rating: int | None = None, step_reached: int | None = None,
                        note: str = "") -> GoalProgress:
        """Add a progress entry; a step reached marks that step and the ones before it done
        and moves a proposed or agreed goal to "in progress" (one transaction)."""
        with self.store.transaction():
            goal = self.require(goal_id)
            entry = GoalProgress(goal_id=goal.id, person_id=goal.person_id,
                                 on_date=on_date or date.today(), rating=rating,
                                 step_reached=step_reached, note=note.strip())
            entry.validate()
            entry.check_goal(goal)
            entry = self.progress.add(entry)
            if step_reached is not None:
                goal.mark_reached(step_reached, entry.on_date)
                self.update(goal)
        return entry

    def progress_for(self, goal_id: str) -> list[GoalProgress]:
        """Oldest first (the order of the chart)."""
        return self.progress.where("goal_id = ?", (goal_id,), order="on_date, created_at")

    def for_person(self, person_id: str, *, order: str = "created_at") -> list[Goal]:
        return super().for_person(person_id, order=order)


class ProgressRepository(PersonOwned):
    def __init__(self, store):
        super().__init__(store, GoalProgress)

    def _check(self, entry: GoalProgress) -> None:
        goal = self.store.goals.get(entry.goal_id)
        if goal is None:
            raise LookupError(f"No goal with id {entry.goal_id}.")
        entry.check_goal(goal)

    def for_person(self, person_id: str, *, order: str = "on_date, created_at") -> list:
        return super().for_person(person_id, order=order)
