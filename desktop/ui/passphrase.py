"""Choosing a passphrase: a strength estimate (pure) and the "new passphrase, twice" fields
with a live hint, shared by first-run setup and the recovery-code route."""
from __future__ import annotations

import math
import string

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QProgressBar, QWidget

from desktop.ui.widgets import add_row, hint, name

MIN_LENGTH = 10
LABELS = ("Too short", "Weak", "Fair", "Good", "Strong")


def strength(text: str) -> tuple[int, str]:
    """``(score 0-4, hint)`` from length and variety. 0 means it cannot be used."""
    n = len(text)
    if n < MIN_LENGTH:
        more = MIN_LENGTH - n
        return 0, (f"Too short: add {more} more character{'s' if more != 1 else ''} "
                   f"(at least {MIN_LENGTH}). A few unrelated words make a good passphrase.")
    pool = 0
    classes = 0
    for chars, size in ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26),
                        (string.digits, 10), (" ", 1), (string.punctuation, 32)):
        if any(c in chars for c in text):
            pool += size
            classes += 1
    if any(ord(c) > 127 for c in text):
        pool += 64
        classes += 1
    unique = len(set(text.lower()))
    # Repeats and runs add little: count each character only once beyond the unique ones.
    effective = min(n, unique * 2)
    bits = effective * math.log2(max(pool, 2))
    if text.lower() in _COMMON or unique <= 3:
        return 1, "Weak: that is easy to guess. Use a few unrelated words."
    if bits < 50:
        score = 1
    elif bits < 70:
        score = 2
    elif bits < 95:
        score = 3
    else:
        score = 4
    tips = {
        1: "Weak: make it longer, or mix in another word, digits or symbols.",
        2: "Fair: longer is better; another word would make it strong.",
        3: "Good. A little longer would make it strong.",
        4: "Strong. Do not use it for anything else.",
    }
    return score, tips[score]


_COMMON = {"password123", "passw0rd123", "1234567890", "qwertyuiop", "iloveyou123",
           "letmein123", "welcome123", "abcdefghij", "0123456789", "password12"}


class NewPassphraseFields(QWidget):
    """Two password fields and a live strength meter. ``value()`` is the passphrase when it can
    be used, else ``""``; ``problem()`` says what is wrong. ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, first_label: str = "&Passphrase:",
                 second_label: str = "Con&firm passphrase:", form: QFormLayout | None = None):
        super().__init__(parent)
        own = form is None
        form = form or QFormLayout(self)
        if own:
            form.setContentsMargins(0, 0, 0, 0)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText(f"At least {MIN_LENGTH} characters")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setMaximumHeight(16)
        name(self.meter, "Passphrase strength")
        self.hint = hint(strength("")[1])
        self.hint.setAccessibleName("Passphrase hint")
        self.match_hint = hint("")
        self.match_hint.setAccessibleName("Passphrases match")
        self._form = form
        add_row(form, first_label, self.first)
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        add_row(form, second_label, self.second)
        form.addRow("", self.match_hint)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        score, text = strength(self.first.text())
        self.meter.setValue(score)
        self.meter.setFormat(LABELS[score])
        self.meter.setAccessibleDescription(LABELS[score])
        self.hint.setText(text)
        second = self.second.text()
        match = "" if not second else "✓ The passphrases match." \
            if second == self.first.text() else "The two passphrases do not match yet."
        self.match_hint.setText(match)
        self._form.setRowVisible(self.match_hint, bool(match))
        self.changed.emit()

    def problem(self) -> str:
        first, second = self.first.text(), self.second.text()
        score, text = strength(first)
        if score == 0:
            return text
        if not second:
            return "Type the passphrase again to confirm it."
        if first != second:
            return "The two passphrases do not match."
        return ""

    def value(self) -> str:
        return "" if self.problem() else self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
