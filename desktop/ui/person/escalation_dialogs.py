"""Dialogs for the escalation procedure's records, on the one form layer (``ObjectForm``,
``ListEditor``): the escalation with its criteria and IRDs (Fife step 1), the de-escalation
decision (step 6), a professional disagreement, and an agency ending its involvement.

``RecordFormDialog`` edits one record: its own fields, nested parts (``parts``: attribute →
fields) and lists (``lists``: attribute → a ``ListEditor``'s noun, factory, fields, summary);
Save (Ctrl+S) validates through the repository and says why it failed; Esc keeps a draft.
"""
from __future__ import annotations

import copy


from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.domain.codec import encode, from_fields
from desktop.domain.disagreement import DisagreementRoute, Informed
from desktop.domain.escalation import DeescalationBasis, EscalationCriteria, Ird
from desktop.ui.forms.common import MessageLabel, format_date, name_buttons, save_shortcuts
from desktop.ui.forms.draft_dialog import DraftDialog
from desktop.ui.forms.object_form import Field, ListEditor, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401


class RecordFormDialog(DraftDialog, QDialog):
    saved = Signal(str)

    def __init__(self, store, repo, record, title: str, fields: list[Field], *, parts=None,
                 lists=None, new: bool = True, intro: str = "", parent=None):
        super().__init__(parent)
        self.store, self.repo, self.record, self.new = store, repo, record, new
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        page = QWidget()
        col = QVBoxLayout(page)
        if intro:
            note = QLabel(intro)
            note.setWordWrap(True)
            col.addWidget(note)
        self.form = ObjectForm(fields)
        col.addWidget(self.form)
        self.parts: dict[str, ObjectForm] = {}
        for attr, (heading, part_fields) in (parts or {}).items():
            col.addWidget(QLabel(f"<b>{heading}</b>"))
            self.parts[attr] = ObjectForm(part_fields)
            col.addWidget(self.parts[attr])
        self.lists: dict[str, ListEditor] = {}
        for attr, (heading, noun, factory, list_fields, summary) in (lists or {}).items():
            col.addWidget(QLabel(f"<b>{heading}</b>"))
            self.lists[attr] = ListEditor(noun, factory, list_fields, summary)
            self.lists[attr].list.setAccessibleName(f"{noun[:1].upper()}{noun[1:]} list")
            col.addWidget(self.lists[attr])
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_draft_buttons(buttons)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        name_buttons(buttons)
        save_shortcuts(self, self.save)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.message)
        outer.addWidget(buttons)
        self._load(record)
        self.resize(760, 680)
        self.start_drafts()

    def _load(self, record) -> None:
        self.form.load(record)
        for attr, form in self.parts.items():
            form.load(getattr(record, attr))
        for attr, editor in self.lists.items():
            editor.set_items(getattr(record, attr))

    def collect(self, lenient: bool = False):
        rec = copy.deepcopy(self.record)
        self.form.save_into(rec, lenient=lenient)
        for attr, form in self.parts.items():
            part = copy.deepcopy(getattr(rec, attr))
            form.save_into(part, lenient=lenient)
            setattr(rec, attr, part)
        for attr, editor in self.lists.items():
            setattr(rec, attr, editor.items(lenient=lenient))
        return rec

    # -- drafts ---------------------------------------------------------------------------
    @property
    def draft_key(self) -> str:
        kind = type(self.record).ENTITY
        return kind if self.new else f"{kind}:{self.record.id}"

    @property
    def draft_person_id(self) -> str:
        return self.record.person_id

    def draft_state(self) -> dict:
        return encode(self.collect(lenient=True))

    def apply_draft(self, data: dict) -> bool:
        self.record = from_fields(type(self.record), data)
        self._load(self.record)
        return True

    def save(self) -> bool:
        try:
            rec = self.collect()
            (self.repo.add if self.new else self.repo.update)(rec)
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return False
        return self.saved_ok(rec.id)


