"""Keyboard walk for the accessibility tests: press Tab through a window and see where focus
goes.

``tab_walk(qtbot, root)`` focuses the first control of ``root`` and presses Tab until focus comes
back round, and returns a ``Walk``: the controls reached in order, the enabled, visible inputs
never reached (``missed``), and any control that kept focus after a Tab (``traps``: a table with
tab-key navigation, a text box that takes Tab as a character, a loop that never comes back to
the start). Radio buttons count as reached
when any button of their group is (Tab stops on one; the arrows move within the group).
Controls that Qt builds inside a composite one (a spin box's line edit, a table's scroll bars)
are left to the composite, as in ``tests/ui/a11y.py``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QApplication,
    QComboBox, QLineEdit, QPlainTextEdit, QRadioButton, QScrollBar, QTabBar, QTextBrowser,
    QTextEdit, QWidget,
)

from tests.ui.a11y import _is_part_of_composite, describe

INPUTS = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
          QAbstractSlider, QAbstractItemView, QTabBar)


@dataclass
class Walk:
    reached: list[QWidget] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    traps: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missed and not self.traps

    def report(self) -> str:
        return "\n".join([*(f"not reachable by Tab: {m}" for m in self.missed),
                          *(f"Tab does not leave: {t}" for t in self.traps)])


def _owner(widget: QWidget | None, root: QWidget) -> QWidget | None:
    """The control that counts for a focus widget (a composite's part counts as the
    composite; a focus proxy as the widget it stands for)."""
    w = widget
    while w is not None and w is not root:
        if isinstance(w, INPUTS) and not _is_part_of_composite(w, root):
            return w
        w = w.parentWidget()
    return widget


def inputs(root: QWidget) -> list[QWidget]:
    """Enabled, visible controls under ``root`` that Tab should reach."""
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INPUTS) or isinstance(w, QScrollBar):
            continue
        if _is_part_of_composite(w, root) or w.objectName().startswith("qt_"):
            continue
        if not (w.isVisibleTo(root) and w.isEnabled()):
            continue
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        out.append(w)
    return out


def _group_key(w: QWidget):
    return ("radio", id(w.parentWidget())) if isinstance(w, QRadioButton) else ("w", id(w))


def tab_walk(qtbot, root: QWidget) -> Walk:
    root.activateWindow()
    QApplication.processEvents()
    wanted = inputs(root)
    walk = Walk()
    if not wanted:
        return walk
    first = wanted[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    seen: set = set()
    current = _owner(QApplication.focusWidget(), root)
    start = current
    for _ in range(len(wanted) * 2 + 10):
        if current is not None:
            walk.reached.append(current)
            seen.add(_group_key(current))
        focus = QApplication.focusWidget()
        if focus is None:
            break
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        QApplication.processEvents()
        nxt = _owner(QApplication.focusWidget(), root)
        # A text browser steps through its links with Tab before it lets focus go on: that
        # is keyboard access to the links, not a trap, as long as Tab leaves in the end.
        presses = 0
        while nxt is current and isinstance(current, QTextBrowser) and presses < 200:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            QApplication.processEvents()
            nxt, presses = _owner(QApplication.focusWidget(), root), presses + 1
        if nxt is current:
            walk.traps.append(describe(current))
            break
        if nxt is not start and nxt in walk.reached:
            walk.traps.append(f"{describe(current)} (Tab goes round a loop back to "
                              f"{describe(nxt)})")
            break
        current = nxt
        if current is start:
            break
    walk.missed = [describe(w) for w in wanted if _group_key(w) not in seen]
    return walk
