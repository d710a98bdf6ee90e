"""Plan & meetings: the person's meetings and the action plan.

Overdue actions and late minutes are marked with the style's warning icon, bold text and the
words themselves ("overdue by 3 days") — never a hard-coded colour, so dark mode and high
contrast themes keep working and a screen reader hears the same thing.
"""
from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QSplitter, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.domain.action import Action, ActionStatus
from desktop.domain.codec import encode, from_fields
from desktop.domain.risk import RiskLevel
from desktop.ui.forms.common import save_shortcuts
from desktop.ui.forms.common import (
    ID, CaseworkTab, MessageLabel, bold, button, button_row, current_id, format_date,
    heading_label, hint, name_buttons, select_id, std_icon, tree_widget)
from desktop.ui.forms.draft_dialog import DraftDialog
from desktop.ui.forms.object_form import Field, ObjectForm
from desktop.ui.person.meeting_dialog import MeetingDialog
from desktop.i18n import N_, _, ngettext  # noqa: F401

MEETING_COLUMNS = (N_("Date"), N_("Meeting"), N_("Chair"), N_("Risk level"), N_("Decisions"), N_("Next review"),
                   N_("Minutes circulated"))
ACTION_COLUMNS = (N_("Action"), N_("Lead"), N_("Agency"), N_("Due"), N_("Status"), N_("From meeting"))

ACTION_FIELDS = [
    Field(attr="what", label=N_("&What:"), kind="multiline", lines=2),
    Field(attr="lead_person", label=N_("&Lead person:")),
    Field(attr="lead_agency", label=N_("Lead a&gency:")),
    Field(attr="due", label=N_("&Due:"), kind="date"),
    Field(attr="status", label=N_("S&tatus:"), kind="enum", enum=ActionStatus),
    Field(attr="reason", label=N_("&Reason if not achievable:"), kind="multiline", lines=2,
          help=N_("Required when the action is not achievable, e.g. the project closed to "
               "referrals")),
    Field(attr="completed_on", label=N_("&Completed on:"), kind="date"),
    Field(attr="note", label=N_("N&ote:")),
]


class ActionDialog(DraftDialog, QDialog):
    """Add or edit one action (also used to mark one not achievable, with the reason)."""
    saved = Signal(str)

    def __init__(self, store, action: Action, parent: QWidget | None = None, new: bool = False):
        super().__init__(parent)
        self.store, self.action, self.new = store, action, new
        self.setWindowTitle(_("New action") if new else _("Action"))
        self.setAccessibleName(self.windowTitle())
        self.form = ObjectForm(ACTION_FIELDS)
        self.form.load(action)
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Save action"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_draft_buttons(buttons)
        buttons.accepted.connect(self.save)
        save_shortcuts(self, self.save)
        buttons.rejected.connect(self.reject)
        name_buttons(buttons)
        col = QVBoxLayout(self)
        col.addWidget(self.form)
        col.addWidget(self.message)
        col.addWidget(buttons)
        self.resize(560, 420)
        self.start_drafts()

    @property
    def draft_key(self) -> str:
        return "action" if self.new else f"action:{self.action.id}"

    @property
    def draft_person_id(self) -> str:
        return self.action.person_id

    def draft_state(self) -> dict:
        a = dataclasses.replace(self.action)
        self.form.save_into(a, lenient=True)
        return encode(a)

    def apply_draft(self, data: dict) -> bool:
        self.action = from_fields(Action, data)
        self.form.load(self.action)
        return True

    def save(self) -> bool:
        a = dataclasses.replace(self.action)
        try:
            self.form.save_into(a)
            if a.status is ActionStatus.OPEN:
                a.completed_on = None
            (self.store.actions.add if self.new else self.store.actions.update)(a)
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return False
        return self.saved_ok(a.id)


