"""No Alt+letter is claimed twice on one screen: the menu bar (File, Edit, Person, Sync, Help),
the caseload, and each person tab (lead agency, case study 1 loaded). An ambiguous Alt+letter
only moves the focus between its owners (or opens the menu), so the button never fires."""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

from desktop.synthetic.case_study import seed
from tests.ui.helpers import make_window, unlock


def _mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def _claims(window) -> dict[str, list[str]]:
    claims: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if (k := _mnemonic(action.text())):
            claims[k].append(f"menu {action.text()!r}")
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or isinstance(w, QTabBar):
            continue
        if isinstance(w, QLabel) and w.buddy() is not None or isinstance(w, QAbstractButton):
            if (k := _mnemonic(w.text())) and (w.isEnabled() or isinstance(w, QLabel)):
                claims[k].append(f"{type(w).__name__} {w.text()!r}")
    return {k: v for k, v in claims.items() if len(v) > 1}


@pytest.fixture(params=["en", "cy"])
def language(request):
    from desktop import i18n
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def test_no_alt_letter_is_claimed_twice(qtbot, tmp_path, language):
    """In English and in Welsh (the translation picks its own letters)."""
    from tests.sync.helpers import make_store
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work")
    pid = seed(lead)
    lead.lock()
    win = make_window(qtbot, tmp_path / "lead", auto_unlock=False)
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: win.unlock_page.keychain_checked, timeout=5000)
    unlock(qtbot, win)
    problems = {}
    if (c := _claims(win)):
        problems["caseload"] = c
    view = win.workspace.open_person(pid)
    for i in range(view.tab_widget.count()):
        view.tab_widget.setCurrentIndex(i)
        QApplication.processEvents()
        if (c := _claims(win)):
            problems[view.tab_widget.tabText(i)] = c
    assert not problems, "\n".join(f"{screen}: {c}" for screen, c in problems.items())
