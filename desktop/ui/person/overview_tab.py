"""Overview: the alerts with the action that clears each, and what a worker needs before
knocking on the door (safe contact, communication, household, staff safety), then consent,
capacity, advocacy and the agencies involved."""
from __future__ import annotations

from datetime import date
from typing import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from desktop.domain.fields import summary
from desktop.domain.person import CapacityOutcome, ConsentStatus, LawfulBasis
from desktop.domain.rules import Alert
from desktop.store.alerts import alerts_for
from desktop.ui.forms import draft_offers as drafts_ui
from desktop.ui.alert_style import severity_chip
from desktop.ui.forms.kit import PersonTab, format_date, format_datetime, hint, name
from desktop.ui.person.record_dialog import PersonRecordDialog
from desktop.ui.person.restore_dialog import RestoreDialog
from desktop.ui.person.visit_dialog import VisitDialog
from desktop.i18n import N_, _, ngettext  # noqa: F401

# code -> (button text, handler(tab, alert)); other areas may add their own
ALERT_ACTIONS: dict[str, tuple[str, Callable[["OverviewTab", Alert], None]]] = {
    "children_no_referral": (N_("Record the referral…"),
                             lambda t, a: t.edit_person("household")),
    "capacity_not_considered": (N_("Record capacity…"), lambda t, a: t.edit_person("capacity")),
    "advocacy_not_offered": (N_("Advocacy…"), lambda t, a: t.edit_person("capacity")),
    "falling_engagement": (N_("I have told them"), lambda t, a: t.record_referrer_told()),
    "staff_safety_debrief": (N_("Record the debrief…"), lambda t, a: t.open_visit(a.record_id)),
    "debrief_needed": (N_("Record the debrief…"), lambda t, a: t.open_visit(a.record_id)),
    "joint_visit_next": (N_("Open the visit…"), lambda t, a: t.open_visit(a.record_id)),
}


def _text(value) -> str:
    if isinstance(value, date):
        return format_date(value)
    return getattr(value, "label", None) or str(value).replace("\n", ", ")