class PlanTab(CaseworkTab):
    TITLE = N_("Plan & meetings")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.meetings = tree_widget(MEETING_COLUMNS, _("Meetings"), (110, 230, 150, 90, 80, 110))
        self.meetings.itemActivated.connect(lambda *_ignored: self.open_meeting())
        self.new_meeting_button = button(_("&New meeting…"), _("New meeting"), self.new_meeting)
        self.open_meeting_button = button(_("&Open meeting…"), _("Open the selected meeting"),
                                          self.open_meeting)
        self.actions = tree_widget(ACTION_COLUMNS, _("Action plan"), (320, 130, 140, 120, 210))
        self.actions.currentItemChanged.connect(lambda *_ignored: self._sync_buttons())
        self.actions.itemActivated.connect(lambda *_ignored: self.edit_action())
        self.add_action_button = button(_("&Add action…"), _("Add an action"), self.add_action)
        self.edit_action_button = button(_("Ed&it action…"), _("Edit the selected action"),
                                         self.edit_action)
        self.done_button = button(_("Mark &done"), _("Mark the selected action done"), self.mark_done)
        self.not_achievable_button = button(_("Not a&chievable…"),
                                            _("Mark the selected action not achievable"),
                                            self.not_achievable)
        self.reopen_button = button(_("&Reopen"), _("Reopen the selected action"), self.reopen)
        self.message = MessageLabel()
        self.summary = hint()
        self.summary.setAccessibleName(_("Action plan summary"))

        top = QWidget()
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Meetings")))
        col.addWidget(self.meetings, 1)
        col.addLayout(button_row(self.new_meeting_button, self.open_meeting_button))
        bottom = QWidget()
        col = QVBoxLayout(bottom)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Action plan")))
        col.addWidget(self.summary)
        col.addWidget(self.actions, 1)
        col.addLayout(button_row(self.add_action_button, self.edit_action_button, self.done_button,
                           self.not_achievable_button, self.reopen_button))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        for b in (self.new_meeting_button, self.add_action_button, self.edit_action_button,
                  self.done_button, self.not_achievable_button, self.reopen_button):
            b.setVisible(self.editable)
        if not self.editable:
            self.open_meeting_button.setText(_("&View meeting…"))
        self.dialog: QDialog | None = None
        self.refresh()

    # ---------------------------------------------------------------- loading
    def refresh(self) -> None:
        today = date.today()
        keep_m, keep_a = current_id(self.meetings), current_id(self.actions)
        self.meetings.clear()
        meetings = self.store.meetings.for_person(self.person_id)
        labels = {m.id: f"{m.kind.label.replace(' meeting', '')}, {format_date(m.date)}"
                  for m in meetings}
        for m in meetings:
            level = m.agreed_risk_level.label if m.agreed_risk_level is not RiskLevel.NOT_SET \
                else ""
            node = QTreeWidgetItem([format_date(m.date), m.kind.label, m.chair, level,
                                    str(len(m.decisions)), format_date(m.next_review), ""])
            node.setData(0, ID, m.id)
            if m.minutes_circulated_on:
                node.setText(6, format_date(m.minutes_circulated_on))
            elif m.date <= today:
                due = m.minutes_due(self.store.settings.get("holiday_region"))
                late = today > due
                node.setText(6, (_("Late — ") if late else _("Not yet — "))
                             + _('due by {format_date}').format(format_date=format_date(due)))
                if late:
                    node.setIcon(6, std_icon(self.meetings, "warning"))
                    node.setFont(6, bold(self.meetings))
            self.meetings.addTopLevelItem(node)
        self.actions.clear()
        overdue = 0
        for a in self.store.actions.plan(self.person_id):
            node = QTreeWidgetItem([" ".join(a.what.split()), a.lead_person, a.lead_agency,
                                    format_date(a.due), a.status.label,
                                    labels.get(a.source_meeting_id, "")])
            node.setData(0, ID, a.id)
            node.setToolTip(0, a.what)
            if a.is_overdue(today):
                overdue += 1
                days = a.days_overdue(today)
                node.setText(4, ngettext("Overdue by {n} day", "Overdue by {n} days",
                                                 days).format(n=days))
                node.setIcon(3, std_icon(self.actions, "warning"))
                for c in range(len(ACTION_COLUMNS)):
                    node.setFont(c, bold(self.actions))
            elif a.status is ActionStatus.DONE:
                node.setIcon(4, std_icon(self.actions, "ok"))
                if a.completed_on:
                    node.setText(4, _("Done {date}").format(date=format_date(a.completed_on)))
            elif a.status is ActionStatus.NOT_ACHIEVABLE:
                node.setToolTip(4, a.reason)
                node.setText(4, _('Not achievable: {reason}').format(reason=a.reason))
            self.actions.addTopLevelItem(node)
        n = self.actions.topLevelItemCount()
        self.summary.setText(
            (ngettext("{n} action, {overdue} overdue.", "{n} actions, {overdue} overdue.", n)
             if overdue else ngettext("{n} action.", "{n} actions.", n)).format(
                n=n, overdue=overdue))
        select_id(self.meetings, keep_m)
        select_id(self.actions, keep_a)
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        self.open_meeting_button.setEnabled(self.meetings.topLevelItemCount() > 0)
        a = self._current_action()
        is_open = a is not None and a.status is ActionStatus.OPEN
        self.edit_action_button.setEnabled(a is not None)
        self.done_button.setEnabled(is_open)
        self.not_achievable_button.setEnabled(is_open)
        self.reopen_button.setEnabled(a is not None and not is_open)

    # ---------------------------------------------------------------- meetings
    def new_meeting(self) -> MeetingDialog:
        return self._open_dialog(MeetingDialog(self.store, self.person_id, parent=self))

    def open_meeting(self) -> MeetingDialog | None:
        mid = current_id(self.meetings)
        if not mid:
            return None
        m = self.store.meetings.require(mid)
        return self._open_dialog(MeetingDialog(self.store, self.person_id, m, parent=self,
                                               read_only=not self.editable))

    def _open_dialog(self, dlg):
        self.dialog = dlg
        dlg.saved.connect(lambda _id: (self.refresh(), self.status(_("Saved."))))
        dlg.open()
        return dlg

    # ---------------------------------------------------------------- actions
    def _current_action(self) -> Action | None:
        aid = current_id(self.actions)
        return self.store.actions.get(aid) if aid else None

    def add_action(self) -> ActionDialog:
        latest = self.store.meetings.latest(self.person_id)
        action = Action(person_id=self.person_id, what="",
                        source_meeting_id=latest.id if latest else "")
        return self._open_dialog(ActionDialog(self.store, action, self, new=True))

    def edit_action(self) -> ActionDialog | None:
        a = self._current_action()
        if a is None or not self.editable:
            return None
        return self._open_dialog(ActionDialog(self.store, a, self))

    def not_achievable(self) -> ActionDialog | None:
        a = self._current_action()
        if a is None:
            return None
        dlg = ActionDialog(self.store, dataclasses.replace(a, status=ActionStatus.NOT_ACHIEVABLE),
                           self)
        dlg.form.widgets["reason"].setFocus()
        return self._open_dialog(dlg)

    def mark_done(self) -> None:
        a = self._current_action()
        if a is not None:
            self._write(lambda: self.store.actions.mark_done(a.id, date.today()))

    def reopen(self) -> None:
        a = self._current_action()
        if a is not None:
            self._write(lambda: self.store.actions.reopen(a.id))

    def _write(self, fn) -> None:
        try:
            fn()
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return
        self.message.clear()
        self.refresh()

