"""Help -> About Stickability: version, what it is built on, and the licences of what it ships."""
from __future__ import annotations

import html
import platform
import sys

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTextBrowser,
                               QVBoxLayout, QWidget)

from desktop import APP_NAME, __version__
from desktop.i18n import _
from desktop.licences import COMPONENTS, LGPL_NOTE
from desktop.resources import ResourcesMissing, resource
from desktop.ui.app_icon import app_icon


def versions_text() -> str:
    """One line for support calls: app, Qt, PySide6, Python, platform."""
    return (f"{APP_NAME} {__version__} · Qt {qVersion()} · PySide6 {PYSIDE_VERSION} · "
            f"Python {platform.python_version()} · {platform.system()} {platform.machine()}"
            + (" · bundle" if getattr(sys, "frozen", False) else ""))


def licences_html() -> str:
    rows = "".join(
        f"<tr><td><b>{html.escape(c.name)}</b><br/>{html.escape(c.role)}</td>"
        f"<td>{html.escape(c.licence)}<br/><a href=\"{html.escape(c.url)}\">"
        f"{html.escape(c.url)}</a></td></tr>" for c in COMPONENTS)
    try:
        notice = resource("THIRD-PARTY-LICENCES.txt")
        file_line = "<p>" + _("The full list is installed with the app: {file}.").format(
            file=f"<a href=\"{notice.as_uri()}\">THIRD-PARTY-LICENCES.txt</a>") + "</p>"
    except ResourcesMissing:
        file_line = ""
    return (f"<table cellpadding=\"4\" width=\"100%\">{rows}</table>"
            f"<p>{html.escape(LGPL_NOTE)}</p>{file_line}")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("About Stickability"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        char, line = max(self.fontMetrics().averageCharWidth(), 1), self.fontMetrics().height()
        self.resize(88 * char, 36 * line)           # scales with the user's font size

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAccessibleName(_("Stickability icon"))
        title = QLabel(f"<h2>{APP_NAME}</h2>")
        title.setTextFormat(Qt.TextFormat.RichText)
        self.version = QLabel(_("Version {version}").format(version=__version__))
        self.version.setObjectName("aboutVersion")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(_(
            "Offline-first records for safeguarding outreach: the single point of contact's "
            "attempts, visits and small goals, and the lead agency's multi-agency engagement "
            "escalation papers. Everything is stored encrypted on this computer."))
        blurb.setWordWrap(True)
        self.details = QLabel(versions_text())
        self.details.setObjectName("aboutDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setWordWrap(True)

        heading = QLabel(_("&Third-party components and licences:"))
        self.licences = QTextBrowser()
        self.licences.setObjectName("aboutLicences")
        self.licences.setAccessibleName(_("Third-party components and licences"))
        self.licences.setOpenExternalLinks(True)
        self.licences.setHtml(licences_html())
        heading.setBuddy(self.licences)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            _("Close About"))

        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(self.version)
        text.addWidget(blurb)
        text.addWidget(self.details)
        head.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(heading)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None = None) -> AboutDialog:
    dialog = AboutDialog(parent)
    dialog.open()
    return dialog
