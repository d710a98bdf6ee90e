"""Keyboard-only driving for the walkthrough tests: every step goes to the focused widget."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus():
    """The focused widget. The offscreen platform does not give the focus back to the main
    window when a dialog closes (a window manager would): do that here."""
    w = QApplication.focusWidget()
    if w is None and QApplication.activeModalWidget() is None:
        for top in QApplication.topLevelWidgets():
            if top.isVisible() and top.isWindow() and hasattr(top, "workspace"):
                top.activateWindow()
                QApplication.processEvents()
                w = QApplication.focusWidget() or top.focusWidget()
                if w is not None:
                    w.setFocus()
                break
    return w


def press(key, mod=Qt.KeyboardModifier.NoModifier, times: int = 1):
    for _ in range(times):
        w = focus() or QApplication.activeWindow()
        assert w is not None, "nothing has the keyboard focus"
        QTest.keyClick(w, key, mod)
        QApplication.processEvents()


def type_(text: str):
    w = focus()
    assert w is not None, "nothing has the keyboard focus"
    QTest.keyClicks(w, text)
    QApplication.processEvents()


def alt(letter: str):
    """A mnemonic. Buttons answer with an animated click that lands ~100 ms later: wait it."""
    press(getattr(K, f"Key_{letter.upper()}"), ALT)
    QTest.qWait(130)


def tab(times: int = 1):
    press(K.Key_Tab, times=times)


def modal():
    QApplication.processEvents()
    return QApplication.activeModalWidget()


def choose(label: str):
    """Pick an item in the focused combo box by arrow keys (Home, then Down until it shows)."""
    from PySide6.QtWidgets import QComboBox
    combo = focus()
    assert isinstance(combo, QComboBox), f"focus is on {type(combo).__name__}, not a combo box"
    press(K.Key_Home)
    if combo.currentIndex() < 0:
        press(K.Key_Down)
    for _ in range(combo.count() + 1):
        if combo.currentText().replace("✓ ", "") == label:
            return
        press(K.Key_Down)
    raise AssertionError(f"{label!r} not in {[combo.itemText(i) for i in range(combo.count())]}")


def tab_to(accessible_name: str, limit: int = 40):
    """Press Tab until the named widget has the focus (fails if it never does)."""
    for _ in range(limit):
        w = focus()
        if w is not None and w.accessibleName() == accessible_name:
            return w
        tab()
    raise AssertionError(f"Tab never reached {accessible_name!r}")
