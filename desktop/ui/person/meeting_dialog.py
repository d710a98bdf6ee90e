"""The meeting record: every field the minutes need, on six pages.

Meeting (kind, date, chair, minute taker, risk level, SPOC, next review, minutes circulated) ·
People (attendees, apologies, how the adult was told and by whom, invited / present,
representative) · Consent (consent, lawful basis, rationale for sharing without it) · Standing
agenda (the questions for this kind of meeting) · Decisions (with rationale and who made them)
· Actions (the action plan agreed at this meeting). Saved in one transaction; the domain's
rules decide what is complete, and their message is shown here.
"""
from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QScrollArea, QTabWidget, QVBoxLayout,
    QWidget)

from desktop.domain.action import Action, ActionStatus
from desktop.domain.codec import encode, from_fields
from desktop.domain.dates import add_working_days
from desktop.domain.meeting import (
    MINUTES_WORKING_DAYS, Attendee, Decision, Distribution, Invitation, Meeting, MeetingConsent,
    MeetingKind, agenda_for, default_next_review, required_agencies_missing)
from desktop.domain.procedure import chair_role_ok, settings_for
from desktop.domain.person import LawfulBasis
from desktop.domain.record import ValidationError
from desktop.domain.risk import RiskLevel
from desktop.store.settings import HOLIDAY_REGION, REVIEW_MONTHS
from desktop.ui.forms.common import MessageLabel, hint, name_buttons, save_shortcuts, scroll_page
from desktop.ui.forms.draft_dialog import DraftDialog
from desktop.ui.forms.object_form import Field, ListEditor, ObjectForm
from desktop.ui.dates import format_date
from desktop.i18n import N_, _, ngettext  # noqa: F401

MEETING_FIELDS = [
    Field(attr="kind", label=N_("&Kind of meeting:"), kind="enum", enum=MeetingKind),
    Field(attr="date", label=N_("&Date:"), kind="date"),
    Field(attr="location", label=N_("&Location:")),
    Field(attr="chair", label=N_("C&hair:")),
    Field(attr="minute_taker", label=N_("&Minute taker:"), help=N_("Someone other than the chair")),
    Field(attr="chair_role", label=N_("Chair's role (e.&g. service manager):")),
    Field(attr="chair_agency", label=N_("Chair's agenc&y:")),
    Field(attr="agreed_risk_level", label=N_("Agreed &risk level:"), kind="enum", enum=RiskLevel),
    Field(attr="spoc_agreed", label=N_("Single point of &contact:"),
          help=N_("Who is best placed to engage the adult and tell them what was decided")),
    Field(attr="next_review", label=N_("&Next review:"), kind="date", help=N_("Default: three months on")),
    Field(attr="minutes_circulated_on", label=N_("Minutes circ&ulated:"), kind="date"),
    Field(attr="notes", label=N_("N&otes:"), kind="multiline", lines=2),
]
ADULT_FIELDS = [
    Field(attr="adult_informed_how", label=N_("How the adult was &told:"),
          help=N_("How the adult was told that the meeting is taking place and why")),
    Field(attr="adult_informed_by", label=N_("Told &by:")),
    Field(attr="adult_invited", label=N_("Adult &invited"), kind="bool"),
    Field(attr="adult_present", label=N_("Adult &present"), kind="bool"),
    Field(attr="representative", label=N_("&Representative:"), help=N_("Advocate or someone acting for the adult")),
    Field(attr="representative_invited", label=N_("Representative in&vited"), kind="bool"),
    Field(attr="representative_present", label=N_("Representative pr&esent"), kind="bool"),
]
CONSENT_FIELDS = [
    Field(attr="consent", label=N_("&Consent to share:"), kind="enum", enum=MeetingConsent),
    Field(attr="lawful_basis", label=N_("&Lawful basis:"), kind="enum", enum=LawfulBasis,
          help=N_("GDPR Article 6 basis when sharing without consent")),
    Field(attr="sharing_rationale", label=N_("&Rationale:"), kind="multiline", lines=4,
          help=N_("Why sharing without consent is necessary, proportionate and relevant")),
]
PERSON_FIELDS = [Field(attr="name", label=N_("&Name:")), Field(attr="agency", label=N_("&Agency:")), Field(attr="role", label=N_("R&ole:"))]
DECISION_FIELDS = [
    Field(attr="decision", label=N_("&Decision:"), kind="multiline", lines=2),
    Field(attr="rationale", label=N_("&Rationale:"), kind="multiline", lines=3),
    Field(attr="made_by", label=N_("&Made by:"), help=N_("Who made the decision")),
]
INVITATION_FIELDS = [Field(attr="name", label=N_("&Name:")), Field(attr="agency", label=N_("&Agency:")),
                     Field(attr="role", label=N_("R&ole:")), Field(attr="invited_on", label=N_("&Invited on:"), kind="date"),
                     Field(attr="how", label=N_("Ho&w:"), help=N_("Letter, email, phone, at the last meeting …"))]
