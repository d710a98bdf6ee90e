"""Accessibility checks any window's test can call.

    from tests.ui.a11y import unnamed_controls          # or: from a11y import ...
    assert unnamed_controls(window) == []

``unnamed_controls(widget)`` returns a description of every interactive control under ``widget``
(itself included) that a screen reader could not name: buttons, check boxes, radio buttons, line
and text edits, combo boxes, spin boxes, date/time edits, sliders, tables/lists/trees, tab bars
and calendars. A control is named when it has an ``accessibleName``, or a ``QLabel`` whose buddy
it is, or (buttons, check boxes, radio buttons) visible text. Parts that Qt builds inside a
composite control (a spin box's line edit, a combo box's popup, a table's corner button, a line
edit's clear button, a tab widget's own tab bar, scroll bars, anything Qt names ``qt_…``) are
the composite's business and are not listed on their own; a tab widget is checked as one control. Tab bars are also checked
tab by tab: a tab without text is listed.

``tab_order(widget)`` returns the object names (or class names) in focus-chain order, for tests
that pin a sensible tab order.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSlider,
                               QAbstractSpinBox, QCalendarWidget, QComboBox, QLabel, QLineEdit,
                               QPlainTextEdit, QScrollBar, QTabBar, QTabWidget, QTextEdit,
                               QWidget)

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
               QAbstractSpinBox, QAbstractSlider, QAbstractItemView, QTabBar, QTabWidget,
               QCalendarWidget)
# Controls whose inner widgets are parts of them, not controls of their own.
COMPOSITES = (QAbstractSpinBox, QComboBox, QAbstractItemView, QLineEdit, QCalendarWidget,
              QTabWidget, QTextEdit, QPlainTextEdit)
TEXT_NAMED = (QAbstractButton,)        # push/tool buttons, check boxes, radio buttons


def _is_part_of_composite(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOSITES):
            return True
        if parent is root:
            return False
        parent = parent.parentWidget()
    return False


def _buddied(root: QWidget) -> set[int]:
    """ids of widgets that some QLabel in the same window names as its buddy."""
    window = root.window()
    labels = window.findChildren(QLabel)
    if isinstance(window, QLabel):
        labels.append(window)
    return {id(label.buddy()) for label in labels
            if label.buddy() is not None and label.text().strip()}


def _has_name(widget: QWidget, buddied: set[int]) -> bool:
    if widget.accessibleName().strip() or id(widget) in buddied:
        return True
    if isinstance(widget, TEXT_NAMED) and widget.text().replace("&", "").strip():
        return True
    if isinstance(widget, QTabWidget):
        bar = widget.tabBar()
        return bool(bar.accessibleName().strip()) or id(bar) in buddied
    return False


def describe(widget: QWidget) -> str:
    """``QLineEdit 'search' in MainWindow > caseload (placeholder 'Search')``."""
    path = []
    parent = widget.parentWidget()
    while parent is not None:
        path.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    hint = ""
    for attr, label in (("placeholderText", "placeholder"), ("toolTip", "tooltip")):
        value = getattr(widget, attr, lambda: "")()
        if value:
            hint = f" ({label} {value!r})"
            break
    name = f" '{widget.objectName()}'" if widget.objectName() else ""
    where = " > ".join(reversed(path)) or "top level"
    return f"{type(widget).__name__}{name} in {where}{hint}"


def _controls(root: QWidget) -> list[QWidget]:
    widgets = [root, *root.findChildren(QWidget)]
    out = []
    for w in widgets:
        if not isinstance(w, INTERACTIVE) or isinstance(w, QScrollBar):
            continue
        if w is not root and _is_part_of_composite(w, root):
            continue
        if w.objectName().startswith("qt_"):      # Qt's own parts (menu/tool bar extension…)
            continue
        out.append(w)
    return out


def unnamed_controls(widget: QWidget) -> list[str]:
    """Descriptions of the interactive controls under ``widget`` that have no accessible name
    (empty list: all named)."""
    buddied = _buddied(widget)
    problems = []
    for control in _controls(widget):
        if not _has_name(control, buddied):
            problems.append(describe(control))
        bar = control.tabBar() if isinstance(control, QTabWidget) else control
        if isinstance(bar, QTabBar):
            for i in range(bar.count()):
                if not bar.tabText(i).replace("&", "").strip() \
                        and not bar.accessibleTabName(i).strip():
                    problems.append(f"{describe(control)}: tab {i + 1} has no text")
    return problems


def tab_order(widget: QWidget) -> list[str]:
    """Focusable controls under ``widget`` in the order Tab visits them."""
    first = widget.nextInFocusChain()
    order, seen, current = [], set(), first
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if (current is widget or widget.isAncestorOf(current)) \
                and current.focusPolicy() & Qt.FocusPolicy.TabFocus \
                and not _is_part_of_composite(current, widget):
            order.append(current.objectName() or type(current).__name__)
        current = current.nextInFocusChain()
        if current is first:
            break
    return order
