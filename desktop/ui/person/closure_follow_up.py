"""After closure, on the Closure tab: the outcome documentation sent to the Safeguarding Adults
Board (Oxfordshire) and the learning and good practice shared (Nottingham s.13, Oxfordshire).
Saving changes only these fields of the closure record (``store.closures.record_follow_up``);
the old values stay in its history."""
from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.domain.record import ValidationError
from desktop.ui.forms.common import MessageLabel, heading_label, hint, name
from desktop.ui.forms.object_form import Field, ObjectForm
from desktop.ui.widgets import status_message
from desktop.i18n import N_, _, ngettext  # noqa: F401

FOLLOW_UP_FIELDS = [
    Field(attr="outcome_to_board_on", label=N_("Outcome sent to the Board &on:"), kind="date",
          help=N_("A copy of the outcome documentation to the Safeguarding Adults Board")),
    Field(attr="learning", label=N_("&Learning and good practice:"), kind="multiline", lines=3),
    Field(attr="learning_shared_with", label=N_("Shared &with:"),
          help=N_("e.g. team colleagues, the practice network, the Safeguarding Adults Board")),
    Field(attr="learning_shared_on", label=N_("Shared o&n:"), kind="date"),
]


class ClosureFollowUp(QWidget):
    """``saved`` fires after a successful save."""

    saved = Signal()

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.person_id = store, person_id
        self.form = ObjectForm(FOLLOW_UP_FIELDS)
        self.save_button = QPushButton(_("Sa&ve after-closure record"))
        name(self.save_button, _("Save after-closure record"))
        self.save_button.clicked.connect(self.save)
        self.message = MessageLabel()
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(heading_label(_("After closure"), scale=1.1))
        col.addWidget(hint(_("Send the outcome to the Safeguarding Adults Board where the "
                           "procedure asks for it, and share what was learnt.")))
        col.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.message, 1)
        col.addLayout(row)

    def load(self, closure) -> None:
        self.form.load(closure)
        self.message.clear()

    def save(self) -> bool:
        closure = self.store.closures.current(self.person_id)
        if closure is None:
            self.message.show_error(_("The case has no closure record."))
            return False
        edited = copy.deepcopy(closure)
        try:
            self.form.save_into(edited)
            self.store.closures.record_follow_up(
                self.person_id, **{f.attr: getattr(edited, f.attr) for f in FOLLOW_UP_FIELDS})
        except (ValueError, ValidationError) as exc:
            self.message.show_error(str(exc))
            return False
        self.message.clear()
        status_message(self, _("After-closure record saved."))
        self.saved.emit()
        return True
