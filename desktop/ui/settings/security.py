"""Settings → "Passphrase and device": change the passphrase; remember the key on this device.

Both act at once (they are not part of the General page's Save). Changing the passphrase
checks the current one and rewraps the database key (``store.change_passphrase``; the data is
not re-encrypted): the key derivation runs off the GUI thread. "Remember on this device" keeps
the key in the operating system's keychain (``desktop.store.keychain``), or forgets it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox, QGroupBox, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop.store import keychain
from desktop.store.errors import StoreError, WrongPassphrase
from desktop.ui import ops
from desktop.ui.passphrase import NewPassphraseFields
from desktop.ui.widgets import MessageLabel, add_row, form_layout, hint, name
from desktop.i18n import _, ngettext  # noqa: F401


class SecurityPage(QWidget):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self._op = None
        self._keychain_usable = False
        self._remembered = False
        self._setting = False
        self.keychain_checked = False

        # -- passphrase --------------------------------------------------------------
        box = QGroupBox(_("Change your passphrase"))
        form = form_layout()
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        add_row(form, _("C&urrent passphrase:"), self.current, accessible_name=_("Current passphrase"))
        self.new = NewPassphraseFields(
            form=form, first_label=_("&New passphrase:"), second_label=_("Con&firm new passphrase:"),
            context=lambda: [store.settings.get("worker_name"), store.settings.get("agency_name")])
        name(self.new.first, _("New passphrase"))
        name(self.new.second, _("Confirm new passphrase"))
        self.change_button = QPushButton(_("Change &passphrase"))
        name(self.change_button, _("Change passphrase"),
             _("Your data stays as it is; only the passphrase that opens it changes."))
        self.change_button.clicked.connect(self.change_passphrase)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        name(self.busy, _("Changing the passphrase"))
        self.busy.hide()
        self.passphrase_message = MessageLabel()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.change_button)
        col = QVBoxLayout(box)
        col.addWidget(hint(_("The recovery code you stored at set-up keeps working. Nothing "
                           "else changes: your records are not re-encrypted.")))
        col.addLayout(form)
        col.addWidget(self.passphrase_message)
        col.addWidget(self.busy)
        col.addLayout(row)
        # Enter in these fields changes the passphrase (and must not reach the dialog's Save).
        for edit in (self.current, self.new.first, self.new.second):
            edit.installEventFilter(self)

        # -- this device -------------------------------------------------------------
        device = QGroupBox(_("This device"))
        self.remember = QCheckBox(_("&Remember on this device"))
        name(self.remember, _("Remember on this device"),
             _("Keep the key in this computer's keychain so the app opens without the passphrase "
             "when it starts. Locking still asks for it."))
        self.remember.setEnabled(False)
        self.remember.toggled.connect(self._remember_toggled)
        self.remember_hint = hint(_("Checking for a keychain on this computer…"))
        self.remember_hint.setAccessibleName(_("Keychain"))
        self.device_message = MessageLabel()
        dcol = QVBoxLayout(device)
        dcol.addWidget(self.remember)
        dcol.addWidget(self.remember_hint)
        dcol.addWidget(self.device_message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(box)
        layout.addWidget(device)
        layout.addStretch(1)
        order = [self.current, self.new.first, self.new.second, self.change_button,
                 self.remember]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        self._check_keychain()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.change_passphrase()
            return True
        return super().eventFilter(obj, event)

    # ---------------------------------------------------------------- passphrase
    def working(self) -> bool:
        return self._op is not None and not self._op.done

    def change_passphrase(self) -> None:
        if self.working():
            return
        current = self.current.text()
        if not current:
            self.passphrase_message.show_error(_("Type your current passphrase first."))
            self.current.setFocus()
            return
        problem = self.new.problem()
        if problem:
            self.passphrase_message.show_error(problem)
            self.new.first.setFocus()
            return
        new = self.new.value()
        if new == current:
            self.passphrase_message.show_error(_("The new passphrase is the same as the current "
                                               "one. Choose a different one."))
            self.new.first.setFocus()
            return
        store = self.store
        self._busy(True)
        self.passphrase_message.show_message(_("Changing the passphrase… this takes a moment."))
        self._op = ops.run_in_background(
            self, lambda: store.change_passphrase(new, current=current),
            self._changed, self._change_failed)

    def _busy(self, on: bool) -> None:
        for w in (self.current, self.new.first, self.new.second, self.change_button):
            w.setEnabled(not on)
        self.busy.setVisible(on)

    def _changed(self, _result) -> None:
        self._busy(False)
        self.current.clear()
        self.new.clear()
        self.passphrase_message.show_message(_("Your passphrase is changed. Use the new one from "
                                             "now on."))
        self.current.setFocus()

    def _change_failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, WrongPassphrase):
            self.passphrase_message.show_error(_("The current passphrase is not right. Nothing "
                                               "was changed."))
            self.current.selectAll()
            self.current.setFocus()
        elif isinstance(exc, (StoreError, ValueError)):
            self.passphrase_message.show_error(_("{problem} Nothing was changed.").format(problem=exc))
        else:
            self.passphrase_message.show_error(
                _("The passphrase could not be changed; the old one still works. Try again; if "
                "it happens again, tell your administrator."))

    # ---------------------------------------------------------------- keychain
    def _check_keychain(self) -> None:
        store_id = self.store.store_id

        def check():
            usable, reason = keychain.status()
            remembered = usable and keychain.recall(store_id) is not None
            return usable, reason, remembered

        def checked(result):
            usable, reason, remembered = result
            self.keychain_checked = True
            self._keychain_usable, self._remembered = usable, remembered
            self._set_checked(remembered)
            self.remember.setEnabled(usable)
            self.remember_hint.setText(
                reason if not usable else
                (_("On: {reason}") if remembered else _("Off: {reason}")).format(reason=reason))
            self.remember.setAccessibleDescription(reason)

        def failed(_exc):
            self.keychain_checked = True
            self.remember_hint.setText(_(keychain.NO_KEYCHAIN))

        ops.run_in_background(self, check, checked, failed)

    def _set_checked(self, on: bool) -> None:
        self._setting = True
        try:
            self.remember.setChecked(on)
        finally:
            self._setting = False

    def _remember_toggled(self, on: bool) -> None:
        if self._setting or not self._keychain_usable or not self.store.is_open:
            return
        store_id = self.store.store_id
        self.remember.setEnabled(False)
        if on:
            secret = self.store.remember_secret()     # never the database key itself
            work = lambda: keychain.remember(store_id, secret)  # noqa: E731
        else:
            store = self.store
            work = lambda: (keychain.forget(store_id) and (store.forget_secret() or True),  # noqa: E731
                            "")

        def done(result):
            ok, reason = result
            self.remember.setEnabled(True)
            if ok:
                self._remembered = on
                self.device_message.show_message(
                    _("This device will remember the key: the app opens without the passphrase "
                    "when it starts.") if on else
                    _("This device no longer remembers the key."))
            else:
                self._set_checked(self._remembered)
                self.device_message.show_error(
                    reason or _("The keychain could not forget the key. Try again."))

        def failed(_exc):
            self.remember.setEnabled(True)
            self._set_checked(self._remembered)
            self.device_message.show_error(_("The keychain did not answer. Nothing was changed."))

        ops.run_in_background(self, work, done, failed)
