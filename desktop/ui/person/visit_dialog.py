"""Visit details for a seen contact: what was observed against what the adult reported, home
conditions, wellbeing, risks, staff safety and the debrief. Opened from a seen attempt in the
Contacts timeline (or from an alert)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from desktop.domain.visit import IncidentKind, StaffSafetyIncident, Visit
from desktop.ui.forms.form_dialog import FormDialog
from desktop.ui.forms.kit import (OptionalDateEdit, TextBox, add_row, form_layout,
                                      format_datetime, hint, name)
from desktop.i18n import _, ngettext  # noqa: F401


class VisitDialog(FormDialog):
    def __init__(self, store, attempt_id: str, parent: QWidget | None = None):
        self.attempt = store.attempts.require(attempt_id)
        self.visit: Visit | None = store.visits.for_attempt(attempt_id)
        title = _("Visit details") if self.visit is None else _("Edit visit details")
        super().__init__(store, self.attempt.person_id, f"visit:{attempt_id}", title, parent)
        a = self.attempt
        about = hint(f"{format_datetime(a.at)} · {a.method.label} · {a.outcome.label}"
                     + (f" · {a.worker}" if a.worker else ""))
        about.setAccessibleName(_("The contact these details belong to"))
        self.body.addWidget(about)

        form = form_layout()
        self.present = QLineEdit()
        self.present.setPlaceholderText(_("e.g. the adult, a neighbour, a visitor"))
        self.observed = TextBox(3)
        self.reported = TextBox(3)
        self.mismatch = QCheckBox(_("What I saw and what the adult said &disagree"))
        name(self.mismatch, _("What I saw and what the adult said disagree"),
             _("Possible disguised compliance: record both sides above"))
        self.home = TextBox(2)
        self.wellbeing = TextBox(2)
        self.risks = TextBox(2)
        add_row(form, _("Who was &present"), self.present)
        add_row(form, _("What you &observed"), self.observed)
        add_row(form, _("What the adult &reported"), self.reported)
        form.addRow("", self.mismatch)
        add_row(form, _("&Home conditions"), self.home)
        add_row(form, _("&Wellbeing"), self.wellbeing)
        add_row(form, _("Ris&ks noticed"), self.risks)
        self.body.addLayout(form)

        safety = QGroupBox(_("Staff safety"))
        safety.setAccessibleName(_("Staff safety"))
        grid = QGridLayout()
        self.kinds: dict[IncidentKind, QCheckBox] = {}
        mnemonics = {IncidentKind.THREATS: _("&Threats"), IncidentKind.HOSTILITY: _("Hostilit&y"),
                     IncidentKind.VIOLENCE: _("&Violence"), IncidentKind.FILMED: _("Being fil&med")}
        for i, kind in enumerate(IncidentKind):
            box = QCheckBox(mnemonics[kind])
            name(box, _('Incident: {value}').format(value=kind.label.lower()))
            self.kinds[kind] = box
            grid.addWidget(box, 0, i)
        col = QVBoxLayout(safety)
        col.addWidget(hint(_("Tick what happened, if anything. An incident always needs a debrief "
                           "and should be shared with the other agencies involved.")))
        col.addLayout(grid)
        sform = form_layout()
        self.incident_text = TextBox(2)
        add_row(sform, _("What h&appened"), self.incident_text)
        self.joint_next = QCheckBox(_("&Joint visit needed next time"))
        self.debrief_needed = QCheckBox(_("Debrief &needed"))
        self.debrief_on = OptionalDateEdit()
        self.debrief_by = QLineEdit()
        self.debrief_by.setPlaceholderText(_("e.g. team manager"))
        sform.addRow("", self.joint_next)
        sform.addRow("", self.debrief_needed)
        add_row(sform, _("Debrie&f done on"), self.debrief_on)
        add_row(sform, _("Debrief w&ith"), self.debrief_by)
        col.addLayout(sform)
        self.body.addWidget(safety)
        self.body.addStretch(1)

        self.watch(self.present, self.observed, self.reported, self.mismatch, self.home,
                   self.wellbeing, self.risks, *self.kinds.values(), self.incident_text,
                   self.joint_next, self.debrief_needed, self.debrief_on, self.debrief_by)
        for box in self.kinds.values():
            box.toggled.connect(self._incident_ticked)
        if self.visit is not None:
            self.keeper.paused = True
            self.set_state(self._state_of(self.visit))
            self.keeper.paused = False
        self.restore_draft()
        self.resize(640, 720)
        self.present.setFocus()

    def _incident_ticked(self, on: bool) -> None:
        if on:
            self.debrief_needed.setChecked(True)

    @staticmethod
    def _state_of(v: Visit) -> dict:
        return {"present": v.present, "observed": v.observed, "reported": v.reported,
                "mismatch": v.mismatch, "home_conditions": v.home_conditions,
                "wellbeing": v.wellbeing, "risks_noticed": v.risks_noticed,
                "incident_kinds": [k.value for k in v.incident.kinds] if v.incident else [],
                "incident_description": v.incident.description if v.incident else "",
                "joint_visit_needed_next": v.joint_visit_needed_next,
                "debrief_needed": v.debrief_needed,
                "debrief_done_on": v.debrief_done_on.strftime("%d/%m/%Y")
                if v.debrief_done_on else "",
                "debrief_done_by": v.debrief_done_by}

    def state(self) -> dict:
        return {"present": self.present.text(), "observed": self.observed.text(),
                "reported": self.reported.text(), "mismatch": self.mismatch.isChecked(),
                "home_conditions": self.home.text(), "wellbeing": self.wellbeing.text(),
                "risks_noticed": self.risks.text(),
                "incident_kinds": [k.value for k, b in self.kinds.items() if b.isChecked()],
                "incident_description": self.incident_text.text(),
                "joint_visit_needed_next": self.joint_next.isChecked(),
                "debrief_needed": self.debrief_needed.isChecked(),
                "debrief_done_on": self.debrief_on.edit.text(),
                "debrief_done_by": self.debrief_by.text()}

    def set_state(self, d: dict) -> None:
        self.present.setText(d.get("present", ""))
        self.observed.setText(d.get("observed", ""))
        self.reported.setText(d.get("reported", ""))
        self.mismatch.setChecked(bool(d.get("mismatch")))
        self.home.setText(d.get("home_conditions", ""))
        self.wellbeing.setText(d.get("wellbeing", ""))
        self.risks.setText(d.get("risks_noticed", ""))
        kinds = set(d.get("incident_kinds", []))
        for kind, box in self.kinds.items():
            box.setChecked(kind.value in kinds)
        self.incident_text.setText(d.get("incident_description", ""))
        self.joint_next.setChecked(bool(d.get("joint_visit_needed_next")))
        self.debrief_needed.setChecked(bool(d.get("debrief_needed")))
        self.debrief_on.edit.setText(d.get("debrief_done_on", ""))
        self.debrief_by.setText(d.get("debrief_done_by", ""))

    def commit(self) -> Visit:
        if not self.debrief_on.is_valid():
            raise ValueError(_("Debrief date: ") + self.debrief_on.error())
        kinds = [k for k, b in self.kinds.items() if b.isChecked()]
        text = self.incident_text.text()
        if text.strip() and not kinds:
            raise ValueError(_("You described an incident: tick what kind it was (threats, "
                             "hostility, violence, being filmed)."))
        fields = dict(present=self.present.text().strip(), observed=self.observed.text().strip(),
                      reported=self.reported.text().strip(),
                      mismatch=self.mismatch.isChecked(),
                      home_conditions=self.home.text().strip(),
                      wellbeing=self.wellbeing.text().strip(),
                      risks_noticed=self.risks.text().strip(),
                      incident=StaffSafetyIncident(kinds, text.strip()) if kinds else None,
                      joint_visit_needed_next=self.joint_next.isChecked(),
                      debrief_needed=self.debrief_needed.isChecked(),
                      debrief_done_on=self.debrief_on.date(),
                      debrief_done_by=self.debrief_by.text().strip())
        if self.visit is None:
            self.visit = self.store.visits.log(self.attempt.id, **fields)
            return self.visit
        return self.store.visits.update(self.store.visits.copy(self.visit, **fields))
