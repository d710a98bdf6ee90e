"""Visit details for a seen contact: what was observed against what the adult reported, home
conditions, wellbeing, risks, staff safety and the debrief. Opened from a seen attempt in the
Contacts timeline (or from an alert)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QVBoxLayout, QWidget

from desktop.domain.visit import IncidentKind, StaffSafetyIncident, Visit
from desktop.ui.forms.form_dialog import FormDialog
from desktop.ui.forms.kit import format_datetime, hint, name
from desktop.ui.forms.object_form import Field, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

# On the one form layer; only the kinds of incident (several may be ticked) are their own row
# of boxes.
SEEN = [
    Field(attr="present", label=N_("Who was &present")),
    Field(attr="observed", label=N_("What you &observed"), kind="multiline", lines=3),
    Field(attr="reported", label=N_("What the adult &reported"), kind="multiline", lines=3),
    Field(attr="mismatch", label=N_("What I saw and what the adult said &disagree"), kind="bool",
          help=N_("Possible disguised compliance: record both sides above")),
    Field(attr="home_conditions", label=N_("&Home conditions"), kind="multiline", lines=2),
    Field(attr="wellbeing", label=N_("&Wellbeing"), kind="multiline", lines=2),
    Field(attr="risks_noticed", label=N_("Ris&ks noticed"), kind="multiline", lines=2),
]
SAFETY = [
    Field(attr="incident_description", label=N_("What h&appened"), kind="multiline", lines=2),
    Field(attr="joint_visit_needed_next", label=N_("&Joint visit needed next time"),
          kind="bool"),
    Field(attr="debrief_needed", label=N_("Debrief &needed"), kind="bool"),
    Field(attr="debrief_done_on", label=N_("Debrie&f done on"), kind="date"),
    Field(attr="debrief_done_by", label=N_("Debrief w&ith")),
]


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

        self.seen = ObjectForm(SEEN)
        self.body.addWidget(self.seen)
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
        self.safety = ObjectForm(SAFETY)
        col.addWidget(self.safety)
        self.body.addWidget(safety)
        self.body.addStretch(1)

        w = {**self.seen.widgets, **self.safety.widgets}
        self.present, self.observed, self.reported = w["present"], w["observed"], w["reported"]
        self.mismatch, self.home, self.wellbeing = w["mismatch"], w["home_conditions"], \
            w["wellbeing"]
        self.risks, self.incident_text = w["risks_noticed"], w["incident_description"]
        self.joint_next, self.debrief_needed = w["joint_visit_needed_next"], w["debrief_needed"]
        self.debrief_on, self.debrief_by = w["debrief_done_on"], w["debrief_done_by"]
        self.present.setPlaceholderText(_("e.g. the adult, a neighbour, a visitor"))
        self.debrief_by.setPlaceholderText(_("e.g. team manager"))

        for part in (self.seen, self.safety):
            part.edited.connect(self.keeper.touch)
        self.watch(*self.kinds.values())
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
        return {"present": self.present.text(), "observed": self.observed.toPlainText(),
                "reported": self.reported.toPlainText(), "mismatch": self.mismatch.isChecked(),
                "home_conditions": self.home.toPlainText(),
                "wellbeing": self.wellbeing.toPlainText(),
                "risks_noticed": self.risks.toPlainText(),
                "incident_kinds": [k.value for k, b in self.kinds.items() if b.isChecked()],
                "incident_description": self.incident_text.toPlainText(),
                "joint_visit_needed_next": self.joint_next.isChecked(),
                "debrief_needed": self.debrief_needed.isChecked(),
                "debrief_done_on": self.debrief_on.edit.text(),
                "debrief_done_by": self.debrief_by.text()}

    def set_state(self, d: dict) -> None:
        self.present.setText(d.get("present", ""))
        self.observed.setPlainText(d.get("observed", ""))
        self.reported.setPlainText(d.get("reported", ""))
        self.mismatch.setChecked(bool(d.get("mismatch")))
        self.home.setPlainText(d.get("home_conditions", ""))
        self.wellbeing.setPlainText(d.get("wellbeing", ""))
        self.risks.setPlainText(d.get("risks_noticed", ""))
        kinds = set(d.get("incident_kinds", []))
        for kind, box in self.kinds.items():
            box.setChecked(kind.value in kinds)
        self.incident_text.setPlainText(d.get("incident_description", ""))
        self.joint_next.setChecked(bool(d.get("joint_visit_needed_next")))
        self.debrief_needed.setChecked(bool(d.get("debrief_needed")))
        self.debrief_on.edit.setText(d.get("debrief_done_on", ""))
        self.debrief_by.setText(d.get("debrief_done_by", ""))

    def commit(self) -> Visit:
        values = {f.attr: form.value(f.attr)      # ValueError for a bad date, shown
                  for form in (self.seen, self.safety) for f in form.fields}
        kinds = [k for k, b in self.kinds.items() if b.isChecked()]
        text = values.pop("incident_description")
        if text and not kinds:
            raise ValueError(_("You described an incident: tick what kind it was (threats, "
                             "hostility, violence, being filmed)."))
        fields = dict(values, incident=StaffSafetyIncident(kinds, text) if kinds else None)
        if self.visit is None:
            self.visit = self.store.visits.log(self.attempt.id, **fields)
            return self.visit
        return self.store.visits.update(self.store.visits.copy(self.visit, **fields))
