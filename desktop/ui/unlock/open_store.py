"""File → Open store…: a store folder on this computer, or the lead agency's team hub.

The choice is the same as ``--store``: a folder, or a PostgreSQL address (``postgresql://…``
or ``service=NAME``). A hub address with a password in it is refused: the choice is remembered
(QSettings ``store/location``) and a password must never be saved in clear; the hub's password
comes from the worker's PostgreSQL password file (``~/.pgpass``) or service file (docs/hub.md).

Before the dialog closes, a hub address is tried off the GUI thread (a server that does not
answer shows its error here, not after a restart). The app then restarts on the chosen store:
one app per store holds (``desktop/store/instance.py``), and nothing of the old store stays in
memory.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from desktop.store.postgres import is_url, redact
from desktop.ui import ops
from desktop.ui.widgets import MessageLabel, heading, hint, name
from desktop.i18n import _, ngettext  # noqa: F401

SETTINGS_KEY = "store/location"


def remembered_location() -> str | None:
    """The store chosen last time with Open store… (None: the default folder)."""
    value = QSettings().value(SETTINGS_KEY)
    return str(value) if value else None


def remember_location(location: str | Path | None) -> None:
    if location is None:
        QSettings().remove(SETTINGS_KEY)
    else:
        QSettings().setValue(SETTINGS_KEY, str(location))


def has_password(url: str) -> bool:
    """A password inside a hub address (``user:secret@`` or ``password=…``)."""
    return redact(url) != url or "password=" in url.lower()


def check_location(text: str) -> tuple[str | Path | None, str]:
    """(location, "") for a usable choice, or (None, why not)."""
    text = text.strip()
    if not text:
        return None, _("Choose a folder, or type the hub's address.")
    if is_url(text):
        if has_password(text):
            return None, (_("Leave the password out of the address: it would be saved in clear. "
                          "Put it in your PostgreSQL password file (~/.pgpass) instead; "
                          "docs/hub.md says how."))
        return text, ""
    folder = Path(text).expanduser()
    if folder.exists() and not folder.is_dir():
        return None, _("{folder} is a file, not a folder. Choose a folder.").format(folder=folder)
    if not folder.is_absolute():
        return None, _("Give the whole path of the folder (or use Browse…).")
    return folder, ""


class OpenStoreDialog(QDialog):
    """``location`` holds the choice after ``accept()``."""

    def __init__(self, current: str | Path, parent: QWidget | None = None, *,
                 probe=None):
        super().__init__(parent)
        self.setWindowTitle(_("Open store"))
        self.location: str | Path | None = None
        self._probe = probe or _probe_hub
        self._op = None
        col = QVBoxLayout(self)
        col.addWidget(heading(_("Open a store"), 1.3))
        col.addWidget(hint(_("Open now: {store}. Stickability restarts on the store you choose; "
                             "the one open now is locked first.").format(
            store=redact(str(current)))))
        self.folder_choice = QRadioButton(_("A store &folder on this computer"))
        self.hub_choice = QRadioButton(_("The lead agency's team &hub (PostgreSQL)"))
        group = QButtonGroup(self)
        group.addButton(self.folder_choice)
        group.addButton(self.hub_choice)
        self.folder = QLineEdit()
        name(self.folder, _("Store folder"), _("A folder holding a store; an empty folder gets a "
             "new store (the set-up asks for a passphrase)"))
        self.browse = QPushButton(_("&Browse…"))
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.url = QLineEdit()
        self.url.setPlaceholderText(_("service=stickability  or  "
                                    "postgresql://hub.example.org/stickability?sslmode=verify-full"))
        name(self.url, _("Hub address"), _("A PostgreSQL address or service name; the password "
             "comes from your PostgreSQL password file, never from here"))
        url_row = QVBoxLayout()
        url_row.setContentsMargins(24, 0, 0, 0)
        url_row.addWidget(self.url)
        url_row.addWidget(hint(_("Your administrator gives you the address. The password comes "
                               "from your PostgreSQL password file (~/.pgpass).")))
        col.addWidget(self.folder_choice)
        col.addLayout(row)
        col.addWidget(self.hub_choice)
        col.addLayout(url_row)
        self.message = MessageLabel()
        col.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setText(_("&Open"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        col.addWidget(self.buttons)

        if is_url(current):
            self.hub_choice.setChecked(True)
            self.url.setText(redact(str(current)) if not has_password(str(current))
                             else "")
        else:
            self.folder_choice.setChecked(True)
            self.folder.setText(str(current))
        self.folder_choice.toggled.connect(self._sync_enabled)
        self.folder.textEdited.connect(lambda _t: self.folder_choice.setChecked(True))
        self.url.textEdited.connect(lambda _t: self.hub_choice.setChecked(True))
        self._sync_enabled()
        self.resize(620, self.sizeHint().height())

    def _sync_enabled(self) -> None:
        on_folder = self.folder_choice.isChecked()
        self.browse.setEnabled(on_folder)
        (self.folder if on_folder else self.url).setFocus()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Choose the store folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.folder_choice.setChecked(True)

    def choice_text(self) -> str:
        return self.folder.text() if self.folder_choice.isChecked() else self.url.text()

    def submit(self) -> None:
        location, why = check_location(self.choice_text())
        if location is None:
            self.message.show_error(why)
            return
        if not isinstance(location, str):
            self.location = location
            self.accept()
            return
        self.open_button.setEnabled(False)
        self.message.show_message(_("Trying the hub…"))
        self._op = ops.run_in_background(self, lambda: self._probe(location),
                                         lambda _ok: self._hub_ok(location), self._hub_failed)

    def _hub_ok(self, location: str) -> None:
        self.location = location
        self.accept()

    def _hub_failed(self, exc: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.message.show_error(
            _("The hub did not answer: {problem} Check the address with your administrator, "
              "then try again.").format(problem=redact(str(exc)).strip()[:300]))


def _probe_hub(url: str) -> bool:
    """Connect once (the store code's own connect, so TLS and service files apply)."""
    from desktop.store import hub
    return hub.initialised(url)
