"""The smaller casework dialogs (chronology entry, action, referral, supervision note) keep what
is typed as a draft on Esc, Close or a lock (Ctrl+L), offer it back, and drop it on Discard."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.domain.person import Person
from desktop.ui.person.chronology_tab import ChronologyTab
from desktop.ui.person.plan_tab import ActionDialog, PlanTab
from desktop.ui.person.referrals_tab import RecordDialog, ReferralsTab
from tests.ui.fill import click, fill, press_save
from tests.ui.helpers import unlock


def _tab(window, cls):
    person = window.store.people.add(Person(name="Jean Whitlock"))
    return person, window.workspace.open_person(person.id).show_tab(cls)


def _button(dialog, text):
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def _lock_and_reopen(qtbot, window, cls):
    """Ctrl+L (the Lock action), unlock, then Open the one draft offered: the reopened dialog."""
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is None
    unlock(qtbot, window)
    offer = window.drafts_offer
    assert offer is not None and offer.list.count() == 1
    click(qtbot, offer.open_button)
    QApplication.processEvents()
    return next(d for d in window.findChildren(cls) if d.isVisible())


def test_chronology_entry_kept_on_esc_and_discarded(qtbot, unlocked):
    person, tab = _tab(unlocked, ChronologyTab)
    click(qtbot, tab.add_button)
    dialog = tab.dialog
    summary = dialog.form.widgets["summary"]
    dialog.activateWindow()
    summary.setFocus()
    qtbot.waitUntil(summary.hasFocus)
    qtbot.keyClicks(summary, "Seen at A&E with a head injury")
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    click(qtbot, tab.add_button)
    again = tab.dialog
    assert again.form.value("summary") == "Seen at A&E with a head injury"
    assert "Restored" in again.message.message()
    click(qtbot, _button(again, "Discard changes"))
    assert unlocked.store.drafts.load("chronology_entry", person.id) is None
    click(qtbot, tab.add_button)
    assert tab.dialog.form.value("summary") == ""


def test_action_survives_a_lock_and_saves(qtbot, unlocked):
    person, tab = _tab(unlocked, PlanTab)
    click(qtbot, tab.add_action_button)
    dialog = tab.dialog
    fill(qtbot, dialog.form, "what", "Ask the GP about a home visit")
    fill(qtbot, dialog.form, "lead_person", "Sam Okafor")
    fill(qtbot, dialog.form, "lead_agency", "Outreach")
    fill(qtbot, dialog.form, "due", date(2026, 12, 4))
    reopened = _lock_and_reopen(qtbot, unlocked, ActionDialog)
    assert reopened.parent() is unlocked.workspace.person_view.tab(PlanTab)
    assert reopened.form.value("what") == "Ask the GP about a home visit"
    assert reopened.form.value("lead_person") == "Sam Okafor"
    assert reopened.form.value("due") == date(2026, 12, 4)
    assert press_save(qtbot, reopened), reopened.message.message()
    store = unlocked.store
    assert [a.what for a in store.actions.for_person(person.id)] == [
        "Ask the GP about a home visit"]
    assert store.drafts.list_pending() == []


def test_referral_survives_a_lock_and_discard_drops_it(qtbot, unlocked):
    person, tab = _tab(unlocked, ReferralsTab)
    click(qtbot, tab.add_referral_button)
    fill(qtbot, tab.dialog.form, "reason", "Self-neglect, refusing care")
    reopened = _lock_and_reopen(qtbot, unlocked, RecordDialog)
    assert reopened.parent() is unlocked.workspace.person_view.tab(ReferralsTab)
    assert reopened.form.value("reason") == "Self-neglect, refusing care"
    click(qtbot, _button(reopened, "Discard changes"))
    assert unlocked.store.drafts.list_pending() == []
    assert unlocked.store.referrals.for_person(person.id) == []


def test_supervision_note_kept_on_close_and_discarded(qtbot, unlocked):
    person, tab = _tab(unlocked, ReferralsTab)
    click(qtbot, tab.add_supervision_button)
    fill(qtbot, tab.dialog.form, "discussion", "Talked through the missed visits")
    click(qtbot, _button(tab.dialog, "Close"))
    assert unlocked.store.drafts.load("supervision", person.id) is not None
    click(qtbot, tab.add_supervision_button)
    again = tab.dialog
    assert again.form.value("discussion") == "Talked through the missed visits"
    click(qtbot, _button(again, "Discard changes"))
    unlocked.workspace.save_drafts()          # as a lock does: the discarded form stays gone
    assert unlocked.store.drafts.list_pending() == []
    click(qtbot, tab.add_supervision_button)
    assert tab.dialog.form.value("discussion") == ""
