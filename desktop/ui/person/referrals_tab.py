"""Referrals & supervision: referrals with reason and outcome, and supervision notes whose
decisions a manager signs off (defensible decision making, managerial oversight)."""
from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget)

from desktop.domain.codec import encode, from_fields
from desktop.domain.referral import Referral, ReferralTo
from desktop.domain.supervision import Supervision, SupervisionDecision
from desktop.ui.forms.common import save_shortcuts
from desktop.ui.forms.common import (
    CaseworkTab, MessageLabel, bold, button, button_row, current_id, format_date,
    heading_label, hint, name, name_buttons, record_node, select_id, std_icon, tree_widget)
from desktop.ui.forms.draft_dialog import DraftDialog
from desktop.ui.forms.object_form import Field, ListEditor, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

REFERRAL_FIELDS = [
    Field(attr="to_whom", label=N_("Referral &to:"), kind="enum", enum=ReferralTo),
    Field(attr="service", label=N_("Ser&vice or team:"), help=N_("The named service (required for 'other')")),
    Field(attr="date", label=N_("&Date made:"), kind="date"),
    Field(attr="reason", label=N_("&Reason:"), kind="multiline", lines=3),
    Field(attr="made_by", label=N_("&Made by:")),
    Field(attr="agency", label=N_("Referring &agency:")),
    Field(attr="outcome", label=N_("&Outcome:"), kind="multiline", lines=2),
    Field(attr="outcome_date", label=N_("Outcome dat&e:"), kind="date"),
]
SUPERVISION_FIELDS = [
    Field(attr="date", label=N_("&Date:"), kind="date"),
    Field(attr="manager", label=N_("&Manager:")),
    Field(attr="worker", label=N_("&Worker:")),
    Field(attr="discussion", label=N_("D&iscussion:"), kind="multiline", lines=4),
    Field(attr="debrief", label=N_("This session included a de&brief (e.g. after an incident)"), kind="bool"),
]
DECISION_FIELDS = [
    Field(attr="decision", label=N_("De&cision:"), kind="multiline", lines=2),
    Field(attr="rationale", label=N_("&Rationale:"), kind="multiline", lines=2),
    Field(attr="signed_off_by", label=N_("Signed o&ff by:")),
    Field(attr="signed_off_on", label=N_("Signed off &on:"), kind="date"),
    Field(attr="sign_off_rationale", label=N_("Sign-off rationa&le:"), kind="multiline", lines=2,
          help=N_("Why the manager signs it off: the rationale must be evident in the record")),
]


class RecordDialog(DraftDialog, QDialog):
    """Add or edit one referral or supervision note with an ObjectForm (+ decisions)."""
    saved = Signal(str)

    def __init__(self, store, repo, record, fields, title: str, new: bool, parent=None,
                 decisions: bool = False, read_only: bool = False):
        super().__init__(parent)
        self.store, self.repo, self.record, self.new = store, repo, record, new
        self.read_only = read_only
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.form = ObjectForm(fields)
        self.form.load(record)
        self.form.set_read_only(read_only)
        self.decisions = None
        col = QVBoxLayout(self)
        col.addWidget(self.form)
        if decisions:
            self.decisions = ListEditor("decision", SupervisionDecision, DECISION_FIELDS,
                                        lambda d: ("✓ " if d.signed_off else "… ")
                                        + (" ".join(d.decision.split())[:40] or "(new)"))
            self.decisions.set_items(record.decisions)
            self.decisions.set_read_only(read_only)
            self.sign_button = QPushButton(_("Si&gn off all decisions as the manager"))
            self.sign_button.clicked.connect(self.sign_off_all)
            name(self.sign_button, _("Sign off all decisions as the manager"))
            self.sign_button.setVisible(not read_only)
            col.addWidget(QLabel("<b>Decisions</b>"))
            col.addWidget(self.decisions, 1)
            col.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        if read_only:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.add_draft_buttons(buttons)
        buttons.accepted.connect(self.save)
        save_shortcuts(self, self.save)
        buttons.rejected.connect(self.reject)
        name_buttons(buttons)
        col.addWidget(self.message)
        col.addWidget(buttons)
        self.resize(720, 640 if decisions else 480)
        self.start_drafts()

    # -- drafts: "referral" / "supervision", with ":<id>" when editing one ------------------
    @property
    def draft_key(self) -> str:
        kind = type(self.record).ENTITY
        return kind if self.new else f"{kind}:{self.record.id}"

    @property
    def draft_person_id(self) -> str:
        return self.record.person_id

    def draft_state(self) -> dict:
        rec = dataclasses.replace(self.record)
        self.form.save_into(rec, lenient=True)
        if self.decisions is not None:
            rec.decisions = self.decisions.items(lenient=True)
        return encode(rec)

    def apply_draft(self, data: dict) -> bool:
        self.record = from_fields(type(self.record), data)
        self.form.load(self.record)
        if self.decisions is not None:
            self.decisions.set_items(self.record.decisions)
        return True

    def sign_off_all(self) -> None:
        manager = self.form.value("manager")
        if not manager:
            self.message.show_error(_("Enter the manager's name first."))
            return
        items = self.decisions.items()
        pending = [d for d in items if not d.signed_off]
        if not pending:
            self.message.show_error(_("Every decision is already signed off."))
            return
        missing = [d for d in pending if not d.sign_off_rationale.strip()]
        if missing:
            self.message.show_error(
                _("Give the sign-off rationale for each decision first (why the manager agrees "
                "with it): ") + "; ".join(" ".join(d.decision.split())[:40] for d in missing))
            return
        for d in pending:
            d.signed_off_by, d.signed_off_on = manager, date.today()
        self.decisions.set_items(items)
        self.message.show_message(_('Signed off by {manager}: save to keep it.').format(manager=manager))

    def save(self) -> bool:
        rec = dataclasses.replace(self.record)
        try:
            self.form.save_into(rec)
            if self.decisions is not None:
                rec.decisions = self.decisions.items()
            (self.repo.add if self.new else self.repo.update)(rec)
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return False
        return self.saved_ok(rec.id)


