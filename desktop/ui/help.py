"""Help: the keyboard shortcuts list and the About box (both non-blocking)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop.ui.widgets import heading, hint, name, show_info

SHORTCUTS = [
    ("Anywhere", [
        ("Ctrl+L", "Lock now (the screen clears; the passphrase is needed)"),
        ("Ctrl+Q", "Quit"),
        ("Ctrl+,", "Settings (auto-lock, alerts, sync folder, passphrase)"),
        ("F1", "This list"),
        ("Ctrl+Shift+S", "Sync: export and import packages, conflicts, duplicates"),
    ]),
    ("Caseload", [
        ("Ctrl+F", "Search the caseload"),
        ("Esc", "Clear the search"),
        ("Up / Down", "Move through the list"),
        ("Enter", "Open the selected person"),
        ("Ctrl+Shift+N", "New person"),
        ("Ctrl+E", "Edit the selected person's details"),
        ("Ctrl+N", "Open the selected person and log a contact attempt"),
    ]),
    ("Person screen", [
        ("Ctrl+N", "Log a contact attempt (focuses the quick-log bar)"),
        ("Tab / Shift+Tab", "Method → outcome → note → …"),
        ("Enter", "Save the attempt (in the quick-log bar)"),
        ("Ctrl+Z", "Undo the attempt just logged (for 10 seconds)"),
        ("Alt+1 … Alt+9", "Switch between the sections (tabs)"),
        ("Ctrl+Tab", "Next section"),
        ("Esc or Alt+Left", "Back to the caseload"),
        ("Alt+Down", "Open the calendar of a date field"),
    ]),
]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        name(self, "Keyboard shortcuts")
        rows = [(area, keys, what) for area, items in SHORTCUTS for keys, what in items]
        table = QTableWidget(len(rows), 3)
        name(table, "Keyboard shortcuts")
        table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setTabKeyNavigation(False)
        for r, (area, keys, what) in enumerate(rows):
            for c, text in enumerate((area, keys, what)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        name(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Keyboard shortcuts", 1.3))
        layout.addWidget(hint("Everything in Stickability works from the keyboard. Underlined "
                              "letters in labels and buttons work with Alt."))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)


def version() -> str:
    try:
        from importlib.metadata import version as v
        return v("stickability")
    except Exception:  # noqa: BLE001 - running from a source tree
        return "development version"


def show_about(parent: QWidget | None):
    return show_info(parent, "About Stickability", (
        f"Stickability {version()}\n\n"
        "Keeping in touch with adults at risk who find it hard to engage with services.\n\n"
        "Offline first: everything is kept encrypted on this computer and shared with the lead "
        "agency only in signed, encrypted packages.\n\n"
        "Built around the engagement escalation procedures of Nottingham City, Pan-Dorset, "
        "Oxfordshire, Fife and South Lanarkshire."))
