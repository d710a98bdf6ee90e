"""Who claims which Alt+letter in one window: the menu bar's titles, visible enabled buttons
(push, tool, check and radio), labels with a buddy, checkable group boxes and visible tabs. Two
claims of one letter in one window mean Alt+letter only cycles the focus between them (or opens
the menu) and the button never fires. Each open menu is its own scope."""
from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (QAbstractButton, QGroupBox, QHeaderView, QLabel,
                               QMainWindow, QMenu, QTabBar, QWidget)

# The procedures' shorthand, which a screen spells out (the term itself goes in a tooltip).
JARGON = re.compile(r"\b(RARA|IRDs?|NPR|SAB|MASH)\b|\bs\.\s?6\b|Held \(missing\)|Awaiting ack")


def mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def claims(window: QWidget) -> dict[str, list[str]]:
    """Every Alt+letter claimed in ``window`` (a top-level window), by letter."""
    out: dict[str, list[str]] = defaultdict(list)
    if isinstance(window, QMainWindow) and window.menuBar().isVisible():
        for action in window.menuBar().actions():
            if action.isVisible() and (k := mnemonic(action.text())):
                out[k].append(f"menu {action.text()!r}")
    for w in window.findChildren(QWidget):
        if w.window() is not window or not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton) and w.isEnabled():
            text = w.text()
        elif isinstance(w, QLabel) and w.buddy() is not None and \
                w.buddy().isVisibleTo(window):
            text = w.text()
        elif isinstance(w, QGroupBox) and w.isCheckable():
            text = w.title()
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i) and w.isTabEnabled(i) and (k := mnemonic(w.tabText(i))):
                    out[k].append(f"tab {w.tabText(i)!r}")
            continue
        else:
            continue
        if (k := mnemonic(text)):
            out[k].append(f"{type(w).__name__} {text!r}")
    return out


def clashes(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in claims(window).items() if len(v) > 1}


def menu_clashes(window: QMainWindow) -> dict[str, dict[str, list[str]]]:
    """Clashes inside each menu of the menu bar (and its sub-menus), by menu title."""
    found: dict[str, dict[str, list[str]]] = {}

    def walk(menu: QMenu, title: str) -> None:
        letters: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            if (k := mnemonic(action.text())):
                letters[k].append(action.text())
            if action.menu() is not None:
                walk(action.menu(), f"{title} › {action.text().replace('&', '')}")
        if (bad := {k: v for k, v in letters.items() if len(v) > 1}):
            found[title] = bad

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu(), action.text().replace("&", ""))
    return found


def jargon(window: QWidget) -> list[str]:
    """Shorthand shown as a label, button, tab, group title or column title in ``window``."""
    found = []
    for w in window.findChildren(QWidget):
        if w.window() is not window or not w.isVisibleTo(window):
            continue
        texts = []
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QHeaderView) and w.model() is not None:
            texts += [str(w.model().headerData(c, w.orientation()) or "")
                      for c in range(w.count())]
        for text in texts:
            if (m := JARGON.search(text.replace("&", ""))):
                found.append(f"{type(w).__name__} {text!r} ({m.group(0)})")
    return found