class ReferralsTab(CaseworkTab):
    TITLE = N_("Referrals & supervision")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.referrals = tree_widget(
            (_("Date"), _("Referral to"), _("Reason"), _("Referring agency"), _("Outcome")), _("Referrals"),
            (100, 220, 300, 150))
        self.referrals.itemActivated.connect(lambda *_ignored: self.edit_referral())
        self.add_referral_button = button(_("&Add referral…"), _("Add a referral"), self.add_referral)
        self.edit_referral_button = button(_("Ed&it referral…"), _("Edit or record the outcome of "
                                            "the selected referral"), self.edit_referral)
        self.supervision = tree_widget(
            (_("Date"), _("Manager"), _("Worker"), _("Discussion"), _("Decisions")), _("Supervision notes"),
            (100, 150, 150, 420))
        self.supervision.itemActivated.connect(lambda *_ignored: self.open_supervision())
        self.add_supervision_button = button(_("Add &supervision…"), _("Add a supervision note"),
                                              self.add_supervision)
        self.open_supervision_button = button(_("&Open supervision…"),
                                               _("Open the selected supervision note"),
                                               self.open_supervision)
        self.received = tree_widget((_("Received"), _("Referrer"), _("Agency"), _("Concern"), _("Told")),
                                    _("Referrals received"), (100, 160, 160, 300))
        self.received.itemActivated.connect(lambda *_ignored: self.open_received())
        self.add_received_button = button(_("Referral recei&ved…"),
                                          _("Record the referral received"), self.add_received)
        self.open_received_button = button(_("Referrer &updates…"),
                                           _("Open the referral received: tell the referrer"),
                                           self.open_received)
        self.children_note = hint()
        top = QWidget()
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Referrals")))
        col.addWidget(self.children_note)
        col.addWidget(self.referrals, 1)
        col.addLayout(button_row(self.add_referral_button, self.edit_referral_button))
        bottom = QWidget()
        col = QVBoxLayout(bottom)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Supervision")))
        col.addWidget(hint(_("Staff discuss the case with their line manager after meetings "
                                 "and do not carry risk on their own; decisions are signed off.")))
        col.addWidget(self.supervision, 1)
        col.addLayout(button_row(self.add_supervision_button, self.open_supervision_button))
        first = QWidget()
        col = QVBoxLayout(first)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Referral received")))
        col.addWidget(self.received, 1)
        col.addLayout(button_row(self.add_received_button, self.open_received_button))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(first)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for b in (self.add_referral_button, self.edit_referral_button,
                  self.add_supervision_button, self.add_received_button):
            b.setVisible(self.editable)
        if not self.editable:
            self.open_supervision_button.setText(_("&View supervision…"))
        self.dialog: RecordDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        keep_in = current_id(self.received)
        self.received.clear()
        for r in self.store.incoming_referrals.for_person(self.person_id):
            told = "; ".join(f"{u.reason.label} {format_date(u.on)}" for u in r.updates) or \
                _("Not yet")
            self.received.addTopLevelItem(record_node(
                [format_date(r.received_on), r.referrer, r.referrer_agency,
                 " ".join(r.concern.split()), told], r.id))
        select_id(self.received, keep_in)
        self.open_received_button.setEnabled(self.received.topLevelItemCount() > 0)
        keep_r, keep_s = current_id(self.referrals), current_id(self.supervision)
        self.referrals.clear()
        refs = self.store.referrals.for_person(self.person_id)
        for r in refs:
            outcome = r.outcome + (f" ({format_date(r.outcome_date)})" if r.outcome_date else "")
            node = record_node([format_date(r.date), r.label, " ".join(r.reason.split()),
                                r.agency, outcome or _("Awaiting outcome")], r.id)
            node.setToolTip(2, r.reason)
            self.referrals.addTopLevelItem(node)
        person = self.person()
        needs_mash = person.dependants.has_children if hasattr(person, "dependants") else False
        has_mash = any(r.to_whom is ReferralTo.CHILDRENS_SERVICES_MASH for r in refs)
        self.children_note.setText(
            _("Children live in the household: a referral to children's services (the "
              "multi-agency safeguarding hub) is mandatory.") if needs_mash and not has_mash
            else "")
        self.children_note.setVisible(needs_mash and not has_mash)
        self.supervision.clear()
        for s in self.store.supervisions.for_person(self.person_id):
            waiting = len(s.awaiting_sign_off)
            decisions = f"{len(s.decisions)}" + (_(', {waiting} awaiting sign-off').format(waiting=waiting) if waiting
                                                 else (_(", signed off") if s.decisions else ""))
            node = record_node([format_date(s.date), s.manager, s.worker,
                                " ".join(s.discussion.split()), decisions], s.id)
            if waiting:
                node.setIcon(4, std_icon(self.supervision, "warning"))
                node.setFont(4, bold(self.supervision))
            self.supervision.addTopLevelItem(node)
        select_id(self.referrals, keep_r)
        select_id(self.supervision, keep_s)
        self.edit_referral_button.setEnabled(bool(refs))
        self.open_supervision_button.setEnabled(self.supervision.topLevelItemCount() > 0)

    def add_referral(self) -> RecordDialog:
        r = Referral(person_id=self.person_id, to_whom=ReferralTo.ADULT_SAFEGUARDING,
                     date=date.today(), reason="", made_by=self.store.actor,
                     agency=self.store.agency or "")
        return self._open(RecordDialog(self.store, self.store.referrals, r, REFERRAL_FIELDS,
                                       _("New referral"), True, self))

    def edit_referral(self) -> RecordDialog | None:
        rid = current_id(self.referrals)
        if not rid:
            return None
        return self._open(RecordDialog(self.store, self.store.referrals,
                                       self.store.referrals.require(rid), REFERRAL_FIELDS,
                                       _("Referral"), False, self, read_only=not self.editable))

    def add_supervision(self) -> RecordDialog:
        s = Supervision(person_id=self.person_id, date=date.today(), manager="",
                        worker=self.store.actor)
        return self._open(RecordDialog(self.store, self.store.supervisions, s,
                                       SUPERVISION_FIELDS, _("New supervision note"), True, self,
                                       decisions=True))

    def open_supervision(self) -> RecordDialog | None:
        sid = current_id(self.supervision)
        if not sid:
            return None
        return self._open(RecordDialog(self.store, self.store.supervisions,
                                       self.store.supervisions.require(sid), SUPERVISION_FIELDS,
                                       _("Supervision note"), False, self, decisions=True,
                                       read_only=not self.editable))

    def add_received(self):
        from desktop.domain.referrer import IncomingReferral
        from desktop.ui.person.escalation_dialogs import referrer_dialog
        r = IncomingReferral(person_id=self.person_id, received_on=date.today(), referrer="")
        return self._open(referrer_dialog(self.store, r, True, self))

    def open_received(self):
        from desktop.ui.person.escalation_dialogs import referrer_dialog
        rid = current_id(self.received)
        if not rid:
            return None
        return self._open(referrer_dialog(self.store, self.store.incoming_referrals.require(rid),
                                          False, self))

    def _open(self, dlg: RecordDialog) -> RecordDialog:
        self.dialog = dlg
        dlg.saved.connect(lambda _id: (self.refresh(), self.status(_("Saved."))))
        dlg.open()
        return dlg

