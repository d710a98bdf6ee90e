"""File → Settings… (Ctrl+,): generated from the registry, validated, applied at once; the
passphrase change and "remember on this device" on the second page."""
from __future__ import annotations

import keyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from desktop.store import keychain
from desktop.store.settings import (
    AUTO_LOCK_MINUTES, FAILED_ATTEMPTS_THRESHOLD, HOLIDAY_REGION, REGISTRY, SYNC_FOLDER,
    WORKER_NAME,
)
from desktop.store.store import Store
from desktop.ui.settings.dialog import FolderEdit, SettingsDialog, with_mnemonic
from tests.ui.helpers import PASSPHRASE
from tests.ui.test_keychain import MemoryKeyring

NEW_PASSPHRASE = "plum tractor violin lantern"


def open_settings(qtbot, window) -> SettingsDialog:
    window.activateWindow()
    qtbot.keyClick(window.workspace.caseload.table, Qt.Key.Key_Comma,
                   Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_ctrl_comma_opens_a_dialog_generated_from_the_registry(qtbot, unlocked):
    dialog = open_settings(qtbot, unlocked)
    assert set(dialog.editors) == set(REGISTRY)
    for key, setting in REGISTRY.items():
        widget = dialog.editor(key).widget
        if setting.type is int:
            assert isinstance(widget, QSpinBox)
            assert (widget.minimum(), widget.maximum()) == (setting.minimum, setting.maximum)
            assert widget.value() == unlocked.store.settings.get(key)
        elif setting.type is bool:
            assert isinstance(widget, QCheckBox)
        elif key.endswith("_folder"):
            assert isinstance(widget, FolderEdit)
        elif setting.choices:                   # e.g. the procedure followed: picked from a list
            from PySide6.QtWidgets import QComboBox
            assert isinstance(widget, QComboBox)
            assert [widget.itemData(i) for i in range(widget.count())] == [
                v for v, _ in setting.choices]
            # as chosen: the bank holidays are left to follow the procedure ("")
            assert widget.currentData() == unlocked.store.settings.get(key, derived=False)
        else:
            assert isinstance(widget, QLineEdit)
        assert widget.accessibleName() == setting.label
    assert dialog.editor(WORKER_NAME.key).widget.text() == "Sam Outreach"
    shown = [lab.text() for lab in dialog.findChildren(QLabel)]
    for setting in REGISTRY.values():
        if setting.help:
            assert setting.help in shown, setting.key


def test_auto_lock_change_applies_at_once(qtbot, unlocked):
    dialog = open_settings(qtbot, unlocked)
    dialog.editor(AUTO_LOCK_MINUTES.key).widget.setValue(2)
    dialog.editor(FAILED_ATTEMPTS_THRESHOLD.key).widget.setValue(5)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert not dialog.isVisible()
    store = unlocked.store
    assert store.settings.get(AUTO_LOCK_MINUTES) == 2
    assert store.settings.get(FAILED_ATTEMPTS_THRESHOLD) == 5
    assert unlocked.idle._limit_s == 120
    assert unlocked.indicators.lock_label.text() == "Locks in 2 min"
    assert unlocked.statusBar().currentMessage() == "Settings saved."


def test_worker_name_change_shows_in_the_status_bar(qtbot, unlocked):
    dialog = unlocked.show_settings()
    dialog.editor(WORKER_NAME.key).widget.setText("Ali Brennan")
    dialog.accept()
    assert unlocked.store.actor == "Ali Brennan"
    assert unlocked.who.text().startswith("Ali Brennan")


def test_bad_values_are_refused_and_nothing_is_saved(qtbot, unlocked, tmp_path):
    dialog = unlocked.show_settings()
    dialog.editor(AUTO_LOCK_MINUTES.key).widget.setValue(9)
    dialog.editor(WORKER_NAME.key).widget.setText("  ")
    dialog.editor(SYNC_FOLDER.key).widget.setText(str(tmp_path / "not-there"))
    dialog.accept()
    assert dialog.isVisible()
    assert "Worker name is needed" in dialog.message.message()
    assert "(and 1 more)" in dialog.message.message()
    assert unlocked.store.settings.get(AUTO_LOCK_MINUTES) == AUTO_LOCK_MINUTES.default
    assert unlocked.store.actor == "Sam Outreach"

    dialog.editor(WORKER_NAME.key).widget.setText("Sam Outreach")
    dialog.accept()
    assert dialog.isVisible() and "does not exist" in dialog.message.message()
    # The folder picker fills the field; an existing folder is accepted.
    picker = dialog.editor(SYNC_FOLDER.key).widget.pick()
    picker.fileSelected.emit(str(tmp_path))
    picker.reject()
    assert dialog.editor(SYNC_FOLDER.key).widget.text() == str(tmp_path)
    dialog.accept()
    assert not dialog.isVisible()
    assert unlocked.store.settings.get(SYNC_FOLDER) == str(tmp_path)
    assert unlocked.store.settings.get(AUTO_LOCK_MINUTES) == 9


def test_cancel_keeps_the_stored_values(qtbot, unlocked):
    dialog = unlocked.show_settings()
    dialog.editor(AUTO_LOCK_MINUTES.key).widget.setValue(60)
    qtbot.keyClick(dialog.editor(AUTO_LOCK_MINUTES.key).widget, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert unlocked.store.settings.get(AUTO_LOCK_MINUTES) == AUTO_LOCK_MINUTES.default


def test_every_setting_is_reachable_by_alt_letter(qtbot, unlocked):
    dialog = unlocked.show_settings()
    buddies = {id(lab.buddy()) for lab in dialog.findChildren(QLabel) if lab.buddy()}
    for key, editor in dialog.editors.items():
        w = editor.widget
        assert id(w) in buddies or "&" in getattr(w, "text", lambda: "")(), key
    letters = [lab.text()[lab.text().index("&") + 1].lower()
               for lab in dialog.tabs.widget(0).findChildren(QLabel) if "&" in lab.text()]
    assert len(letters) == len(set(letters)), letters


def test_with_mnemonic_picks_free_letters():
    used = set("s")
    assert with_mnemonic("Sync folder", used) == "Sync &folder"
    assert with_mnemonic("Fish", used) == "F&ish"
    assert with_mnemonic("&Kept", used) == "&Kept"


def test_change_passphrase(qtbot, unlocked, store_dir):
    dialog = unlocked.show_settings()
    page = dialog.security
    dialog.tabs.setCurrentWidget(page)
    page.current.setText("not my passphrase")
    page.new.first.setText(NEW_PASSPHRASE)
    page.new.second.setText(NEW_PASSPHRASE)
    qtbot.keyClick(page.new.second, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.working(), timeout=10_000)
    assert "not right" in page.passphrase_message.message()
    Store.unlock(store_dir, PASSPHRASE).lock()        # the old one still works

    page.current.setText(PASSPHRASE)
    page.change_passphrase()
    assert not page.change_button.isEnabled()          # busy while the KDF runs
    qtbot.waitUntil(lambda: not page.working(), timeout=10_000)
    assert "changed" in page.passphrase_message.message()
    assert page.current.text() == "" and page.new.first.text() == ""
    Store.unlock(store_dir, NEW_PASSPHRASE).lock()
    assert unlocked.store.is_open


def test_new_passphrase_must_be_strong_and_confirmed(qtbot, unlocked):
    page = unlocked.show_settings().security
    page.current.setText(PASSPHRASE)
    page.new.first.setText("short")
    page.change_passphrase()
    assert "Too short" in page.passphrase_message.message()
    page.new.first.setText(NEW_PASSPHRASE)
    page.new.second.setText(NEW_PASSPHRASE + "x")
    page.change_passphrase()
    assert "do not match" in page.passphrase_message.message()
    assert not page.working()


def test_remember_on_this_device_on_and_off(qtbot, unlocked):
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    keychain.reset()
    page = unlocked.show_settings().security
    qtbot.waitUntil(lambda: page.keychain_checked, timeout=5000)
    assert page.remember.isEnabled() and not page.remember.isChecked()
    store = unlocked.store
    page.remember.setChecked(True)
    qtbot.waitUntil(lambda: page.remember.isEnabled(), timeout=5000)
    secret = keychain.recall(store.store_id)
    assert secret is not None and secret != bytes(store._key)        # never the database key
    from desktop.store.keyfile import KeyFile
    from desktop.store.paths import key_path
    assert KeyFile.load(key_path(store.folder)).unwrap_with_device_secret(secret) == \
        bytes(store._key)
    assert "will remember" in page.device_message.message()
    page.remember.setChecked(False)
    qtbot.waitUntil(lambda: page.remember.isEnabled(), timeout=5000)
    assert keychain.recall(store.store_id) is None
    assert fake.items == {}


def test_no_keychain_disables_remember(qtbot, unlocked):
    page = unlocked.show_settings().security
    qtbot.waitUntil(lambda: page.keychain_checked, timeout=5000)
    assert not page.remember.isEnabled()
    assert "No secure keychain" in page.remember_hint.text()


def test_locking_closes_the_settings_dialog(qtbot, unlocked):
    dialog = unlocked.show_settings()
    qtbot.keyClick(dialog.editor(WORKER_NAME.key).widget, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier)
    assert unlocked.store is None
    qtbot.waitUntil(lambda: unlocked.findChild(SettingsDialog) is None, timeout=5000)


def test_bank_holiday_region_is_picked_from_a_list_and_feeds_the_rules(qtbot, unlocked):
    from desktop.store.alerts import rule_config
    dialog = open_settings(qtbot, unlocked)
    combo = dialog.editor(HOLIDAY_REGION.key).widget
    # not chosen yet: the procedure's nation (Fife: Scotland's bank holidays)
    assert combo.currentText() == "The procedure's nation"
    assert rule_config(unlocked.store).holiday_region == "scotland"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)             # the last: Northern Ireland
    assert combo.currentText() == "Northern Ireland"
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert unlocked.store.settings.get(HOLIDAY_REGION) == "northern_ireland"
    assert rule_config(unlocked.store).holiday_region == "northern_ireland"
