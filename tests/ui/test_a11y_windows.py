"""Every window of the app, walked with the shared checker (tests/ui/a11y.py): no interactive
control without an accessible name or a label buddy. New screens: add them here."""
from __future__ import annotations

from desktop.domain.person import Person
from desktop.ui.about import AboutDialog
from desktop.ui.help_window import HelpWindow
from desktop.ui.person import tabs as tab_registry
from desktop.ui.shortcuts_dialog import ShortcutsDialog
from tests.ui.a11y import unnamed_controls
from tests.ui.conftest import make_window


def test_setup_screen(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "new-store")
    assert unnamed_controls(window) == []


def test_unlock_screen_and_recovery(qtbot, window):
    assert unnamed_controls(window) == []
    window.unlock_page.show_recovery()
    assert unnamed_controls(window) == []


def test_caseload_person_workspace_every_tab_and_person_dialog(qtbot, unlocked):
    ws = unlocked.workspace
    person = unlocked.store.people.add(Person(name="Jean Whitlock"))
    assert unnamed_controls(unlocked) == []
    view = ws.open_person(person.id)
    for cls in tab_registry.TABS:
        view.show_tab(cls)
    assert unnamed_controls(unlocked) == []
    dialog = ws.new_person()
    try:
        assert unnamed_controls(dialog) == []
    finally:
        dialog.reject()


def test_help_shortcuts_and_about_for_the_main_window(qtbot, unlocked):
    for dialog in (HelpWindow(unlocked), ShortcutsDialog(unlocked), AboutDialog(unlocked)):
        assert unnamed_controls(dialog) == [], type(dialog).__name__
    # the shortcuts dialog reads the real window: its main actions are listed
    listed = {r.action for r in ShortcutsDialog(unlocked).rows}
    assert {"Lock", "Find person", "Log contact attempt"} <= listed
