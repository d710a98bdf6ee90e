"""The Sync screen and the enrolment dialog (offscreen)."""
from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel

from desktop.domain.person import Person
from desktop.store.settings import SYNC_FOLDER
from desktop.sync import export_packages
from tests.sync.helpers import edit, log_attempts, make_store, make_trio
from tests.ui.conftest import make_window, unlock


@pytest.fixture
def pair(tmp_path):
    from tests.sync.helpers import enrol_pair
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    yield lead, field
    lead.lock()
    field.lock()


def _dialog(qtbot, store):
    from desktop.ui.sync_screen import SyncDialog
    d = SyncDialog(store)
    qtbot.addWidget(d)
    d.show()
    return d


def _wait_idle(qtbot, d):
    qtbot.waitUntil(lambda: d.op is None, timeout=10_000)


def test_export_then_import_by_drag_and_drop(qtbot, pair, tmp_path):
    lead, field = pair
    p = field.people.add(Person(name="Morag"))
    log_attempts(field, p.id, 2)
    fd = _dialog(qtbot, field)
    fd.export_to(tmp_path / "usb")
    _wait_idle(qtbot, fd)
    assert "Wrote 1 package" in fd.summary.toPlainText()
    assert fd.devices.item(0, 5).text() == "1"                    # sent up to 1

    ld = _dialog(qtbot, lead)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "usb"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    ld.dropEvent(event)
    _wait_idle(qtbot, ld)
    assert "Imported 1 package (3 changes)" in ld.summary.toPlainText()
    assert ld.devices.item(0, 0).text() == "Sam Outreach"
    assert ld.devices.item(0, 3).text() == "1"                    # received up to 1
    assert len(lead.attempts.timeline(p.id)) == 2
    ld.import_from([tmp_path / "usb"])
    _wait_idle(qtbot, ld)
    assert "1 already imported" in ld.summary.toPlainText()


def test_sync_folder_one_click(qtbot, pair, tmp_path):
    lead, field = pair
    shared = tmp_path / "shared"
    shared.mkdir()
    field.people.add(Person(name="Ada"))
    fd = _dialog(qtbot, field)
    assert not fd.sync_button.isEnabled()
    fd.set_sync_folder(str(shared))
    assert fd.sync_button.isEnabled() and str(shared) in fd.folder_line.text()
    fd.sync_button.click()
    _wait_idle(qtbot, fd)
    lead.settings.set(SYNC_FOLDER, str(shared))
    ld = _dialog(qtbot, lead)
    ld.sync_button.click()
    _wait_idle(qtbot, ld)
    assert "Imported 1 package" in ld.summary.toPlainText()
    assert [x.name for x in lead.people.where()] == ["Ada"]


def test_cancel_stops_between_packages(qtbot, pair, tmp_path):
    lead, field = pair
    p = field.people.add(Person(name="Ada"))
    for i in range(4):
        log_attempts(field, p.id, 1, f"r{i}")
        export_packages(field, tmp_path / "box")
    ld = _dialog(qtbot, lead)
    ld.import_from([tmp_path / "box"])
    ld.cancel()
    _wait_idle(qtbot, ld)
    assert "Cancelled" in ld.summary.toPlainText() or "Imported" in ld.summary.toPlainText()
    assert ld.export_button.isEnabled() and not ld.cancel_button.isVisible()


def test_conflicts_and_duplicates_views(qtbot, tmp_path):
    t, pid = make_trio(tmp_path)
    edit(t.a, pid, address="Flat 1")
    edit(t.b, pid, address="The Hostel")
    t.a.people.add(Person(name="Jo Bloggs", date_of_birth=date(1970, 5, 1)))
    t.b.people.add(Person(name="Jo Bloggs", date_of_birth=date(1970, 5, 1)))
    d = _dialog(qtbot, t.lead)
    d.import_from([export_packages(t.a, tmp_path / "a").packages[0],
                   export_packages(t.b, tmp_path / "b").packages[0]])
    _wait_idle(qtbot, d)
    assert d.tabs.tabText(1) == "&Conflicts (1)"
    assert d.tabs.tabText(2) == "Possible d&uplicates (1)"
    view = d.conflicts
    assert view.list.count() == 1
    assert view.list.item(0).text() == "Morag Delacroix-Baird — Address"
    assert view.ours.value.text() == "Flat 1" and view.theirs.value.text() == "The Hostel"
    assert "Ash Outreach" in view.ours.who.text()
    assert "Bo Housing" in view.theirs.who.text()
    assert view.theirs.standing.text() == "Standing now"
    qtbot.mouseClick(view.keep_ours, Qt.MouseButton.LeftButton)   # this store had: Flat 1
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    assert t.lead.people.require(pid).address == "Flat 1"
    assert view.list.count() == 0 and d.tabs.tabText(1) == "&Conflicts (0)"
    dup = d.duplicates
    assert dup.list.count() == 1 and "same date of birth" in dup.why.text()
    assert dup.table.item(0, 0).text() == dup.table.item(0, 1).text() == "Jo Bloggs"
    qtbot.mouseClick(dup.different_button, Qt.MouseButton.LeftButton)
    assert d.tabs.tabText(2) == "Possible d&uplicates (0)"
    assert len(t.lead.people.where("name = 'Jo Bloggs'")) == 2
    d.close()
    t.lock()


