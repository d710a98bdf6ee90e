"""File → Open store… (Ctrl+O): a folder or the team hub, remembered, the app restarted on it.
A hub address with a password is refused (it would be saved); a hub that does not answer says
so in the dialog."""
from __future__ import annotations


from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.unlock.open_store import SETTINGS_KEY, OpenStoreDialog


def _open_dialog(qtbot, window) -> OpenStoreDialog:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "open_store_dialog", None),
                                       OpenStoreDialog) and window.open_store_dialog.isVisible(),
                    timeout=3000)
    return window.open_store_dialog


def test_ctrl_o_opens_another_folder_and_remembers_it(qtbot, unlocked, tmp_path, monkeypatch):
    window = unlocked
    launched = []
    monkeypatch.setattr(window, "relaunch", lambda loc: launched.append(loc))
    QSettings().remove(SETTINGS_KEY)
    d = _open_dialog(qtbot, window)
    assert d.folder_choice.isChecked() and d.folder.text() == str(window.store_dir)
    target = tmp_path / "second store"
    target.mkdir()
    d.folder.selectAll()
    qtbot.keyClicks(d.folder, str(target))
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert launched == [target]
    assert QSettings().value(SETTINGS_KEY) == str(target)
    assert window.workspace is None and window.store is None      # locked before the restart

    from desktop.app import _remembered_or_default
    assert _remembered_or_default() == target
    QSettings().setValue(SETTINGS_KEY, str(tmp_path / "gone"))     # a USB stick removed
    assert _remembered_or_default() != tmp_path / "gone"
    QSettings().remove(SETTINGS_KEY)


def test_the_same_store_or_a_bad_choice_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    launched = []
    monkeypatch.setattr(window, "relaunch", lambda loc: launched.append(loc))
    QSettings().remove(SETTINGS_KEY)
    d = _open_dialog(qtbot, window)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    d.folder.selectAll()
    qtbot.keyClicks(d.folder, str(a_file))
    qtbot.keyClick(d.folder, Qt.Key.Key_Return)
    assert "is a file, not a folder" in d.message.message() and d.isVisible()

    d.url.setFocus()
    qtbot.keyClicks(d.url, "postgresql://coord:hunter2@hub.example.org/stickability")
    assert d.hub_choice.isChecked()
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert "Leave the password out" in d.message.message() and d.isVisible()
    assert launched == [] and QSettings().value(SETTINGS_KEY) is None

    qtbot.mouseClick(d.folder_choice, Qt.MouseButton.LeftButton)
    d.folder.selectAll()
    qtbot.keyClicks(d.folder, str(window.store_dir))
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    assert not d.isVisible() and launched == []                  # already open: nothing to do


def test_a_hub_that_does_not_answer_says_so(qtbot, window, tmp_path, monkeypatch):
    launched = []
    monkeypatch.setattr(window, "relaunch", lambda loc: launched.append(loc))
    d = _open_dialog(qtbot, window)
    d.url.setFocus()
    qtbot.keyClicks(d.url, f"postgresql:///stickability?host={tmp_path}/no-server")
    qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not answer" in d.message.message(), timeout=10_000)
    assert d.isVisible() and d.open_button.isEnabled() and launched == []
    d.reject()
    QApplication.processEvents()
