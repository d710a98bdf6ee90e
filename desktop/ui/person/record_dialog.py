"""Edit person record: every described field of the Person (``desktop/domain/person.py``), one
page per ``page`` the fields name (Ctrl+PgDown / Ctrl+PgUp move between them). A field added
to ``Person`` with ``described(...)`` appears on its page with nothing to change here. Every
save is versioned with the old values; unsaved typing is kept as a draft."""
from __future__ import annotations

import copy

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.domain import codec
from desktop.domain.fields import pages
from desktop.domain.person import Person
from desktop.domain.procedure import lead_term
from desktop.ui.forms.form_dialog import FormDialog
from desktop.ui.forms.kit import hint
from desktop.ui.forms.record_form import RecordForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

PAGE_TITLES = {"person": N_("Person"), "safe_contact": N_("Safe contact"), "household": N_("Household"),
               "capacity": N_("Capacity, advocacy"), "consent": N_("Consent, agencies")}
PAGES = tuple(pages(Person))


class PersonRecordDialog(FormDialog):
    def __init__(self, store, person_id: str, parent: QWidget | None = None,
                 page: str = "person"):
        super().__init__(store, person_id, "person_record", _("Edit person record"), parent)
        self.pages = QTabWidget()
        self.pages.setAccessibleName(_("Person record pages"))
        self.forms: dict[str, RecordForm] = {}
        for n, key in enumerate(PAGES, start=1):
            form = RecordForm(Person, page=key)
            form.edited.connect(self.keeper.touch)
            self.forms[key] = form
            title = _(PAGE_TITLES.get(key, key.replace("_", " ").capitalize()))
            self.pages.addTab(form, f"&{n} {title}" if n < 10 else title)
        self.body.addWidget(self.pages)
        self.body.addWidget(hint(_("Ctrl+PgDown and Ctrl+PgUp move between pages. Dates as "
                                 "dd/mm/yyyy. A tick needs its date: a tick is not sufficient.")))
        self.keeper.paused = True
        self._load(store.people.require(person_id))
        self._lead_keeps(store.people.require(person_id))
        self._procedure_terms()
        self.keeper.paused = False
        self.restore_draft()
        self.show_page(page)
        self.resize(760, 640)

    def widget(self, path: str) -> QWidget | None:
        """The input for a field path such as ``"safe_contact.safe_number"``."""
        for form in self.forms.values():
            found = form.widget(path)
            if found is not None:
                return found
        return None

    def show_page(self, page: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(page) if page in PAGES else 0)
        first = self.forms[PAGES[self.pages.currentIndex()]].first_input()
        if first is not None:
            first.setFocus()

    def _lead_keeps(self, person: Person) -> None:
        """On a field device the case's status is the lead agency's; so are its lead agency and
        SPOC, except on a person this device created (docs/sync-format.md, "Who may change
        what"). Those fields are shown, not edited."""
        self.locked_fields: tuple[str, ...] = ()
        if getattr(self.store, "role", "lead") != "field":
            return
        own = person.origin_device == self.store.device_id
        self.locked_fields = ("status",) if own else ("status", "lead_agency", "spoc")
        for key in self.locked_fields:
            w = self.widget(key)
            if w is not None:
                w.setEnabled(False)
                w.setToolTip(_("Kept by the lead agency: its changes arrive by sync."))

    def _procedure_terms(self) -> None:
        """The coordinating agency is called what the procedure calls it (Oxfordshire: the
        "primary agency")."""
        term = lead_term(self.store)
        if term == _("Lead agency"):
            return
        for form in self.forms.values():
            lab = form.label("lead_agency")
            if lab is not None:
                lab.setText(lab.text().replace(_("&Lead agency"), "&" + term)
                            .replace(_("Lead agency"), term))
                self.widget("lead_agency").setAccessibleName(term)

    # -- state ------------------------------------------------------------------------------
    def _load(self, person: Person) -> None:
        for form in self.forms.values():
            form.load(person)

    def build(self, *, lenient: bool = False) -> Person:
        person = copy.deepcopy(self.store.people.require(self.person_id))
        for form in self.forms.values():
            form.save_into(person, lenient=lenient)
        stored = self.store.people.require(self.person_id)
        for key in getattr(self, "locked_fields", ()):   # never from a draft or a widget
            setattr(person, key, getattr(stored, key))
        return person

    def state(self) -> dict:
        return codec.encode(self.build(lenient=True))

    def set_state(self, data: dict) -> None:
        merged = codec.encode(self.store.people.require(self.person_id))
        merged.update({k: v for k, v in data.items() if k in merged})
        self._load(codec.from_fields(Person, merged))

    def commit(self) -> Person:
        return self.store.people.update(self.build())
