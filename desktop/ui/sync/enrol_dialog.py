"""Enrolment: this store's fingerprint and enrolment file; trusting the other side's file
only after its fingerprint, read out by phone, has been typed in and matches.

The other side's fingerprint is never shown here (it could be copied instead of checked by
phone): the dialog shows this store's own, to read out, and asks for theirs. Fingerprints use
Crockford base32, so a zero typed for a spoken "oh" (or one for "I" or "L") still matches.
Enter in the fingerprint box enrols (no other button is a default)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QPushButton, QVBoxLayout, QWidget,
)

from desktop.store.syncstate import SyncState
from desktop.sync import enrol, export_enrolment, identity, read_enrolment
from desktop.sync.identity import Enrolment, check_enrolment, normalise_fingerprint
from desktop.ui.empty_state import set_empty_text
from desktop.ui.status_bar import sync_changed
from desktop.ui.widgets import MessageLabel, heading, hint, name, scaled_font
from desktop.i18n import _, ngettext  # noqa: F401


class EnrolDialog(QDialog):
    enrolled = Signal(str)          # device id of the newly trusted peer

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.pending: Enrolment | None = None
        self.setWindowTitle(_("Enrolment"))
        name(self, _("Enrolment"))
        self.resize(620, 560)
        lead = store.role == "lead"
        other = _("a field device") if lead else _("the lead agency")

        self.own = QLabel(identity(store).fingerprint)
        self.own.setFont(scaled_font(self.own, 1.8, bold=True))
        name(self.own, _("This store's fingerprint"), identity(store).fingerprint)
        save = QPushButton(_("&Save this store's enrolment file…"))
        save.setAutoDefault(False)
        name(save, _("Save this store's enrolment file"))
        save.clicked.connect(self._choose_save)

        self.open_button = QPushButton(_("&Open an enrolment file…"))
        name(self.open_button, _("Open an enrolment file"), _('The file sent by {other}').format(other=other))
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._choose_open)
        self.from_label = QLabel("")
        self.from_label.setWordWrap(True)
        self.typed = QLineEdit()
        self.typed.setPlaceholderText(_("e.g. 7K3M-Q9XZ-4H1T-C0RP"))
        name(self.typed, _("Fingerprint read out by phone"),
             _("Type what the other side reads out from their screen"))
        self.enrol_button = QPushButton(_("&Enrol"))
        name(self.enrol_button, _("Enrol"))
        self.enrol_button.setEnabled(False)
        self.enrol_button.setDefault(True)       # Enter in the fingerprint box enrols
        self.enrol_button.clicked.connect(self._enrol)
        self.typed.textChanged.connect(self._typed_changed)
        self.message = MessageLabel()

        self.peers = QListWidget()
        name(self.peers, _("Enrolled"))
        set_empty_text(self.peers, _('Nobody enrolled yet: exchange enrolment files with {other} as described above.').format(other=other))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            b.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("This store"), 1.2))
        layout.addWidget(hint(_("Send this store's enrolment file to {other} (e-mail or USB stick) and read this fingerprint out to them by phone, group by group:").format(other=other)))
        row = QHBoxLayout()
        row.addWidget(self.own, 1)
        row.addWidget(save)
        layout.addLayout(row)
        layout.addWidget(heading(_('Trust {other}').format(other=other), 1.2))
        layout.addWidget(hint(_("Open their enrolment file, then ask them to read out the "
                              "fingerprint on their screen and type it here. It is not shown "
                              "here on purpose: only their voice can confirm the file is "
                              "theirs.")))
        layout.addWidget(self.open_button)
        layout.addWidget(self.from_label)
        row = QHBoxLayout()
        row.addWidget(self.typed, 1)
        row.addWidget(self.enrol_button)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(heading(_("Enrolled"), 1.2))
        layout.addWidget(self.peers, 1)
        layout.addWidget(buttons)
        self._reload_peers()

    # -- this store's file -------------------------------------------------------------
    def _choose_save(self) -> None:
        dialog = QFileDialog(self, _("Save enrolment file"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(f"stickability-{'agency' if self.store.role == 'lead' else 'device'}"
                          "-enrolment.json")
        dialog.fileSelected.connect(self.save_to)
        dialog.open()

    def save_to(self, path: str | Path) -> None:
        try:
            export_enrolment(self.store, Path(path))
        except Exception as exc:  # noqa: BLE001
            self.message.show_error(str(exc))
            return
        self.message.show_message(_('Saved {name}. Read your fingerprint out when they call.').format(name=Path(path).name))

    # -- their file --------------------------------------------------------------------
    def _choose_open(self) -> None:
        dialog = QFileDialog(self, _("Open enrolment file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(_("Enrolment files (*.json);;All files (*)"))
        dialog.fileSelected.connect(self.load)
        dialog.open()

    def load(self, path: str | Path) -> None:
        self.pending = None
        self.enrol_button.setEnabled(False)
        try:
            e = read_enrolment(Path(path))
            existing = check_enrolment(self.store, e)
        except Exception as exc:  # noqa: BLE001
            self.from_label.setText("")
            self.message.show_error(str(exc))
            return
        self.pending = e
        self.from_label.setText(_("From {value}.").format(value=e.label))
        self.from_label.setToolTip(_("Device id: {device_id}").format(device_id=e.device_id))
        self.message.show_message(
            _("Already enrolled with these keys: nothing to do.") if existing else
            _("Now ask them to read out their fingerprint, and type it (then Enter)."))
        self.typed.clear()
        self.typed.setFocus()

    def _typed_changed(self, text: str) -> None:
        self.enrol_button.setEnabled(self.pending is not None
                                     and len(normalise_fingerprint(text)) == 16)

    def _enrol(self) -> None:
        if self.pending is None or not self.enrol_button.isEnabled():
            return
        try:
            added = enrol(self.store, self.pending, confirmed_fingerprint=self.typed.text())
        except Exception as exc:  # noqa: BLE001
            self.message.show_error(str(exc))
            return
        e, self.pending = self.pending, None
        self.enrol_button.setEnabled(False)
        self.message.show_message(_('Enrolled {value}.').format(value=e.label) if added else
                               _("{device} was already enrolled; nothing changed.").format(device=e.label))
        self._reload_peers()
        sync_changed(self)
        if added:
            self.enrolled.emit(e.device_id)

    def _reload_peers(self) -> None:
        self.peers.clear()
        for p in SyncState(self.store).peers():
            kind = _("lead agency") if p.kind == "agency" else _("field device")
            self.peers.addItem(_("{name} — {kind}, fingerprint {fingerprint}").format(
                name=p.name, kind=kind, fingerprint=p.fingerprint))
            self.peers.item(self.peers.count() - 1).setToolTip(
                _("Device id: {device_id}").format(device_id=p.device_id))
        if not self.peers.count():
            self.peers.addItem(_("Nobody yet."))