ESCALATION_FIELDS = [
    Field(attr="escalated_on", label=N_("&Date escalated:"), kind="date"),
    Field(attr="escalated_by", label=N_("Escalated &by:")),
    Field(attr="agency", label=N_("A&gency:")),
    Field(attr="rationale", label=N_("&Rationale:"), kind="multiline", lines=3,
          help=N_("Why the escalated inter-agency response is needed")),
]
CRITERIA_FIELDS = [Field(attr=attr, label=label, kind="bool") for attr, label in (
    ("three_point_test", N_("Meets the 3-point &test (adult at risk)")),
    ("serious_harm", N_("At risk of serious &harm")),
    ("declined_or_disguised",
     N_("Has declined or is likel&y to decline intervention, or disguised compliance")),
    ("capacity_to_decline", N_("Has &capacity to decline support and protection")),
    ("public_safety", N_("There is / may be a &public safety interest")),
)]
IRD_FIELDS = [
    Field(attr="date", label=N_("&When was the inter-agency referral discussion:"),
          kind="date", help=N_("The IRD (Fife)")),
    Field(attr="outcome_option", label=N_("Outcome &option:"), kind="int", minimum=1, maximum=3,
          help=N_("Option 3 initiates the Engagement Escalation Protocol")),
    Field(attr="note", label=N_("&Note:"), kind="multiline", lines=2),
    Field(attr="adult_told_on", label=N_("Adult to&ld the outcome on:"), kind="date",
          help=N_("Fife: the adult must be made aware of the outcome before the first "
               "engagement escalation meeting")),
    Field(attr="adult_told_by", label=N_("Told by (na&me):")),
    Field(attr="adult_told_how", label=N_("Told &via:"),
          help=N_("e.g. home visit with the single point of contact; letter")),
]


def escalation_dialog(store, record, parent=None) -> RecordFormDialog:
    return RecordFormDialog(
        store, store.escalations, record, _("Record the escalation"), ESCALATION_FIELDS,
        parts={"criteria": (_("Criteria (Fife flow chart step 1)"), CRITERIA_FIELDS)},
        lists={"irds": (_("Inter-agency referral discussions (counted, not typed)"),
                        N_("referral discussion"),
                        lambda: Ird(outcome_option=3), IRD_FIELDS,
                        lambda i: _("{date}: option {option}").format(
                            date=format_date(i.date, _("undated")),
                            option=i.outcome_option or "?")
                                  + (_('; adult told {format_date}').format(format_date=format_date(i.adult_told_on))
                                     if i.adult_told_on else ""))},
        intro=_("The case status becomes escalated when this record is saved."), parent=parent)


DEESCALATION_FIELDS = [
    Field(attr="decided_on", label=N_("&Date of the decision:"), kind="date"),
    Field(attr="decided_by", label=N_("Decided &by:")),
    Field(attr="basis", label=N_("B&asis:"), kind="enum", enum=DeescalationBasis),
    Field(attr="decision", label=N_("De&cision:"), kind="multiline", lines=2),
    Field(attr="rationale", label=N_("&Rationale:"), kind="multiline", lines=3,
          help=N_("Defensible decision making: why the risk is no longer serious")),
    Field(attr="consensus", label=N_("Every agency agreed (co&nsensus)"), kind="bool"),
    Field(attr="continuing_support", label=N_("Contin&uing support:"), kind="multiline", lines=2,
          help=N_("e.g. standard adult support and protection; who keeps links with the adult")),
]


def deescalation_dialog(store, record, parent=None) -> RecordFormDialog:
    return RecordFormDialog(
        store, store.deescalations, record, _("Record the de-escalation"), DEESCALATION_FIELDS,
        intro=_("Fife step 6: the protocol ends by consensus that the risk has reduced. Without "
              "consensus the process continues: record a disagreement instead."), parent=parent)


DISAGREEMENT_FIELDS = [
    Field(attr="raised_on", label=N_("&Raised on:"), kind="date"),
    Field(attr="raised_by", label=N_("Raised &by:")),
    Field(attr="agency", label=N_("A&gency:")),
    Field(attr="about", label=N_("Ab&out:"), kind="multiline", lines=2),
    Field(attr="route", label=N_("Ro&ute:"), kind="enum", enum=DisagreementRoute),
    Field(attr="meanwhile", label=N_("&Meanwhile:"), kind="multiline", lines=2,
          help=N_("How the adult stays protected while it is resolved (the procedure continues)")),
    Field(attr="sab_escalated_on", label=N_("Escalate&d to the Safeguarding Adults Board on:"),
          kind="date", help=N_("The SAB")),
    Field(attr="sab_reference", label=N_("Safeguarding Adults Board re&ference:"),
          help=N_("The SAB's reference")),
    Field(attr="outcome", label=N_("Ou&tcome:"), kind="multiline", lines=2),
    Field(attr="resolved_on", label=N_("Resol&ved on:"), kind="date"),
]


def disagreement_dialog(store, record, new: bool, parent=None) -> RecordFormDialog:
    return RecordFormDialog(store, store.disagreements, record, _("Professional disagreement"),
                            DISAGREEMENT_FIELDS, new=new, parent=parent)


