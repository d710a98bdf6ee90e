"""Everything shown while the store is unlocked: the caseload and one person's screen.

The main window builds a ``Workspace`` on unlock and destroys it on lock, so no personal data
outlives the lock in a widget or a model. Store changes arrive through ``StoreEvents`` and
refresh the caseload and the open person.
"""
from __future__ import annotations

import logging

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop.ui.caseload.screen import CaseloadView
from desktop.ui.person.workspace import PersonWorkspace
from desktop.ui.person.details_dialog import PersonDialog
from desktop.ui.store_events import StoreEvents
from desktop.ui.undo import AttemptUndo
from desktop.ui.widgets import close_dialogs, status_message
from desktop.i18n import _, ngettext  # noqa: F401

log = logging.getLogger(__name__)


class Workspace(QWidget):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.events = StoreEvents(store, self)
        self.events.changed.connect(self._changed)
        self.undo = AttemptUndo(store, self)
        self.caseload = CaseloadView(store)
        self.caseload.open_person.connect(self.open_person)
        self.caseload.new_person.connect(self.new_person)
        self.caseload.edit_person.connect(self.edit_person)
        self.person_view: PersonWorkspace | None = None
        # Changes to apply to the caseload when it is shown again (it is hidden behind a
        # person's screen): None, a set of person ids, or True for a full reload.
        self._caseload_pending: set[str] | bool | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.caseload)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    # ---------------------------------------------------------------- navigation
    def open_person(self, person_id: str, *, focus_log: bool = False) -> PersonWorkspace:
        self._drop_person_view()
        from desktop.ui.person.contacts_tab import ContactsTab
        # opening lands on the Contacts tab (the quick-log bar): the Overview is built when shown
        view = PersonWorkspace(self.store, person_id, first=ContactsTab)
        view.back.connect(self.back_to_caseload)
        view.attempt_logged.connect(self.undo.remember)
        self.person_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        if focus_log:
            view.focus_quick_log()
        else:
            view.focus_default()
        return view

    def back_to_caseload(self) -> None:
        pid = self.person_view.person_id if self.person_view else None
        self._drop_person_view()
        self.catch_up_caseload()
        self.stack.setCurrentWidget(self.caseload)
        if pid:
            self.caseload.select(pid)
        self.caseload.focus_table()

    def _drop_person_view(self) -> None:
        if self.person_view is not None:
            view, self.person_view = self.person_view, None
            view.clear()
            self.stack.removeWidget(view)
            view.deleteLater()

    def showing_person(self) -> bool:
        return self.person_view is not None and self.stack.currentWidget() is self.person_view

    def focus_default(self) -> None:
        if self.showing_person():
            self.person_view.focus_default()
        else:
            self.caseload.focus_table()

    # ---------------------------------------------------------------- actions
    def new_person(self) -> PersonDialog:
        dialog = PersonDialog(self.store, None, self)
        dialog.saved.connect(self._added)
        dialog.same_person.connect(self._chose_existing)
        dialog.open()
        return dialog

    def _added(self, person_id: str) -> None:
        if self.showing_person():
            self.back_to_caseload()
        self.caseload.select(person_id)
        self.caseload.focus_table()
        status_message(self, _("Person added. Press Enter to open their screen."))

    def _chose_existing(self, person_id: str) -> None:
        if self.showing_person():
            self.back_to_caseload()
        self.caseload.select(person_id)
        self.caseload.focus_table()
        status_message(self, _("Nobody was added: the person on file is selected. Press Enter "
                             "to open their screen."))

    def edit_person(self, person_id: str | None = None):
        """Ctrl+E / "Edit details…": on a person's screen, the full record (every field of
        the person record, on pages); from the caseload (or for another person), the short
        details dialog."""
        if self.showing_person() and person_id in (None, self.person_view.person_id):
            return self.person_view.edit_record()
        person_id = person_id or self.caseload.current_id()
        if not person_id:
            status_message(self, _("Choose a person first."))
            return None
        dialog = PersonDialog(self.store, person_id, self)
        dialog.saved.connect(lambda _pid: status_message(self, _("Details saved.")))
        dialog.open()
        return dialog

    def log_attempt(self) -> None:
        """Ctrl+N: focus the quick-log bar (opening the selected person from the caseload)."""
        if self.showing_person():
            self.person_view.focus_quick_log()
            return
        pid = self.caseload.current_id()
        if pid is None:
            status_message(self, _("Choose a person in the caseload first, then press Ctrl+N."))
            self.caseload.focus_table()
            return
        self.open_person(pid, focus_log=True)

    def undo_last_attempt(self):
        """Ctrl+Z: soft-delete the attempt logged in the last few seconds (see ``undo``)."""
        try:
            attempt = self.undo.undo()
        except Exception:  # noqa: BLE001 - say so; the attempt stays as it was
            log.exception("undoing an attempt failed")
            status_message(self, _("The attempt could not be undone. It is still recorded."))
            return None
        if attempt is None:
            status_message(self, _("Nothing to undo: an attempt can be undone only in the first "
                                 "few seconds after it is logged."))
            return None
        status_message(self, _("Attempt undone."))
        view = self.person_view
        if view is not None and view.person_id == attempt.person_id and self.showing_person():
            from desktop.ui.person.contacts_tab import ContactsTab
            tab = view.show_tab(ContactsTab)
            if tab is not None and hasattr(tab, "quick_log"):
                tab.quick_log.refill(attempt)
        return attempt

    def find(self) -> None:
        """Ctrl+F: search the caseload."""
        if self.showing_person():
            self.back_to_caseload()
        self.caseload.focus_search()

    # ---------------------------------------------------------------- changes, teardown
    # A commit names the people it touched; up to this many are refreshed one by one (a
    # summary row each), more (an import) reload the whole caseload.
    REFRESH_ONE_BY_ONE = 200

    def _changed(self, changes) -> None:
        """After each commit: the screen shown refreshes now (the caseload, or the person's
        header and visible tab); the caseload behind a person's screen catches up when it is
        shown again."""
        if not self.store.is_open:
            return
        ids = getattr(changes, "person_ids", None)
        one_by_one = bool(ids) and len(ids) <= self.REFRESH_ONE_BY_ONE and \
            not getattr(changes, "unattributed", True)
        pending = self._caseload_pending
        if pending is True or not one_by_one:
            self._caseload_pending = True
        else:
            self._caseload_pending = (pending or set()) | set(ids)
            if len(self._caseload_pending) > self.REFRESH_ONE_BY_ONE:
                self._caseload_pending = True
        if not self.showing_person():
            self.catch_up_caseload()
        if self.person_view is not None:
            self.person_view.on_store_changed(changes)

    def catch_up_caseload(self) -> None:
        """Apply the changes the caseload missed while a person's screen was shown."""
        pending, self._caseload_pending = self._caseload_pending, None
        if pending is True:
            self.caseload.reload()
        elif pending:
            self.caseload.refresh(pending)

    def settings_changed(self) -> None:
        """Settings were saved: the alerts' thresholds may have changed, so refresh."""
        from desktop.store.store import Changes
        self._changed(Changes())

    def save_drafts(self) -> None:
        """Ask every widget with a ``save_draft()`` method (quick-log bar, open dialogs, tabs
        with forms) to keep what is typed in the store's drafts."""
        for widget in [self, *self.findChildren(QWidget)]:
            save = getattr(widget, "save_draft", None)
            if callable(save):
                try:
                    save()
                except Exception:  # noqa: BLE001 - locking must go on
                    log.exception("saving a draft failed in %s", type(widget).__name__)

    def teardown(self) -> None:
        """Keep drafts, stop listening and drop every piece of personal data (the lock calls
        this before closing the store)."""
        if self.store.is_open:
            self.save_drafts()
        close_dialogs(self)
        self.events.detach()
        self._drop_person_view()
        self.caseload.clear()