DISTRIBUTION_FIELDS = [Field(attr="name", label=N_("&Name:")), Field(attr="agency", label=N_("&Agency:")),
                       Field(attr="sent_on", label=N_("Sen&t on:"), kind="date")]
AFTER_FIELDS = [
    Field(attr="chair_line_manager_on", label=N_("Chair discussed the case with their &line manager on:"),
          kind="date", help=N_("Oxfordshire: the chair does so after the meeting as a matter of course")),
    Field(attr="chair_line_manager_note", label=N_("Line manager discussion no&te:"), kind="multiline", lines=2),
]
ACTION_FIELDS = [
    Field(attr="what", label=N_("&What:"), kind="multiline", lines=2),
    Field(attr="lead_person", label=N_("&Lead person:")),
    Field(attr="lead_agency", label=N_("Lead a&gency:")),
    Field(attr="due", label=N_("D&ue:"), kind="date"),
    Field(attr="status", label=N_("S&tatus:"), kind="enum", enum=ActionStatus),
    Field(attr="reason", label=N_("Reason if not &achievable:")),
]


def _who(a: Attendee) -> str:
    return ", ".join(x for x in (a.name, a.agency, a.role) if x) or "(new)"


def _first_line(text: str, n: int = 50) -> str:
    text = " ".join((text or "").split())
    return (text[: n - 1] + "…" if len(text) > n else text) or "(new)"


