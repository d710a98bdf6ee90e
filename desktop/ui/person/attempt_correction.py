"""Correcting a contact attempt after the undo window: the method, the outcome, the day, the
note, and the reason (required). The original stays in history; the dialog shows every
version, oldest first, and the timeline, the chronology and the PDFs mark the entry
"corrected". ``add_correction(tab)`` puts the button under the Contacts timeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout)

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.ui.forms.common import MessageLabel, name, name_buttons, save_shortcuts
from desktop.ui.forms.object_form import Field, ObjectForm
from desktop.ui.widgets import status_message
from desktop.i18n import N_, _, ngettext  # noqa: F401


@dataclass
class Correction:
    method: ContactMethod = ContactMethod.HOME_VISIT
    outcome: ContactOutcome = ContactOutcome.NO_ANSWER
    day: date | None = None
    note: str = ""
    reason: str = field(default="")


FIELDS = [
    Field(attr="method", label=N_("&Method:"), kind="enum", enum=ContactMethod),
    Field(attr="outcome", label=N_("O&utcome:"), kind="enum", enum=ContactOutcome),
    Field(attr="day", label=N_("&Day of the contact:"), kind="date", help=N_("The time of day is kept")),
    Field(attr="note", label=N_("&Note:"), kind="multiline", lines=2),
    Field(attr="reason", label=N_("&Reason for the correction:"), kind="multiline", lines=2,
          help=N_("Required: why the logged values were wrong (the original stays in history)")),
]


class CorrectionDialog(QDialog):
    saved = Signal(str)

    def __init__(self, store, attempt_id: str, parent=None):
        super().__init__(parent)
        self.store = store
        self.attempt = store.attempts.require(attempt_id)
        a = self.attempt
        self.setWindowTitle(_("Correct a contact attempt"))
        self.setAccessibleName(_("Correct a contact attempt"))
        self.form = ObjectForm(FIELDS)
        self.form.load(Correction(a.method, a.outcome, a.at.astimezone().date(), a.note, ""))
        self.history = QLabel(self._history_html())
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setAccessibleName(_("Versions of this attempt"))
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Save correction"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        name_buttons(buttons)
        save_shortcuts(self, self.save)
        col = QVBoxLayout(self)
        col.addWidget(self.form)
        col.addWidget(QLabel("<b>History</b>"))
        col.addWidget(self.history)
        col.addWidget(self.message)
        col.addWidget(buttons)
        self.resize(620, 520)

    def _history_html(self) -> str:
        rows = []
        for v in self.store.attempts.versions(self.attempt.id):
            vals = v["values"]
            method = ContactMethod(vals["method"]).label if vals.get("method") else "?"
            outcome = ContactOutcome(vals["outcome"]).label if vals.get("outcome") else "?"
            when = (vals.get("at") or "")[:16].replace("T", " ")
            text = f"{when} — {method}, {outcome.lower()}"
            if vals.get("note"):
                text += f": {vals['note']}"
            who = f"{v['by']}, {(v['recorded_at'] or '')[:10]}"
            rows.append(f"<li>{_esc(text)} <i>({_esc(who)}"
                        + (_('; corrected: {esc}').format(esc=_esc(v['reason'])) if v["reason"] else _("; as logged"))
                        + ")</i></li>")
        return "<ol>" + "".join(rows) + "</ol>"

    def save(self) -> bool:
        c = Correction()
        try:
            self.form.save_into(c)
            at = None
            if c.day and c.day != self.attempt.at.astimezone().date():
                local = self.attempt.at.astimezone()
                at = datetime.combine(c.day, local.timetz())
            self.store.attempts.correct(self.attempt.id, c.reason, outcome=c.outcome,
                                        method=c.method, at=at, note=c.note)
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return False
        self.saved.emit(self.attempt.id)
        self.accept()
        return True


def _esc(text: str) -> str:
    from html import escape
    return escape(text or "")


def add_correction(tab) -> QPushButton:
    button = QPushButton(_("Co&rrect contact…"))
    name(button, _("Correct contact"), _("Correct the selected contact attempt, with the reason"))
    button.setAutoDefault(False)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    tab.layout().addLayout(row)
    tab.correct_button = button

    def current():
        index = tab.table.currentIndex()
        rows = tab.model.attempts
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def update(*_args) -> None:
        button.setEnabled(current() is not None)

    def open_dialog(*_args) -> CorrectionDialog | None:
        attempt = current()
        if attempt is None:
            return None
        dialog = CorrectionDialog(tab.store, attempt.id, tab)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _v: tab.refresh())
        dialog.saved.connect(lambda _v: status_message(tab, _("Contact attempt corrected.")))
        dialog.open()
        return dialog

    tab.open_correction = open_dialog
    button.clicked.connect(open_dialog)
    tab.table.selectionModel().currentChanged.connect(update)
    tab.model.modelReset.connect(update)
    update()
    return button
