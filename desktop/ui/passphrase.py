"""Choosing a passphrase: a strength estimate (pure) and the "new passphrase, twice" fields
with a live hint, shared by first-run setup and the recovery-code route."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QProgressBar, QWidget

from desktop.domain.passphrase import LABELS, MIN_LENGTH, MIN_SCORE, assess
from desktop.ui.widgets import add_row, hint, name
from desktop.i18n import _, ngettext  # noqa: F401


def strength(text: str, context=()) -> tuple[int, str]:
    """``(score 0-4, feedback)`` from zxcvbn (``desktop.domain.passphrase``); below 3 cannot
    be used."""
    a = assess(text, context)
    return a.score, a.feedback


class NewPassphraseFields(QWidget):
    """Two password fields and a live strength meter. ``value()`` is the passphrase when it can
    be used, else ``""``; ``problem()`` says what is wrong. ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, first_label: str = "",
                 second_label: str = "", form: QFormLayout | None = None,
                 context: Callable[[], list[str]] | None = None):
        super().__init__(parent)
        self._context = context or (lambda: [])
        own = form is None
        form = form or QFormLayout(self)
        if own:
            form.setContentsMargins(0, 0, 0, 0)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText(_('At least {MIN_LENGTH} characters').format(MIN_LENGTH=MIN_LENGTH))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setMaximumHeight(16)
        name(self.meter, _("Passphrase strength"))
        self.hint = hint(strength("")[1])
        self.hint.setAccessibleName(_("Passphrase hint"))
        self.match_hint = hint("")
        self.match_hint.setAccessibleName(_("Passphrases match"))
        self._form = form
        add_row(form, first_label or _("&Passphrase:"), self.first)
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        add_row(form, second_label or _("Con&firm passphrase:"), self.second)
        form.addRow("", self.match_hint)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        score, text = strength(self.first.text(), self._context())
        self.meter.setValue(score)
        self.meter.setFormat(_(LABELS[score]))
        self.meter.setAccessibleDescription(_(LABELS[score]))
        self.hint.setText(text)
        second = self.second.text()
        match = "" if not second else _("✓ The passphrases match.") \
            if second == self.first.text() else _("The two passphrases do not match yet.")
        self.match_hint.setText(match)
        self._form.setRowVisible(self.match_hint, bool(match))
        self.changed.emit()

    def problem(self) -> str:
        first, second = self.first.text(), self.second.text()
        score, text = strength(first, self._context())
        if score < MIN_SCORE:
            return text
        if not second:
            return _("Type the passphrase again to confirm it.")
        if first != second:
            return _("The two passphrases do not match.")
        return ""

    def first_ok(self) -> bool:
        """The first field holds a passphrase strong enough to use."""
        return strength(self.first.text(), self._context())[0] >= MIN_SCORE

    def value(self) -> str:
        return "" if self.problem() else self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