class MeetingDialog(DraftDialog, QDialog):
    saved = Signal(str)

    def __init__(self, store, person_id: str, meeting: Meeting | None = None,
                 parent: QWidget | None = None, read_only: bool = False):
        super().__init__(parent)
        self.store, self.person_id, self.read_only = store, person_id, read_only
        self.original = meeting
        self.meeting = dataclasses.replace(meeting) if meeting else store.meetings.new(
            person_id, MeetingKind.MULTI_AGENCY, date.today())
        self._review_touched = meeting is not None
        self.setWindowTitle(_("Meeting record"))
        self.setAccessibleName(_("Meeting record"))
        self.resize(900, 640)

        self.pages = QTabWidget()
        self.pages.setAccessibleName(_("Meeting record pages"))
        self.main_form = ObjectForm(MEETING_FIELDS)
        self.minutes_hint = hint()
        from PySide6.QtWidgets import QComboBox
        self.risk_choice = QComboBox()
        self.risk_choice.setAccessibleName(_("Risk assessment discussed"))
        risk_label = QLabel(_("Risk &assessment discussed:"))
        risk_label.setBuddy(self.risk_choice)
        self.risk_choice.addItem(_("None"), "")
        for ra in store.risk_assessments.versions(person_id):
            self.risk_choice.addItem(
                _('Version {version_no} ({value}').format(version_no=ra.version_no, value=ra.level.label.lower())
                + (_(", reviewed") if ra.review.done else _(", not reviewed")) + ")", ra.id)
        self.chair_hint = hint()
        self.procedure = settings_for(store.settings.get("procedure"))
        self.pages.addTab(scroll_page(self.main_form, self.chair_hint, risk_label,
                                     self.risk_choice, self.minutes_hint), _("Meeting"))

        self.attendees = ListEditor("attendee", Attendee, PERSON_FIELDS, _who)
        self.apologies = ListEditor("apology", Attendee, PERSON_FIELDS, _who,
                                    add_label=_("Add apologies"))
        self.adult_form = ObjectForm(ADULT_FIELDS)
        self.pages.addTab(scroll_page(QLabel("<b>Attendees</b>"), self.attendees,
                                     QLabel("<b>Apologies</b>"), self.apologies,
                                     QLabel("<b>The adult</b>"), self.adult_form), _("People"))
        self.consent_form = ObjectForm(CONSENT_FIELDS)
        self.pages.addTab(scroll_page(hint(
            _("Record whether consent was given, and the rationale for sharing information where "
            "it was not (Oxfordshire; Nottingham s.9).")), self.consent_form), _("Consent"))
        self.agenda_box = QWidget()
        self.agenda_layout = QVBoxLayout(self.agenda_box)
        self.agenda_edits: dict[str, QPlainTextEdit] = {}
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.agenda_box)
        self.pages.addTab(scroll, _("Standing agenda"))
        self.decisions = ListEditor("decision", Decision, DECISION_FIELDS,
                                    lambda d: _first_line(d.decision))
        self.pages.addTab(scroll_page(hint(
            _("Defensible decisions: record each decision, why it was made and who made it.")),
            self.decisions), _("Decisions"))
        self.actions = ListEditor("action", self._new_action, ACTION_FIELDS,
                                  lambda a: _first_line(a.what))
        self.pages.addTab(scroll_page(hint(
            _("The action plan agreed at this meeting: timescales and named leads.")),
            self.actions), _("Actions"))
        self.invitations = ListEditor("invitation", Invitation, INVITATION_FIELDS, _who,
                                      add_label=_("Add invitation"))
        self.required_hint = hint()
        self.pages.addTab(scroll_page(hint(
            _("Invite all agencies who have, or could have had, involvement")
            + (_(" — always Adult Social Care, Police and Health (Oxfordshire).")
               if self.procedure.required_agencies else ".")),
            self.invitations, self.required_hint), _("Invited"))
        self.distribution = ListEditor(_("minutes sent"), Distribution, DISTRIBUTION_FIELDS,
                                       lambda d: _who(Attendee(d.name, d.agency, "")),
                                       add_label=_("Add minutes sent"))
        self.after_form = ObjectForm(AFTER_FIELDS)
        self.pages.addTab(scroll_page(hint(
            _("Minutes go to everyone invited within {days} working days: record who they "
              "went to and when.").format(days=MINUTES_WORKING_DAYS)),
            self.distribution, self.after_form),
            _("After the meeting"))

        self.message = MessageLabel()
        self.buttons = QDialogButtonBox()
        if read_only:
            self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            self.buttons.addButton(_("&Save meeting"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.add_draft_buttons(self.buttons)
        self.buttons.accepted.connect(self.save)
        save_shortcuts(self, self.save)
        self.buttons.rejected.connect(self.reject)
        name_buttons(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._load()
        self.main_form.widgets["date"].dateChanged.connect(self._date_changed)
        self.main_form.widgets["next_review"].edit.textEdited.connect(self._review_edited)
        self.main_form.widgets["kind"].currentIndexChanged.connect(self._build_agenda)
        for form in (self.main_form, self.adult_form, self.consent_form, self.after_form):
            form.set_read_only(read_only)
        for editor in (self.attendees, self.apologies, self.decisions, self.actions,
                       self.invitations, self.distribution):
            editor.set_read_only(read_only)
        self.risk_choice.setEnabled(not read_only)
        self.main_form.edited.connect(self._checks)
        self.invitations.changed.connect(self._checks)
        self.attendees.changed.connect(self._checks)
        self._checks()
        self.start_drafts()

    def _checks(self, *_args) -> None:
        """The chair's role against the procedure; required agencies invited or present."""
        role = self.procedure.chair_role
        kind = self.main_form.value("kind")
        chair_role = self.main_form.value("chair_role")
        if role and kind is MeetingKind.ENGAGEMENT_ESCALATION and \
                not chair_role_ok(role, chair_role):
            self.chair_hint.setText(_("This procedure asks for the meeting to be chaired by a {role}; record the chair's role.").format(role=role))
        else:
            self.chair_hint.setText("")
        m = dataclasses.replace(self.meeting, invitations=self.invitations.items(True),
                                attendees=self.attendees.items(True))
        missing = required_agencies_missing(m, self.procedure.required_agencies)
        self.required_hint.setText(
            _("Neither invited nor present: ") + ", ".join(missing) + "." if missing else "")

    def _new_action(self) -> Action:
        due = self.main_form.widgets["date"].date() or date.today()
        return Action(person_id=self.person_id, what="", due=due)

    # ---------------------------------------------------------------- loading
    def _load(self) -> None:
        m = self.meeting
        self.main_form.load(m)
        self.adult_form.load(m)
        self.consent_form.load(m)
        self.attendees.set_items(m.attendees)
        self.apologies.set_items(m.apologies)
        self.decisions.set_items(m.decisions)
        self.invitations.set_items(m.invitations)
        self.distribution.set_items(m.distribution)
        self.after_form.load(m)
        self.risk_choice.setCurrentIndex(max(self.risk_choice.findData(m.risk_assessment_id), 0))
        self.existing_actions = self.store.actions.for_meeting(m.id) if self.original else []
        self.actions.set_items(self.existing_actions)
        self._build_agenda()
        self._minutes_hint()

    def _build_agenda(self, *_args) -> None:
        answers = {a.code: a.answer for a in self.meeting.agenda}
        answers.update({c: e.toPlainText() for c, e in self.agenda_edits.items()})
        while self.agenda_layout.count():
            item = self.agenda_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.agenda_edits = {}
        kind = self.main_form.value("kind")
        self.agenda_layout.addWidget(hint(
            _("Standing agenda (Nottingham s.9; Oxfordshire; Fife for engagement escalation; "
            "Nottingham s.10 for reviews).")))
        for n, q in enumerate(agenda_for(kind), start=1):
            label = QLabel(f"{n}. {q.text}")
            label.setWordWrap(True)
            edit = QPlainTextEdit(answers.get(q.code, ""))
            edit.setTabChangesFocus(True)
            edit.setReadOnly(self.read_only)
            edit.setAccessibleName(q.text)
            edit.setAccessibleDescription(q.source)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
            label.setBuddy(edit)
            self.agenda_layout.addWidget(label)
            self.agenda_layout.addWidget(edit)
            self.agenda_edits[q.code] = edit
        self.agenda_layout.addStretch(1)
        self._answers = answers

    def _date_changed(self, d) -> None:
        if d and not self._review_touched:
            months = self.store.settings.get(REVIEW_MONTHS)
            self.main_form.set_value("next_review", default_next_review(d, months))
        self._minutes_hint()

    def _review_edited(self, _text) -> None:
        self._review_touched = True

    def _minutes_hint(self) -> None:
        d = self.main_form.widgets["date"].date()
        region = self.store.settings.get(HOLIDAY_REGION)
        self.minutes_hint.setText(
            _("Minutes go to everyone invited within {days} working days: by {date}.").format(
                days=MINUTES_WORKING_DAYS,
                date=format_date(add_working_days(d, MINUTES_WORKING_DAYS, region)))
            if d else "")

    # ---------------------------------------------------------------- saving
    def collect(self, lenient: bool = False) -> tuple[Meeting, list[Action]]:
        """The edited meeting and actions (ValueError for a date that cannot be read, unless
        ``lenient``, as for a draft)."""
        m = dataclasses.replace(self.meeting)
        for form in (self.main_form, self.adult_form, self.consent_form, self.after_form):
            form.save_into(m, lenient=lenient)
        m.invitations = self.invitations.items(lenient)
        m.distribution = self.distribution.items(lenient)
        m.risk_assessment_id = self.risk_choice.currentData() or ""
        m.attendees = self.attendees.items(lenient)
        m.apologies = self.apologies.items(lenient)
        m.decisions = self.decisions.items(lenient)
        shown = {c: e.toPlainText().strip() for c, e in self.agenda_edits.items()}
        kept = {c: a for c, a in self._answers.items() if c not in shown and a.strip()}
        m.agenda = []
        for code, answer in {**kept, **shown}.items():
            if answer:
                m.set_answer(code, answer)
        actions = self.actions.items(lenient)
        for a in actions:
            a.person_id, a.source_meeting_id = self.person_id, m.id
        return m, actions

    def save(self) -> bool:
        if self.read_only:
            return False
        try:
            meeting, actions = self.collect()
            meeting.validate()
            for i, a in enumerate(actions, start=1):
                try:
                    a.validate()
                except ValidationError as exc:
                    raise ValidationError(_('Action {i}: {exc}').format(i=i, exc=exc)) from None
            with self.store.transaction():
                repo = self.store.meetings
                (repo.update if self.original else repo.add)(meeting)
                keep = {a.id for a in actions}
                for old in self.existing_actions:
                    if old.id not in keep:
                        self.store.actions.delete(old.id)
                known = {a.id for a in self.existing_actions}
                for a in actions:
                    (self.store.actions.update if a.id in known else self.store.actions.add)(a)
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return False
        self.meeting = meeting
        return self.saved_ok(meeting.id)

    # ---------------------------------------------------------------- drafts: nothing lost
    @property
    def draft_key(self) -> str:
        return f"meeting:{self.original.id}" if self.original else "meeting"

    @property
    def draft_person_id(self) -> str:
        return self.person_id

    def draft_state(self) -> dict:
        meeting, actions = self.collect(lenient=True)
        return {"meeting": encode(meeting), "actions": [encode(a) for a in actions]}

    def apply_draft(self, data: dict) -> bool:
        meeting = from_fields(Meeting, data["meeting"])
        actions = [from_fields(Action, a) for a in data.get("actions", [])]
        self.meeting = meeting
        self.main_form.load(meeting)
        self.adult_form.load(meeting)
        self.consent_form.load(meeting)
        self.attendees.set_items(meeting.attendees)
        self.apologies.set_items(meeting.apologies)
        self.decisions.set_items(meeting.decisions)
        self.invitations.set_items(meeting.invitations)
        self.distribution.set_items(meeting.distribution)
        self.after_form.load(meeting)
        self.risk_choice.setCurrentIndex(
            max(self.risk_choice.findData(meeting.risk_assessment_id), 0))
        self.actions.set_items(actions)
        self.agenda_edits = {}
        self._build_agenda()
        self._review_touched = True
        return True

    def page_named(self, title: str) -> int:
        for i in range(self.pages.count()):
            if self.pages.tabText(i).replace("&", "") in (title, _(title).replace("&", "")):
                return i
        raise KeyError(title)

    def keyPressEvent(self, event):
        # Enter inside a multi-line field is a new line, never "save the dialog"
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                isinstance(self.focusWidget(), QPlainTextEdit):
            return
        super().keyPressEvent(event)
