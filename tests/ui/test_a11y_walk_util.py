"""The Tab walker itself finds traps and unreachable controls."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton, QVBoxLayout,
    QWidget,
)

from desktop.ui.dates import OptionalDateEdit
from tests.ui.a11y_walk import tab_walk


def window(qtbot, *widgets) -> QWidget:
    root = QWidget()
    layout = QVBoxLayout(root)
    for w in widgets:
        layout.addWidget(w)
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    return root


def test_a_plain_form_is_walked_in_order(qtbot):
    a, b = QLineEdit(), QLineEdit()
    radios = QWidget()
    row = QHBoxLayout(radios)
    one, two = QRadioButton("One"), QRadioButton("Two")
    one.setChecked(True)
    row.addWidget(one)
    row.addWidget(two)
    ok = QPushButton("OK")
    root = window(qtbot, a, b, radios, ok)
    walk = tab_walk(qtbot, root)
    assert walk.ok, walk.report()
    assert walk.reached == [a, b, one, ok]


def test_a_text_box_that_takes_tab_is_a_trap(qtbot):
    text = QPlainTextEdit()
    root = window(qtbot, QLineEdit(), text, QPushButton("OK"))
    walk = tab_walk(qtbot, root)
    assert not walk.ok and "QPlainTextEdit" in walk.report()
    text.setTabChangesFocus(True)
    assert tab_walk(qtbot, root).ok


def test_a_control_outside_the_tab_chain_is_found(qtbot):
    class Broken(QWidget):
        """A popup child window made before the focus proxy: Qt leaves the edit out of the
        window's chain (the bug OptionalDateEdit avoids)."""
        def __init__(self):
            super().__init__()
            row = QHBoxLayout(self)
            self.edit = QLineEdit()
            self.popup = QFrame(self, Qt.WindowType.Popup)
            row.addWidget(self.edit)
            self.setFocusProxy(self.edit)

    broken = Broken()
    root = window(qtbot, QLineEdit(), broken, QPushButton("OK"))
    walk = tab_walk(qtbot, root)
    assert not walk.ok


def test_optional_date_edit_is_in_the_chain(qtbot):
    date = OptionalDateEdit()
    first, last = QLineEdit(), QPushButton("OK")
    root = window(qtbot, first, date, last)
    walk = tab_walk(qtbot, root)
    assert walk.ok, walk.report()
    assert walk.reached == [first, date.edit, last]


def test_a_loop_is_reported(qtbot):
    a, p1, p2, d = QLineEdit(), QLineEdit(), QLineEdit(), QPushButton("OK")
    box = QWidget()
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    root = window(qtbot, a, p1, p2, box, d)
    box.setFocusProxy(p1)        # after p2, Tab goes to box, which sends it back to p1
    walk = tab_walk(qtbot, root)
    assert not walk.ok and "loop" in walk.report()
