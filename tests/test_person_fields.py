"""A Person field declared once (``described(...)`` in desktop/domain/person.py) reaches every
place that shows or edits the person: the person dialog, the overview, the CLI and the PDFs.
Preferred pronouns were added that way (the domain field and a migration, nothing else)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtCore import Qt

from desktop.domain.fields import described_fields
from desktop.domain.person import Person
from desktop.reports import build_report
from tests.conftest import PASSPHRASE


def test_every_summary_and_page_field_has_a_label():
    for d in described_fields(Person):
        assert d.info.label and d.info.page, d.name


def test_pronouns_in_the_cli(store_dir):
    from desktop.store.store import Store
    s = Store.unlock(store_dir, PASSPHRASE)
    pid = s.people.add(Person(name="Alex Rowan")).id
    s.lock()
    env = dict(os.environ, STICKABILITY_PASSPHRASE=PASSPHRASE)
    run = subprocess.run([sys.executable, "-m", "desktop.cli", "--store", str(store_dir),
                          "--json", "person", "edit", pid, "--pronouns", "they/them"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["pronouns"] == "they/them"
    help_text = subprocess.run([sys.executable, "-m", "desktop.cli", "person", "edit", "-h"],
                               capture_output=True, text=True, env=env).stdout
    assert "--pronouns" in help_text and "How the adult wants to be referred to" in help_text


def test_pronouns_typed_in_the_dialog_show_on_the_overview_and_in_the_pdf(qtbot, store_dir,
                                                                          tmp_path):
    from pypdf import PdfReader
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.store.store import Store
    from desktop.ui.person.overview_tab import OverviewTab
    from desktop.ui.person.record_dialog import PersonRecordDialog
    from tests.ui.helpers import make_window, unlock
    s = Store.unlock(store_dir, PASSPHRASE)
    pid = s.people.add(Person(name="Alex Rowan")).id
    s.lock()
    window = make_window(qtbot, store_dir, auto_unlock=False)
    qtbot.waitUntil(lambda: window.unlock_page.keychain_checked, timeout=5000)
    unlock(qtbot, window)
    view = window.workspace.open_person(pid)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)     # the one Edit details…
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PersonRecordDialog)
    field = dialog.widget("pronouns")
    assert field is not None and field.accessibleName() == "Pronouns"
    field.setFocus()
    qtbot.keyClicks(field, "they/them")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    store = window.store
    assert store.people.require(pid).pronouns == "they/them"
    bar = view.tab_widget.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == OverviewTab.TITLE)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    tab = view.tab(OverviewTab)
    qtbot.waitUntil(lambda: "Pronouns: they/them" in
                    [lab.accessibleName() for lab in tab.content.findChildren(QLabel)],
                    timeout=5000)
    out = build_report(store, "spoc", pid, tmp_path / "spoc.pdf")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Pronouns" in text and "they/them" in text
    window.lock()
