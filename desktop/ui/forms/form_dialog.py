"""Forms that never lose a word: ``DraftKeeper`` saves a form's state into the encrypted store a
moment after each edit (and at once when the form closes), and ``FormDialog`` is the dialog
every fieldwork form shares: inline errors, Save (Ctrl+S or Ctrl+Enter), Discard, Close (Esc,
which keeps the draft), and a restored draft on reopening.

Form keys name a form for ``store.drafts``: ``"<kind>"`` or ``"<kind>:<record id>"``; the kinds
are registered in ``desktop.ui.forms.draft_offers`` so the drafts can be offered back after an
unlock."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialog, QDialogButtonBox,
                               QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox,
                               QVBoxLayout, QWidget)

from desktop.domain.record import ValidationError
from desktop.store.errors import StoreError
from desktop.ui.forms.kit import MessageLabel, OptionalDateEdit, format_datetime
from desktop.ui.widgets import asking
from desktop.i18n import _, ngettext  # noqa: F401

DRAFT_DELAY_MS = 600


class DraftKeeper(QObject):
    """The one draft keeper every form uses (dialogs, the quick-log bar, the risk editor):
    debounced draft saving into the encrypted store. ``watch(widget)`` any input; ``touch()``
    marks a change; ``flush()`` writes now (``state()`` returning None drops the draft);
    ``discard()`` forgets the draft (after a save)."""

    def __init__(self, store, form_key: str, person_id: str,
                 state: Callable[[], dict | None], parent: QObject | None = None,
                 delay_ms: int = DRAFT_DELAY_MS):
        super().__init__(parent)
        self.store, self.form_key, self.person_id = store, form_key, person_id
        self._state = state
        self.dirty = False
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    def watch(self, *widgets: QWidget) -> None:
        for w in widgets:
            if isinstance(w, OptionalDateEdit):
                w.edit.textChanged.connect(self.touch)
            elif isinstance(w, (QLineEdit, QPlainTextEdit)):
                w.textChanged.connect(self.touch)
            elif isinstance(w, QAbstractButton):
                w.toggled.connect(self.touch)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.touch)
            elif isinstance(w, QSpinBox):
                w.valueChanged.connect(self.touch)
            elif hasattr(w, "changed"):         # a ListEditor and other composite inputs
                w.changed.connect(self.touch)
            else:
                raise TypeError(f"cannot watch {type(w).__name__}")

    def touch(self, *_args) -> None:
        if self.paused:
            return
        self.dirty = True
        self.timer.start()

    def flush(self) -> bool:
        """Write the draft now if anything changed; False when the store is already locked."""
        self.timer.stop()
        if not self.dirty:
            return True
        if not self.store.is_open:
            return False
        try:
            state = self._state()
            if state is None:               # nothing typed (any more): no draft
                self.store.drafts.discard(self.form_key, self.person_id)
            else:
                self.store.drafts.save(self.form_key, self.person_id, state)
        except StoreError:
            return False
        self.dirty = False
        return True

    def load(self):
        return self.store.drafts.get(self.form_key, self.person_id) if self.store.is_open \
            else None

    def discard(self) -> None:
        self.timer.stop()
        self.dirty = False
        if self.store.is_open:
            self.store.drafts.discard(self.form_key, self.person_id)


class FormDialog(QDialog):
    """Subclasses build their inputs into ``self.body`` (a QVBoxLayout), call ``self.watch``
    on each, and implement ``state() -> dict``, ``set_state(dict)`` and ``commit()`` (write to
    the store, return the record, raise ``ValidationError``/``ValueError`` with a message)."""

    saved = Signal(object)

    def __init__(self, store, person_id: str, form_key: str, title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.person_id, self.form_key = store, person_id, form_key
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.keeper = DraftKeeper(store, form_key, person_id, self.state, self)
        self.message = MessageLabel()
        self.message.setAccessibleDescription(_("Messages about this form"))
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Not a Tab stop of its own: focusing a field scrolls it into view anyway.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.setAccessibleDescription(_("Ctrl+S or Ctrl+Enter"))
        self.discard_button = self.buttons.addButton(_("Discard changes"),
                                                     QDialogButtonBox.ButtonRole.DestructiveRole)
        self.discard_button.setAccessibleDescription(_("Throw away what was typed in this form"))
        self.close_button = self.buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setAccessibleDescription(_("Esc; what you typed is kept as a draft"))
        for b in (self.discard_button, self.close_button):
            b.setAutoDefault(False)
        self.save_button.clicked.connect(self.try_save)
        self.discard_button.clicked.connect(asking(
            self, _("Discard changes"), _("Throw away what you typed in this form? It cannot be "
            "brought back."), self.discard, _("Discard changes"),
            lambda: self.keeper.dirty or self.keeper.load() is not None))
        self.close_button.clicked.connect(self.reject)
        for seq in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=self.try_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    # -- for subclasses ------------------------------------------------------------------------
    def watch(self, *widgets: QWidget) -> None:
        self.keeper.watch(*widgets)

    def state(self) -> dict:
        raise NotImplementedError

    def set_state(self, data: dict) -> None:
        raise NotImplementedError

    def commit(self):
        raise NotImplementedError

    def restore_draft(self) -> bool:
        """Call at the end of the subclass's __init__: put back an unsaved draft, if any."""
        draft = self.keeper.load()
        if draft is None:
            return False
        self.keeper.paused = True
        try:
            self.set_state(draft.data)
        finally:
            self.keeper.paused = False
        self.message.show_message(
            _('Restored what you typed on {format_datetime} (not saved yet). Save it, or Discard changes to throw it away.').format(format_datetime=format_datetime(draft.saved_at)), MessageLabel.WARNING)
        return True

    # -- actions ------------------------------------------------------------------------------
    def save_draft(self) -> None:
        """Keep what is typed now (the workspace calls this before a lock)."""
        self.keeper.flush()

    def try_save(self) -> bool:
        try:
            record = self.commit()
        except (ValidationError, ValueError, LookupError) as exc:
            self.message.show_error(str(exc).strip("'\""))
            self.keeper.flush()
            return False
        except StoreError as exc:
            self.message.show_error(str(exc))
            return False
        self.keeper.discard()
        self.saved.emit(record)
        self.accept()
        return True

    def discard(self) -> None:
        self.keeper.discard()
        super().reject()

    def reject(self) -> None:
        """Close (Esc, the Close button, the window's X or a lock): keep what was typed."""
        self.keeper.flush()
        super().reject()


def wide_button(text: str, accessible: str, description: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(accessible)
    if description:
        b.setAccessibleDescription(description)
        b.setToolTip(description)
    b.setAutoDefault(False)
    return b
