"""Deleted by you: the records this worker deleted for a person, each restorable."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from desktop.domain.record import ValidationError
from desktop.store.repositories import deleted_by_me
from desktop.ui.forms.kit import MessageLabel, format_datetime, heading, hint, name
from desktop.ui.widgets import asking
from desktop.i18n import _, ngettext  # noqa: F401


def describe(kind: str, record) -> str:
    for attr in ("title", "note", "observed", "outcome", "kind", "category"):
        value = getattr(record, attr, None)
        if value:
            text = getattr(value, "label", value)
            return f"{kind}: {str(text)[:60]}"
    return kind


class RestoreDialog(QDialog):
    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.person_id = store, person_id
        self.setWindowTitle(_("Deleted by you"))
        self.setAccessibleName(_("Deleted by you"))
        self.list = QListWidget()
        name(self.list, _("Records you deleted"), _("Choose one and press Restore"))
        self.message = MessageLabel()
        self.restore_button = QPushButton(_("&Restore"))
        name(self.restore_button, _("Restore the selected record"))
        ask = asking(self, _("Restore record"), _("Restore the selected record? It comes back as "
                     "it was when you deleted it, and the other devices get it again with "
                     "the next sync."), self.restore_selected, _("Restore"),
                     lambda: self.list.currentItem() is not None)
        self.restore_button.clicked.connect(ask)
        self.list.itemActivated.connect(ask)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Deleted by you"), 1.3))
        layout.addWidget(hint(_("Deleting hides a record; its history is kept. Only the worker "
                              "who deleted a record can restore it.")))
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.reload()
        self.resize(520, 360)

    def reload(self) -> None:
        self.list.clear()
        for kind, record in deleted_by_me(self.store, self.person_id):
            item = QListWidgetItem(_('{describe} · deleted {format_datetime}').format(describe=describe(kind, record), format_datetime=format_datetime(record.updated_at)))
            item.setData(Qt.ItemDataRole.UserRole, (kind, record))
            self.list.addItem(item)
        self.restore_button.setEnabled(self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.message.show_message(_("Nothing you deleted for this person."))

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        _kind, record = item.data(Qt.ItemDataRole.UserRole)
        try:
            self.store.repo(type(record)).restore(record.id)
        except (ValidationError, LookupError) as exc:
            self.message.show_error(str(exc))
            return
        self.message.show_message(_('Restored. {describe}').format(describe=describe(*item.data(Qt.ItemDataRole.UserRole))))
        self.reload()
