"""Closure: closing a case when every option is exhausted (Nottingham s.12).

The form shows which involved agencies (from the person's record) have agreed; closing is
refused by the domain, with its message naming who is missing, until every one has. A closed
case shows its closure record and when the next keep-in-touch contact is due.
"""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QTextBrowser,
    QVBoxLayout, QWidget)

from desktop.domain.closure import Agreement, Closure, KeepInTouch, ManagementOverride
from desktop.domain.dates import local_date
from desktop.domain.person import CaseStatus
from desktop.ui.forms.common import (
    CaseworkTab, MessageLabel, format_date, heading_label, hint, name)
from desktop.ui.forms.object_form import Field, ListEditor, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

FIELDS = [
    Field(attr="closed_on", label=N_("&Date of closure:"), kind="date"),
    Field(attr="reason", label=N_("&Reason for closing:"), kind="multiline", lines=3),
    Field(attr="evidence", label=N_("Evidence that all options are e&xhausted:"), kind="multiline",
          lines=5,
          help=N_("What was tried, by whom, and the outcome: the checklist, meetings, referrals")),
    Field(attr="agencies_informed", label=N_("Agencies &informed:"), kind="lines", lines=3,
          help=N_("One per line: agencies told that the case is closing")),
    Field(attr="risks_addressed", label=N_("Decision that the risks were &addressed:"), kind="multiline", lines=2,
          help=N_("Needed when the agreed risk level is high or very high (South Lanarkshire)")),
]
SENIOR_FIELDS = [Field(attr="name", label=N_("Senior manager &who agreed:")), Field(attr="agency", label=N_("Their agency:")),
                 Field(attr="date", label=N_("Date they agreed:"), kind="date")]
OVERRIDE_FIELDS = [
    Field(attr="senior_manager", label=N_("&Override by (senior manager):")),
    Field(attr="agency", label=N_("Senior manager's agency:")),
    Field(attr="date", label=N_("Date of the override:"), kind="date"),
    Field(attr="rationale", label=N_("Override rationa&le:"), kind="multiline", lines=2),
]
KIT_FIELDS = [
    Field(attr="who", label=N_("&Keeps in touch:"), help=N_("The person delegated to keep contact")),
    Field(attr="every_months", label=N_("E&very (months):"), kind="int", minimum=0, maximum=24,
          help=N_("0 = no keep-in-touch plan")),
    Field(attr="reviewed_by", label=N_("Tracked by (senior manager):"),
          help=N_("Nottingham s.12: closed cases are tracked and regularly reviewed by a senior "
               "manager")),
]


