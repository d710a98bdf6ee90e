"""Offering unsaved drafts back: after an unlock (``offer_drafts``) and on a person's Overview.

Each form kind registers how to reopen itself: ``FORMS[kind] = (label, opener)`` where
``opener(store, person_id, record_id, parent) -> QDialog`` and the draft's form key is
``"<kind>"`` or ``"<kind>:<record id>"``. Forms the main window's workspace owns (the quick-log
bar, the person dialog) are in ``WORKSPACE_FORMS[kind] = (label, fn(workspace, draft))``. The
reopened form finds its own draft and restores it.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from desktop.store.drafts import Draft
from desktop.ui.forms.kit import format_datetime, heading, hint, name
from desktop.ui.widgets import asking
from desktop.i18n import N_, _, ngettext  # noqa: F401

Opener = Callable[..., QDialog]


def _visit(store, person_id, record_id, parent):
    from desktop.ui.person.visit_dialog import VisitDialog
    return VisitDialog(store, record_id, parent)


def _person(store, person_id, record_id, parent):
    from desktop.ui.person.record_dialog import PersonRecordDialog
    return PersonRecordDialog(store, person_id, parent)


def _goal(store, person_id, record_id, parent):
    from desktop.ui.person.goal_dialog import GoalDialog
    return GoalDialog(store, person_id, record_id or None, parent)


def _barrier(store, person_id, record_id, parent):
    from desktop.ui.person.barrier_dialogs import BarrierDialog
    return BarrierDialog(store, person_id, record_id or None, parent)


def _pattern(store, person_id, record_id, parent):
    from desktop.ui.person.barrier_dialogs import PatternDialog
    return PatternDialog(store, person_id, record_id or None, parent)


def _meeting(store, person_id, record_id, parent):
    from desktop.ui.person.meeting_dialog import MeetingDialog
    meeting = store.meetings.require(record_id) if record_id else None
    return MeetingDialog(store, person_id, meeting, parent)


def _risk(store, person_id, record_id, parent):
    from desktop.ui.person.risk_tab import RiskEditor
    if record_id:
        return RiskEditor(store, store.risk_assessments.require(record_id), new=False,
                          parent=parent)
    return RiskEditor(store, store.risk_assessments.draft_version(person_id), new=True,
                      parent=parent)


def _chronology_entry(store, person_id, record_id, parent):
    from desktop.ui.person.chronology_tab import EntryDialog
    agencies = sorted(set(store.chronology.agencies(person_id)), key=str.lower)
    return EntryDialog(store, person_id, agencies, parent)


def _action(store, person_id, record_id, parent):
    from desktop.domain.action import Action
    from desktop.ui.person.plan_tab import ActionDialog
    if record_id:
        return ActionDialog(store, store.actions.require(record_id), parent)
    return ActionDialog(store, Action(person_id=person_id, what=""), parent, new=True)


def _referral_or_supervision(kind: str):
    def opener(store, person_id, record_id, parent):
        from desktop.ui.person import referrals_tab as rt
        if kind == "referral":
            repo, fields, title = store.referrals, rt.REFERRAL_FIELDS, (_("Referral"),
                                                                        _("New referral"))
            blank = rt.Referral(person_id=person_id, to_whom=rt.ReferralTo.ADULT_SAFEGUARDING,
                                date=rt.date.today(), reason="")
        else:
            repo, fields, title = store.supervisions, rt.SUPERVISION_FIELDS, (
                _("Supervision note"), _("New supervision note"))
            blank = rt.Supervision(person_id=person_id, date=rt.date.today(), manager="")
        record = repo.require(record_id) if record_id else blank
        return rt.RecordDialog(store, repo, record, fields,
                               title[0] if record_id else title[1],
                               not record_id, parent, decisions=kind == "supervision")
    return opener


def _procedure_record(kind: str):
    """Escalation, de-escalation, disagreement and withdrawal (the Escalation tab's dialogs)."""
    def opener(store, person_id, record_id, parent):
        from datetime import date

        from desktop.domain import disagreement as dg, escalation as es
        from desktop.ui.person import escalation_dialogs as ed
        today = date.today()
        if kind == "escalation":
            return ed.escalation_dialog(store, es.Escalation(
                person_id=person_id, escalated_on=today, escalated_by=store.actor), parent)
        if kind == "deescalation":
            return ed.deescalation_dialog(store, es.Deescalation(
                person_id=person_id, decided_on=today, decided_by=""), parent)
        if kind == "agency_withdrawal":
            return ed.withdrawal_dialog(store, dg.AgencyWithdrawal(
                person_id=person_id, agency="", withdrawn_on=today), parent)
        record = store.disagreements.require(record_id) if record_id else \
            dg.ProfessionalDisagreement(person_id=person_id, raised_on=today, raised_by="",
                                        agency="", about="")
        return ed.disagreement_dialog(store, record, not record_id, parent)
    return opener


FORMS: dict[str, tuple[str, Opener | None]] = {
    "escalation": (N_("Escalation"), _procedure_record("escalation")),
    "deescalation": (N_("De-escalation"), _procedure_record("deescalation")),
    "professional_disagreement": (N_("Professional disagreement"),
                                  _procedure_record("professional_disagreement")),
    "agency_withdrawal": (N_("Agency ending its involvement"),
                          _procedure_record("agency_withdrawal")),
    "meeting": (N_("Meeting record"), _meeting),
    "risk": (N_("Risk assessment"), _risk),
    "chronology_entry": (N_("Chronology entry"), _chronology_entry),
    "action": (N_("Action"), _action),
    "referral": (N_("Referral"), _referral_or_supervision("referral")),
    "supervision": (N_("Supervision note"), _referral_or_supervision("supervision")),
    "visit": (N_("Visit details"), _visit),
    "person_record": (N_("Person record"), _person),
    "goal": (N_("Small goal"), _goal),
    "goal_progress": (N_("Goal progress"), None),     # inline on the Goals tab
    "checklist": (N_("Engagement checklist"), None),  # inline on the Checklist tab
    "barrier": (N_("Barrier"), _barrier),
    "pattern": (N_("Disengagement pattern"), _pattern),
}


WORKSPACE_FORMS: dict[str, tuple[str, Callable]] = {
    "quick_log": (N_("Contact attempt (quick log)"),
                  lambda ws, d: ws.open_person(d.person_id, focus_log=True)),
    "person_new": (N_("New person"), lambda ws, d: ws.new_person()),
    "person_edit": (N_("Person details"), lambda ws, d: ws.edit_person(d.person_id)),
}


def _owning_tab(kind: str):
    """The person tab a form belongs to, so that a reopened draft opens over it."""
    from desktop.ui.person.chronology_tab import ChronologyTab
    from desktop.ui.person.plan_tab import PlanTab
    from desktop.ui.person.referrals_tab import ReferralsTab
    from desktop.ui.person.risk_tab import RiskTab
    from desktop.ui.person.barriers_tab import BarriersTab
    from desktop.ui.person.goals_tab import GoalsTab
    from desktop.ui.person.contacts_tab import ContactsTab
    from desktop.ui.person.escalation_tab import EscalationTab
    return {"escalation": EscalationTab, "deescalation": EscalationTab,
            "professional_disagreement": EscalationTab, "agency_withdrawal": EscalationTab,
            "visit": ContactsTab, "goal": GoalsTab, "barrier": BarriersTab,
            "pattern": BarriersTab, "meeting": PlanTab, "risk": RiskTab,
            "chronology_entry": ChronologyTab, "action": PlanTab, "referral": ReferralsTab,
            "supervision": ReferralsTab}.get(kind)


def split_key(form_key: str) -> tuple[str, str]:
    kind, _ignored, record_id = form_key.partition(":")
    return kind, record_id


def label_of(draft: Draft) -> str:
    kind = split_key(draft.form_key)[0]
    found = FORMS.get(kind) or WORKSPACE_FORMS.get(kind)
    return _(found[0]) if found else kind.replace("_", " ").capitalize()


def open_draft(store, draft: Draft, parent: QWidget | None = None,
               workspace=None) -> QDialog | None:
    """Reopen the form a draft belongs to (non-blocking); None when it reopens elsewhere
    (e.g. the progress entry on the Goals tab) or its record has gone."""
    kind, record_id = split_key(draft.form_key)
    if kind in WORKSPACE_FORMS:
        if workspace is None:
            return None
        shown = WORKSPACE_FORMS[kind][1](workspace, draft)
        return shown if isinstance(shown, QDialog) else None
    opener = FORMS.get(kind, (None, None))[1]
    if opener is None:
        return None
    if workspace is not None and draft.person_id and hasattr(workspace, "open_person") and \
            store.people.get(draft.person_id) is not None:
        # Back on the person's screen, so that after saving the worker is where they were.
        view = workspace.person_view
        if view is None or view.person_id != draft.person_id:
            view = workspace.open_person(draft.person_id)
        parent = view
        owner = _owning_tab(kind)
        if owner is not None and hasattr(view, "show_tab"):
            parent = view.show_tab(owner) or view    # on the tab the form belongs to
    try:
        dialog = opener(store, draft.person_id, record_id, parent)
    except LookupError:
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class DraftsDialog(QDialog):
    """"You have unsaved work": each draft with its form, person and time; Open or Discard."""

    def __init__(self, store, drafts: list[Draft], parent: QWidget | None = None,
                 workspace=None):
        super().__init__(parent)
        self.store, self.workspace = store, workspace
        self.setWindowTitle(_("Unsaved work"))
        self.setAccessibleName(_("Unsaved work"))
        self.opened: list[QDialog] = []
        self.list = QListWidget()
        name(self.list, _("Unsaved drafts"), _("Choose one, then Open or Discard"))
        for d in drafts:
            item = QListWidgetItem(self._text(d))
            item.setData(Qt.ItemDataRole.UserRole, d)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.open_button = QPushButton(_("&Open"))
        self.discard_button = QPushButton(_("&Discard"))
        self.later_button = QPushButton(_("&Later"))
        name(self.open_button, _("Open the selected draft"))
        name(self.discard_button, _("Discard the selected draft"))
        name(self.later_button, _("Keep the drafts for later"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        self.list.itemActivated.connect(lambda _i: self.open_selected())
        self.discard_button.clicked.connect(asking(
            self, _("Discard draft"), _("Discard the selected draft? What was typed in it cannot "
            "be brought back."), self.discard_selected, _("Discard draft"),
            lambda: self.selected() is not None))
        self.later_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        row.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("You have unsaved work"), 1.3))
        layout.addWidget(hint(_("These forms were not saved when the app last closed or locked. "
                              "Nothing you typed has been lost.")))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.resize(520, 320)

    def _text(self, d: Draft) -> str:
        who = ""
        if d.person_id:
            p = self.store.people.get(d.person_id)
            who = f" — {p.display_name}" if p else ""
        return f"{label_of(d)}{who} · {format_datetime(d.saved_at)}"

    def selected(self) -> Draft | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def open_selected(self) -> None:
        d = self.selected()
        if d is None:
            return
        dialog = open_draft(self.store, d, self.parentWidget(), self.workspace)
        if dialog is not None:
            self.opened.append(dialog)
        self._drop_current()

    def discard_selected(self) -> None:
        d = self.selected()
        if d is None:
            return
        self.store.drafts.discard(d.form_key, d.person_id)
        self._drop_current()

    def _drop_current(self) -> None:
        self.list.takeItem(self.list.currentRow())
        if self.list.count() == 0:
            self.accept()
        else:
            self.list.setFocus()


def offer_drafts(store, parent: QWidget | None = None, workspace=None) -> DraftsDialog | None:
    """Call after an unlock: shows the drafts dialog (non-blocking) when there are any.
    ``workspace`` (the main window's) reopens the quick-log bar and the person dialog."""
    drafts = store.drafts.list_pending()
    if not drafts:
        return None
    dialog = DraftsDialog(store, drafts, parent, workspace)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
