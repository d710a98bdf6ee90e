"""Help -> Keyboard shortcuts: every shortcut of a window, read from the window itself.

Nothing is listed by hand: ``collect_shortcuts(window)`` walks the window's ``QAction``s (menus,
toolbars, context actions) and its ``QShortcut``s, so the list is always the one in force,
including shortcuts the user's platform maps differently (shown in its native text).
A ``QShortcut`` is listed when it has a description in ``whatsThis()``. Keys that are not
actions (Enter in a list, Esc, arrows, Alt+1..9) can be added as ``extra`` rows
``(where, keys, what)``; a row whose keys an action already lists is left out.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMenu, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.i18n import _


@dataclass(frozen=True)
class ShortcutRow:
    where: str        # the menu (or "Window") it lives in
    action: str       # what it does, without the "&" mnemonic markers
    keys: str         # native text, several shortcuts joined with ", "


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def _where(action: QAction, default: str) -> str:
    for obj in action.associatedObjects():
        if isinstance(obj, QMenu) and obj.title():
            return _clean(obj.title())
    return default


def collect_shortcuts(window: QWidget,
                      extra: list[tuple[str, str, str]] | tuple = ()) -> list[ShortcutRow]:
    """The window's shortcuts, grouped by menu, in menu order then alphabetically; then the
    ``extra`` rows in the order given."""
    rows: dict[tuple[str, str], ShortcutRow] = {}
    default = _("General")
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys or not action.text().strip() or action.isSeparator():
            continue
        text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        row = ShortcutRow(_where(action, default), _clean(action.text()), text)
        rows.setdefault((row.action, row.keys), row)
    for shortcut in window.findChildren(QShortcut):
        if shortcut.key().isEmpty() or not shortcut.whatsThis().strip():
            continue
        text = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        row = ShortcutRow(default, _clean(shortcut.whatsThis()), text)
        rows.setdefault((row.action, row.keys), row)
    menu_order = _menu_order(window)
    found = sorted(rows.values(), key=lambda r: (menu_order.get(r.where, len(menu_order)),
                                                 r.where.lower(), r.action.lower()))
    taken = {k.strip() for r in found for k in r.keys.split(",")}
    for where, keys, what in extra:
        native = _native(keys)
        if native not in taken:
            found.append(ShortcutRow(where, what, native))
    return found


def _native(keys: str) -> str:
    """``"Ctrl+L"`` in the platform's own spelling; free text ("Up / Down") as it is."""
    sequence = QKeySequence(keys)
    text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    portable = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    return text if not sequence.isEmpty() and portable.replace(" ", "") == \
        keys.replace(" ", "") else keys


def _menu_order(window: QWidget) -> dict[str, int]:
    bar = window.menuBar() if hasattr(window, "menuBar") else None
    if bar is None:
        return {}
    return {_clean(a.text()): i for i, a in enumerate(bar.actions()) if a.text()}


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget, parent: QWidget | None = None,
                 extra: list[tuple[str, str, str]] | tuple = ()):
        super().__init__(parent or window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(560, 480)
        self.rows = collect_shortcuts(window, extra)

        self.filter = QLineEdit()
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText(_("Type to filter"))
        self.filter.setAccessibleName(_("Filter shortcuts"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        label = QLabel(_("&Filter:"))
        label.setBuddy(self.filter)

        self.table = QTableWidget(len(self.rows), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Action"), _("Shortcut"),
                                              _("Where")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)       # Tab leaves the table; arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for r, row in enumerate(self.rows):
            for c, value in enumerate((row.action, row.keys, row.where)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{row.action}: {row.keys}" if c == 0 else value)
                self.table.setItem(r, c, item)

        self.empty = QLabel(_("This window has no keyboard shortcuts."))
        self.empty.setVisible(not self.rows)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            _("Close keyboard shortcuts"))

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.filter.setFocus()

    def _apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for r, row in enumerate(self.rows):
            hay = f"{row.action} {row.keys} {row.where}".lower()
            self.table.setRowHidden(r, bool(words) and not all(w in hay for w in words))

    def visible_actions(self) -> list[str]:
        return [self.rows[r].action for r in range(len(self.rows))
                if not self.table.isRowHidden(r)]


def show_shortcuts(window: QWidget, extra: list[tuple[str, str, str]] | tuple = ()
                   ) -> ShortcutsDialog:
    """Open the list for ``window`` (modal to it). Returns the dialog."""
    dialog = ShortcutsDialog(window, extra=extra)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
