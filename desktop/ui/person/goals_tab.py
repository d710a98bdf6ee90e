"""Goals: the person's small goals (left), and for the chosen one its steps, status, a progress
entry row, a chart of progress over time and the entries so far (right)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QSpinBox, QSplitter,
                               QVBoxLayout, QWidget)

from desktop.domain.goal import GoalStatus
from desktop.domain.record import ValidationError
from desktop.ui.person.goal_chart import ProgressChart
from desktop.ui.forms.form_dialog import DraftKeeper
from desktop.ui.person.goal_dialog import GoalDialog
from desktop.ui.forms.kit import (MessageLabel, OptionalDateEdit, PersonTab, format_date,
                                      heading, hint, name)
from desktop.ui.forms.common import enum_combo
from desktop.ui.widgets import asking
from desktop.i18n import N_, _, ngettext  # noqa: F401


def _labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    name(widget, text)
    return label


class GoalsTab(PersonTab):
    TITLE = N_("Goals")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.goals: list = []
        self.keeper: DraftKeeper | None = None
        self.dialogs: list = []
        # left: the goals
        self.new_button = QPushButton(_("&New goal…"))
        name(self.new_button, _("New goal"), _("Add a small goal (Alt+N)"))
        self.new_button.clicked.connect(self.new_goal)
        self.list = QListWidget()
        self.list.setSpacing(3)
        goals_label = _labelled(_("&Goals"), self.list)
        self.list.currentRowChanged.connect(self._show_goal)
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(goals_label)
        lcol.addWidget(self.list, 1)
        lcol.addWidget(self.new_button)
        # right: one goal
        self.title = heading("", 1.2)
        self.why = hint("")
        self.status_box = enum_combo(GoalStatus)
        status_label = _labelled(_("Stat&us"), self.status_box)
        self.status_box.activated.connect(self._status_chosen)
        self.target = QLabel()
        self.edit_button = QPushButton(_("Ed&it goal…"))
        name(self.edit_button, _("Edit goal"))
        self.edit_button.clicked.connect(self.edit_goal)
        self.delete_button = QPushButton(_("De&lete goal"))
        name(self.delete_button, _("Delete goal"), _("Hides the goal; you can restore it"))
        self.delete_button.clicked.connect(asking(
            self, _("Delete goal"), _("Delete the selected goal?\n\nIt is hidden, not destroyed: "
            "you can restore it from Overview → Restore deleted…."), self.delete_goal,
            _("Delete goal"), lambda: self.current() is not None))
        self.steps = QListWidget()
        steps_label = _labelled(_("&Steps (Space ticks one done)"), self.steps)
        self.steps.setMaximumHeight(self.steps.fontMetrics().lineSpacing() * 5 + 12)
        self.steps.itemChanged.connect(self._step_toggled)
        # progress entry
        self.on_date = OptionalDateEdit(value=date.today())
        self.step_box = QComboBox()
        self.rating = QSpinBox()
        self.rating.setRange(-1, 10)
        self.rating.setSpecialValueText("—")
        self.rating.setValue(-1)
        self.rating.setAccessibleDescription(_("0 (nowhere) to 10 (there); — for no rating"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("what happened, in a few words"))
        self.note.returnPressed.connect(self.record_progress)
        self.record_button = QPushButton(_("Re&cord progress"))
        name(self.record_button, _("Record progress"))
        self.record_button.clicked.connect(self.record_progress)
        entry = QGridLayout()
        for col, (text, w) in enumerate(((_("&On"), self.on_date), (_("Step &reached"), self.step_box),
                                         (_("Ra&ting 0-10"), self.rating),
                                         (_("&What happened"), self.note))):
            entry.addWidget(_labelled(text, w), 0, col)
            entry.addWidget(w, 1, col)
        entry.addWidget(self.record_button, 1, 4)
        entry.setColumnStretch(1, 1)
        entry.setColumnStretch(3, 2)
        entry.setHorizontalSpacing(10)
        self.message = MessageLabel()
        self.chart = ProgressChart()
        self.history = QListWidget()
        history_label = _labelled(_("Progress so f&ar"), self.history)
        self.history.setMaximumHeight(140)
        self.delete_entry_button = QPushButton(_("Delete entry"))
        name(self.delete_entry_button, _("Delete the selected progress entry"),
             _("Or press Delete in the list"))
        ask_entry = asking(
            self, _("Delete progress entry"), _("Delete the selected progress entry?\n\nIt is "
            "hidden, not destroyed: you can restore it from Overview → Restore deleted…."),
            self.delete_entry, _("Delete entry"),
            lambda: self.current() is not None and self.history.count() > 0)
        self.delete_entry_button.clicked.connect(ask_entry)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.history)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(ask_entry)
        self.detail = QWidget()
        rcol = QVBoxLayout(self.detail)
        rcol.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.edit_button)
        head.addWidget(self.delete_button)
        rcol.addLayout(head)
        rcol.addWidget(self.why)
        meta = QHBoxLayout()
        meta.addWidget(status_label)
        meta.addWidget(self.status_box)
        meta.addSpacing(16)
        meta.addWidget(self.target, 1)
        rcol.addLayout(meta)
        rcol.addWidget(steps_label)
        rcol.addWidget(self.steps)
        rcol.addLayout(entry)
        rcol.addWidget(self.message)
        rcol.addWidget(self.chart, 1)
        hrow = QHBoxLayout()
        hrow.addWidget(history_label)
        hrow.addStretch(1)
        hrow.addWidget(self.delete_entry_button)
        rcol.addLayout(hrow)
        rcol.addWidget(self.history)
        self.empty = hint(_("No goals yet. Agree a small goal with the adult, in their words, and "
                          "add it with New goal (Alt+N)."))
        splitter = QSplitter()
        splitter.addWidget(left)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.empty)
        rlay.addWidget(self.detail, 1)
        splitter.addWidget(right)
        splitter.setSizes([260, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)
        self.keeper_widgets = (self.on_date, self.step_box, self.rating, self.note)
        self.refresh()

    # -- loading ----------------------------------------------------------------------------------
    def current(self):
        row = self.list.currentRow()
        return self.goals[row] if 0 <= row < len(self.goals) else None

    def refresh(self, select: str | None = None) -> None:
        if not self.store.is_open:        # locked: the screen is about to be cleared
            return
        keep = select or (self.current().id if self.current() else None)
        self.goals = self.store.goals.for_person(self.person_id)
        self.list.blockSignals(True)
        self.list.clear()
        for g in self.goals:
            done = _(' · {steps_done}/{len} steps').format(steps_done=g.steps_done, len=len(g.steps)) if g.steps else ""
            item = QListWidgetItem(f"{g.title}\n{g.status.label}{done}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{g.title}, {g.status.label}{done.replace('·', ',')}")
            self.list.addItem(item)
        ids = [g.id for g in self.goals]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        self.list.blockSignals(False)
        self._show_goal(self.list.currentRow())

    def _show_goal(self, _row: int) -> None:
        g = self.current()
        self.empty.setVisible(g is None)
        self.detail.setVisible(g is not None)
        if self.keeper is not None:
            self.keeper.flush()
            self.keeper.deleteLater()
            self.keeper = None
        if g is None:
            return
        self.title.setText(g.title)
        self.title.setAccessibleName(_('Goal: {title}').format(title=g.title))
        self.why.setText(_('Why it matters: {why_it_matters}').format(why_it_matters=g.why_it_matters) if g.why_it_matters else "")
        self.status_box.setCurrentIndex(self.status_box.findData(g.status))
        self.target.setText(_('Target {format_date}').format(format_date=format_date(g.target_date)) if g.target_date
                            else _("No target date"))
        self.steps.blockSignals(True)
        self.steps.clear()
        for n, s in enumerate(g.steps, start=1):
            item = QListWidgetItem(f"{n}. {s.text}" + (_('  (done {format_date})').format(format_date=format_date(s.done_on))
                                                       if s.done and s.done_on else ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if s.done else Qt.CheckState.Unchecked)
            self.steps.addItem(item)
        self.steps.blockSignals(False)
        self.step_box.clear()
        self.step_box.addItem(_("— none"), None)
        for n, s in enumerate(g.steps, start=1):
            self.step_box.addItem(f"{n}. {s.text}", n - 1)
        entries = self.store.goals.progress_for(g.id)
        self.chart.set_entries(entries)
        self.history.clear()
        for e in reversed(entries):
            bits = [format_date(e.on_date)]
            if e.rating is not None:
                bits.append(_("rating {rating}").format(rating=e.rating))
            if e.step_reached is not None:
                bits.append(_("step {n}").format(n=e.step_reached + 1))
            item = QListWidgetItem(" · ".join(bits) + (f" — {e.note}" if e.note else ""))
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            self.history.addItem(item)
        self.delete_entry_button.setEnabled(bool(entries))
        self._reset_entry()
        self.keeper = DraftKeeper(self.store, f"goal_progress:{g.id}", self.person_id,
                                  self._entry_state, self)
        self.keeper.watch(*self.keeper_widgets)
        draft = self.keeper.load()
        if draft is not None:
            self.keeper.paused = True
            self._set_entry_state(draft.data)
            self.keeper.paused = False
            self.message.show_message(_("Restored a progress entry you had not recorded yet."),
                                      MessageLabel.WARNING)

    # -- progress entry ---------------------------------------------------------------------------
    def _entry_state(self) -> dict:
        return {"on": self.on_date.edit.text(), "step": self.step_box.currentData(),
                "rating": self.rating.value(), "note": self.note.text()}

    def _set_entry_state(self, d: dict) -> None:
        self.on_date.edit.setText(d.get("on", ""))
        i = self.step_box.findData(d.get("step"))
        self.step_box.setCurrentIndex(max(i, 0))
        self.rating.setValue(int(d.get("rating", -1)))
        self.note.setText(d.get("note", ""))

    def _reset_entry(self) -> None:
        self.on_date.setDate(date.today())
        self.step_box.setCurrentIndex(0)
        self.rating.setValue(-1)
        self.note.clear()
        self.message.clear()

    def record_progress(self) -> None:
        g = self.current()
        if g is None:
            return
        if not self.on_date.is_valid():
            self.message.show_error(_("Date: ") + self.on_date.error())
            return
        rating = self.rating.value()
        try:
            self.store.goals.record_progress(
                g.id, on_date=self.on_date.date() or date.today(),
                rating=None if rating < 0 else rating, step_reached=self.step_box.currentData(),
                note=self.note.text())
        except (ValidationError, LookupError) as exc:
            self.message.show_error(str(exc))
            return
        self.keeper.discard()
        self.refresh(select=g.id)
        self.message.show_message(_("Progress recorded."))
        self.note.setFocus()

    def delete_entry(self) -> None:
        item = self.history.currentItem() or self.history.item(0)
        g = self.current()
        if item is None or g is None:
            return
        self.store.goals.progress.delete(item.data(Qt.ItemDataRole.UserRole))
        self.refresh(select=g.id)
        self.message.show_message(_("Entry deleted; restore it from Overview, Deleted by you."))

    # -- goal edits -------------------------------------------------------------------------------
    def _status_chosen(self, _index: int) -> None:
        g = self.current()
        status = self.status_box.currentData()
        if g is not None and g.status is not status:
            self.store.goals.update(replace(g, status=status))
            self.refresh(select=g.id)
            self.status_box.setFocus()

    def _step_toggled(self, item: QListWidgetItem) -> None:
        g = self.current()
        if g is None:
            return
        row = self.steps.row(item)
        steps = [replace(s) for s in g.steps]
        done = item.checkState() == Qt.CheckState.Checked
        steps[row].done, steps[row].done_on = done, date.today() if done else None
        self.store.goals.update(replace(g, steps=steps))
        self.refresh(select=g.id)
        self.steps.setCurrentRow(row)
        self.steps.setFocus()

    def _open(self, dialog: GoalDialog) -> GoalDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda goal: self.refresh(select=goal.id))
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d)] + [dialog]
        dialog.open()
        return dialog

    def new_goal(self) -> GoalDialog:
        return self._open(GoalDialog(self.store, self.person_id, None, self))

    def edit_goal(self) -> GoalDialog | None:
        g = self.current()
        return self._open(GoalDialog(self.store, self.person_id, g.id, self)) if g else None

    def delete_goal(self) -> None:
        g = self.current()
        if g is None:
            return
        self.store.goals.delete(g.id)
        self.refresh()
        self.message.show_message(_("Goal deleted; restore it from Overview, Deleted by you."))
        self.list.setFocus()

    def save_draft(self) -> None:
        """Keep a half-typed progress entry (the workspace calls this before a lock)."""
        if self.keeper is not None:
            self.keeper.flush()

    def clear(self) -> None:
        self.save_draft()
