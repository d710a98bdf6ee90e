"""A change the signer may not make shows in the Sync screen's Quarantine tab with its reason."""
import os

from PySide6.QtCore import Qt

from tests.sync.attacker import change, forge
from tests.sync.helpers import make_trio


def test_quarantine_tab_shows_not_permitted(qtbot, tmp_path):
    from desktop.ui.sync.screen import SyncDialog
    t, pid = make_trio(tmp_path)
    forged = forge(t.a, t.lead, [change("person", pid, {"status": "closed"},
                                        origin=t.a.device_id, actor=t.a.actor,
                                        old={"status": "open"})], tmp_path / "forged")
    d = SyncDialog(t.lead)
    qtbot.addWidget(d)
    d.show()
    d.import_from([forged])
    qtbot.waitUntil(lambda: d.op is None, timeout=10_000)
    assert "1 of them not permitted" in d.summary.toPlainText()
    assert d.tabs.tabText(3) == "&Quarantine (1)"
    qtbot.mouseClick(d.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=d.tabs.tabBar().tabRect(3).center())
    assert d.tabs.currentIndex() == 3
    table = d.quarantine.table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "person"
    assert table.item(0, 3).text().startswith("not permitted: it changes the person's status")
    if os.environ.get("STICKABILITY_SHOT"):
        d.grab().save(str(tmp_path.parent / "quarantine.png"))
    d.close()
    t.lock()


def test_quarantine_names_the_sender_and_held_packages_can_be_dropped(qtbot, tmp_path):
    """The Quarantine tab names the device's worker, not its id; the Held packages tab lists a
    package waiting for a lost predecessor and drops it with a recorded reason."""
    from PySide6.QtWidgets import QLineEdit

    from desktop.domain.person import Person
    from desktop.sync import export_packages, import_paths
    from desktop.sync.held import list_held
    from desktop.ui.sync.screen import SyncDialog
    t, pid = make_trio(tmp_path)
    forged = forge(t.a, t.lead, [change("person", pid, {"status": "closed"},
                                        origin=t.a.device_id, actor=t.a.actor,
                                        old={"status": "open"})], tmp_path / "forged")
    import_paths(t.lead, [forged])
    t.b.people.add(Person(name="Rhiannon"))
    lost = export_packages(t.b, tmp_path / "lost").packages      # the laptop is lost with it
    t.b.people.add(Person(name="Ade"))
    later = export_packages(t.b, tmp_path / "later").packages
    assert import_paths(t.lead, later).held == 1 and lost

    d = SyncDialog(t.lead)
    qtbot.addWidget(d)
    d.show()
    assert d.quarantine.table.item(0, 1).text().startswith("Ash Outreach")
    assert d.tabs.tabText(4) == "&Held packages (1)"
    qtbot.mouseClick(d.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=d.tabs.tabBar().tabRect(4).center())
    table = d.held.table
    assert table.rowCount() == 1 and table.item(0, 0).text().startswith("Bo Housing")
    qtbot.mouseClick(d.held.drop_button, Qt.MouseButton.LeftButton)
    dialog = d.held.reason_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    edit = dialog.findChild(QLineEdit)
    qtbot.keyClicks(edit, "Laptop stolen; its package is lost")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.tabs.tabText(4) == "&Held packages (0)", timeout=3000)
    assert list_held(t.lead) == []
    reason = t.lead.db.execute("SELECT reason FROM sync_event WHERE outcome = 'dropped'"
                               ).fetchone()
    assert reason is not None and "Laptop stolen" in reason[0]
    d.close()
    t.lock()
