"""First run: who you are, a passphrase, then the one-time recovery code.

Step 1 asks for the role (field worker or lead agency), the worker's name and agency and a new
passphrase (twice, with a live strength hint). ``Store.create`` runs off the GUI thread. Step 2
shows the recovery code once, in large monospace, with a Copy button (the clipboard is cleared
again after ``CLIPBOARD_CLEAR_MSECS``), a Print button (one page straight to the printer: no
file is written) and an "I have stored it safely" box that must be ticked before
``created(store)`` is emitted; Enter continues once it is ticked.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
    QRadioButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop.store.postgres import as_location
from desktop.ui import ops
from desktop.ui.passphrase import NewPassphraseFields
from desktop.ui.widgets import (
    Card, MessageLabel, add_row, centered, form_layout, heading, hint, name, scaled_font,
)
from desktop.i18n import N_, _, ngettext  # noqa: F401

CLIPBOARD_CLEAR_MSECS = 30_000
ROLE_TEXT = {
    "field": (N_("&Field worker"), N_("SPOC or outreach worker: you log contacts and visits on "
                                      "this laptop and send them to the lead agency.")),
    "lead": (N_("&Lead agency"), N_("Coordinator: you import workers' packages and keep the "
                                    "chronology, checklist, risk assessment and plan.")),
}


class SetupPage(QWidget):
    """The first-run screen. ``created`` carries the new, unlocked ``Store`` once the worker
    has confirmed that the recovery code is stored safely."""

    created = Signal(object)

    def __init__(self, store_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.store_dir = as_location(store_dir)   # a folder, or the hub's URL
        self._store = None
        self._code = ""
        self._op = None
        self._on_clipboard = ""
        self.steps = QStackedWidget()
        self.steps.addWidget(centered(self._build_form(), 560))
        self.steps.addWidget(centered(self._build_recovery(), 600))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.steps)
        self._clipboard_timer = QTimer(self)
        self._clipboard_timer.setSingleShot(True)
        self._clipboard_timer.timeout.connect(self._clear_clipboard)

    # ---------------------------------------------------------------- step 1
    def _build_form(self) -> QWidget:
        card = Card()
        card.setObjectName("setupCard")
        body = card.body
        body.addWidget(heading(_("Welcome to Stickability")))
        body.addWidget(hint(
            _("Everything you record is kept encrypted on this computer. Tell us who you are and "
            "choose a passphrase: you will type it to unlock the app.")))

        role_box = QWidget()
        roles = QVBoxLayout(role_box)
        roles.setContentsMargins(0, 0, 0, 0)
        roles.setSpacing(2)
        self.role_group = QButtonGroup(self)
        self.role_buttons: dict[str, QRadioButton] = {}
        for key, (label, help_text) in ROLE_TEXT.items():
            label, help_text = _(label), _(help_text)
            button = QRadioButton(label)
            name(button, label, help_text)
            self.role_group.addButton(button)
            self.role_buttons[key] = button
            roles.addWidget(button)
            explain = hint(help_text)
            explain.setContentsMargins(24, 0, 0, 6)
            roles.addWidget(explain)
        self.role_buttons["field"].setChecked(True)

        form = form_layout()
        role_label = QLabel(_("I am a:"))
        form.addRow(role_label, role_box)
        self.worker = QLineEdit()
        self.worker.setPlaceholderText(_("e.g. Sam Taylor"))
        self.agency = QLineEdit()
        self.agency.setPlaceholderText(_("e.g. Community Nursing, North Locality"))
        add_row(form, _("Your &name:"), self.worker)
        add_row(form, _("&Agency:"), self.agency)
        self.passphrase = NewPassphraseFields(
            form=form, context=lambda: [self.worker.text(), self.agency.text()])
        body.addLayout(form)

        self.message = MessageLabel()
        body.addWidget(self.message)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        name(self.busy, _("Creating the encrypted store"))
        self.busy.hide()
        body.addWidget(self.busy)

        row = QHBoxLayout()
        row.addStretch(1)
        self.create_button = QPushButton(_("&Create encrypted store"))
        self.create_button.setDefault(True)
        name(self.create_button, _("Create encrypted store"))
        self.create_button.clicked.connect(self.submit)
        row.addWidget(self.create_button)
        body.addLayout(row)

        for edit in (self.worker, self.agency, self.passphrase.first, self.passphrase.second):
            edit.returnPressed.connect(self.submit)
        self.setTabOrder(self.role_buttons["field"], self.worker)
        self.setTabOrder(self.worker, self.agency)
        self.setTabOrder(self.agency, self.passphrase.first)
        self.setTabOrder(self.passphrase.first, self.passphrase.second)
        self.setTabOrder(self.passphrase.second, self.create_button)
        return card

    def role(self) -> str:
        return next(k for k, b in self.role_buttons.items() if b.isChecked())

    def problem(self) -> tuple[str, QWidget | None]:
        """What stops the store being created, and the field to fix; ``("", None)`` if nothing."""
        if not self.worker.text().strip():
            return _("Your name is needed: it is recorded with everything you write."), self.worker
        if not self.agency.text().strip():
            return (_("Your agency is needed: it appears on reports and shared records."),
                    self.agency)
        problem = self.passphrase.problem()
        if problem:
            fix = self.passphrase.second if self.passphrase.first_ok() else self.passphrase.first
            return problem, fix
        return "", None

    def submit(self) -> None:
        if self._op is not None and not self._op.done:
            return
        problem, widget = self.problem()
        if problem:
            self.message.show_error(problem)
            widget.setFocus()
            return
        from desktop.store.store import Store
        folder, secret = self.store_dir, self.passphrase.value()
        role, worker, agency = self.role(), self.worker.text().strip(), self.agency.text().strip()
        self.message.show_message(_("Creating your encrypted store… this takes a moment."))
        self._set_busy(True)
        self._op = ops.run_in_background(
            self, lambda: Store.create(folder, secret, role=role, worker=worker, agency=agency),
            self._created, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.create_button, self.worker, self.agency, self.passphrase,
                  *self.role_buttons.values()):
            w.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        from desktop.store.errors import StoreError
        if isinstance(exc, (StoreError, ValueError)):
            self.message.show_error(str(exc))
        else:
            self.message.show_error(
                _('The store could not be created in {store_dir}: {name}. Check that the folder can be written and try again.').format(store_dir=self.store_dir, name=exc.__class__.__name__))

    def _created(self, result) -> None:
        self._set_busy(False)
        self._store, self._code = result
        self.passphrase.clear()
        self.message.clear()
        self.code_label.setText(self._code)
        self.code_label.setAccessibleName(_("Recovery code {code}").format(code=self._code))
        self.confirm.setChecked(False)
        self.steps.setCurrentIndex(1)
        self.copy_button.setFocus()

    # ---------------------------------------------------------------- step 2
    def _build_recovery(self) -> QWidget:
        card = Card()
        body = card.body
        body.addWidget(heading(_("Your recovery code")))
        body.addWidget(hint(
            _("If you forget your passphrase, this code is the only way back in: nobody, not even "
            "your administrator, can recover the records without it. Write it down or print it "
            "and keep it somewhere safe, away from this laptop. It is shown only once.")))
        self.code_label = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(18.0, scaled_font(self, 1.8).pointSizeF()))
        font.setBold(True)
        font.setLetterSpacing(font.SpacingType.PercentageSpacing, 108)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse |
                                                Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.code_label.setContentsMargins(12, 22, 12, 22)
        self.code_label.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.code_label.setAutoFillBackground(True)
        body.addWidget(self.code_label)

        row = QHBoxLayout()
        self.copy_button = QPushButton(_("C&opy to clipboard"))
        name(self.copy_button, _("Copy the recovery code to the clipboard"),
             _("The clipboard is cleared again after 30 seconds."))
        self.copy_button.clicked.connect(self.copy_code)
        row.addWidget(self.copy_button)
        self.print_button = QPushButton(_("&Print…"))
        name(self.print_button, _("Print the recovery code"),
             _("One page with the code, straight to the printer; no file is saved"))
        self.print_button.clicked.connect(self.print_code)
        row.addWidget(self.print_button)
        self.copy_note = hint("")
        row.addWidget(self.copy_note, 1)
        body.addLayout(row)

        self.confirm = QCheckBox(_("&I have stored the recovery code safely"))
        name(self.confirm, _("I have stored the recovery code safely"))
        self.confirm.toggled.connect(lambda on: self.continue_button.setEnabled(on))
        body.addWidget(self.confirm)
        self.recovery_message = MessageLabel()
        body.addWidget(self.recovery_message)

        row = QHBoxLayout()
        row.addStretch(1)
        self.continue_button = QPushButton(_("Con&tinue"))
        name(self.continue_button, _("Continue to the caseload"))
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.finish)
        row.addWidget(self.continue_button)
        body.addLayout(row)
        return card

    def copy_code(self) -> None:
        if not self._code:
            return
        QGuiApplication.clipboard().setText(self._code)
        self._on_clipboard = self._code
        self.copy_note.setText(_("Copied. The clipboard will be cleared in 30 seconds."))
        self._clipboard_timer.start(CLIPBOARD_CLEAR_MSECS)

    def _clear_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self._on_clipboard and clipboard.text() == self._on_clipboard:
            clipboard.clear()
        self._on_clipboard = ""
        self.copy_note.setText(_("The clipboard has been cleared."))

    def print_code(self) -> None:
        if self._code:
            self.choose_printer(self._print_to)

    def _print_to(self, printer) -> None:
        from desktop.ui.printing import PrintError, print_recovery_sheet
        if printer is None:
            self.recovery_message.show_message(_("Nothing was printed."))
            return
        try:
            print_recovery_sheet(printer, self._code, self.worker.text().strip(),
                                 self.agency.text().strip())
        except PrintError as exc:
            self.recovery_message.show_error(str(exc))
            return
        self.recovery_message.show_message(
            _("Sent to the printer. Keep the page somewhere safe, away from this laptop."))

    def choose_printer(self, then) -> None:
        """Qt's print dialog, window-modal and not blocking: ``then`` gets the printer, or
        ``None`` when cancelled (tests replace this hook)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QDialog
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the recovery code"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: then(printer))
        dialog.rejected.connect(lambda: then(None))
        QDialog.open(dialog)          # QPrintDialog.open() only takes a receiver and a slot

    def keyPressEvent(self, event) -> None:
        """Enter on the recovery step continues (or says what is missing)."""
        if self.steps.currentIndex() == 1 and event.key() in (Qt.Key.Key_Return,
                                                              Qt.Key.Key_Enter):
            if self.confirm.isChecked():
                self.finish()
            else:
                self.recovery_message.show_error(_(
                    "Tick the box first (Space) to say the code is stored safely, then press "
                    "Enter."))
                self.confirm.setFocus()
            return
        super().keyPressEvent(event)

    def recovery_code_shown(self) -> str:
        return self.code_label.text()

    def finish(self) -> None:
        if not self.confirm.isChecked() or self._store is None:
            return
        store, self._store = self._store, None
        self._code = ""
        self.code_label.clear()
        self.code_label.setAccessibleName(_("Recovery code"))
        self.recovery_message.clear()
        self.created.emit(store)
