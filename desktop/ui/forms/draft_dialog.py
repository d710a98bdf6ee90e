"""Nothing typed is lost: a casework dialog keeps what is typed as a draft in the store.

``DraftDialog`` is a mixin for a QDialog (``class X(DraftDialog, QDialog)``). The dialog gives
``draft_key`` (``"<kind>"`` or ``"<kind>:<record id>"``, as ``drafts_ui.FORMS`` expects),
``draft_person_id``, ``draft_state()`` (a JSON-able dict of the form) and
``apply_draft(data)`` (load it back; False if it cannot be read), and calls
``start_drafts()`` at the end of ``__init__`` and ``forget_draft()`` after a save.
Esc, Close, the window's X and a lock (the workspace calls ``save_draft()``) keep the draft;
"Discard changes" drops it; reopening the form restores it with a message.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox
from desktop.i18n import N_, _, ngettext  # noqa: F401

RESTORED = N_("Restored what you typed before (not saved yet). Save it, or Discard changes "
               "to throw it away.")


class DraftDialog:
    read_only = False
    _draft_done = True          # until start_drafts(): nothing to keep

    # -- for the dialog to give ------------------------------------------------------------
    draft_key: str
    draft_person_id: str

    def draft_state(self) -> dict:
        raise NotImplementedError

    def apply_draft(self, data: dict) -> bool:
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------------
    def add_draft_buttons(self, buttons: QDialogButtonBox) -> None:
        """"Discard changes" and "Close" (Esc; what is typed is kept as a draft)."""
        discard = buttons.addButton(_("Discard changes"),
                                    QDialogButtonBox.ButtonRole.DestructiveRole)
        discard.setAutoDefault(False)
        discard.clicked.connect(self.discard)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAccessibleDescription(_("Esc; what you typed is kept as a draft"))
        close.setAutoDefault(False)

    def start_drafts(self) -> bool:
        """Remember the untouched form, then restore a draft if there is one."""
        if self.read_only:
            return False
        from desktop.ui.forms.form_dialog import DraftKeeper
        self._unchanged = self.draft_state()
        self._draft_done = False
        self.keeper = DraftKeeper(self.store, self.draft_key, self.draft_person_id,
                                  self._changed_state, self)
        data = self.store.drafts.load(self.draft_key, self.draft_person_id)
        try:
            restored = bool(data) and self.apply_draft(data)
        except (KeyError, TypeError, ValueError):
            restored = False
        if restored:
            self.message.show_message(_(RESTORED))
        return restored

    def _changed_state(self) -> dict | None:
        state = self.draft_state()
        return None if state == self._unchanged else state

    def save_draft(self) -> None:
        """Keep what is typed in the store's drafts (on Esc, Close and before a lock)."""
        if self._draft_done or not self.store.is_open or \
                self.result() == QDialog.DialogCode.Accepted:
            return
        if self._changed_state() is not None:
            self.keeper.touch()
            self.keeper.flush()

    def forget_draft(self) -> None:
        self._draft_done = True
        if not self.read_only and self.store.is_open:
            self.keeper.discard()

    def saved_ok(self, record_id: str) -> bool:
        """After a successful save: the draft goes, listeners hear, the dialog closes."""
        self.forget_draft()
        self.saved.emit(record_id)
        self.accept()
        return True

    def discard(self) -> None:
        self.forget_draft()
        QDialog.reject(self)

    def reject(self) -> None:
        """Esc, Close, the window's X or a lock: what was typed is kept as a draft."""
        self.save_draft()
        self._draft_done = True
        QDialog.reject(self)
