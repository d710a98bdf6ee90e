"""The status bar: the lock timer, the sync state (from desktop.sync), who is signed in."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.sync import export_packages
from desktop.ui.status_bar import lock_text, sync_summary
from tests.sync.helpers import enrol_pair, make_store
from tests.ui.helpers import make_window


def test_lock_text():
    assert lock_text(None) == ""
    assert lock_text(0) == "Locks in under a minute"
    assert lock_text(59) == "Locks in under a minute"
    assert lock_text(240) == "Locks in 4 min"
    assert lock_text(241) == "Locks in 5 min"


def _peer(pending: int, unacked: int) -> dict:
    return {"sent": {"not_yet_exported": pending, "unacknowledged_changes": unacked}}


def test_sync_summary():
    text, detail = sync_summary({"peers": []}, None)
    assert text == "Sync: not enrolled" and "enrol" in detail
    text, detail = sync_summary({"peers": [_peer(2, 1)], "conflicts": 1}, None)
    assert text == "Sync: 3 changes not acknowledged · never exported · 1 to review"
    assert "2 changes not exported yet" in detail
    text, _ = sync_summary({"peers": [_peer(0, 0)]}, "2026-03-01T10:00:00+00:00")
    assert text.startswith("Sync: all changes acknowledged · last export ")
    assert "2026" in text


def test_lock_timer_counts_down_and_clears_on_lock(qtbot, unlocked):
    bar = unlocked.indicators
    assert bar.lock_label.text() == "Locks in 5 min"
    assert bar.lock_label.isVisible()
    unlocked.idle._last_wall -= 3 * 60 + 10        # 3 minutes without input
    bar.lock_timer.timeout.emit()                 # the 30-second tick
    assert bar.lock_label.text() == "Locks in 2 min"
    assert unlocked.who.text().startswith("Sam Outreach")
    assert "field worker" in unlocked.who.text()
    unlocked.lock()
    assert bar.lock_label.text() == "" and bar.sync_label.text() == ""
    assert unlocked.who.text() == "Locked"
    assert not bar.lock_timer.isActive()


def test_sync_state_from_an_enrolled_device(qtbot, tmp_path):
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    lead.lock()
    window = make_window(qtbot, field.folder, auto_unlock=False)
    window.open_workspace(field)
    bar = window.indicators
    qtbot.waitUntil(lambda: bar.sync_label.text().startswith("Sync:"), timeout=5000)
    assert "never exported" in bar.sync_label.text()

    person = field.people.add(Person(name="Jean Whitlock"))
    field.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    # A store change refreshes the sync state (debounced, computed off the GUI thread).
    qtbot.waitUntil(lambda: "2 changes not acknowledged" in bar.sync_label.text(),
                    timeout=5000)
    assert "Morag" not in bar.sync_label.text()

    export_packages(field, tmp_path / "out")
    bar.refresh_sync()
    qtbot.waitUntil(lambda: "last export" in bar.sync_label.text(), timeout=5000)
    assert "2 changes not acknowledged" in bar.sync_label.text()    # sent, not yet acked
    assert "waiting for the other side" in bar.sync_label.toolTip()
    window.lock()


def _file_dialog(qtbot):
    from PySide6.QtWidgets import QApplication, QFileDialog
    found = []
    qtbot.waitUntil(lambda: found.extend(w for w in QApplication.topLevelWidgets()
                                         if isinstance(w, QFileDialog) and w.isVisible())
                    or bool(found), timeout=5000)
    return found[0]


def _type_path(qtbot, path) -> None:
    """In Qt's own file dialog: go to the folder, type the name, press its Open button."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
    dialog = _file_dialog(qtbot)
    dialog.setDirectory(str(path.parent))
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, path.name)
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    accept = next(b for b in box.buttons()
                  if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)


def test_status_bar_follows_enrolment_and_export(qtbot, tmp_path):
    """It said "not enrolled" after enrolling: now the Sync screen's work shows at once."""
    from PySide6.QtCore import Qt
    from desktop.sync import export_enrolment
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    export_enrolment(lead, tmp_path / "agency.json")
    from desktop.sync import identity
    fingerprint = identity(lead).fingerprint
    lead.lock()
    field.people.add(Person(name="Jean Whitlock"))
    window = make_window(qtbot, field.folder, auto_unlock=False)
    window.open_workspace(field)
    bar = window.indicators
    qtbot.waitUntil(lambda: bar.sync_label.text() == "Sync: not enrolled", timeout=5000)
    bar.debounce.setInterval(60_000)        # only the screens' own word refreshes it here

    qtbot.keyClick(window.workspace.caseload.search, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    sync = next(w for w in window.findChildren(QDialog) if w.windowTitle() == "Sync")
    qtbot.mouseClick(sync.enrol_button, Qt.MouseButton.LeftButton)
    enrol = next(w for w in sync.findChildren(QDialog) if w.windowTitle() == "Enrolment")
    qtbot.mouseClick(enrol.open_button, Qt.MouseButton.LeftButton)
    _type_path(qtbot, tmp_path / "agency.json")
    qtbot.keyClicks(enrol.typed, fingerprint)
    qtbot.keyClick(enrol.typed, Qt.Key.Key_Return)
    assert "Enrolled" in enrol.message.message()
    qtbot.waitUntil(lambda: bar.sync_label.text().startswith("Sync: ")
                    and "not enrolled" not in bar.sync_label.text(), timeout=5000)
    assert "never exported" in bar.sync_label.text()
    enrol.reject()

    (tmp_path / "out").mkdir()
    qtbot.mouseClick(sync.export_button, Qt.MouseButton.LeftButton)
    _type_path(qtbot, tmp_path / "out")
    qtbot.waitUntil(lambda: sync.op is None and bool(sync.summary.toPlainText()),
                    timeout=10_000)
    qtbot.waitUntil(lambda: "last export" in bar.sync_label.text(), timeout=10_000)
    sync.reject()
    window.lock()
