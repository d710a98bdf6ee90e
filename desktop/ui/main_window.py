"""The main window: first-run setup, unlock, or the workspace, in one QStackedWidget.

Menus hold every command as a QAction with its shortcut. The title is always "Stickability"
(never personal data). Locking (Ctrl+L, or ``AUTO_LOCK_MINUTES`` idle) tears the workspace down,
closes the store and shows the unlock screen. The workspace modules are imported on first
unlock so the first screen appears fast.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from desktop.store.postgres import as_location
from desktop.store.store import Store
from desktop.ui import ops
from desktop.ui.idle import IdleWatcher
from desktop.ui.status_bar import StatusIndicators
from desktop.ui.unlock.screen import UnlockPage
from desktop.ui.widgets import close_dialogs
from desktop.i18n import _, ngettext  # noqa: F401

TITLE = "Stickability"


class MainWindow(QMainWindow):
    def __init__(self, store_dir: Path, parent: QWidget | None = None, *, demo_hint: str = "",
                 auto_unlock: bool = True):
        super().__init__(parent)
        self.store_dir = as_location(store_dir)   # a folder, or the hub's URL
        self.store: Store | None = None
        self.workspace = None
        self.drafts_offer = None      # "You have unsaved work", shown after an unlock
        self.setup_page = None
        self.pending_files: list[str] = []     # .stkpkg files to import once unlocked
        self.setWindowTitle(TITLE)
        self.resize(1100, 720)
        self.setMinimumSize(820, 560)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.unlock_page = UnlockPage(self.store_dir, demo_hint=demo_hint)
        self.unlock_page.unlocked.connect(self.open_workspace)
        self.unlock_page.notice.connect(self.show_status)
        self.stack.addWidget(self.unlock_page)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self._idle_lock)
        self.indicators = StatusIndicators(self.statusBar(), self.idle, self)
        self.who = self.indicators.who
        self._build_actions()
        self._build_menus()
        self._update_actions()
        # Shortcuts of a window under a modal dialog do not fire; Ctrl+L must, so the
        # application's key presses are watched while a dialog is open.
        QApplication.instance().installEventFilter(self)

        if Store.exists(self.store_dir):
            self.show_unlock(auto=auto_unlock)
        else:
            self.show_setup()

    # ---------------------------------------------------------------- actions and menus
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.lock_action = self._action(_("&Lock"), self.lock, "Ctrl+L",
                                        _("Close the store and clear the screen"))
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.open_store_action = self._action(
            _("&Open store…"), self.open_store, QKeySequence.StandardKey.Open,
            _("Open another store folder, or the lead agency's team hub"))
        self.new_person_action = self._action(_("&New person…"), self._new_person, "Ctrl+Shift+N",
                                              _("Add a person to the caseload"))
        self.edit_person_action = self._action(_("&Edit details…"), self._edit_person, "Ctrl+E")
        self.log_attempt_action = self._action(_("&Log contact attempt"), self._log_attempt,
                                               "Ctrl+N", _("Focus the quick-log bar"))
        self.find_action = self._action(_("&Find person"), self._find, "Ctrl+F",
                                        _("Search the caseload"))
        self.back_action = self._action(_("&Back to caseload"), self._back, "Alt+Left")
        self.sync_action = self._action(_("&Sync…"), self.show_sync, "Ctrl+Shift+S",
                                        _("Export and import sync packages; conflicts"))
        self.enrol_action = self._action(_("&Enrolment…"), self.show_enrolment, None,
                                         _("This store's fingerprint; trust the other side"))
        self.settings_action = self._action(_("&Settings…"), self.show_settings, "Ctrl+,",
                                            _("Auto-lock, alerts, sync folder, passphrase"))
        self.undo_action = self._action(_("&Undo last attempt"), self._undo,
                                        QKeySequence.StandardKey.Undo,
                                        _("Undo the contact attempt logged in the last few seconds"))
        self.help_action = self._action(_("&Help on this screen"), self.show_help, "F1",
                                        _("The procedure guide, at the topic for this screen"))
        self.shortcuts_action = self._action(_("&Keyboard shortcuts"), self.show_shortcuts,
                                             "Ctrl+/")
        self.about_action = self._action(_("&About Stickability"), self.show_about)
        self.workspace_actions = [self.lock_action, self.new_person_action,
                                  self.edit_person_action, self.log_attempt_action,
                                  self.find_action, self.back_action, self.sync_action,
                                  self.enrol_action, self.settings_action, self.undo_action]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self.open_store_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.addAction(self.undo_action)
        person_menu = bar.addMenu(_("&Person"))
        for a in (self.new_person_action, self.edit_person_action, None,
                  self.log_attempt_action, None, self.find_action, self.back_action):
            person_menu.addSeparator() if a is None else person_menu.addAction(a)
        sync_menu = bar.addMenu(_("S&ync"))
        sync_menu.addAction(self.sync_action)
        sync_menu.addAction(self.enrol_action)
        # Only the workspace uses these: hidden while locked, so that Alt+P on the unlock
        # screen reaches the passphrase rather than an empty Person menu.
        self.workspace_menus = [edit_menu, person_menu, sync_menu]
        from desktop.ui.store_check import StoreCheck
        self.store_check = StoreCheck(self, file_menu)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _update_actions(self) -> None:
        unlocked = self.workspace is not None
        for action in self.workspace_actions:
            action.setEnabled(unlocked)
        for menu in getattr(self, "workspace_menus", ()):
            menu.menuAction().setVisible(unlocked)
        if unlocked:
            self.indicators.attach(self.store)
        elif self.setup_page is not None and self.store is None:
            self.indicators.clear()
        else:
            self.indicators.detach()

    # ---------------------------------------------------------------- pages
    def show_setup(self) -> None:
        from desktop.ui.unlock.setup_wizard import SetupPage
        if self.setup_page is None:
            self.setup_page = SetupPage(self.store_dir)
            self.setup_page.created.connect(self._setup_done)
            self.stack.addWidget(self.setup_page)
        self.stack.setCurrentWidget(self.setup_page)
        self.setup_page.worker.setFocus()
        self._update_actions()
        self.statusBar().showMessage(_("First run: set up your encrypted store."))

    def _setup_done(self, store) -> None:
        page, self.setup_page = self.setup_page, None
        self.open_workspace(store)
        if page is not None:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.show_status(_("Your encrypted store is ready. Add the first person with Ctrl+Shift+N."))

    def show_unlock(self, *, auto: bool = False) -> None:
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.prepare(auto=auto)
        self.unlock_page.focus_default()

    def open_workspace(self, store) -> None:
        from desktop.store.settings import AUTO_LOCK_MINUTES
        from desktop.ui.workspace import Workspace
        self.store = store
        self.workspace = Workspace(store)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.focus_default()
        self.statusBar().clearMessage()
        try:
            minutes = store.settings.get(AUTO_LOCK_MINUTES)
        except Exception:  # noqa: BLE001 - a bad setting must not stop auto-lock
            minutes = AUTO_LOCK_MINUTES.default
        self.idle.start(minutes)
        self._update_actions()
        from desktop.ui.forms.draft_offers import offer_drafts
        self.drafts_offer = offer_drafts(store, self, self.workspace)  # unsaved work, if any
        self.store_check.after_unlock(store)
        if self.pending_files:
            self.open_files(self.pending_files)

    # ---------------------------------------------------------------- locking
    def lock(self, reason: str = "") -> None:
        """Close the store and leave no personal data on screen, in a model or on the
        clipboard."""
        self.idle.stop()
        from desktop.ui.clipboard import clear_sensitive
        clear_sensitive()
        reason = reason or _("Locked. Type your passphrase to carry on.")
        if self.workspace is not None:
            ws, self.workspace = self.workspace, None
            ws.teardown()                 # keeps drafts first, then closes its dialogs
            self.stack.removeWidget(ws)
            ws.hide()
            ws.setParent(None)
            ws.deleteLater()
        close_dialogs(self)
        if self.store is not None:
            store, self.store = self.store, None
            store.lock()
        self._update_actions()
        if self.setup_page is None:
            self.show_unlock(auto=False)
        self.statusBar().showMessage(reason)

    def _idle_lock(self) -> None:
        if self.store is not None:
            self.lock(_("Locked after a period without use. Type your passphrase to carry on."))

    @property
    def locked(self) -> bool:
        return self.store is None

    # ---------------------------------------------------------------- commands
    def _new_person(self) -> None:
        if self.workspace is not None:
            self.workspace.new_person()

    def _edit_person(self) -> None:
        if self.workspace is not None:
            self.workspace.edit_person()

    def _log_attempt(self) -> None:
        if self.workspace is not None:
            self.workspace.log_attempt()

    def _find(self) -> None:
        if self.workspace is not None:
            self.workspace.find()

    def _back(self) -> None:
        if self.workspace is not None and self.workspace.showing_person():
            self.workspace.back_to_caseload()

    def show_sync(self):
        """The Sync screen (a dialog, closed by locking like every dialog)."""
        if self.store is None:
            return None
        from desktop.ui.sync.screen import SyncDialog
        dialog = SyncDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_enrolment(self):
        if self.store is None:
            return None
        from desktop.ui.sync.enrol_dialog import EnrolDialog
        dialog = EnrolDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _undo(self) -> None:
        if self.workspace is not None:
            self.workspace.undo_last_attempt()

    def show_settings(self):
        """File → Settings… (non-blocking; the lock closes it)."""
        if self.store is None:
            return None
        from desktop.ui.settings.dialog import SettingsDialog
        dialog = SettingsDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self, keys: set) -> None:
        from desktop.store.settings import AUTO_LOCK_MINUTES
        if self.store is None:
            return
        if AUTO_LOCK_MINUTES.key in keys:
            self.idle.set_minutes(self.store.settings.get(AUTO_LOCK_MINUTES))
        self.indicators.refresh()
        if self.workspace is not None and keys:
            self.workspace.settings_changed()
        self.show_status(_("Settings saved.") if keys else _("No settings changed."))

    def open_store(self) -> None:
        """File → Open store…: choose a folder or the hub, then restart on it."""
        from desktop.ui.unlock.open_store import OpenStoreDialog
        dialog = OpenStoreDialog(self.store_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.switch_store(dialog.location))
        self.open_store_dialog = dialog
        dialog.open()

    def switch_store(self, location) -> None:
        from desktop.store.postgres import as_location
        from desktop.ui.unlock.open_store import remember_location
        if location is None or str(as_location(location)) == str(self.store_dir):
            return
        remember_location(location)
        if self.workspace is not None:
            self.lock(_("Locked: opening another store."))
        self.relaunch(location)

    def relaunch(self, location) -> None:
        """Start the app again on ``location`` and close this window (one app per store)."""
        import sys

        from PySide6.QtCore import QProcess
        args = ["--store", str(location)]
        if not getattr(sys, "frozen", False):
            args = ["-m", "desktop", *args]
        if QProcess.startDetached(sys.executable, args):
            self.close()
        else:
            self.show_status(_("Could not restart Stickability: start it again and it opens the "
                             "store you chose."))

    def help_topic(self) -> str:
        """The guide's topic for what is on screen: the person tab's, else the overview."""
        from desktop.ui.help import topic_for
        view = self.workspace.person_view if self.workspace is not None else None
        tab = view.current_tab() if view is not None and self.workspace.showing_person() else None
        return topic_for(tab)

    def show_help(self):
        from desktop.ui.help_window import show_help
        return show_help(self, self.help_topic())

    def show_shortcuts(self):
        from desktop.ui.help import SHORTCUTS
        from desktop.ui.shortcuts_dialog import show_shortcuts
        return show_shortcuts(self, extra=[(_(area), keys, _(what))
                                           for area, items in SHORTCUTS for keys, what in items])

    def show_about(self):
        from desktop.ui.about import show_about
        return show_about(self)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and self.store is not None \
                and QApplication.activeModalWidget() is not None \
                and QKeySequence(event.keyCombination()) == self.lock_action.shortcut():
            self.lock()
            return True
        return super().eventFilter(obj, event)

    # ---------------------------------------------------------------- files and a second launch
    def open_files(self, paths: list[str]):
        """Sync packages given on the command line, by the file manager or by a second launch:
        the Sync screen imports them (after the unlock, when the store is locked)."""
        paths = [str(p) for p in paths]
        if not paths:
            return None
        if self.store is None:
            self.pending_files = paths
            self.show_status(ngettext("Unlock to import {n} sync package.",
                                      "Unlock to import {n} sync packages.",
                                      len(paths)).format(n=len(paths)))
            return None
        self.pending_files = []
        dialog = self.show_sync()
        if dialog is not None:
            dialog.import_from([Path(p) for p in paths])
        return dialog

    def bring_forward(self, files: list[str] | None = None) -> None:
        """A second launch on this store asked for this window (and maybe to open files)."""
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized)
                            | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()
        if files:
            self.open_files(files)

    # ---------------------------------------------------------------- quitting
    def closeEvent(self, event) -> None:
        if self.store is not None:
            self.lock()
        self.idle.stop()
        QApplication.instance().removeEventFilter(self)
        ops.wait_for_all(5000)
        super().closeEvent(event)
