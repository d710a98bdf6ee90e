"""A change the signer may not make shows in the Sync screen's Quarantine tab with its reason."""
import os

from PySide6.QtCore import Qt

from tests.sync.attacker import change, forge
from tests.sync.helpers import make_trio


def test_quarantine_tab_shows_not_permitted(qtbot, tmp_path):
    from desktop.ui.sync_screen import SyncDialog
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