def test_conflict_typed_value_and_duplicate_merge(qtbot, tmp_path):
    t, pid = make_trio(tmp_path)
    edit(t.a, pid, address="Flat 1")
    edit(t.b, pid, address="The Hostel")
    other = t.a.people.add(Person(name="Morag Delacroix Baird", address="12 Harbour Row"))
    log_attempts(t.a, other.id, 2)
    d = _dialog(qtbot, t.lead)
    d.import_from([export_packages(t.a, tmp_path / "a").packages[0],
                   export_packages(t.b, tmp_path / "b").packages[0]])
    _wait_idle(qtbot, d)
    view = d.conflicts
    qtbot.keyClicks(view.typed, " (then the hostel)")               # editing picks "type"
    assert view.type_own.isChecked()
    qtbot.keyClick(view.typed, Qt.Key.Key_Return)
    assert t.lead.people.require(pid).address == "The Hostel (then the hostel)"
    assert t.lead.people.history(pid)[-1].fields == {"address": "The Hostel (then the hostel)"}

    dup = d.duplicates
    assert dup.list.count() == 1 and "hyphen" in dup.why.text()
    left = dup.selected()["people"][0]
    keep, gone = (left.id, other.id) if left.id == pid else (left.id, pid)
    qtbot.mouseClick(dup.keep_left, Qt.MouseButton.LeftButton)       # no reason yet
    assert "Say why" in dup.message.message() and t.lead.people.get(gone) is not None
    qtbot.keyClicks(dup.reason, "Same adult: name written without the hyphen")
    qtbot.mouseClick(dup.keep_left, Qt.MouseButton.LeftButton)
    assert t.lead.people.get(gone) is None
    assert len(t.lead.attempts.timeline(keep)) == 2 and "Merged into" in dup.message.message()
    assert d.tabs.tabText(2) == "Possible d&uplicates (0)"
    d.close()
    t.lock()


def test_enrolment_dialog_needs_the_matching_fingerprint(qtbot, tmp_path):
    from desktop.sync import export_enrolment, identity
    from desktop.ui.enrol_dialog import EnrolDialog
    lead = make_store(tmp_path / "lead", "lead", "Lee", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam", "Community Nursing")
    export_enrolment(lead, tmp_path / "agency.json")
    d = EnrolDialog(field)
    qtbot.addWidget(d)
    d.show()
    assert d.own.text() == identity(field).fingerprint
    d.load(tmp_path / "agency.json")
    theirs = identity(lead).fingerprint
    # the fingerprint to check is never on screen: only this store's own is
    shown = " ".join(w.text() for w in d.findChildren(QLabel))
    assert theirs not in shown and identity(field).fingerprint in shown
    assert not d.enrol_button.isEnabled()
    qtbot.keyClicks(d.typed, "AAAA-BBBB-CCCC-DDDD")
    qtbot.keyClick(d.typed, Qt.Key.Key_Return)          # Enter enrols (or refuses)
    assert "does not match" in d.message.message()
    d.typed.clear()
    # read out by phone: lower case, spaces, O for 0 and L for 1 all still match
    spoken = theirs.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    qtbot.keyClicks(d.typed, spoken)
    qtbot.keyClick(d.typed, Qt.Key.Key_Return)
    assert "Enrolled lead agency Social Work Team" in d.message.message()
    assert "Social Work Team" in d.peers.item(0).text()
    assert not [w for w in d.findChildren(QFileDialog) if w.isVisible()]   # no save dialog
    d.save_to(tmp_path / "mine.json")
    assert (tmp_path / "mine.json").exists()
    d.close()
    lead.lock()
    field.lock()


def test_main_window_has_the_sync_screen(qtbot, store_dir):
    w = make_window(qtbot, store_dir, auto_unlock=False)
    qtbot.waitUntil(lambda: w.unlock_page.keychain_checked, timeout=5000)
    assert not w.sync_action.isEnabled()
    unlock(qtbot, w)
    assert w.sync_action.isEnabled()
    assert w.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    menus = [a.text() for a in w.menuBar().actions()]
    assert "S&ync" in menus
    dialog = w.show_sync()
    assert dialog.isVisible() and "field device" in dialog.identity_line.text()
    import shiboken6
    w.lock()
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
