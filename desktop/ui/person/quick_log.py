"""The quick-log bar: method, outcome, note, Enter. Logging an attempt takes seconds.

Ctrl+N (from anywhere in the workspace) focuses the method box; Tab moves on to the outcome and
the note; Enter in any field saves through ``store.attempts.log``. The bar then clears (the
method is kept for the next one) and the status bar confirms. "Logged later, at" records an
attempt after the fact; "Next attempt" plans the next one (shown as "Next due").
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QStyle, QVBoxLayout, QWidget,
)

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.record import ValidationError
from desktop.store.errors import StoreError
from desktop.ui.forms.form_dialog import DraftKeeper
from desktop.ui.widgets import MessageLabel, OptionalDateEdit, name, status_message
from desktop.i18n import _, ngettext  # noqa: F401

DRAFT_FORM = "quick_log"
DRAFT_DEBOUNCE_MSECS = 1500


class QuickLogBar(QGroupBox):
    """``logged`` carries the new ``ContactAttempt`` after it is committed."""

    logged = Signal(object)
    _last_method = ContactMethod.HOME_VISIT   # kept for the session: the usual next method

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(_("Log a contact attempt  (Ctrl+N)"), parent)
        self.store = store
        self.person_id = person_id
        name(self, _("Log a contact attempt"))

        self.method = QComboBox()
        for m in ContactMethod:
            self.method.addItem(m.label, m)
        self.method.setCurrentIndex(list(ContactMethod).index(QuickLogBar._last_method))
        self.outcome = QComboBox()
        self._fill_outcomes()
        self.method.currentIndexChanged.connect(self._fill_outcomes)
        self.outcome.setPlaceholderText(_("Choose the outcome…"))
        self.outcome.setCurrentIndex(-1)
        self.outcome.setMinimumContentsLength(22)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("What happened (optional) — Enter saves"))
        self.note.setMaxLength(4000)
        self.later = QCheckBox(_("Logged &later, at:"))
        self.at = QDateTimeEdit()
        self.at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.at.setCalendarPopup(True)
        self.at.setDateTime(QDateTime.currentDateTime())
        self.at.setEnabled(False)
        self.later.toggled.connect(self._later_toggled)
        self.next_due = OptionalDateEdit()
        self.next_due.setMinimumWidth(150)
        self.advocacy = QCheckBox(_("Advocacy &offered"))
        self.save_button = QPushButton(_("Log &attempt"))
        self.save_button.clicked.connect(self.save)
        self.message = MessageLabel()

        name(self.method, _("Method"), _("How the contact was tried"))
        name(self.outcome, _("Outcome"), _("What happened"))
        name(self.note, _("Note"), _("What happened, in a sentence (optional)"))
        name(self.later, _("Logged later"), _("Tick to give the date and time of an earlier attempt"))
        name(self.at, _("When the attempt was made"))
        name(self.next_due, _("Next attempt"), _("The date of the next planned attempt (optional)"))
        name(self.advocacy, _("Advocacy offered"),
             _("Tick when advocacy was offered at this contact (offer it each time until accepted)"))
        name(self.save_button, _("Log attempt"), _("Saves the attempt (or press Enter)"))

        grid = self.grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        labels = []
        for col, (label, widget) in enumerate(((_("&Method:"), self.method),
                                                (_("O&utcome:"), self.outcome),
                                                (_("&Note:"), self.note))):
            lab = QLabel(label)
            lab.setBuddy(widget)
            labels.append(lab)
            grid.addWidget(lab, 0, col * 2)
            grid.addWidget(widget, 0, col * 2 + 1)
        grid.setColumnStretch(5, 1)
        self._labels = labels
        self.note_label = labels[2]
        self._note_beside = True      # the note moves under method and outcome when narrow
        second = QHBoxLayout()
        second.setSpacing(8)
        second.addWidget(self.later)
        second.addWidget(self.at)
        second.addSpacing(16)
        next_label = QLabel(_("Ne&xt attempt:"))
        next_label.setBuddy(self.next_due)
        second.addWidget(next_label)
        second.addWidget(self.next_due)
        second.addStretch(1)
        # Advocacy and Log attempt end the second row when there is room, else a third one
        # (a small laptop at 150 % text clipped "Logged later, a…" and hid the button).
        self.second, self.third = second, QHBoxLayout()
        self.third.setSpacing(8)
        self._tail_beside = False
        self.third.addWidget(self.advocacy)
        self.third.addStretch(1)
        self.third.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(grid)
        layout.addLayout(second)
        layout.addLayout(self.third)
        layout.addWidget(self.message)

        for w in (self.method, self.outcome, self.note, self.later, self.at, self.next_due.edit,
                  self.advocacy):
            w.installEventFilter(self)
        # What is typed is kept as a draft inside the store (debounced, and on lock), so a
        # crash or the auto-lock loses nothing; it comes back when the person is opened again.
        self.keeper = DraftKeeper(store, DRAFT_FORM, person_id, self._draft_data, self,
                                  delay_ms=DRAFT_DEBOUNCE_MSECS)
        self.note.textEdited.connect(self.keeper.touch)
        self.outcome.activated.connect(self.keeper.touch)
        self.advocacy.toggled.connect(self.keeper.touch)
        self.next_due.edit.textEdited.connect(self.keeper.touch)
        order = [self.method, self.outcome, self.note, self.later, self.at, self.next_due,
                 self.advocacy, self.save_button]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

        self.restore_draft()

    # ---------------------------------------------------------------- layout
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_note(self.width() >= self._width_for_note_beside())
        self._place_tail(self.width() >= self._width_for_tail_beside())

    def _width_for_tail_beside(self) -> int:
        from desktop.ui.theme import em
        widgets = (self.later, self.at, self.next_due, self.advocacy, self.save_button)
        margins = self.layout().contentsMargins()
        return sum(w.sizeHint().width() for w in widgets) + em(self, 10) + \
            margins.left() + margins.right()

    def _place_tail(self, beside: bool) -> None:
        if beside == self._tail_beside:
            return
        self._tail_beside = beside
        for w in (self.advocacy, self.save_button):
            (self.third if beside else self.second).removeWidget(w)
        if beside:
            self.second.insertSpacing(self.second.count() - 1, 16)
            self.second.insertWidget(self.second.count() - 1, self.advocacy)
            self.second.addWidget(self.save_button)
        else:
            self.second.removeItem(self.second.itemAt(self.second.count() - 2))  # the spacing
            self.third.insertWidget(0, self.advocacy)
            self.third.addWidget(self.save_button)

    def _width_for_note_beside(self) -> int:
        from desktop.ui.theme import em
        parts = [w.sizeHint().width() for w in (*self._labels, self.method, self.outcome)]
        margins = self.layout().contentsMargins()
        return sum(parts) + em(self, 14) + 5 * self.grid.horizontalSpacing() + \
            margins.left() + margins.right()

    def _place_note(self, beside: bool) -> None:
        """Beside method and outcome when there is room (large text: on a row of its own)."""
        if beside == self._note_beside:
            return
        self._note_beside = beside
        self.grid.removeWidget(self.note_label)
        self.grid.removeWidget(self.note)
        if beside:
            self.grid.addWidget(self.note_label, 0, 4)
            self.grid.addWidget(self.note, 0, 5)
        else:
            self.grid.addWidget(self.note_label, 1, 0)
            self.grid.addWidget(self.note, 1, 1, 1, 5)

    # ---------------------------------------------------------------- drafts
    def _draft_data(self) -> dict | None:
        outcome = self.outcome.currentData()
        if not (self.note.text().strip() or outcome or self.next_due.edit.text().strip()):
            return None
        return {"method": self.method.currentData().value,
                "outcome": outcome.value if outcome else None,
                "note": self.note.text(), "next_due": self.next_due.edit.text(),
                "at": self.at.dateTime().toString(Qt.DateFormat.ISODate)
                if self.later.isChecked() else None,
                "advocacy_offered": self.advocacy.isChecked()}

    def save_draft(self) -> None:
        """Keep what is typed now (the keeper also does, a moment after each edit; the
        workspace calls this before the store locks)."""
        self.keeper.touch()
        self.keeper.flush()

    def restore_draft(self) -> bool:
        data = self.store.drafts.load(DRAFT_FORM, self.person_id)
        if not data:
            return False
        try:
            self.method.setCurrentIndex(self.method.findData(ContactMethod(data["method"])))
            if data.get("outcome"):
                self.outcome.setCurrentIndex(
                    self.outcome.findData(ContactOutcome(data["outcome"])))
            self.note.setText(data.get("note", ""))
            self.next_due.edit.setText(data.get("next_due", ""))
            self.advocacy.setChecked(bool(data.get("advocacy_offered")))
            if data.get("at"):
                self.later.setChecked(True)
                self.at.setDateTime(QDateTime.fromString(data["at"], Qt.DateFormat.ISODate))
        except (KeyError, ValueError):
            return False
        self.message.show_message(_("Restored what you were typing before; press Enter to save "
                                  "it."))
        return True

    # ---------------------------------------------------------------- behaviour
    def _fill_outcomes(self, *_args) -> None:
        """Only the outcomes that honestly follow the method: a letter is "sent", never
        "no answer"."""
        from desktop.domain.contact import outcomes_for
        method = self.method.currentData() or ContactMethod.HOME_VISIT
        keep = self.outcome.currentData()
        self.outcome.blockSignals(True)
        self.outcome.clear()
        for o in outcomes_for(method):
            # Seen outcomes carry a tick as an icon, not in the text: typing a first letter
            # ("s") must reach the label's first word ("Seen and engaged").
            if o.seen:
                self.outcome.addItem(self.style().standardIcon(
                    QStyle.StandardPixmap.SP_DialogApplyButton), o.label, o)
            else:
                self.outcome.addItem(o.label, o)
        self.outcome.setCurrentIndex(self.outcome.findData(keep) if keep is not None else -1)
        self.outcome.blockSignals(False)

    def focus(self) -> None:
        self.method.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _later_toggled(self, on: bool) -> None:
        self.at.setEnabled(on)
        if on:
            now = QDateTime.currentDateTime()
            self.at.setMaximumDateTime(now)
            self.at.setDateTime(now)
            self.at.setFocus()

    def eventFilter(self, obj, event) -> bool:
        # Ctrl+Z right after logging undoes the attempt (the main window's action): a field
        # with nothing of its own to undo must not swallow the shortcut.
        if event.type() == QEvent.Type.ShortcutOverride and \
                event.matches(QKeySequence.StandardKey.Undo) and \
                not (isinstance(obj, QLineEdit) and obj.isUndoAvailable()):
            event.ignore()
            return True
        if event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not (isinstance(obj, QComboBox) and obj.view().isVisible()):
            self.save()
            return True
        return super().eventFilter(obj, event)

    def when(self) -> datetime | None:
        """The time of the attempt (aware, local) or None for now."""
        if not self.later.isChecked():
            return None
        return self.at.dateTime().toPython().astimezone()

    def save(self) -> bool:
        outcome = self.outcome.currentData()
        if outcome is None:
            self.message.show_error(_("Choose the outcome first (what happened)."))
            self.outcome.setFocus()
            return False
        if not self.next_due.is_valid():
            self.message.show_error(self.next_due.error())
            self.next_due.setFocus()
            return False
        method: ContactMethod = self.method.currentData()
        next_day = self.next_due.date()
        next_at = datetime.combine(next_day, time(23, 59)).astimezone() if next_day else None
        at = self.when()
        if at is not None and at > datetime.now().astimezone() + timedelta(minutes=1):
            self.message.show_error(_("An attempt cannot be in the future."))
            self.at.setFocus()
            return False
        try:
            attempt = self.store.attempts.log(self.person_id, method, outcome,
                                              self.note.text(), at, next_planned_at=next_at,
                                              advocacy_offered=self.advocacy.isChecked())
        except (ValidationError, StoreError, LookupError) as exc:
            self.message.show_error(str(exc).strip("'\""))
            return False
        QuickLogBar._last_method = method
        self.reset()
        self.keeper.discard()
        status_message(self, _('Contact attempt logged: {value}, {value2}. Ctrl+Z undoes it.').format(value=method.label, value2=outcome.label))
        self.logged.emit(attempt)
        return True

    def reset(self) -> None:
        """Clear what was typed (the method stays for the next attempt)."""
        self.outcome.setCurrentIndex(-1)
        self.note.setText("")          # setText (not clear) also empties the field's undo
        self.later.setChecked(False)
        self.advocacy.setChecked(False)
        self.next_due.clear()
        self.message.clear()
        self.keeper.timer.stop()
        self.keeper.dirty = False

    def refill(self, attempt) -> None:
        """Put an undone attempt back in the bar, to correct and log again (or to clear)."""
        self.method.setCurrentIndex(self.method.findData(attempt.method))
        self.outcome.setCurrentIndex(self.outcome.findData(attempt.outcome))
        self.note.setText(attempt.note)
        self.advocacy.setChecked(bool(attempt.advocacy_offered))
        if attempt.next_planned_at is not None:
            self.next_due.setDate(attempt.next_planned_at.astimezone().date())
        self.message.show_message(_("The attempt was undone. Its details are back here: correct "
                                  "them and press Enter to log it again."))
        self.outcome.setFocus()
