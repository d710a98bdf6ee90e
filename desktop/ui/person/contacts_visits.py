"""Visit details from the Contacts timeline: Enter on a seen contact (or on a home or joint
visit that did not get in) opens its visit details; a button under the timeline does the same.
``add_visit_details(tab)`` is called by ``ContactsTab`` once its table is built."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from desktop.domain.visit import can_have_visit
from desktop.ui.forms.kit import hint, name
from desktop.ui.person.visit_dialog import VisitDialog
from desktop.ui.widgets import status_message
from desktop.i18n import _, ngettext  # noqa: F401


def add_visit_details(tab) -> QPushButton:
    button = QPushButton(_("&Visit details…"))
    name(button, _("Visit details"), _("Add or edit what was observed and reported at the selected "
         "contact (Enter on the row)"))
    button.setAutoDefault(False)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addWidget(hint(_("Choose a contact where the adult was seen, or a home visit, and press "
                       "Enter to record what you observed.")), 1)
    tab.layout().addLayout(row)
    tab.visit_button = button

    def current():
        index = tab.table.currentIndex()
        rows = tab.model.attempts
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    def update(*_args) -> None:
        attempt = current()
        button.setEnabled(attempt is not None and can_have_visit(attempt))

    def open_details(*_args) -> VisitDialog | None:
        attempt = current()
        if attempt is None:
            return None
        if not can_have_visit(attempt):
            status_message(tab, _("Visit details are for contacts where the adult was seen, or "
                                "for home and joint visits."))
            return None
        dialog = VisitDialog(tab.store, attempt.id, tab)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _v: tab.refresh())
        dialog.saved.connect(lambda _v: status_message(tab, _("Visit details saved.")))
        dialog.open()
        return dialog

    tab.open_visit_details = open_details
    button.clicked.connect(open_details)
    tab.table.activated.connect(open_details)
    tab.table.selectionModel().currentChanged.connect(update)
    tab.model.modelReset.connect(update)
    update()
    return button
