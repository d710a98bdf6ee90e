"""The exception dialog: an unexpected error says so in plain words, is written to the log
(type and stack only) and offers "Copy details" (versions and stack, no personal data) for
whoever supports the app. ``install(app)`` makes it the handler of uncaught exceptions."""
from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from desktop import logs
from desktop.ui.widgets import heading, hint, name
from desktop.i18n import _, ngettext  # noqa: F401

log = logging.getLogger(__name__)


class CrashDialog(QDialog):
    def __init__(self, exc_type, exc, tb, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Something went wrong"))
        name(self, _("Something went wrong"))
        self.details = logs.crash_report(exc_type, exc, tb)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Something went wrong"), 1.2))
        where = logs.log_file()
        layout.addWidget(hint(
            _("Stickability met an error it did not expect. What you saved before this is safe; "
              "what you were typing may need to be checked. If it happens again, press "
              "“Copy details” and send them to whoever supports the app: they hold the version "
              "numbers and where in the program it happened, nothing about the people you work "
              "with. The same is written to the log: {where}").format(where=where)))
        self.text = QPlainTextEdit(self.details)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        name(self.text, _("Error details"))
        layout.addWidget(self.text, 1)
        self.copied = QLabel("")
        layout.addWidget(self.copied)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("&Copy details"))
        name(self.copy_button, _("Copy details"), _("Versions and where it happened; no personal data"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copied.setText(_("Copied."))


_open: list[CrashDialog] = []


def show(exc_type, exc, tb) -> CrashDialog:
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    parent = QApplication.activeWindow()
    dialog = CrashDialog(exc_type, exc, tb, parent)
    _open.append(dialog)
    dialog.finished.connect(lambda *_ignored: _open.remove(dialog) if dialog in _open else None)
    dialog.open()
    return dialog


def install(app: QApplication) -> None:
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        try:
            show(exc_type, exc, tb)
        except Exception:                       # noqa: BLE001 - never loop on the handler
            previous(exc_type, exc, tb)

    sys.excepthook = hook
    app.aboutToQuit.connect(lambda: setattr(sys, "excepthook", previous))
