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


def test_pronouns_typed_in_the_dialog_show_on_the_overview_and_in_the_pdf(qtbot, store,
                                                                          tmp_path):
    from pypdf import PdfReader
    from desktop.ui.person.overview_tab import OverviewTab
    person = store.people.add(Person(name="Alex Rowan"))
    tab = OverviewTab(store, person.id)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialogs[-1]
    field = dialog.widget("pronouns")
    assert field is not None and field.accessibleName() == "Pronouns"
    field.setFocus()
    qtbot.keyClicks(field, "they/them")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.people.require(person.id).pronouns == "they/them"
    from PySide6.QtWidgets import QLabel
    shown = [lab.accessibleName() for lab in tab.content.findChildren(QLabel)]
    assert "Pronouns: they/them" in shown
    out = build_report(store, "spoc", person.id, tmp_path / "spoc.pdf")
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Pronouns" in text and "they/them" in text
