"""Add a person, or edit the basic details: name, known-as, date of birth, address.

Non-blocking (``open()``, never ``exec()``) so that locking can close it. Saves through
``store.people``; a rule broken (``ValidationError``) is shown in the dialog and nothing typed is
lost. ``saved`` carries the person's id. On a field device the worker who adds an adult is
their single point of contact (SPOC), so the caseload's SPOC column is filled.

Adding a person first looks for people on file who may be the same adult
(``desktop.store.duplicates.possible_matches``): "Is this the same person as …?" lists them
with the reasons; "Open this person" goes to the record on file (``same_person`` carries its
id, nothing is added); pressing "Add as a new person" adds and records that they are
different people, so the pair is not offered again.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop.domain.person import Person
from desktop.domain.record import ValidationError
from desktop.store.duplicates import possible_matches, record_decision
from desktop.store.errors import StoreError
from desktop.ui.widgets import (
    DATE_FORMAT, MessageLabel, OptionalDateEdit, add_row, form_layout, format_date, heading, name,
    save_shortcuts)
from desktop.i18n import _, ngettext  # noqa: F401


def own_spoc(store) -> str:
    """The single point of contact for an adult a field worker adds: the worker."""
    return f"{store.actor} ({store.agency})" if store.agency else store.actor


class PersonDialog(QDialog):
    saved = Signal(str)
    same_person = Signal(str)       # the person on file chosen instead of adding a new one

    def __init__(self, store, person_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.person_id = person_id
        self.person: Person | None = store.people.require(person_id) if person_id else None
        title = _("Edit details") if self.person else _("New person")
        self.setWindowTitle(title)
        name(self, title)
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Full name"))
        self.known_as = QLineEdit()
        self.known_as.setPlaceholderText(_("The name they like to be called (optional)"))
        self.dob = OptionalDateEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = form_layout()
        add_row(form, _("&Name:"), self.name_edit)
        add_row(form, _("&Known as:"), self.known_as)
        add_row(form, _("&Date of birth:"), self.dob, _("dd/mm/yyyy — leave empty if not known."))
        add_row(form, _("Addr&ess:"), self.address)

        self.message = MessageLabel()
        self.matches: list = []          # (Match, PersonFacts) offered for the values typed
        self.same_question = heading(_("Is this the same person as someone on file?"), 1.05)
        self.same_list = QListWidget()
        name(self.same_list, _("People who may be the same"),
             _("Choose one and Open this person, or Add as a new person"))
        self.same_list.itemActivated.connect(lambda _i: self.open_existing())
        self.open_existing_button = QPushButton(_("&Open this person"))
        name(self.open_existing_button, _("Open this person"),
             _("Do not add anyone: go to the record on file"))
        self.open_existing_button.setAutoDefault(False)
        self.open_existing_button.clicked.connect(self.open_existing)
        for w in (self.same_question, self.same_list, self.open_existing_button):
            w.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Save") if self.person else _("&Add person"))
        name(self.save_button, _("Save") if self.person else _("Add person"))
        name(buttons.button(QDialogButtonBox.StandardButton.Cancel), _("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save_shortcuts(self, self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(title, 1.3))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.same_question)
        layout.addWidget(self.same_list)
        layout.addWidget(self.open_existing_button)
        layout.addWidget(buttons)
        for edit in (self.name_edit, self.known_as, self.dob.edit):
            edit.textChanged.connect(self._forget_matches)

        if self.person:
            p = self.person
            self.name_edit.setText(p.name)
            self.known_as.setText(p.known_as)
            self.dob.setDate(p.date_of_birth)
            self.address.setPlainText(p.address)
        self._draft_key = "person_edit" if self.person else "person_new"
        self._keep_draft = False
        self.restore_draft()
        self.name_edit.setFocus()

    # ---------------------------------------------------------------- drafts
    def _values_text(self) -> dict:
        return {"name": self.name_edit.text(), "known_as": self.known_as.text(),
                "date_of_birth": self.dob.edit.text(), "address": self.address.toPlainText()}

    def save_draft(self) -> None:
        """Called before the store locks: keep what is typed (only if it differs)."""
        if not self.isVisible() or not self.store.is_open:
            return
        data = self._values_text()
        original = {"name": "", "known_as": "", "date_of_birth": "", "address": ""}
        if self.person:
            p = self.person
            original = {"name": p.name, "known_as": p.known_as,
                        "date_of_birth": p.date_of_birth.strftime(DATE_FORMAT)
                        if p.date_of_birth else "",
                        "address": p.address}
        if data != original:
            self.store.drafts.save(self._draft_key, self.person_id, data)
            self._keep_draft = True

    def restore_draft(self) -> None:
        data = self.store.drafts.load(self._draft_key, self.person_id)
        if not data:
            return
        self.name_edit.setText(data.get("name", ""))
        self.known_as.setText(data.get("known_as", ""))
        self.dob.edit.setText(data.get("date_of_birth", ""))
        self.address.setPlainText(data.get("address", ""))
        self.message.show_message(_("Restored what you were typing before the app locked. Save "
                                  "it, or Cancel to throw it away."))

    def reject(self) -> None:
        """Cancel throws the draft away; closing for a lock keeps it."""
        if self.store.is_open and not self._keep_draft:
            self.store.drafts.discard(self._draft_key, self.person_id)
        super().reject()

    def accept(self) -> None:
        if not self.dob.is_valid():
            self.message.show_error(self.dob.error())
            self.dob.setFocus()
            return
        values = dict(name=self.name_edit.text().strip(), known_as=self.known_as.text().strip(),
                      date_of_birth=self.dob.date(),
                      address=self.address.toPlainText().strip())
        if self.person is None and not self.matches and values["name"] and \
                self._offer_matches(values):
            return
        try:
            if self.person is None:
                if getattr(self.store, "role", "field") == "field":
                    values["spoc"] = own_spoc(self.store)   # a field worker's own case
                saved = self.store.people.add(Person(**values))
                for _match, other in self.matches:      # looked at, and they are not
                    record_decision(self.store, saved.id, other.id, False,
                                    "added as a new person after the check")
            else:
                saved = self.store.people.update(dataclasses.replace(self.person, **values))
        except (ValidationError, StoreError) as exc:
            self.message.show_error(str(exc))
            if not values["name"]:
                self.name_edit.setFocus()
            return
        self.store.drafts.discard(self._draft_key, self.person_id)
        self.person_id = saved.id
        self.saved.emit(saved.id)
        super().accept()

    # ---------------------------------------------------------------- same person?
    def _offer_matches(self, values: dict) -> bool:
        """Show the people on file who may be this person; True when there are some."""
        found = possible_matches(self.store, values["name"], values["known_as"],
                                 values["date_of_birth"], values["address"])
        if not found:
            return False
        self.matches = found
        self.same_list.clear()
        for match, other in found:
            born = _(', born {format_date}').format(format_date=format_date(other.date_of_birth)) if other.date_of_birth else \
                _(", no date of birth")
            where = f", {other.address.splitlines()[0]}" if other.address.strip() else ""
            known = f" ({other.known_as})" if other.known_as else ""
            self.same_list.addItem(f"{other.name}{known}{born}{where}\n    "
                                   f"{'; '.join(match.why)}")
        self.same_list.setCurrentRow(0)
        for w in (self.same_question, self.same_list, self.open_existing_button):
            w.show()
        self.save_button.setText(_("&Add as a new person"))
        name(self.save_button, _("Add as a new person"))
        self.message.show_message(
            ngettext("{n} person on file may be the same adult. Open the record on file, or add "
                     "a new person if they are someone else.",
                     "{n} people on file may be the same adult. Open the record on file, or add "
                     "a new person if they are someone else.", len(found)).format(n=len(found)),
            MessageLabel.WARNING)
        self.same_list.setFocus()
        return True

    def _forget_matches(self, *_args) -> None:
        if self.matches:
            self.matches = []
            for w in (self.same_question, self.same_list, self.open_existing_button):
                w.hide()
            self.save_button.setText(_("&Add person"))
            name(self.save_button, _("Add person"))
            self.message.clear()

    def open_existing(self) -> None:
        row = self.same_list.currentRow()
        if not 0 <= row < len(self.matches):
            return
        other = self.matches[row][1]
        self.store.drafts.discard(self._draft_key, self.person_id)
        self.same_person.emit(other.id)
        super().reject()