WITHDRAWAL_FIELDS = [
    Field(attr="agency", label=N_("&Agency:")),
    Field(attr="worker", label=N_("&Worker:")),
    Field(attr="withdrawn_on", label=N_("&Ends involvement on:"), kind="date"),
    Field(attr="reason", label=N_("&Reason:"), kind="multiline", lines=2),
    Field(attr="ongoing_support", label=N_("&Ongoing support agreed:"), kind="multiline", lines=2),
]
INFORMED_FIELDS = [Field(attr="agency", label=N_("A&gency informed:")), Field(attr="on", label=N_("&Date:"), kind="date"),
                   Field(attr="how", label=N_("&How:"))]


def withdrawal_dialog(store, record, parent=None) -> RecordFormDialog:
    return RecordFormDialog(
        store, store.withdrawals, record, _("An agency ends its involvement"), WITHDRAWAL_FIELDS,
        lists={"informed": (_("Agencies informed (Nottingham s.11)"), _("agency informed"),
                            Informed, INFORMED_FIELDS,
                            lambda i: f"{i.agency or '?'} ({format_date(i.on, 'undated')})")},
        parent=parent)


def criteria_text(criteria: EscalationCriteria) -> str:
    return "; ".join(criteria.met()) or _("none confirmed")




REFERRER_FIELDS = [
    Field(attr="received_on", label=N_("&Received on:"), kind="date"),
    Field(attr="referrer", label=N_("Who raised the &concern:")),
    Field(attr="referrer_agency", label=N_("Their a&gency:")),
    Field(attr="referrer_contact", label=N_("How to c&ontact them:")),
    Field(attr="concern", label=N_("The conc&ern:"), kind="multiline", lines=2),
    Field(attr="services_to_date", label=N_("Services to &date, and how the adult engaged:"), kind="multiline",
          lines=2),
    Field(attr="evidence_of_need", label=N_("E&vidence of need:"), kind="multiline", lines=2),
    Field(attr="expected_outcomes", label=N_("E&xpected outcomes:"), kind="multiline", lines=2),
    Field(attr="feedback_expected", label=N_("Feed&back expected:"), kind="multiline", lines=2),
    Field(attr="known_risks", label=N_("Known ris&ks (incl. hostility or violence):"), kind="multiline", lines=2),
    Field(attr="triggers", label=N_("&Triggers, and what calms conflict:"), kind="multiline", lines=2),
    Field(attr="strategies_tried", label=N_("Strategies tr&ied:"), kind="multiline", lines=2),
]
UPDATE_FIELDS = [
    Field(attr="on", label=N_("Told o&n:"), kind="date"),
    Field(attr="reason", label=N_("Abo&ut:"), kind="enum", enum=None),
    Field(attr="by", label=N_("Told b&y:")),
    Field(attr="how", label=N_("&How:")),
    Field(attr="strategies_tried", label=N_("Strategies tried (&when disengaging or closing):"), kind="multiline",
          lines=2),
]


def referrer_dialog(store, record, new: bool, parent=None) -> RecordFormDialog:
    from desktop.domain.referrer import ReferrerUpdate, ReferrerUpdateReason
    fields = [Field(attr=f.attr, label=f.label, kind=f.kind, enum=ReferrerUpdateReason if f.attr == "reason"
                    else f.enum, help=f.help, lines=f.lines) for f in UPDATE_FIELDS]
    return RecordFormDialog(
        store, store.incoming_referrals, record, _("Referral received"), REFERRER_FIELDS, new=new,
        lists={"updates": (_("The referrer told (Pan-Dorset)"), _("referrer update"),
                           lambda: ReferrerUpdate(by=store.actor), fields,
                           lambda u: f"{format_date(u.on, 'undated')}: {u.reason.label}")},
        intro=_("Pan-Dorset: alert the referrer when the adult begins to disengage, and tell "
              "them when the case closes, with the strategies tried."), parent=parent)


CONCERN_FIELDS = [
    Field(attr="decided_on", label=N_("&Date of the decision:"), kind="date"),
    Field(attr="decided_by", label=N_("Decided &by:")),
    Field(attr="raise_concern", label=N_("&Raise an adult safeguarding concern"), kind="bool"),
    Field(attr="rationale", label=N_("Ra&tionale:"), kind="multiline", lines=3,
          help=N_("Why a concern is, or is not, raised after this visit")),
]


def concern_dialog(store, record, visit_text: str, parent=None) -> RecordFormDialog:
    return RecordFormDialog(
        store, store.concern_decisions, record, _("Adult safeguarding concern: the decision"),
        CONCERN_FIELDS, intro=_('After the visit {visit_text}: consider raising an adult safeguarding concern (record the referral on the Referrals tab if one is raised).').format(visit_text=visit_text), parent=parent)
