"""Risk: the current multi-agency risk assessment by stage, its history, and the editor.

"New version" starts from the last version (the supervisory review is not carried over);
older versions are kept as history and shown read-only.
"""
from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from desktop.domain.codec import encode, from_fields
from desktop.domain.person import ConsentStatus
from desktop.domain.risk import (
    DomainEntry, Rara, RiskAssessment, RiskDomain, RiskLevel, RiskRow)
from desktop.ui.forms.common import save_shortcuts, scroll_page
from desktop.ui.forms.common import (
    CaseworkTab, MessageLabel, format_date, hint, name, name_buttons)
from desktop.ui.forms.draft_dialog import DraftDialog
from desktop.ui.forms.object_form import Field, ListEditor, ObjectForm
from desktop.ui.person.risk_view import risk_html
from desktop.i18n import N_, _, ngettext  # noqa: F401

STAGE1 = [
    Field(attr="assessed_on", label=N_("&Date of this assessment:"), kind="date"),
    Field(attr="assessed_by", label=N_("Assessed &by:")),
    Field(attr="agencies_involved", label=N_("A&gencies involved:"), kind="lines", lines=3, help=N_("One per line")),
    Field(attr="circumstances", label=N_("&Circumstances:"), kind="multiline", lines=5,
          help=N_("The current issue in the context of previous concerns that prompted the "
               "request for information")),
    Field(attr="consent", label=N_("C&onsent:"), kind="enum", enum=ConsentStatus),
    Field(attr="consent_note", label=N_("Consent &note:"), kind="multiline", lines=2,
          help=N_("Whether consent has been obtained; if refused, the rationale for sharing")),
]
ENTRY = [
    Field(attr="domain", label=N_("&Risk domain:"), kind="enum", enum=RiskDomain),
    Field(attr="date", label=N_("&Date:"), kind="date"),
    Field(attr="agency", label=N_("&Agency:")),
    Field(attr="detail", label=N_("D&etail:"), kind="multiline", lines=4),
]
STAGE3 = [
    Field(attr="level", label=N_("&Level of risk:"), kind="enum", enum=RiskLevel),
    Field(attr="summary", label=N_("Su&mmary:"), kind="multiline", lines=8,
          help=N_("Previous episodes of risk, domestic abuse assessments, and how the presenting "
               "issue affects the risk and potential harm to the person or others")),
]
RISK_ROW = [
    Field(attr="risk", label=N_("&What is the risk:")),
    Field(attr="risk_to_person", label=N_("Risk to the &person:"), kind="multiline", lines=2),
    Field(attr="risk_to_others", label=N_("Risk to &others:"), kind="multiline", lines=2),
    Field(attr="rara", label=N_("&Approach to the risk:"), kind="enum", enum=Rara,
          optional=N_("— choose —"),
          help=N_("Reduce, avoid, remove or accept it (the procedure's RARA, Fife risk "
                  "assessment stage 4)")),
    Field(attr="rationale", label=N_("Ra&tionale:"), help=N_("Why; required to accept a risk")),
    Field(attr="in_place", label=N_("Already &in place:"), kind="multiline", lines=2),
    Field(attr="barriers", label=N_("&Barriers:"), kind="multiline", lines=2),
    Field(attr="action_needed", label=N_("Action &needed:"), kind="multiline", lines=2),
    Field(attr="by_whom", label=N_("B&y whom:")),
    Field(attr="by_when", label=N_("By w&hen:"), kind="date"),
]
STAGE5 = [
    Field(attr="reviewer", label=N_("&Reviewer:")),
    Field(attr="date", label=N_("&Date of review:"), kind="date"),
    Field(attr="npr_confirmed",
          label=N_("Information shared is &necessary, proportionate and relevant"), kind="bool",
          help=N_("The procedure's NPR test for sharing information lawfully")),
    Field(attr="intelligence_gaps", label=N_("&Intelligence gaps:"), kind="multiline", lines=3),
    Field(attr="comments", label=N_("&Comments:"), kind="multiline", lines=3,
          help=N_("Professional judgement")),
]


def _entry_summary(e: DomainEntry) -> str:
    detail = " ".join(e.detail.split())
    return f"{format_date(e.date, 'undated')} · {e.domain.label}: {detail[:40] or '(new)'}"


def _risk_summary(r: RiskRow) -> str:
    return f"{r.risk or _('(new risk)')} — {r.rara.label if r.rara else _('approach not chosen')}"