class ClosureTab(CaseworkTab):
    TITLE = N_("Closure")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.record_view = QTextBrowser()
        name(self.record_view, _("Closure record"))
        self.form = ObjectForm(FIELDS)
        self.kit_form = ObjectForm(KIT_FIELDS)
        self.meeting = QComboBox()
        name(self.meeting, _("Meeting that agreed the closure"))
        meeting_label = QLabel(_("Agreed at &meeting:"))
        meeting_label.setBuddy(self.meeting)
        self.involved = QLabel()
        self.involved.setWordWrap(True)
        self.involved.setAccessibleName(_("Involved agencies"))
        self.agreement_state = MessageLabel()
        self.agreements = ListEditor("agreement", Agreement, [
            Field(attr="name", label=_("&Name:")), Field(attr="agency", label=_("A&gency:")),
            Field(attr="date", label=_("Da&te agreed:"), kind="date")],
            lambda a: f"{a.agency or '?'}: {a.name or '?'} ({format_date(a.date, 'undated')})",
            add_label=_("Add agreement"))
        self.agreements.changed.connect(self._update_agreement_state)
        self.seniors = ListEditor(_("senior manager's agreement"), Agreement, SENIOR_FIELDS,
                                  lambda a: f"{a.agency or '?'}: {a.name or '?'} "
                                            f"({format_date(a.date, 'undated')})",
                                  add_label=_("Add senior manager's agreement"))
        self.seniors.changed.connect(self._update_blockers)
        self.override_form = ObjectForm(OVERRIDE_FIELDS)
        self.override_form.edited.connect(self._update_blockers)
        self.form.edited.connect(self._update_blockers)
        self.blockers = QLabel()
        self.blockers.setWordWrap(True)
        self.blockers.setTextFormat(Qt.TextFormat.RichText)
        self.blockers.setAccessibleName(_("What stands in the way of closing"))
        self.fill_button = QPushButton(_("Add a row for each agency &still to agree"))
        self.fill_button.clicked.connect(self.add_missing_rows)
        name(self.fill_button, _("Add a row for each agency still to agree"))
        self.close_button = QPushButton(_("&Close the case…"))
        name(self.close_button, _("Close the case"))
        self.close_button.clicked.connect(self.confirm_close)
        self.message = MessageLabel()

        form_page = QWidget()
        col = QVBoxLayout(form_page)
        col.addWidget(hint(
            _("Close only when every member of the multi-agency group and their senior managers "
            "agree that there are no further options. Provision must remain for the adult to "
            "seek support at a time that suits them.")))
        col.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(meeting_label)
        row.addWidget(self.meeting, 1)
        col.addLayout(row)
        col.addWidget(heading_label(_("Agreement of each involved agency"), scale=1.1))
        col.addWidget(self.involved)
        col.addWidget(self.agreement_state)
        col.addWidget(self.agreements)
        col.addWidget(self.fill_button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addWidget(heading_label(_("Senior managers' agreement"), scale=1.1))
        col.addWidget(hint(_("Nottingham s.12: all members of the group and their senior "
                           "managers must agree that there are no further options.")))
        col.addWidget(self.seniors)
        col.addWidget(heading_label(_("Before the case can close"), scale=1.1))
        col.addWidget(self.blockers)
        col.addWidget(heading_label(_("Management override"), scale=1.1))
        col.addWidget(hint(_("Only to close despite what stands in the way: a senior manager's "
                           "decision with the rationale, printed on the closure record.")))
        col.addWidget(self.override_form)
        col.addWidget(heading_label(_("Keep in touch"), scale=1.1))
        col.addWidget(self.kit_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.message, 1)
        col.addLayout(buttons)
        col.addStretch(1)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form_area.setWidget(form_page)
        from desktop.ui.person.closure_follow_up import ClosureFollowUp
        self.follow_up = ClosureFollowUp(store, person_id)
        self.follow_up.saved.connect(self.refresh)
        self.follow_up_area = QScrollArea()        # small screens: the record keeps its room
        self.follow_up_area.setWidgetResizable(True)
        self.follow_up_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.follow_up_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.follow_up_area.setWidget(self.follow_up)
        layout = QVBoxLayout(self)
        layout.addWidget(self.record_view, 3)
        layout.addWidget(self.follow_up_area, 2)
        layout.addWidget(self.form_area, 3)
        self.confirm: QMessageBox | None = None
        self._form_loaded = False   # keep what is being typed when the tab refreshes
        self.refresh()

    # ---------------------------------------------------------------- loading
    def refresh(self) -> None:
        person = self.person()
        closure = self.store.closures.current(self.person_id)
        closed = person.status is CaseStatus.CLOSED and closure is not None
        self.record_view.setVisible(closed or not self.editable)
        self.form_area.setVisible(not closed and self.editable)
        self.follow_up_area.setVisible(closed and self.editable)
        if closed:
            self.record_view.setHtml(self._closure_html(closure))
            self.follow_up.load(closure)
            return
        if not self.editable:
            self.record_view.setHtml(
                _('<h2>The case is {escape}</h2><p>Closing a case is agreed by every agency in the multi-agency group and recorded by the lead agency; the closure record appears here once it has synced.</p>').format(escape=escape(person.status.label.lower())))
            return
        from desktop.store import closure_gate
        self.draft = closure_gate.draft(self.store, self.person_id)
        if not self._form_loaded:
            self.form.load(self.draft)
            self.kit_form.load(self.draft.keep_in_touch)
            self.override_form.load(ManagementOverride())
            self._form_loaded = True
        keep = self.meeting.currentData()
        self.meeting.clear()
        self.meeting.addItem(_("Not recorded"), "")
        for m in self.store.meetings.for_person(self.person_id):
            self.meeting.addItem(f"{m.kind.label}, {format_date(m.date)}", m.id)
        self.meeting.setCurrentIndex(max(self.meeting.findData(keep), 0))
        involved = self.draft.involved_agencies
        self.involved.setText(
            _("Involved agencies (the person's agencies, meeting attendees and action leads): ")
            + ", ".join(involved) if involved
            else _("No involved agencies are recorded for this person yet: add them to the "
                 "person's details first."))
        editable = self.editable
        self.form.set_read_only(not editable)
        self.kit_form.set_read_only(not editable)
        self.agreements.set_read_only(not editable)
        self.seniors.set_read_only(not editable)
        self.override_form.set_read_only(not editable)
        self.meeting.setEnabled(editable)
        self.fill_button.setVisible(editable)
        self.close_button.setVisible(editable)
        self._update_agreement_state()

    def current_blockers(self) -> list[str]:
        from desktop.store import closure_gate
        try:
            c = self.collect(lenient=True)
        except ValueError:
            return []
        return closure_gate.blockers(self.store, self.person_id, c, c.closed_on)

    def _update_blockers(self, *_args) -> None:
        """Debounced: the blockers are read from the store a moment after the typing stops."""
        if not hasattr(self, "_blocker_timer"):
            from PySide6.QtCore import QTimer
            self._blocker_timer = QTimer(self)
            self._blocker_timer.setSingleShot(True)
            self._blocker_timer.setInterval(300)
            self._blocker_timer.timeout.connect(self.show_blockers)
        self._blocker_timer.start()

    def show_blockers(self) -> None:
        if not hasattr(self, "draft") or not self.store.is_open:
            return
        found = self.current_blockers()
        if not found:
            self.blockers.setText(_("Nothing stands in the way: every agency and its senior "
                                  "manager has agreed and every blocker is cleared."))
        else:
            self.blockers.setText("<b>The case cannot be closed yet:</b><ul>" + "".join(
                f"<li>{escape(b)}</li>" for b in found) + "</ul>")
        self.blockers.setAccessibleDescription(" ".join(found) or _("Nothing stands in the way"))

    def _closure_html(self, c: Closure) -> str:
        contacts = [local_date(a.at) for a in self.store.attempts.for_person(self.person_id)
                    if local_date(a.at) >= c.closed_on]
        due = c.keep_in_touch_due(max(contacts) if contacts else None)
        rows = "".join(f"<li>{escape(a.agency)}: {escape(a.name)}, {format_date(a.date)}</li>"
                       for a in c.agreements)
        kit = (_('{escape} keeps in touch every {every_months} month(s); next contact due <b>{format_date}</b>.').format(escape=escape(c.keep_in_touch.who), every_months=c.keep_in_touch.every_months, format_date=format_date(due))
               + (_(' Tracked by {escape} (senior manager).').format(escape=escape(c.keep_in_touch.reviewed_by))
                  if c.keep_in_touch.reviewed_by else "")
               if c.keep_in_touch.planned else _("No keep-in-touch plan."))
        informed = escape(", ".join(c.agencies_informed)) or _("none recorded")
        seniors = "".join(f"<li>{escape(a.agency)}: {escape(a.name)}, {format_date(a.date)}</li>"
                          for a in c.senior_agreements)
        extra = ""
        if c.risks_addressed:
            extra += _('<h3>Decision that the risks were addressed</h3><p>{escape}</p>').format(escape=escape(c.risks_addressed))
        if seniors:
            extra += _("<h3>Senior managers' agreement</h3><ul>{seniors}</ul>").format(seniors=seniors)
        if c.override.recorded:
            o = c.override
            extra += (_('<h3>Management override</h3><p>By {escape} ({escape2}), {format_date}: {escape3}</p><ul>').format(escape=escape(o.senior_manager), escape2=escape(o.agency), format_date=format_date(o.date), escape3=escape(o.rationale)) + "".join(f"<li>{escape(b)}</li>" for b in c.blockers_overridden)
                      + "</ul>")
        return (_('<h2>Case closed on {format_date}</h2>{extra}<h3>Reason</h3><p>{escape}</p><h3>Evidence that all options were exhausted</h3><p>{escape2}</p><h3>Agreement of each involved agency</h3><ul>{rows}</ul><p><b>Agencies informed:</b> {informed}</p><h3>Keep in touch</h3><p>{kit}</p>').format(format_date=format_date(c.closed_on), extra=extra, escape=escape(c.reason), escape2=escape(c.evidence), rows=rows, informed=informed, kit=kit))

    def _update_agreement_state(self) -> None:
        try:
            agreements = self.agreements.items()
        except ValueError:
            return
        probe = Closure(person_id=self.person_id, closed_on=date.today(), reason="", evidence="",
                        involved_agencies=self.draft.involved_agencies, agreements=agreements)
        missing = probe.missing_agreements()
        if not self.draft.involved_agencies:
            self.agreement_state.clear()
        elif missing:
            self.agreement_state.show_message(_("Still to agree: ") + ", ".join(missing) + ".",
                                              MessageLabel.WARNING)
        else:
            self.agreement_state.show_message(_("Every involved agency has agreed."),
                                              MessageLabel.INFO)
        self.fill_button.setEnabled(bool(missing))
        self._update_blockers()

    def add_missing_rows(self) -> None:
        probe = Closure(person_id=self.person_id, closed_on=date.today(), reason="", evidence="",
                        involved_agencies=self.draft.involved_agencies,
                        agreements=self.agreements.items())
        items = self.agreements.items()
        first_new = len(items)
        items += [Agreement(agency=a) for a in probe.missing_agreements()]
        self.agreements.set_items(items)
        if first_new < len(items):
            self.agreements.list.setCurrentRow(first_new)
            self.agreements.form.widgets["name"].setFocus()
        self._update_agreement_state()

    # ---------------------------------------------------------------- closing
    def collect(self, lenient: bool = False) -> Closure:
        import copy
        c = copy.deepcopy(self.draft)
        self.form.save_into(c, lenient=lenient)
        c.closed_on = c.closed_on or date.today()
        kit = KeepInTouch()
        self.kit_form.save_into(kit, lenient=lenient)
        c.keep_in_touch = kit
        c.agreements = self.agreements.items(lenient=lenient)
        c.senior_agreements = self.seniors.items(lenient=lenient)
        o = ManagementOverride()
        self.override_form.save_into(o, lenient=lenient)
        c.override = o
        c.meeting_id = self.meeting.currentData() or ""
        return c

    def confirm_close(self) -> QMessageBox | None:
        """Check the gate first; ask for confirmation only when closing can succeed."""
        from desktop.store.closure_gate import ClosureBlocked
        try:
            c = self.collect()
            found = self.current_blockers()
            if found and not c.override.recorded:
                raise ClosureBlocked(found)
            c.blockers_overridden = found
            c.validate()
        except ValueError as exc:
            self._error(str(exc))
            return None
        self.message.clear()
        text = (_("Close this case? Every involved agency and its senior manager has agreed; the "
                "case status becomes closed.") if not found else
                _("Close this case under {senior_manager}'s management override? {len} blocker(s) stand and are recorded on the closure.").format(senior_manager=c.override.senior_manager, len=len(found)))
        box = QMessageBox(QMessageBox.Icon.Question, _("Close the case"), text,
                          QMessageBox.StandardButton.Cancel, self)
        yes = box.addButton(_("Close the case"), QMessageBox.ButtonRole.AcceptRole)
        yes.setAccessibleName(_("Close the case"))
        for b in box.buttons():
            if not b.accessibleName():
                b.setAccessibleName(b.text().replace("&", ""))
        box.finished.connect(lambda _r: box.clickedButton() is yes and self.close_case())
        self.confirm = box
        box.open()
        return box

    def close_case(self) -> bool:
        from desktop.store import closure_gate
        try:
            closure_gate.save(self.store, self.collect())
        except (ValueError, LookupError) as exc:
            self._error(str(exc))
            return False
        self.agreements.set_items([])
        self.seniors.set_items([])
        self._form_loaded = False
        self.refresh()
        self.status(_("Case closed."))
        return True

    def _error(self, text: str) -> None:
        self.message.show_error(text)
        self.form_area.ensureWidgetVisible(self.message)
