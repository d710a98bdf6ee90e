"""Add or edit a small goal: the adult's own words, why it matters, ordered steps (one a line),
status and an optional target date."""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from PySide6.QtWidgets import QWidget

from desktop.domain.goal import Goal, GoalStatus, GoalStep
from desktop.ui.forms.form_dialog import FormDialog
from desktop.ui.forms.object_form import Field, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

# On the one form layer; the steps are typed one a line (a step keeps its ticks when its text
# stays the same).
FIELDS = [
    Field(attr="title", label=N_("&Goal, in their words")),
    Field(attr="why_it_matters", label=N_("&Why it matters to them"), kind="multiline",
          lines=2),
    Field(attr="steps", label=N_("S&teps, one a line"), kind="lines", lines=5,
          help=N_("Small steps, in order")),
    Field(attr="status", label=N_("Stat&us"), kind="enum", enum=GoalStatus),
    Field(attr="target_date", label=N_("Target &date"), kind="date",
          help=N_("Optional: work at the adult's pace")),
    Field(attr="note", label=N_("&Note"), kind="multiline", lines=2),
]


class GoalDialog(FormDialog):
    def __init__(self, store, person_id: str, goal_id: str | None = None,
                 parent: QWidget | None = None):
        self.goal: Goal | None = store.goals.require(goal_id) if goal_id else None
        key = f"goal:{goal_id}" if goal_id else "goal"
        super().__init__(store, person_id, key, _("Edit goal") if goal_id else _("New small goal"),
                         parent)
        self.form = ObjectForm(FIELDS)
        self.f = self.form.widgets
        self.f["title"].setPlaceholderText(_("e.g. get my leg healed so I can walk to the shop"))
        self.body.addWidget(self.form)
        self.body.addStretch(1)
        self.keeper.paused = True
        self.form.load(self._view(self.goal))
        self.keeper.paused = False
        self.form.edited.connect(self.keeper.touch)
        self.restore_draft()
        self.resize(560, 520)
        self.f["title"].setFocus()

    @staticmethod
    def _view(goal: Goal | None) -> SimpleNamespace:
        """The goal as the form shows it (the steps as their texts)."""
        if goal is None:
            return SimpleNamespace(title="", why_it_matters="", steps=[],
                                   status=GoalStatus.PROPOSED, target_date=None, note="")
        return SimpleNamespace(title=goal.title, why_it_matters=goal.why_it_matters,
                               steps=[s.text for s in goal.steps], status=goal.status,
                               target_date=goal.target_date, note=goal.note)

    def state(self) -> dict:
        view = self._view(self.goal)
        self.form.save_into(view, lenient=True)
        return {"title": view.title, "why": view.why_it_matters, "steps": "\n".join(view.steps),
                "status": view.status.value if view.status else None,
                "target": self.f["target_date"].edit.text(), "note": view.note}

    def set_state(self, data: dict) -> None:
        """A draft (the same keys as before the form layer, so older drafts still restore)."""
        self.f["title"].setText(str(data.get("title") or ""))
        self.f["why_it_matters"].setPlainText(str(data.get("why") or ""))
        self.f["steps"].setPlainText(str(data.get("steps") or ""))
        try:
            self.form.set_value("status", GoalStatus(data.get("status")))
        except ValueError:
            pass
        self.f["target_date"].edit.setText(str(data.get("target") or ""))
        self.f["note"].setPlainText(str(data.get("note") or ""))

    def _steps(self, texts: list[str]) -> list[GoalStep]:
        old = {s.text: s for s in self.goal.steps} if self.goal else {}
        return [replace(old[t]) if t in old else GoalStep(t) for t in texts]

    def commit(self) -> Goal:
        view = self._view(self.goal)
        self.form.save_into(view)       # ValueError for a bad target date, shown
        fields = dict(title=view.title, why_it_matters=view.why_it_matters,
                      steps=self._steps(view.steps), status=view.status,
                      target_date=view.target_date, note=view.note)
        if self.goal is None:
            self.goal = self.store.goals.add(Goal(person_id=self.person_id, **fields))
            return self.goal
        return self.store.goals.update(replace(self.goal, **fields))