class RiskEditor(DraftDialog, QDialog):
    """Edit one assessment (a new version, or the current one) stage by stage."""
    saved = Signal(str)

    def __init__(self, store, assessment: RiskAssessment, new: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.ra, self.new = store, dataclasses.replace(assessment), new
        self.setWindowTitle(_('Risk assessment — version {version_no}').format(version_no=assessment.version_no))
        self.setAccessibleName(self.windowTitle())
        self.resize(940, 680)
        self.stage1, self.stage3 = ObjectForm(STAGE1), ObjectForm(STAGE3)
        self.stage5 = ObjectForm(STAGE5)
        self.entries = ListEditor("entry", DomainEntry, ENTRY, _entry_summary,
                                  add_label=_("Add incident"))
        self.risks = ListEditor("risk", RiskRow, RISK_ROW, _risk_summary)
        from desktop.domain.risk import RiskNotice
        self.told = ListEditor(_("person told"), RiskNotice, [
            Field(attr="who", label=_("&Who was told:")), Field(attr="agency", label=_("Their a&gency:")),
            Field(attr="told_on", label=_("Told &on:"), kind="date"), Field(attr="how", label=_("&How:"))],
            lambda t: f"{t.who or '?'} ({t.agency or '?'})", add_label=_("Add who was told"))
        self.hostility_button = QPushButton(_("Offer staff-safety incidents and &patterns"))
        self.hostility_button.setAccessibleName(_("Offer staff-safety incidents and patterns"))
        self.hostility_button.setAccessibleDescription(
            _("Adds the incidents on visits and the disengagement patterns not yet in stage 2"))
        self.hostility_button.clicked.connect(self.offer_hostility)
        self.pages = QTabWidget()
        self.pages.setAccessibleName(_("Risk assessment stages"))
        self.pages.addTab(scroll_page(self.stage1), _("1. Circumstances"))
        self.pages.addTab(scroll_page(hint(
            _("Organise information under the most appropriate heading; the last incident or "
            "episode is shown first. Child protection or adult safeguarding issues go to the "
            "multi-agency safeguarding hub or the adult safeguarding service.")), self.entries,
            self.hostility_button), _("2. Risk domains"))
        self.pages.addTab(scroll_page(self.stage3), _("3. Summary"))
        self.pages.addTab(scroll_page(hint(
            _("For each risk: the risk to the person and to others, the approach (reduce, "
              "avoid, remove or accept it), what is in place, the barriers, and the action "
              "needed with who and when.")), self.risks), _("4. Evaluation"))
        self.pages.setTabToolTip(3, _("Stage 4: evaluation of harm and control measures "
                                      "(RARA: reduce, avoid, remove, accept)"))
        self.pages.addTab(scroll_page(hint(
            _("Information shared must be lawful: necessary, proportionate and relevant. Apply "
            "professional judgement and signpost intelligence gaps.")), self.stage5,
            QLabel("<b>Who was told about the risk, and when</b>"), self.told),
            _("5. Supervisory review"))
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Save assessment"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_draft_buttons(buttons)
        buttons.accepted.connect(self.save)
        save_shortcuts(self, self.save)
        buttons.rejected.connect(self.reject)
        name_buttons(buttons)
        col = QVBoxLayout(self)
        col.addWidget(self.pages, 1)
        col.addWidget(self.message)
        col.addWidget(buttons)
        self.stage1.load(self.ra)
        self.stage3.load(self.ra)
        self.stage5.load(self.ra.review)
        self.entries.set_items(self.ra.entries_newest_first())
        self.risks.set_items(self.ra.risks)
        self.told.set_items(self.ra.told)
        self.start_drafts()

    def offer_hostility(self) -> int:
        """South Lanarkshire: hostility is carried forward into the next assessment."""
        from desktop.domain.hostility import hostility_entries
        pid = self.ra.person_id
        existing = self.entries.items(lenient=True)
        new = hostility_entries(self.store.visits.for_person(pid),
                                self.store.patterns.for_person(pid),
                                self.store.attempts.for_person(pid), existing)
        if new:
            self.entries.set_items(existing + new)
        self.message.show_message(
            _('{len} incident(s) and pattern(s) added to stage 2: check them and save.').format(len=len(new))
            if new else _("No staff-safety incidents or patterns that are not already here."))
        return len(new)

    def collect(self, lenient: bool = False) -> RiskAssessment:
        ra = dataclasses.replace(self.ra, review=dataclasses.replace(self.ra.review))
        self.stage1.save_into(ra, lenient=lenient)
        self.stage3.save_into(ra, lenient=lenient)
        self.stage5.save_into(ra.review, lenient=lenient)
        ra.entries = self.entries.items(lenient)
        ra.risks = self.risks.items(lenient)
        ra.told = self.told.items(lenient)
        return ra

    # -- drafts: Esc, Close or a lock keep what is typed; reopening offers it back ----------
    @property
    def draft_key(self) -> str:
        return "risk" if self.new else f"risk:{self.ra.id}"

    @property
    def draft_person_id(self) -> str:
        return self.ra.person_id

    def draft_state(self) -> dict:
        return encode(self.collect(lenient=True))

    def apply_draft(self, data: dict) -> bool:
        ra = from_fields(RiskAssessment, data)
        self.ra = ra
        self.stage1.load(ra)
        self.stage3.load(ra)
        self.stage5.load(ra.review)
        self.entries.set_items(ra.entries_newest_first())
        self.risks.set_items(ra.risks)
        self.told.set_items(ra.told)
        return True

    def save(self) -> bool:
        try:
            ra = self.collect()
            repo = self.store.risk_assessments
            (repo.add if self.new else repo.update)(ra)
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return False
        return self.saved_ok(ra.id)


class RiskTab(CaseworkTab):
    TITLE = N_("Risk")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.version = QComboBox()
        name(self.version, _("Version"), _("The current assessment and earlier versions"))
        self.version.currentIndexChanged.connect(self._show_selected)
        label = QLabel(_("&Version:"))
        label.setBuddy(self.version)
        self.new_button = QPushButton(_("&New version from the last…"))
        name(self.new_button, _("New version from the last"))
        self.new_button.clicked.connect(self.new_version)
        self.edit_button = QPushButton(_("Ed&it current version…"))
        name(self.edit_button, _("Edit the current version"))
        self.edit_button.clicked.connect(self.edit_current)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        name(self.view, _("Risk assessment"), _("The selected version, stage by stage"))
        self.empty = hint()
        self.message = MessageLabel()
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.version, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self.new_button.setVisible(self.editable)
        self.edit_button.setVisible(self.editable)
        self.dialog: RiskEditor | None = None
        self.versions: list[RiskAssessment] = []
        self.refresh()

    def refresh(self) -> None:
        keep = self.version.currentData()
        self.versions = self.store.risk_assessments.versions(self.person_id)
        self.version.blockSignals(True)
        self.version.clear()
        for i, ra in enumerate(self.versions):
            level = ra.level.label if ra.level is not RiskLevel.NOT_SET else _("level not set")
            text = (_("Version {n} (current)") if i == 0 else _("Version {n}")).format(
                n=ra.version_no) + f" — {format_date(ra.assessed_on, _('undated'))} — {level}"
            self.version.addItem(text, ra.id)
        self.version.blockSignals(False)
        i = self.version.findData(keep)
        self.version.setCurrentIndex(i if i >= 0 else 0)
        self.version.setEnabled(bool(self.versions))
        self.edit_button.setEnabled(bool(self.versions))
        # Alt+N either way; the accessible name follows the text.
        text = _("&New version from the last…") if self.versions else _("&New risk assessment…")
        self.new_button.setText(text)
        name(self.new_button, text.replace("&", "").rstrip("…"))
        self.empty.setText("" if self.versions else
                           _("No risk assessment yet. The primary agency completes it and it is "
                           "discussed and updated at the first meeting."))
        self.empty.setVisible(not self.versions)
        self.view.setVisible(bool(self.versions))
        self._show_selected()

    def _show_selected(self, *_args) -> None:
        i = self.version.currentIndex()
        if 0 <= i < len(self.versions):
            self.view.setHtml(risk_html(self.versions[i], current=i == 0))
            self.edit_button.setEnabled(i == 0)
        else:
            self.view.clear()

    def new_version(self) -> RiskEditor:
        draft = self.store.risk_assessments.draft_version(self.person_id)
        draft.assessed_on, draft.assessed_by = date.today(), self.store.actor
        return self._open(RiskEditor(self.store, draft, new=True, parent=self))

    def edit_current(self) -> RiskEditor | None:
        if not self.versions:
            return None
        return self._open(RiskEditor(self.store, self.versions[0], new=False, parent=self))

    def _open(self, dlg: RiskEditor) -> RiskEditor:
        self.dialog = dlg
        dlg.saved.connect(self._saved)
        dlg.open()
        return dlg

    def _saved(self, _record_id: str) -> None:
        self.refresh()
        self.version.setCurrentIndex(0)
        self.status(_("Risk assessment saved."))