def _value(text: str, empty: str = N_("Not recorded")) -> QLabel:
    label = QLabel(text or _(empty))
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if not text:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class OverviewTab(PersonTab):
    TITLE = N_("Overview")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        # The person record is edited with the screen's one "Edit details…" (Ctrl+E) above
        # the tabs; the alerts below open it on the page they are about.
        self.restore_button = QPushButton(_("Re&store deleted…"))
        name(self.restore_button, _("Records you deleted"), _("Restore a record you deleted"))
        # A lambda, not the bound method: with a bound method as the tab's only connection
        # holding it, PySide released the tab's wrapper early and a posted event reached a
        # deleted object after a record dialog closed (a crash in the Overview test).
        self.restore_button.clicked.connect(lambda: self.open_restore())
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.restore_button)
        self.content = QWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self.dialogs: list = []
        self.alerts: list[Alert] = []
        self.alert_buttons: dict[str, QPushButton] = {}
        self.refresh()

    # -- building ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.store.is_open:        # locked: the screen is about to be cleared
            return
        had_focus = self.content.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        person = self.person()
        # the rows the rules need, the visits' attempts, the offers: never the whole history
        self.alerts = alerts_for(self.store, self.person_id, brief=True)
        visits = self.store.visits.with_attempts(self.person_id)
        offers = self.store.attempts.where("person_id = ? AND advocacy_offered = 1",
                                           (self.person_id,), order="at DESC, rowid DESC")
        self.content = QWidget()      # setWidget below deletes the old one
        grid = QGridLayout(self.content)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._alerts_box())
        drafts = self._drafts_box()
        if drafts is not None:
            left.addWidget(drafts)
        left.addWidget(self._consent_box(person))
        left.addWidget(self._advocacy_box(person, offers))
        left.addStretch(1)
        right.addWidget(self._knock_box(person, visits))      # visible without scrolling
        right.addWidget(self._household_box(person))
        right.addWidget(self._agencies_box(person))
        right.addWidget(self._person_box(person))
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        self.scroll.setWidget(self.content)
        if had_focus:
            self.restore_button.setFocus()

    def _box(self, title: str, form: bool = True):
        box = QGroupBox(title)
        box.setAccessibleName(title)
        lay = QFormLayout(box) if form else QVBoxLayout(box)
        if form:
            lay.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return box, lay

    def _row(self, form: QFormLayout, label: str, text: str, empty: str = N_("Not recorded")):
        value = _value(text, empty)
        value.setAccessibleName(f"{label}: {text or _(empty)}")
        form.addRow(QLabel(f"{label}:"), value)
        return value

    def _add_copy(self, form: QFormLayout, value: QLabel, text: str) -> None:
        """A Copy button beside the safe number; the clipboard is cleared after 30 s."""
        from desktop.ui.clipboard import copy_sensitive
        row = form.rowCount() - 1
        form.removeWidget(value)
        line = QHBoxLayout()
        line.addWidget(value, 1)
        self.copy_number_button = QPushButton(_("C&opy"))
        name(self.copy_number_button, _("Copy the safe number"),
             _("Copies it for 30 seconds; clipboard managers are asked not to keep it"))
        self.copy_number_button.clicked.connect(lambda: (
            copy_sensitive(text), self.status(_("Safe number copied; cleared in 30 seconds."))))
        line.addWidget(self.copy_number_button)
        form.setLayout(row, QFormLayout.ItemRole.FieldRole, line)

    def _alerts_box(self) -> QGroupBox:
        box, col = self._box(_('Alerts ({len})').format(len=len(self.alerts)), form=False)
        self.alert_buttons = {}
        if not self.alerts:
            col.addWidget(hint(_("No alerts: nothing is overdue or missing.")))
        for a in self.alerts:
            row = QHBoxLayout()
            row.addWidget(severity_chip(a.severity), 0, Qt.AlignmentFlag.AlignTop)
            text = QVBoxLayout()
            msg = QLabel(a.message)
            msg.setWordWrap(True)
            font = msg.font()
            font.setBold(True)
            msg.setFont(font)
            text.addWidget(msg)
            text.addWidget(hint(a.action))
            row.addLayout(text, 1)
            action = ALERT_ACTIONS.get(a.code)
            if action is not None:
                button = QPushButton(_(action[0]))
                name(button, f"{_(action[0]).rstrip('…')}: {a.message}", a.action)
                button.clicked.connect(lambda _c=False, a=a, fn=action[1]: fn(self, a))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
                self.alert_buttons[a.code] = button
            holder = QWidget()
            holder.setLayout(row)
            holder.setAccessibleName(f"{a.severity.name.title()}: {a.message} {a.action}")
            col.addWidget(holder)
        return box

    def _drafts_box(self) -> QGroupBox | None:
        drafts = self.store.drafts.list_pending(self.person_id)
        if not drafts:
            return None
        box, col = self._box(_("Unsaved work"), form=False)
        for d in drafts:
            row = QHBoxLayout()
            row.addWidget(QLabel(f"{drafts_ui.label_of(d)} · {format_datetime(d.saved_at)}"), 1)
            if drafts_ui.FORMS.get(drafts_ui.split_key(d.form_key)[0], ("", None))[1]:
                button = QPushButton(_("Resume"))
                name(button, _('Resume unsaved {value}').format(value=drafts_ui.label_of(d).lower()))
                button.clicked.connect(lambda _c=False, d=d: self._resume(d))
                row.addWidget(button)
            col.addLayout(row)
        return box

    def _knock_box(self, p, visits) -> QGroupBox:
        box, form = self._box(_("Before you knock"))
        sc, com = p.safe_contact, p.communication
        number = self._row(form, _("Safe number"), sc.safe_number)
        if sc.safe_number.strip():
            self._add_copy(form, number, sc.safe_number.strip())
        self._row(form, _("Safe message"), sc.safe_message)
        self._row(form, _("Avoid"), sc.methods_to_avoid)
        self._row(form, _("Best times"), sc.best_times)
        lang = ", ".join(x for x in (com.language, _("interpreter needed") if
                                     com.interpreter_needed else "",
                                     _("easy read") if com.easy_read else "") if x)
        self._row(form, _("Language"), lang)
        self._row(form, _("Communication"), com.needs)
        self._row(form, _("Neurodivergence"), com.neurodivergence_adjustments, _("None recorded"))
        household = [_('{len} child(ren)').format(len=len(p.dependants.children))] if p.dependants.has_children \
            else []
        if p.dependants.pets:
            household.append(p.dependants.pets)
        self._row(form, _("Household"), ", ".join(household), _("No children or pets recorded"))
        incidents = [(a, v) for a, v in visits if v.incident is not None]
        if incidents:
            a, v = incidents[0]
            kinds = ", ".join(k.label.lower() for k in v.incident.kinds)
            self._row(form, _("Staff safety"),
                      f"{format_date(a.at)}: {kinds}. {v.incident.description}")
        if visits and visits[0][1].joint_visit_needed_next:
            self._row(form, _("Next visit"), _("Joint visit needed"))
        return box

    def _consent_box(self, p) -> QGroupBox:
        box, form = self._box(_("Consent and capacity"))
        c = p.consent
        consent = c.status.label
        if c.status is not ConsentStatus.GIVEN and c.lawful_basis is not LawfulBasis.NONE:
            consent += _('; shared under {value}').format(value=c.lawful_basis.label.lower())
        if c.recorded_on:
            consent += f" ({format_date(c.recorded_on)})"
        self._row(form, _("Consent to share"), consent)
        self._row(form, _("Rationale"), c.rationale, _("None recorded"))
        cap = p.capacity
        if cap.considered:
            text = _('Considered {format_date}').format(format_date=format_date(cap.date))
            if cap.outcome is not CapacityOutcome.NOT_ASSESSED:
                text += f": {cap.outcome.label.lower()}"
            if cap.by_whom:
                text += _(", by {who}").format(who=cap.by_whom)
        else:
            text = ""
        self._row(form, _("Capacity"), text, _("Never considered"))
        return box

    def _advocacy_box(self, p, offers) -> QGroupBox:
        """``offers``: the attempts at which advocacy was offered, newest first."""
        box, form = self._box(_("Advocacy"))
        a = p.advocacy
        steps = [what.format(date=format_date(on)) for what, flag, on in (
            (_("considered {date}"), a.considered, a.considered_on),
            (_("offered {date}"), a.offered, a.offered_on),
            (_("accepted {date}"), a.accepted, a.accepted_on)) if flag]
        if a.declined_on and not a.accepted:
            steps.append(_("declined {date}").format(date=format_date(a.declined_on)))
        status = "; ".join(steps)
        # Offered at a contact counts as considered, even before the record says so.
        self._row(form, _("Status"), status[:1].upper() + status[1:],
                  _("Offered at a contact") if offers else _("Not yet considered"))
        self._row(form, _("Offered at contacts"),
                  ngettext("{n} time, last {date}", "{n} times, last {date}", len(offers)).format(
                      n=len(offers), date=format_date(offers[0].at)) if offers else "",
                  _("Not yet"))
        if a.advocate:
            self._row(form, _("Advocate"), a.advocate)
        return box

    def _household_box(self, p) -> QGroupBox:
        box, form = self._box(_("Household"))
        d = p.dependants
        kids = "; ".join(", ".join(x for x in (c.name, format_date(c.date_of_birth), c.note) if x)
                         for c in d.children)
        self._row(form, _("Children"), kids, _("None recorded"))
        if d.has_children:
            ref = _('Recorded {format_date}').format(format_date=format_date(d.children_referral_recorded_on)) \
                if d.children_referral_recorded_on else ""
            if ref and d.children_referral_note:
                ref += f" ({d.children_referral_note})"
            self._row(form, _("Children's services"), ref, _("NO REFERRAL RECORDED"))
        self._row(form, _("Pets"), d.pets, _("None recorded"))
        return box

    def _person_box(self, p) -> QGroupBox:
        """Every summary field the Person declares (desktop/domain/person.py), in order."""
        box, form = self._box(_("Person"))
        for label, text in summary(p, _text):
            if label != "Name":
                self._row(form, _(label), text)
        return box

    def _agencies_box(self, p) -> QGroupBox:
        box, form = self._box(_("Agencies"))
        for x in p.agencies:
            self._row(form, x.agency, ", ".join(v for v in (x.lead_worker, x.role, x.contact)
                                                if v), _("No lead worker named"))
        if p.disengagement_shared_on:
            self._row(form, _("Told of disengagement"), format_date(p.disengagement_shared_on))
        return box

    # -- actions ------------------------------------------------------------------------------
    def _show(self, dialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if hasattr(dialog, "saved"):
            dialog.saved.connect(lambda _r: self.refresh())
        dialog.finished.connect(lambda _r: self.refresh())
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d)] + [dialog]
        dialog.open()

    def edit_person(self, page: str = "person") -> PersonRecordDialog:
        dialog = PersonRecordDialog(self.store, self.person_id, self, page=page)
        self._show(dialog)
        return dialog

    def open_visit(self, visit_id: str | None) -> VisitDialog | None:
        visit = self.store.visits.get(visit_id) if visit_id else None
        if visit is None:
            return None
        dialog = VisitDialog(self.store, visit.attempt_id, self)
        self._show(dialog)
        return dialog

    def open_restore(self) -> RestoreDialog:
        dialog = RestoreDialog(self.store, self.person_id, self)
        self._show(dialog)
        return dialog

    def record_referrer_told(self) -> None:
        p = self.person()
        p.disengagement_shared_on = date.today()
        self.store.people.update(p)
        self.refresh()

    def _resume(self, draft) -> None:
        dialog = drafts_ui.open_draft(self.store, draft, self)
        if dialog is not None:
            dialog.finished.connect(lambda _r: self.refresh())
            self.dialogs.append(dialog)
