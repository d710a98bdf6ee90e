"""Escalation: the case's escalation into the engagement-escalation procedure (Fife step 1) and
its end (step 6), professional disagreements (with escalation to the Safeguarding Adults Board)
and agencies ending their involvement. The status shown here comes from these records."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop.domain.disagreement import AgencyWithdrawal, ProfessionalDisagreement
from desktop.domain.escalation import Deescalation, Escalation
from desktop.ui.forms.common import (
    CaseworkTab, button, button_row, current_id, format_date, heading_label, hint, record_node,
    select_id, tree_widget)
from desktop.ui.person.escalation_dialogs import (
    criteria_text, deescalation_dialog, disagreement_dialog, escalation_dialog,
    withdrawal_dialog)
from desktop.i18n import N_, _, ngettext  # noqa: F401


class EscalationTab(CaseworkTab):
    TITLE = N_("Escalation")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(_("Case status"))
        self.history = tree_widget((_("Date"), _("Record"), _("By"), _("Details")), _("Escalation history"),
                                   (100, 130, 160))
        self.escalate_button = button(_("Record es&calation…"), _("Record the escalation"),
                                      self.record_escalation)
        self.deescalate_button = button(_("Record &de-escalation…"), _("Record the de-escalation"),
                                        self.record_deescalation)
        self.disagreements = tree_widget((_("Raised"), _("By"), _("Agency"), _("About"), _("Route"), _("Outcome")),
                                         _("Professional disagreements"), (100, 140, 140, 260, 160))
        self.disagreements.itemActivated.connect(lambda *_ignored: self.open_disagreement())
        self.add_disagreement_button = button(_("Record dis&agreement…"),
                                              _("Record a professional disagreement"),
                                              self.add_disagreement)
        self.open_disagreement_button = button(_("&Open disagreement…"),
                                               _("Open the selected disagreement"),
                                               self.open_disagreement)
        self.withdrawals = tree_widget((_("Ends on"), _("Agency"), _("Reason"), _("Informed")),
                                       _("Agencies ending their involvement"), (100, 160, 280))
        self.withdraw_button = button(_("Agency ends &involvement…"),
                                      _("Record an agency ending its involvement"),
                                      self.add_withdrawal)
        self.concern_button = button(_("Concern decision (&worrying visit)…"),
                                     _("Record the decision about raising an adult safeguarding "
                                     "concern after a worrying visit"), self.decide_concern)
        top = QWidget()
        col = QVBoxLayout(top)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Escalation")))
        col.addWidget(self.status_label)
        col.addWidget(self.history, 1)
        col.addLayout(button_row(self.escalate_button, self.deescalate_button))
        middle = QWidget()
        col = QVBoxLayout(middle)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Professional disagreements")))
        col.addWidget(hint(_("At no time must professional disagreement detract from ensuring "
                           "that the adult is protected: the procedure continues meanwhile.")))
        col.addWidget(self.disagreements, 1)
        col.addLayout(button_row(self.add_disagreement_button, self.open_disagreement_button))
        bottom = QWidget()
        col = QVBoxLayout(bottom)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("Agencies ending their involvement")))
        col.addWidget(self.withdrawals, 1)
        col.addLayout(button_row(self.withdraw_button, self.concern_button))
        splitter = QSplitter(Qt.Orientation.Vertical)
        for w in (top, middle, bottom):
            splitter.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for b in (self.escalate_button, self.deescalate_button, self.add_disagreement_button,
                  self.withdraw_button, self.concern_button):
            b.setVisible(self.editable)
        self.dialog = None
        self.refresh()

    def refresh(self) -> None:
        person = self.person()
        escalations = self.store.escalations.for_person(self.person_id)
        deescalations = self.store.deescalations.for_person(self.person_id)
        self.status_label.setText(_('Case status: <b>{value}</b>').format(value=person.status.label) + (
            "" if escalations else _(" — not escalated: record the escalation when the "
                                     "inter-agency referral discussion's outcome is option 3 "
                                     "and the criteria are met.")))
        self.history.clear()
        rows = [(e.escalated_on, _("Escalated"), e.escalated_by,
                 _("{criteria_text}. Inter-agency referral discussions: {ird_count}").format(
                     criteria_text=criteria_text(e.criteria), ird_count=e.ird_count)
                 + (f". {e.rationale}" if e.rationale else ""), e.id) for e in escalations]
        rows += [(d.decided_on, _("De-escalated"), d.decided_by,
                  _('{value}: {decision}. Rationale: {rationale}').format(value=d.basis.label, decision=d.decision, rationale=d.rationale), d.id)
                 for d in deescalations]
        for when, what, by, details, rid in sorted(rows, key=lambda r: r[0], reverse=True):
            node = record_node([format_date(when), what, by, " ".join(details.split())], rid)
            node.setToolTip(3, details)
            self.history.addTopLevelItem(node)
        select_id(self.history, "")
        keep = current_id(self.disagreements)
        self.disagreements.clear()
        for d in self.store.disagreements.for_person(self.person_id):
            board = _("; Safeguarding Adults Board {date}").format(
                date=format_date(d.sab_escalated_on)) if d.sab_escalated_on else ""
            outcome = (f"{d.outcome} ({format_date(d.resolved_on)})" if d.resolved_on
                       else _("Open") + board)
            self.disagreements.addTopLevelItem(record_node(
                [format_date(d.raised_on), d.raised_by, d.agency, " ".join(d.about.split()),
                 d.route.label, outcome], d.id))
        select_id(self.disagreements, keep)
        self.withdrawals.clear()
        for w in self.store.withdrawals.for_person(self.person_id):
            told = ", ".join(f"{i.agency} {format_date(i.on)}" for i in w.informed) or \
                _("Not yet informed")
            self.withdrawals.addTopLevelItem(record_node(
                [format_date(w.withdrawn_on), w.agency, " ".join(w.reason.split()), told], w.id))
        self.deescalate_button.setEnabled(bool(escalations))
        self.concern_button.setEnabled(self._undecided_visit() is not None)
        self.open_disagreement_button.setEnabled(self.disagreements.topLevelItemCount() > 0)

    # ---------------------------------------------------------------- actions
    def record_escalation(self):
        e = Escalation(person_id=self.person_id, escalated_on=date.today(),
                       escalated_by=self.store.actor, agency=self.store.agency or "")
        return self._open(escalation_dialog(self.store, e, self))

    def record_deescalation(self):
        d = Deescalation(person_id=self.person_id, decided_on=date.today(), decided_by="")
        return self._open(deescalation_dialog(self.store, d, self))

    def add_disagreement(self):
        d = ProfessionalDisagreement(person_id=self.person_id, raised_on=date.today(),
                                     raised_by="", agency="", about="")
        return self._open(disagreement_dialog(self.store, d, True, self))

    def open_disagreement(self):
        rid = current_id(self.disagreements)
        if not rid:
            return None
        return self._open(disagreement_dialog(self.store, self.store.disagreements.require(rid),
                                              False, self))

    def add_withdrawal(self):
        w = AgencyWithdrawal(person_id=self.person_id, agency="", withdrawn_on=date.today())
        return self._open(withdrawal_dialog(self.store, w, self))

    def _undecided_visit(self):
        """The latest worrying visit (risk noticed, or observed and reported disagree) with no
        decision about a safeguarding concern yet."""
        from desktop.domain.hostility import worrying
        decided = {c.visit_id for c in self.store.concern_decisions.for_person(self.person_id)}
        visits = [v for v in self.store.visits.for_person(self.person_id)
                  if worrying(v) and v.id not in decided]
        return max(visits, key=lambda v: v.created_at or 0) if visits else None

    def decide_concern(self):
        from desktop.domain.hostility import ConcernDecision
        from desktop.ui.person.escalation_dialogs import concern_dialog
        visit = self._undecided_visit()
        if visit is None:
            return None
        attempt = self.store.attempts.get(visit.attempt_id)
        when = format_date(attempt.at.astimezone().date()) if attempt else _("recorded earlier")
        what = visit.risks_noticed or _("what was observed and reported disagree")
        record = ConcernDecision(person_id=self.person_id, visit_id=visit.id,
                                 decided_on=date.today(), decided_by=self.store.actor)
        return self._open(concern_dialog(self.store, record,
                                         _("of {when} ({what})").format(when=when, what=what),
                                         self))

    def _open(self, dlg):
        self.dialog = dlg
        dlg.saved.connect(lambda _id: (self.refresh(), self.status(_("Saved."))))
        dlg.open()
        return dlg
