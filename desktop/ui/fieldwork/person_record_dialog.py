"""Edit person record: every field of the Person, on five pages (Ctrl+PgDown / Ctrl+PgUp move
between them). Every save is versioned with the old values; unsaved typing is kept as a draft."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from desktop.domain.person import (Advocacy, AgencyInvolvement, Capacity, CapacityOutcome,
                                   CaseStatus, Child, Communication, Consent, ConsentStatus,
                                   Dependants, LawfulBasis, Person, SafeContact)
from desktop.ui.fieldwork.forms import FormDialog
from desktop.ui.fieldwork.kit import (OptionalDateEdit, TextBox, add_row, form_layout,
                                      heading, hint)
from desktop.ui.fieldwork.values import (RowsEditor, combo_enum, enum_combo, get_value,
                                         set_value)

PAGES = ("person", "safe_contact", "household", "capacity", "consent")


def _date_text(d) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


class PersonRecordDialog(FormDialog):
    def __init__(self, store, person_id: str, parent: QWidget | None = None,
                 page: str = "person"):
        super().__init__(store, person_id, "person_record", "Edit person record", parent)
        self.f: dict[str, QWidget] = {}
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Person record pages")
        self.pages.addTab(self._page_person(), "&1 Person")
        self.pages.addTab(self._page_safe_contact(), "&2 Safe contact")
        self.pages.addTab(self._page_household(), "&3 Household")
        self.pages.addTab(self._page_capacity(), "&4 Capacity, advocacy")
        self.pages.addTab(self._page_consent(), "&5 Consent, agencies")
        self.body.addWidget(self.pages)
        self.body.addWidget(hint("Ctrl+PgDown and Ctrl+PgUp move between pages. Dates as "
                                 "dd/mm/yyyy. A tick needs its date: a tick is not sufficient."))
        self.watch(*self.f.values())
        for tick, on in (("cap_considered", "cap_date"), ("adv_considered", "adv_considered_on"),
                         ("adv_offered", "adv_offered_on"), ("adv_accepted", "adv_accepted_on")):
            self.f[tick].toggled.connect(lambda checked, on=on: self._date_for_tick(checked, on))
        self.keeper.paused = True
        self.set_state(self._state_of(store.people.require(person_id)))
        self.keeper.paused = False
        self.restore_draft()
        self._lead_keeps(store.people.require(person_id))
        self.show_page(page)
        self.resize(760, 640)

    def _lead_keeps(self, person: Person) -> None:
        """On a field device the case's status is the lead agency's; so are its lead agency and
        SPOC, except on a person this device created (docs/sync-format.md, "Who may change
        what"). Those fields are shown, not edited."""
        if getattr(self.store, "role", "lead") != "field":
            self.locked_fields: tuple[str, ...] = ()
            return
        own = person.origin_device == self.store.device_id
        self.locked_fields = ("status",) if own else ("status", "lead_agency", "spoc")
        for key in self.locked_fields:
            self.f[key].setEnabled(False)
            self.f[key].setToolTip("Kept by the lead agency: its changes arrive by sync.")
            set_value(self.f[key], {"status": person.status.value, "lead_agency":
                                    person.lead_agency, "spoc": person.spoc}[key])

    def _date_for_tick(self, checked: bool, key: str) -> None:
        """Ticking a box fills in today's date when none is there (a tick needs its date)."""
        if checked and not self.keeper.paused and not self.f[key].edit.text().strip():
            self.f[key].setDate(date.today())

    def show_page(self, page: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(page) if page in PAGES else 0)
        first = {"person": "name", "safe_contact": "safe_number", "household": "pets",
                 "capacity": "cap_considered", "consent": "consent_status"}[PAGES[
                     self.pages.currentIndex()]]
        self.f[first].setFocus()

    # -- pages --------------------------------------------------------------------------------
    def _add(self, form, key: str, label: str, widget: QWidget, help: str = "") -> QWidget:
        self.f[key] = widget
        if isinstance(widget, QCheckBox):
            widget.setAccessibleName(widget.text().replace("&", ""))
            form.addRow("", widget)
        else:
            add_row(form, label, widget, help)
        return widget

    def _page(self, form) -> QWidget:
        page = QWidget()
        QVBoxLayout(page).addLayout(form)
        page.layout().addStretch(1)
        return page

    def _page_person(self) -> QWidget:
        form = form_layout()
        self._add(form, "name", "&Name", QLineEdit())
        self._add(form, "known_as", "&Known as", QLineEdit())
        self._add(form, "date_of_birth", "Date of &birth", OptionalDateEdit())
        self._add(form, "address", "Add&ress", TextBox(2))
        self._add(form, "status", "Case s&tatus", enum_combo(CaseStatus))
        self._add(form, "lead_agency", "&Lead agency", QLineEdit())
        self._add(form, "spoc", "Single &point of contact", QLineEdit(),
                  "The worker the adult has a relationship with (SPOC)")
        self._add(form, "notes", "N&otes", TextBox(3))
        return self._page(form)

    def _page_safe_contact(self) -> QWidget:
        form = form_layout()
        self._add(form, "safe_number", "Safe &number", QLineEdit())
        self._add(form, "safe_message", "Safe &message wording", TextBox(2),
                  "Exactly what may be said or left if someone else answers")
        self._add(form, "methods_to_avoid", "Methods to &avoid", TextBox(2),
                  "e.g. does not open letters; do not phone")
        self._add(form, "best_times", "Best days and &times", QLineEdit())
        self._add(form, "language", "&Language", QLineEdit())
        self._add(form, "interpreter_needed", "", QCheckBox("&Interpreter needed"))
        self._add(form, "easy_read", "", QCheckBox("&Easy read"))
        self._add(form, "needs", "Communication nee&ds", TextBox(2))
        self._add(form, "neurodivergence_adjustments", "Neurodi&vergence adjustments",
                  TextBox(2), "e.g. quiet room, one question at a time, written summary")
        return self._page(form)

    def _page_household(self) -> QWidget:
        form = form_layout()
        self.f["children"] = RowsEditor("Child", [
            ("name", "Name", QLineEdit), ("date_of_birth", "Date of birth", OptionalDateEdit),
            ("note", "Note", QLineEdit)], "Add a c&hild")
        add_row(form, "Children in the household", self.f["children"],
                "Children in the household make a referral to children's services mandatory")
        self._add(form, "children_referral_recorded_on", "Children's services &referral on",
                  OptionalDateEdit())
        self._add(form, "children_referral_note", "Referral &note", QLineEdit(),
                  "e.g. to whom, reference")
        self._add(form, "pets", "&Pets", QLineEdit())
        self.f["children_elsewhere"] = RowsEditor("Child elsewhere", [
            ("name", "Name", QLineEdit), ("lives_with", "Lives with", QLineEdit),
            ("note", "Note", QLineEdit)], "Add a child living &elsewhere")
        add_row(form, "Children elsewhere (parental responsibility)",
                self.f["children_elsewhere"],
                "Children living elsewhere for whom the adult has parental responsibility: a "
                "referral to children's services is mandatory (Nottingham s.2)")
        self.f["other_adults"] = RowsEditor("Adult at risk", [
            ("name", "Name", QLineEdit), ("relationship", "Relationship", QLineEdit),
            ("risk", "Risk", QLineEdit)], "Add another &adult at risk")
        add_row(form, "Other vulnerable adults at risk", self.f["other_adults"],
                "Other adults in the household who are at risk (Nottingham s.8)")
        return self._page(form)

    def _page_capacity(self) -> QWidget:
        form = form_layout()
        form.addRow(heading("Capacity", 1.05))
        self._add(form, "cap_considered", "", QCheckBox("&Capacity considered"))
        self._add(form, "cap_date", "Considered &on", OptionalDateEdit())
        self._add(form, "cap_outcome", "O&utcome", enum_combo(CapacityOutcome))
        self._add(form, "cap_by", "&By whom", QLineEdit())
        self._add(form, "cap_note", "Capacity &note", QLineEdit())
        form.addRow(heading("Advocacy", 1.05))
        self._add(form, "adv_considered", "", QCheckBox("Advocacy cons&idered"))
        self._add(form, "adv_considered_on", "Consid&ered on", OptionalDateEdit())
        self._add(form, "adv_offered", "", QCheckBox("Advocacy o&ffered"))
        self._add(form, "adv_offered_on", "Firs&t offered on", OptionalDateEdit(),
                  "Later offers are ticked on each contact attempt")
        self._add(form, "adv_accepted", "", QCheckBox("Advocacy &accepted"))
        self._add(form, "adv_accepted_on", "Acce&pted on", OptionalDateEdit())
        self._add(form, "adv_declined_on", "Last &declined on", OptionalDateEdit(),
                  "If declined, offer again at each contact")
        self._add(form, "advocate", "Ad&vocate", QLineEdit())
        self._add(form, "adv_note", "Advocac&y note", QLineEdit())
        return self._page(form)

    def _page_consent(self) -> QWidget:
        form = form_layout()
        self._add(form, "consent_status", "&Consent to share", enum_combo(ConsentStatus))
        self._add(form, "lawful_basis", "Lawful &basis", enum_combo(LawfulBasis),
                  "When sharing without consent (GDPR Article 6)")
        self._add(form, "rationale", "&Rationale", TextBox(3),
                  "Why sharing is necessary and proportionate")
        self._add(form, "consent_on", "Recorded o&n", OptionalDateEdit())
        self.f["agencies"] = RowsEditor("Agency", [
            ("agency", "Agency", QLineEdit), ("lead_worker", "Lead worker", QLineEdit),
            ("contact", "Contact", QLineEdit), ("role", "Role", QLineEdit)], "Add an a&gency")
        add_row(form, "Agencies involved", self.f["agencies"])
        self._add(form, "disengagement_shared_on", "Referrer &told of disengagement on",
                  OptionalDateEdit())
        return self._page(form)

    # -- state ------------------------------------------------------------------------------------
    @staticmethod
    def _state_of(p: Person) -> dict:
        c, a = p.capacity, p.advocacy
        return {
            "name": p.name, "known_as": p.known_as, "date_of_birth": _date_text(p.date_of_birth),
            "address": p.address, "status": p.status.value, "lead_agency": p.lead_agency,
            "spoc": p.spoc, "notes": p.notes,
            "safe_number": p.safe_contact.safe_number,
            "safe_message": p.safe_contact.safe_message,
            "methods_to_avoid": p.safe_contact.methods_to_avoid,
            "best_times": p.safe_contact.best_times, "language": p.communication.language,
            "interpreter_needed": p.communication.interpreter_needed,
            "easy_read": p.communication.easy_read, "needs": p.communication.needs,
            "neurodivergence_adjustments": p.communication.neurodivergence_adjustments,
            "children": [{"name": ch.name, "date_of_birth": _date_text(ch.date_of_birth),
                          "note": ch.note} for ch in p.dependants.children],
            "children_referral_recorded_on":
                _date_text(p.dependants.children_referral_recorded_on),
            "children_referral_note": p.dependants.children_referral_note,
            "pets": p.dependants.pets,
            "children_elsewhere": [{"name": ch.name, "lives_with": ch.lives_with,
                                    "note": ch.note} for ch in p.dependants.children_elsewhere],
            "other_adults": [{"name": x.name, "relationship": x.relationship, "risk": x.risk}
                             for x in p.dependants.other_adults],
            "cap_considered": c.considered, "cap_date": _date_text(c.date),
            "cap_outcome": c.outcome.value, "cap_by": c.by_whom, "cap_note": c.note,
            "adv_considered": a.considered, "adv_considered_on": _date_text(a.considered_on),
            "adv_offered": a.offered, "adv_offered_on": _date_text(a.offered_on),
            "adv_accepted": a.accepted, "adv_accepted_on": _date_text(a.accepted_on),
            "adv_declined_on": _date_text(a.declined_on), "advocate": a.advocate,
            "adv_note": a.note,
            "consent_status": p.consent.status.value,
            "lawful_basis": p.consent.lawful_basis.value, "rationale": p.consent.rationale,
            "consent_on": _date_text(p.consent.recorded_on),
            "agencies": [{"agency": x.agency, "lead_worker": x.lead_worker,
                          "contact": x.contact, "role": x.role} for x in p.agencies],
            "disengagement_shared_on": _date_text(p.disengagement_shared_on)}

    def state(self) -> dict:
        return {k: get_value(w) for k, w in self.f.items()}

    def set_state(self, data: dict) -> None:
        for k, w in self.f.items():
            set_value(w, data.get(k))

    def _date(self, key: str, label: str):
        w = self.f[key]
        if not w.is_valid():
            raise ValueError(f"{label}: {w.error()}")
        return w.date()

    def _child_rows(self) -> list[Child]:
        out = []
        for n, row in enumerate(self.f["children"].rows, start=1):
            dob = row["date_of_birth"]
            if not dob.is_valid():
                raise ValueError(f"Child {n}, date of birth: {dob.error()}")
            if row["name"].text().strip() or row["note"].text().strip() or dob.date():
                out.append(Child(row["name"].text().strip(), dob.date(),
                                 row["note"].text().strip()))
        return out

    def _elsewhere_rows(self, current: Person) -> list:
        from desktop.domain.person import ChildElsewhere
        old = {c.name: c for c in current.dependants.children_elsewhere}
        out = []
        for r in self.f["children_elsewhere"].state():
            if any(v.strip() for v in r.values()):
                keep = old.get(r["name"].strip())
                out.append(ChildElsewhere(r["name"].strip(), keep.date_of_birth if keep else None,
                                          r["lives_with"].strip(), r["note"].strip()))
        return out

    def _other_adult_rows(self, current: Person) -> list:
        from desktop.domain.person import OtherAdult
        old = {a.name: a for a in current.dependants.other_adults}
        out = []
        for r in self.f["other_adults"].state():
            if any(v.strip() for v in r.values()):
                keep = old.get(r["name"].strip())
                out.append(OtherAdult(r["name"].strip(), r["relationship"].strip(),
                                      r["risk"].strip(), keep.referral_note if keep else ""))
        return out

    def build(self) -> Person:
        f, t = self.f, (lambda k: get_value(self.f[k]).strip())
        current = self.store.people.require(self.person_id)
        agencies = [AgencyInvolvement(**{k: v.strip() for k, v in r.items()})
                    for r in f["agencies"].state() if any(v.strip() for v in r.values())]
        built = replace(
            current, name=t("name"), known_as=t("known_as"),
            date_of_birth=self._date("date_of_birth", "Date of birth"), address=t("address"),
            status=combo_enum(f["status"], CaseStatus), lead_agency=t("lead_agency"),
            spoc=t("spoc"), notes=t("notes"),
            safe_contact=SafeContact(t("safe_number"), t("safe_message"),
                                     t("methods_to_avoid"), t("best_times")),
            communication=Communication(t("language"), f["interpreter_needed"].isChecked(),
                                        f["easy_read"].isChecked(), t("needs"),
                                        t("neurodivergence_adjustments")),
            dependants=Dependants(self._child_rows(), t("pets"), self._date(
                "children_referral_recorded_on", "Children's services referral"),
                t("children_referral_note"), self._elsewhere_rows(current),
                self._other_adult_rows(current)),
            capacity=Capacity(f["cap_considered"].isChecked(),
                              self._date("cap_date", "Capacity considered on"),
                              combo_enum(f["cap_outcome"], CapacityOutcome), t("cap_by"),
                              t("cap_note")),
            advocacy=Advocacy(
                f["adv_considered"].isChecked(),
                self._date("adv_considered_on", "Advocacy considered on"),
                f["adv_offered"].isChecked(), self._date("adv_offered_on", "Advocacy offered on"),
                f["adv_accepted"].isChecked(),
                self._date("adv_accepted_on", "Advocacy accepted on"),
                self._date("adv_declined_on", "Advocacy declined on"), t("advocate"),
                t("adv_note")),
            consent=Consent(combo_enum(f["consent_status"], ConsentStatus), t("rationale"),
                            combo_enum(f["lawful_basis"], LawfulBasis),
                            self._date("consent_on", "Consent recorded on")),
            agencies=agencies,
            disengagement_shared_on=self._date("disengagement_shared_on",
                                               "Referrer told of disengagement on"))
        return replace(built, **{k: getattr(current, k) for k in self.locked_fields})

    def commit(self) -> Person:
        return self.store.people.update(self.build())
