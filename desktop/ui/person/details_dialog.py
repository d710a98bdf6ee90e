"""Add a person, or edit the basic details: name, known-as, date of birth, address.

Non-blocking (``open()``, never ``exec()``) so that locking can close it. Saves through
``store.people``; a rule broken (``ValidationError``) is shown in the dialog and nothing typed is
lost. ``saved`` carries the person's id.
"""
from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from desktop.domain.person import Person
from desktop.domain.record import ValidationError
from desktop.store.errors import StoreError
from desktop.ui.widgets import DATE_FORMAT, MessageLabel, OptionalDateEdit, add_row, form_layout, heading, name


class PersonDialog(QDialog):
    saved = Signal(str)

    def __init__(self, store, person_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.person_id = person_id
        self.person: Person | None = store.people.require(person_id) if person_id else None
        title = "Edit details" if self.person else "New person"
        self.setWindowTitle(title)
        name(self, title)
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Full name")
        self.known_as = QLineEdit()
        self.known_as.setPlaceholderText("The name they like to be called (optional)")
        self.dob = OptionalDateEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form = form_layout()
        add_row(form, "&Name:", self.name_edit)
        add_row(form, "&Known as:", self.known_as)
        add_row(form, "&Date of birth:", self.dob, "dd/mm/yyyy — leave empty if not known.")
        add_row(form, "&Address:", self.address)

        self.message = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save |
                                   QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save" if self.person else "&Add person")
        name(self.save_button, "Save" if self.person else "Add person")
        name(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading(title, 1.3))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

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
        self.message.show_message("Restored what you were typing before the app locked. Save "
                                  "it, or Cancel to throw it away.")

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
        try:
            if self.person is None:
                saved = self.store.people.add(Person(**values))
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
