"""The Reports tab: choose, build off the GUI thread with progress, save atomically."""
from __future__ import annotations

import sys
from datetime import date, datetime, timezone

from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.ui.person.reports_tab import LEAVES_STORE, ReportsTab


def _tab(qtbot, store, person, tmp_path):
    tab = ReportsTab(store, person.id)
    qtbot.addWidget(tab)
    saved, opened = [], []
    tab.choose_path = lambda suggested: saved.append(suggested) or str(tmp_path / "out")
    tab.open_file = opened.append
    return tab, saved, opened


def test_reports_tab_makes_and_saves_a_pdf(qtbot, store, person, tmp_path):
    store.attempts.log(person.id, ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER,
                       "curtains drawn", datetime(2026, 5, 28, 11, tzinfo=timezone.utc))
    tab, saved, opened = _tab(qtbot, store, person, tmp_path)
    assert tab.warning.message() == LEAVES_STORE or LEAVES_STORE in tab.warning.text.text()
    tab.kind.setCurrentIndex(tab.kind.findData("chronology"))
    assert tab.agency.isEnabled() and not tab.meeting.isEnabled()
    tab.password.setText("open sesame")
    qtbot.mouseClick(tab.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    out = tmp_path / "out.pdf"
    assert opened == [str(out)] and saved == [f"chronology-report-{date.today():%Y-%m-%d}.pdf"]
    reader = PdfReader(str(out))
    assert reader.is_encrypted and reader.decrypt("open sesame")
    assert "curtains drawn" in reader.pages[0].extract_text()
    assert tab.make.isEnabled() and "Saved (1 page)." in tab.message.message()
    assert not list(tmp_path.glob(".out.pdf.*"))


def test_reports_tab_explains_what_to_fix(qtbot, store, person, tmp_path):
    tab, _, opened = _tab(qtbot, store, person, tmp_path)
    tab.kind.setCurrentIndex(tab.kind.findData("meeting"))
    qtbot.mouseClick(tab.make, Qt.MouseButton.LeftButton)
    assert "no meeting recorded" in tab.message.message()
    tab.kind.setCurrentIndex(tab.kind.findData("spoc"))
    tab.since.setDate(date(2026, 6, 1))
    tab.until.setDate(date(2026, 5, 1))
    qtbot.mouseClick(tab.make, Qt.MouseButton.LeftButton)
    assert "swap the dates" in tab.message.message() and not opened


def test_the_tab_module_does_not_import_reportlab():
    import subprocess
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    code = ("import sys, desktop.ui.person.tabs; "
            "print(any(m.startswith('reportlab') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin",
                              "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "False", out.stderr
