"""The accessibility checker itself: it must catch unnamed controls and accept named ones."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QLabel,
                               QLineEdit, QListWidget, QPushButton, QSpinBox, QTableWidget,
                               QTabWidget, QToolButton, QTreeWidget, QVBoxLayout, QWidget)

from tests.ui.a11y import tab_order, unnamed_controls


def _form(qtbot) -> QDialog:
    d = QDialog()
    d.setObjectName("form")
    qtbot.addWidget(d)
    return d


def test_every_kind_of_unnamed_control_is_caught(qtbot):
    d = _form(qtbot)
    layout = QVBoxLayout(d)
    kinds = [QLineEdit(), QComboBox(), QSpinBox(), QDateEdit(), QCheckBox(), QPushButton(),
             QToolButton(), QTableWidget(2, 2), QListWidget(), QTreeWidget(), QTabWidget()]
    for i, w in enumerate(kinds):
        w.setObjectName(f"w{i}")
        layout.addWidget(w)
    kinds[-1].addTab(QWidget(), "")                   # a tab with no text as well
    problems = unnamed_controls(d)
    for i, w in enumerate(kinds):
        assert any(p.startswith(f"{type(w).__name__} 'w{i}' in form") for p in problems), w
    assert any("tab 1 has no text" in p for p in problems)
    # inner parts (spin box editor, combo popup, table corner button, tab widget's bar)
    # are not reported separately
    assert len([p for p in problems if "has no text" not in p]) == len(kinds)


def test_names_buddies_and_button_text_count(qtbot):
    d = _form(qtbot)
    form = QFormLayout(d)
    edit = QLineEdit()
    form.addRow("&Name:", edit)                       # QFormLayout makes the label a buddy
    combo = QComboBox()
    combo.setEditable(True)                            # its inner line edit is a part
    combo.setAccessibleName("Contact method")
    form.addRow(combo)
    form.addRow(QCheckBox("Advocacy offered"))
    form.addRow(QPushButton("&Save"))
    icon_only = QToolButton()
    icon_only.setAccessibleName("Lock now")
    form.addRow(icon_only)
    tabs = QTabWidget()
    tabs.setAccessibleName("Person workspace")
    tabs.addTab(QWidget(), "Overview")
    form.addRow(tabs)
    label = QLabel("&Notes:")
    notes = QLineEdit()
    label.setBuddy(notes)
    form.addRow(label, notes)
    assert unnamed_controls(d) == []


def test_a_label_without_text_is_not_a_name(qtbot):
    d = _form(qtbot)
    layout = QVBoxLayout(d)
    label, edit = QLabel(""), QLineEdit()
    edit.setPlaceholderText("Search")
    label.setBuddy(edit)
    layout.addWidget(label)
    layout.addWidget(edit)
    assert unnamed_controls(d) == ["QLineEdit in form (placeholder 'Search')"]


def test_tab_order_follows_the_focus_chain(qtbot):
    d = _form(qtbot)
    layout = QVBoxLayout(d)
    a, b, c = QLineEdit(objectName="a"), QLineEdit(objectName="b"), QPushButton("c")
    c.setObjectName("c")
    for w in (a, b, c):
        layout.addWidget(w)
    QWidget.setTabOrder(a, c)
    QWidget.setTabOrder(c, b)
    order = tab_order(d)
    assert order.index("a") < order.index("c") < order.index("b")
