"""Add or edit a small goal: the adult's own words, why it matters, ordered steps (one a line),
status and an optional target date."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.domain.goal import Goal, GoalStatus, GoalStep
from desktop.ui.forms.form_dialog import FormDialog
from desktop.ui.forms.kit import OptionalDateEdit, TextBox, add_row, form_layout
from desktop.ui.forms.values import combo_enum, enum_combo, get_value, set_value
from desktop.i18n import _, ngettext  # noqa: F401


class GoalDialog(FormDialog):
    def __init__(self, store, person_id: str, goal_id: str | None = None,
                 parent: QWidget | None = None):
        self.goal: Goal | None = store.goals.require(goal_id) if goal_id else None
        key = f"goal:{goal_id}" if goal_id else "goal"
        super().__init__(store, person_id, key, _("Edit goal") if goal_id else _("New small goal"),
                         parent)
        form = form_layout()
        self.f = {"title": QLineEdit(), "why": TextBox(2), "steps": TextBox(5),
                  "status": enum_combo(GoalStatus), "target": OptionalDateEdit(),
                  "note": TextBox(2)}
        self.f["title"].setPlaceholderText(_("e.g. get my leg healed so I can walk to the shop"))
        add_row(form, _("&Goal, in their words"), self.f["title"])
        add_row(form, _("&Why it matters to them"), self.f["why"])
        add_row(form, _("S&teps, one a line"), self.f["steps"], _("Small steps, in order"))
        add_row(form, _("Stat&us"), self.f["status"])
        add_row(form, _("Target &date"), self.f["target"], _("Optional: work at the adult's pace"))
        add_row(form, _("&Note"), self.f["note"])
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.watch(*self.f.values())
        if self.goal is not None:
            self.keeper.paused = True
            g = self.goal
            self.set_state({"title": g.title, "why": g.why_it_matters,
                            "steps": "\n".join(s.text for s in g.steps),
                            "status": g.status.value,
                            "target": g.target_date.strftime("%d/%m/%Y") if g.target_date
                            else "", "note": g.note})
            self.keeper.paused = False
        self.restore_draft()
        self.resize(560, 520)
        self.f["title"].setFocus()

    def state(self) -> dict:
        return {k: get_value(w) for k, w in self.f.items()}

    def set_state(self, data: dict) -> None:
        for k, w in self.f.items():
            set_value(w, data.get(k))

    def _steps(self) -> list[GoalStep]:
        old = {s.text: s for s in self.goal.steps} if self.goal else {}
        lines = [ln.strip() for ln in self.f["steps"].text().splitlines() if ln.strip()]
        return [replace(old[t]) if t in old else GoalStep(t) for t in lines]

    def commit(self) -> Goal:
        target = self.f["target"]
        if not target.is_valid():
            raise ValueError(_("Target date: ") + target.error())
        fields = dict(title=self.f["title"].text(), why_it_matters=self.f["why"].text().strip(),
                      steps=self._steps(), status=combo_enum(self.f["status"], GoalStatus),
                      target_date=target.date(), note=self.f["note"].text().strip())
        if self.goal is None:
            self.goal = self.store.goals.add(Goal(person_id=self.person_id, **fields))
            return self.goal
        return self.store.goals.update(replace(self.goal, **fields))
