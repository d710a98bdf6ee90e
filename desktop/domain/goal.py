"""Small goals in the adult's own words, worked at their pace (Fife: "achieve and maintain
small goals"; Dorset: "setting of clear goals with measures to show improvement")."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _

RATING_MIN, RATING_MAX = 0, 10


class GoalStatus(enum.Enum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return _(self.value.replace("_", " ").capitalize())

    @property
    def active(self) -> bool:
        return self in (GoalStatus.PROPOSED, GoalStatus.AGREED, GoalStatus.IN_PROGRESS)


@dataclass
class GoalStep:
    text: str = ""
    done: bool = False
    done_on: date | None = None


@dataclass(kw_only=True)
class Goal(Record):
    ENTITY = "goal"

    person_id: str
    title: str                      # in the adult's own words
    why_it_matters: str = ""        # to them
    steps: list[GoalStep] = field(default_factory=list)     # in order
    status: GoalStatus = GoalStatus.PROPOSED
    target_date: date | None = None  # optional: work at the adult's pace
    note: str = ""

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.steps if s.done)

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A goal must belong to a person."))
        self.title = (self.title or "").strip()
        if not self.title:
            raise ValidationError(_("A goal needs a title, in the adult's own words."))
        for n, step in enumerate(self.steps, start=1):
            step.text = (step.text or "").strip()
            if not step.text:
                raise ValidationError(_('Step {n} is empty: describe it or remove it.').format(n=n))
            if step.done_on is not None and not step.done:
                step.done_on = None
            if step.done_on is not None and step.done_on > date.today():
                raise ValidationError(_('Step {n} cannot be done on a future date.').format(n=n))

    def mark_reached(self, index: int, on: date) -> None:
        """Steps up to and including ``index`` are done (the ones already done keep their
        date); a proposed or agreed goal becomes in progress."""
        for step in self.steps[:index + 1]:
            if not step.done:
                step.done, step.done_on = True, on
        if self.status in (GoalStatus.PROPOSED, GoalStatus.AGREED):
            self.status = GoalStatus.IN_PROGRESS


@dataclass(kw_only=True)
class GoalProgress(Record):
    """One progress entry: the step reached or a 0-10 rating (or both), with a note.
    Append-only: corrections are new entries; a mistaken one can be deleted (soft)."""
    ENTITY = "goal_progress"
    APPEND_ONLY = True

    goal_id: str
    person_id: str
    on_date: date
    step_reached: int | None = None     # index into Goal.steps (0 = first step)
    rating: int | None = None           # 0 (nowhere) to 10 (there)
    note: str = ""

    def validate(self) -> None:
        if not self.goal_id or not self.person_id:
            raise ValidationError(_("A progress entry must belong to a goal and a person."))
        if self.on_date is None:
            raise ValidationError(_("A progress entry needs a date."))
        if self.on_date > date.today():
            raise ValidationError(_("Progress cannot be recorded for a future date."))
        if self.step_reached is None and self.rating is None:
            raise ValidationError(_("Record the step reached, a rating from 0 to 10, or both."))
        if self.rating is not None and not RATING_MIN <= self.rating <= RATING_MAX:
            raise ValidationError(
                _('The rating must be a whole number from {RATING_MIN} to {RATING_MAX}; got {rating}.').format(RATING_MIN=RATING_MIN, RATING_MAX=RATING_MAX, rating=self.rating))
        if self.step_reached is not None and self.step_reached < 0:
            raise ValidationError(_("The step reached must be one of the goal's steps."))

    def check_goal(self, goal: Goal) -> None:
        if goal.person_id != self.person_id:
            raise ValidationError(_("The progress entry and the goal are about different people."))
        if self.step_reached is not None and self.step_reached >= len(goal.steps):
            if not goal.steps:
                raise ValidationError(_("This goal has no steps yet: record a rating instead, or "
                                      "add steps to the goal."))
            raise ValidationError(
                _('This goal has {len} step(s): choose a step from 1 to {len2}.').format(len=len(goal.steps), len2=len(goal.steps)))
