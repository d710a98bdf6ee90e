"""File ▸ Check store…, and the weekly check after unlocking.

The checks (``desktop.store.checks``: SQLCipher's page check, SQLite's structure check, the
audit chain) run off the GUI thread on a connection of their own, so the worker can carry on.
A clean result is remembered in the store; problems are shown in a warning that says what to
do. Nothing personal is shown: only page numbers and event numbers.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desktop.ui import ops
from desktop.ui.widgets import show_error, show_info
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("Store check")


class StoreCheck(QObject):
    def __init__(self, window, file_menu=None):
        super().__init__(window)
        self.window = window
        self.action = QAction(_("Chec&k store…"), window)
        self.action.setStatusTip(_("Look for damage or tampering in the encrypted store"))
        self.action.setToolTip(self.action.statusTip())
        self.action.triggered.connect(lambda _checked=False: self.run(manual=True))
        window.addAction(self.action)
        if file_menu is not None:
            file_menu.insertAction(getattr(window, "lock_action", None), self.action)
        if hasattr(window, "workspace_actions"):
            window.workspace_actions.append(self.action)
        self.op = None
        self.last_report = None

    def after_unlock(self, store) -> None:
        """Run the check in the background when it is due (weekly)."""
        from desktop.store.checks import check_due
        try:
            due = check_due(store)
        except Exception:  # noqa: BLE001 - a check that cannot start must not stop the app
            return
        if due:
            self.run(manual=False)

    def busy(self) -> bool:
        return self.op is not None and not self.op.done

    def run(self, *, manual: bool) -> None:
        from desktop.store.checks import check_store
        store = self.window.store
        if store is None or self.busy():
            return
        if manual:
            self.window.show_status(_("Checking the store… you can carry on working."))
        self.op = ops.run_in_background(
            self.window, lambda: check_store(store, own_connection=True),
            lambda report: self._done(store, report, manual),
            lambda exc: self._failed(exc, manual))

    def _done(self, store, report, manual: bool) -> None:
        from desktop.store.checks import record_check
        self.last_report = report
        if not report.ok:
            show_error(self.window, _(TITLE), report.summary())
            return
        if store.is_open:
            try:
                record_check(store, report)
            except Exception:  # noqa: BLE001 - remembering the date is a courtesy
                pass
        if manual:
            show_info(self.window, _(TITLE), report.summary())
        # the weekly check says nothing when all is well

    def _failed(self, exc: BaseException, manual: bool) -> None:
        from desktop.store.errors import StoreError, StoreLocked
        if isinstance(exc, StoreLocked):
            return                      # locked while checking: nothing to say
        text = str(exc) if isinstance(exc, StoreError) else \
            _("The store check could not run. Try again; if it keeps failing, restore a backup.")
        if manual or isinstance(exc, StoreError):
            show_error(self.window, _(TITLE), text)
