"""Repositories for fieldwork records: visit details, small goals with their progress,
barriers and disengagement patterns. Reached as ``store.visits``, ``store.goals``,
``store.barriers``, ``store.patterns`` (and ``store.repo(Cls)`` returns the same objects)."""
from __future__ import annotations

from datetime import date

from desktop.domain.barrier import Barrier, DisengagementPattern
from desktop.domain.contact import ContactAttempt
from desktop.domain.goal import Goal, GoalProgress, GoalStep
from desktop.domain.record import ValidationError
from desktop.domain.visit import Visit
from desktop.store.records import Repository


class PersonOwned(Repository):
    """A repository whose records belong to a person that must exist."""

    def _require_person(self, person_id: str) -> None:
        if not person_id or self.store.people.get(person_id) is None:
            raise LookupError(f"No person with id {person_id}.")

    def add(self, obj):
        obj.validate()
        with self.store.transaction():
            self._require_person(obj.person_id)
            self._check(obj)
            return super().add(obj)

    def update(self, obj):
        obj.validate()
        with self.store.transaction():
            self._check(obj)
            return super().update(obj)

    def _check(self, obj) -> None:
        """Cross-record checks; subclasses extend."""

    def for_person(self, person_id: str, *, order: str = "created_at") -> list:
        return self.where("person_id = ?", (person_id,), order=order)


class VisitRepository(PersonOwned):
    def __init__(self, store):
        super().__init__(store, Visit)

    def _check(self, visit: Visit) -> None:
        attempt = self.store.attempts.get(visit.attempt_id)
        if attempt is None:
            raise LookupError(f"No contact attempt with id {visit.attempt_id}.")
        visit.check_attempt(attempt)
        other = self.for_attempt(visit.attempt_id)
        if other is not None and other.id != visit.id:
            raise ValidationError("This contact already has visit details: edit those instead.")

    def log(self, attempt_id: str, **fields) -> Visit:
        """Add visit details to a seen contact attempt (the person comes from the attempt)."""
        attempt = self.store.attempts.get(attempt_id)
        if attempt is None:
            raise LookupError(f"No contact attempt with id {attempt_id}.")
        return self.add(Visit(attempt_id=attempt_id, person_id=attempt.person_id, **fields))

    def for_attempt(self, attempt_id: str) -> Visit | None:
        found = self.where("attempt_id = ?", (attempt_id,), limit=1)
        return found[0] if found else None

    def by_attempt(self, person_id: str) -> dict[str, Visit]:
        """The person's visits keyed by attempt id (for the contacts timeline)."""
        return {v.attempt_id: v for v in self.for_person(person_id)}

    def with_attempts(self, person_id: str) -> list[tuple[ContactAttempt, Visit]]:
        """(attempt, visit) pairs, newest attempt first."""
        attempts = {a.id: a for a in self.store.attempts.timeline(person_id)}
        pairs = [(attempts[v.attempt_id], v) for v in self.for_person(person_id)
                 if v.attempt_id in attempts]
        return sorted(pairs, key=lambda p: p[0].at, reverse=True)


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


class BarrierRepository(PersonOwned):
    def __init__(self, store):
        super().__init__(store, Barrier)


class PatternRepository(PersonOwned):
    def __init__(self, store):
        super().__init__(store, DisengagementPattern)


def attach(store) -> None:
    """Make ``store.repo(Cls)`` hand out the specialised repositories."""
    for repo in (store.visits, store.goals, store.goals.progress, store.barriers, store.patterns):
        store._repos[repo.cls] = repo


FIELDWORK_REPOS = ("visits", "goals", "barriers", "patterns")


def deleted_by_me(store, person_id: str) -> list[tuple[str, object]]:
    """What this worker deleted for a person and can restore: (kind, record), newest first."""
    found = []
    for kind, repo in (("Contact attempt", store.attempts), ("Visit", store.visits),
                       ("Goal", store.goals), ("Progress entry", store.goals.progress),
                       ("Barrier", store.barriers), ("Disengagement pattern", store.patterns)):
        found += [(kind, r) for r in repo.deleted_by_me(person_id)]
    return sorted(found, key=lambda kr: kr[1].updated_at, reverse=True)
