"""The unlock screen: passphrase, or the recovery code plus a new passphrase.

The key derivation runs off the GUI thread (``ops.run_in_background``). Wrong passphrases or
recovery codes in a row make the next try wait 1, 2, 4 … seconds (at most 30): slow for a
guesser, never a lockout. Store errors are shown as they are written (``str(exc)``).

"Remember on this device" (off by default) keeps the database key in the OS keychain
(``desktop.store.keychain``). A remembered key opens the store when the app starts; after a lock
(Ctrl+L or idle) the passphrase is always asked for, or locking would protect nothing.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QStackedWidget, QVBoxLayout,
    QWidget,
)

from desktop.store import keychain
from desktop.store.errors import StoreError, WrongPassphrase, WrongRecoveryCode
from desktop.store.postgres import as_location
from desktop.ui import ops
from desktop.ui.passphrase import NewPassphraseFields
from desktop.ui.widgets import (
    Card, MessageLabel, add_row, centered, form_layout, heading, hint, name,
)
from desktop.i18n import _, ngettext  # noqa: F401

MAX_DELAY_S = 30


def backoff_seconds(failures: int) -> int:
    """Wait before the next try after ``failures`` wrong answers in a row: 0, 1, 2, 4 … 30."""
    if failures <= 0:
        return 0
    return min(2 ** (failures - 1), MAX_DELAY_S)


class UnlockPage(QWidget):
    """``unlocked`` carries the open ``Store``; ``notice`` a line for the status bar."""

    unlocked = Signal(object)
    notice = Signal(str)

    def __init__(self, store_dir: Path, parent: QWidget | None = None, *, clock=time.monotonic,
                 demo_hint: str = ""):
        super().__init__(parent)
        self.store_dir = as_location(store_dir)   # a folder, or the hub's URL
        self._clock = clock
        self.failures = 0
        self._retry_at = 0.0
        self._op = None
        self._store_id: str | None = None
        self._keychain_usable = False
        self._remembered = False
        self._remember_touched = False    # the worker changed the box since the page showed
        self._setting_remember = False
        self.keychain_checked = False
        self._want_remember = False
        self.modes = QStackedWidget()
        self.modes.addWidget(centered(self._build_passphrase(demo_hint), 520))
        self.modes.addWidget(centered(self._build_recovery(), 560))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.modes)
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._update_wait)

    # ---------------------------------------------------------------- building
    def _build_passphrase(self, demo_hint: str) -> QWidget:
        card = Card()
        body = card.body
        body.addWidget(heading(_("Stickability is locked")))
        body.addWidget(hint(_("Type your passphrase to open your caseload.")))
        if demo_hint:
            demo = hint(demo_hint)
            demo.setAccessibleName(demo_hint)
            body.addWidget(demo)
        form = form_layout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        add_row(form, _("&Passphrase:"), self.passphrase)
        self.remember = QCheckBox(_("&Remember on this device"))
        name(self.remember, _("Remember on this device"),
             _("Keep the key in this computer's keychain so the app opens without the passphrase "
             "when it starts. Locking still asks for it."))
        self.remember.toggled.connect(self._remember_toggled)
        self.remember_hint = hint("")
        self.remember_hint.setAccessibleName(_("Keychain"))
        remember_box = QWidget()
        col = QVBoxLayout(remember_box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(self.remember)
        col.addWidget(self.remember_hint)
        form.addRow("", remember_box)
        body.addLayout(form)
        self.message = MessageLabel()
        body.addWidget(self.message)
        self.busy = _busy_bar(_("Unlocking"))
        body.addWidget(self.busy)
        row = QHBoxLayout()
        self.recovery_button = QPushButton(_("Use re&covery code…"))
        name(self.recovery_button, _("Use the recovery code instead"),
             _("For when the passphrase is forgotten; you then choose a new passphrase."))
        self.recovery_button.setFlat(True)
        self.recovery_button.clicked.connect(self.show_recovery)
        row.addWidget(self.recovery_button)
        row.addStretch(1)
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        name(self.unlock_button, _("Unlock"))
        self.unlock_button.clicked.connect(self.submit)
        row.addWidget(self.unlock_button)
        body.addLayout(row)
        self.passphrase.returnPressed.connect(self.submit)
        self.setTabOrder(self.passphrase, self.remember)
        self.setTabOrder(self.remember, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.recovery_button)
        self._set_keychain(False, _("Checking for a keychain on this computer…"))
        return card

    def _build_recovery(self) -> QWidget:
        card = Card()
        body = card.body
        body.addWidget(heading(_("Unlock with your recovery code")))
        body.addWidget(hint(
            _("Type the recovery code you stored when the app was set up (the groups of letters "
            "and digits; dashes and case do not matter). Then choose a new passphrase: the old "
            "one stops working.")))
        form = form_layout()
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"))
        add_row(form, _("Recovery &code:"), self.code)
        self.new_passphrase = NewPassphraseFields(form=form, first_label=_("&New passphrase:"),
                                                  second_label=_("Con&firm new passphrase:"))
        body.addLayout(form)
        self.recovery_message = MessageLabel()
        body.addWidget(self.recovery_message)
        self.recovery_busy = _busy_bar(_("Unlocking with the recovery code"))
        body.addWidget(self.recovery_busy)
        row = QHBoxLayout()
        self.back_button = QPushButton(_("&Back to passphrase"))
        name(self.back_button, _("Back to passphrase"))
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.show_passphrase)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.recover_button = QPushButton(_("Unlock and &set passphrase"))
        name(self.recover_button, _("Unlock and set the new passphrase"))
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(self.submit_recovery)
        row.addWidget(self.recover_button)
        body.addLayout(row)
        for edit in (self.code, self.new_passphrase.first, self.new_passphrase.second):
            edit.returnPressed.connect(self.submit_recovery)
        self.setTabOrder(self.code, self.new_passphrase.first)
        self.setTabOrder(self.new_passphrase.first, self.new_passphrase.second)
        self.setTabOrder(self.new_passphrase.second, self.recover_button)
        self.setTabOrder(self.recover_button, self.back_button)
        return card

    # ---------------------------------------------------------------- showing
    def prepare(self, *, auto: bool = False) -> None:
        """Reset the screen; check the keychain (and with ``auto`` open the store with a
        remembered key)."""
        self.passphrase.clear()
        self.code.clear()
        self.new_passphrase.clear()
        self.message.clear()
        self.recovery_message.clear()
        self.show_passphrase()
        self._store_id = keychain.store_id_of(self.store_dir)
        store_id, folder = self._store_id, self.store_dir
        self._remember_touched = False
        self.keychain_checked = False

        def check():
            usable, reason = keychain.status()
            key = keychain.recall(store_id) if usable and store_id else None
            return usable, reason, key

        def checked(result):
            usable, reason, key = result
            self._remembered = key is not None
            self.keychain_checked = True
            self._set_keychain(usable, reason)
            if not self._remember_touched:
                self._set_remember(usable and self._remembered)
            if key is not None and auto and not self._working():
                self._unlock_with_key(folder, key)

        def failed(_exc):
            self.keychain_checked = True
            self._set_keychain(False, _(keychain.NO_KEYCHAIN))

        ops.run_in_background(self, check, checked, failed)

    def _remember_toggled(self, _on: bool) -> None:
        if not self._setting_remember:
            self._remember_touched = True

    def _set_remember(self, on: bool) -> None:
        self._setting_remember = True
        try:
            self.remember.setChecked(on)
        finally:
            self._setting_remember = False

    def _set_keychain(self, usable: bool, reason: str) -> None:
        self._keychain_usable = usable
        self.remember.setEnabled(usable and not self._working())
        if not usable:
            self._set_remember(False)
        self.remember_hint.setText(reason if not usable else
                                   _("Off unless you tick it. {reason}").format(reason=reason))
        self.remember.setAccessibleDescription(reason)

    def show_recovery(self) -> None:
        self.modes.setCurrentIndex(1)
        self.code.setFocus()

    def show_passphrase(self) -> None:
        self.modes.setCurrentIndex(0)
        self.passphrase.setFocus()

    def focus_default(self) -> None:
        (self.passphrase if self.modes.currentIndex() == 0 else self.code).setFocus()

    # ---------------------------------------------------------------- unlocking
    def _working(self) -> bool:
        return self._op is not None and not self._op.done

    def seconds_to_wait(self) -> int:
        return max(0, int(self._retry_at - self._clock() + 0.999))

    def submit(self) -> None:
        if self._working() or self.seconds_to_wait():
            return
        secret = self.passphrase.text()
        if not secret:
            self.message.show_error(_("Type your passphrase first."))
            self.passphrase.setFocus()
            return
        from desktop.store.store import Store
        folder = self.store_dir
        self._want_remember = self.remember.isChecked()
        self._start(self.message, self.busy)
        self._op = ops.run_in_background(self, lambda: Store.unlock(folder, secret),
                                         self._opened, self._failed)

    def submit_recovery(self) -> None:
        if self._working() or self.seconds_to_wait():
            return
        code = self.code.text().strip()
        if not code:
            self.recovery_message.show_error(_("Type the recovery code first."))
            self.code.setFocus()
            return
        problem = self.new_passphrase.problem()
        if problem:
            self.recovery_message.show_error(problem)
            self.new_passphrase.first.setFocus()
            return
        from desktop.store.store import Store
        folder, new = self.store_dir, self.new_passphrase.value()

        def work():
            store = Store.unlock_with_recovery(folder, code)
            try:
                store.change_passphrase(new)
            except BaseException:
                store.lock()
                raise
            return store

        self._want_remember = self.remember.isChecked()
        self._start(self.recovery_message, self.recovery_busy)
        self._op = ops.run_in_background(self, work, self._recovered, self._failed)

    def _unlock_with_key(self, folder: Path, key: bytes) -> None:
        from desktop.store.store import Store
        self._want_remember = True
        self._start(self.message, self.busy, _("Opening with the key remembered on this device…"))
        self._op = ops.run_in_background(self, lambda: Store.unlock_with_key(folder, key),
                                         self._opened, self._key_failed)

    def _start(self, message: MessageLabel, busy: QProgressBar, text: str = "") -> None:
        message.show_message(text or _("Unlocking… this takes a moment."))
        busy.show()
        self._enable(False)

    def _enable(self, on: bool) -> None:
        waiting = self.seconds_to_wait() > 0
        for w in (self.passphrase, self.code, self.new_passphrase, self.recovery_button,
                  self.back_button):
            w.setEnabled(on)
        for w in (self.unlock_button, self.recover_button):
            w.setEnabled(on and not waiting)
        self.remember.setEnabled(on and self._keychain_usable)
        if on:
            self.busy.hide()
            self.recovery_busy.hide()

    def _opened(self, store) -> None:
        self.failures = 0
        self._enable(True)
        self.message.clear()
        self.passphrase.clear()
        self._apply_remember(store)
        self.unlocked.emit(store)

    def _recovered(self, store) -> None:
        self.failures = 0
        self._enable(True)
        self.recovery_message.clear()
        self.code.clear()
        self.new_passphrase.clear()
        self.show_passphrase()
        self.notice.emit(_("Unlocked with the recovery code. Your new passphrase is set."))
        self._apply_remember(store)
        self.unlocked.emit(store)

    def _key_failed(self, exc: BaseException) -> None:
        self._enable(True)
        self.message.show_message(
            _("The key remembered on this device did not open the store. Type your passphrase."),
            MessageLabel.WARNING)
        self.passphrase.setFocus()

    def _failed(self, exc: BaseException) -> None:
        recovery = self.modes.currentIndex() == 1
        message = self.recovery_message if recovery else self.message
        self._enable(True)
        if isinstance(exc, (WrongPassphrase, WrongRecoveryCode)):
            self.failures += 1
            self._retry_at = self._clock() + backoff_seconds(self.failures)
            message.show_error(str(exc))
            self._update_wait()
            self._tick.start()
            target = self.code if recovery else self.passphrase
            target.selectAll()
            target.setFocus()
        elif isinstance(exc, (StoreError, ValueError)):
            message.show_error(str(exc))
        else:
            message.show_error(
                _('The store could not be opened ({name}). Nothing was changed. Try again; if it happens again, tell your administrator.').format(name=exc.__class__.__name__))

    def _update_wait(self) -> None:
        wait = self.seconds_to_wait()
        working = self._working()
        for button, label in ((self.unlock_button, _("&Unlock")),
                              (self.recover_button, _("Unlock and &set passphrase"))):
            button.setEnabled(not wait and not working)
            button.setText(_('Try again in {wait} s').format(wait=wait) if wait else label)
        if not wait:
            self._tick.stop()

    # ---------------------------------------------------------------- keychain
    def _apply_remember(self, store) -> None:
        if not self._keychain_usable or not self._store_id:
            return
        store_id = self._store_id
        if self._want_remember:
            if self._remembered and not self._remember_touched:
                return                          # already there
            secret = store.remember_secret()          # never the database key itself
            ops.run_in_background(self, lambda: keychain.remember(store_id, secret),
                                  lambda r: self.notice.emit(
                                      _("This device will remember the key.") if r[0] else r[1]),
                                  lambda exc: None)
            self._remembered = True
        elif self._remembered:
            ops.run_in_background(self, lambda: keychain.forget(store_id),
                                  lambda ok: self.notice.emit(
                                      _("This device no longer remembers the key.") if ok else
                                      _("The keychain could not forget the key.")),
                                  lambda exc: None)
            self._remembered = False


def _busy_bar(what: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    name(bar, what)
    bar.hide()
    return bar
