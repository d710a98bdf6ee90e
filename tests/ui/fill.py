"""Filling a form-layer field as a person does: click into it and type, pick with the arrow keys,
tick with Space; and pressing a dialog's Save (the button, or Ctrl+S)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QSpinBox)

from desktop.ui.dates import OptionalDateEdit

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def fill(qtbot, form, attr: str, value) -> None:
    """Put ``value`` into the field ``attr`` of an ``ObjectForm`` with the mouse and keys."""
    w = form.widgets[attr]
    if isinstance(w, OptionalDateEdit):
        _retype(qtbot, w.edit, value.strftime("%d/%m/%Y") if isinstance(value, date) else
                str(value or ""))
    elif isinstance(w, QCheckBox):
        w.setFocus()
        if w.isChecked() != bool(value):
            qtbot.keyClick(w, Qt.Key.Key_Space)
    elif isinstance(w, QComboBox) and not w.isEditable():
        w.setFocus()
        qtbot.keyClick(w, Qt.Key.Key_Home)
        for _ in range(w.count()):
            if w.currentData() == value or w.currentText() == value:
                return
            qtbot.keyClick(w, Qt.Key.Key_Down)
        raise AssertionError(f"{value!r} is not offered in {attr}")
    elif isinstance(w, QSpinBox):
        _retype(qtbot, w.lineEdit(), str(value))
    elif isinstance(w, QPlainTextEdit):
        qtbot.mouseClick(w.viewport(), LEFT)
        qtbot.keyClick(w, Qt.Key.Key_A, CTRL)
        qtbot.keyClick(w, Qt.Key.Key_Delete)
        qtbot.keyClicks(w, "\n".join(value) if isinstance(value, list) else str(value))
    elif isinstance(w, QComboBox):                      # editable: type the text
        _retype(qtbot, w.lineEdit(), str(value))
    elif isinstance(w, QLineEdit):
        _retype(qtbot, w, str(value))
    else:
        raise TypeError(f"cannot fill {type(w).__name__}")


def _retype(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def press_save(qtbot, dialog) -> bool:
    """Press the dialog's Save button; True when the dialog saved (closed, accepted)."""
    results: list[int] = []
    dialog.finished.connect(results.append)
    save = next(b for b in dialog.findChildren(QAbstractButton)
                if b.isVisible() and b.text().replace("&", "").startswith("Save"))
    qtbot.mouseClick(save, LEFT)
    QApplication.processEvents()
    return results == [1]


def page(qtbot, tabs, title: str) -> None:
    """Click the page tab whose title starts with ``title``."""
    bar = tabs.tabBar()
    for i in range(bar.count()):
        if bar.tabText(i).replace("&", "").startswith(title):
            qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(i).center())
            assert tabs.currentIndex() == i
            return
    raise AssertionError(f"no page {title!r}")


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, LEFT)
