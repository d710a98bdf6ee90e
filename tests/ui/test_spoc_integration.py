"""Fieldwork inside the app: the person workspace's tabs, visit details from the Contacts
timeline, the caseload's Alerts column, and unsaved work offered back after an unlock."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from desktop.domain.contact import ContactMethod as M, ContactOutcome as O
from desktop.domain.ids import utc_now
from desktop.domain.person import Person
from desktop.ui.person.barriers_tab import BarriersTab
from desktop.ui.person.goals_tab import GoalsTab
from desktop.ui.person.overview_tab import OverviewTab
from desktop.ui.person.visit_dialog import VisitDialog
from desktop.ui.person import tabs as tab_registry
from desktop.ui.person.contacts_tab import ContactsTab
from tests.ui.helpers import caseload_alerts, unlock


def test_person_workspace_has_the_fieldwork_tabs(qtbot, unlocked):
    assert tab_registry.TABS[:4] == [OverviewTab, ContactsTab, GoalsTab, BarriersTab]
    person = unlocked.store.people.add(Person(name="Jean Whitlock"))
    view = unlocked.workspace.open_person(person.id)
    assert view.tab_widget.currentIndex() == 1            # opens on Contacts, quick log ready
    view.show_tab_index(0)
    assert isinstance(view.current_tab(), OverviewTab)
    assert "Mental capacity has never been considered." in [a.message for a in
                                                            view.current_tab().alerts]


def _row_of(tab: ContactsTab, attempt_id: str) -> int:
    return next(i for i, a in enumerate(tab.model.attempts) if a.id == attempt_id)


def test_enter_on_a_seen_contact_opens_its_visit_details(qtbot, unlocked):
    store = unlocked.store
    person = store.people.add(Person(name="Jean Whitlock"))
    now = utc_now()
    phone = store.attempts.log(person.id, M.PHONE, O.NO_ANSWER, at=now - timedelta(hours=2))
    seen = store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED,
                              at=now - timedelta(hours=1))
    tab = unlocked.workspace.open_person(person.id).show_tab(ContactsTab)
    tab.table.setCurrentIndex(tab.model.index(_row_of(tab, phone.id), 0))
    assert not tab.visit_button.isEnabled()
    assert tab.open_visit_details() is None
    tab.table.setCurrentIndex(tab.model.index(_row_of(tab, seen.id), 0))
    assert tab.visit_button.isEnabled()
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dialog = next(d for d in tab.findChildren(VisitDialog) if d.isVisible())
    dialog.observed.setPlainText("Fridge empty")
    dialog.reported.setPlainText("Eating fine")
    dialog.mismatch.setChecked(True)
    assert dialog.try_save()
    assert store.visits.for_attempt(seen.id).mismatch
    text = tab.model.index(_row_of(tab, seen.id), 2).data()
    assert text.endswith("· visit ⚠")


def test_caseload_alerts_column_shows_a_badge_that_clears(qtbot, unlocked):
    store = unlocked.store
    person = store.people.add(Person(name="Jean Whitlock"))
    now = utc_now()
    for h in (30, 20, 10):
        store.attempts.log(person.id, M.HOME_VISIT, O.NO_ANSWER, at=now - timedelta(hours=h))
    caseload = unlocked.workspace.caseload
    caseload.model.reload()
    index = caseload_alerts(caseload.model, person.id)     # evaluated off the GUI thread
    assert "3 unsuccessful contact attempts in a row." in index.data()
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QPixmap)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Alerts: 2, ")
    store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED, advocacy_offered=True)
    caseload.model.reload()
    index = caseload_alerts(caseload.model, person.id)
    assert "unsuccessful" not in (index.data() or "")


def test_unsaved_visit_details_are_offered_back_after_a_lock(qtbot, unlocked):
    store = unlocked.store
    person = store.people.add(Person(name="Jean Whitlock"))
    seen = store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_DECLINED)
    tab = unlocked.workspace.open_person(person.id).show_tab(ContactsTab)
    tab.table.setCurrentIndex(tab.model.index(_row_of(tab, seen.id), 0))
    dialog = tab.open_visit_details()
    qtbot.keyClicks(dialog.observed, "Curtains drawn, post piled up")
    unlocked.lock()                                   # keeps the draft, closes the dialog
    assert unlocked.workspace is None
    unlock(qtbot, unlocked)
    offer = unlocked.drafts_offer
    assert offer is not None and offer.list.count() == 1
    assert offer.list.item(0).text().startswith("Visit details — Jean Whitlock")
    qtbot.mouseClick(offer.open_button, Qt.MouseButton.LeftButton)
    reopened = next(d for d in unlocked.findChildren(VisitDialog) if d.isVisible())
    assert reopened.observed.toPlainText() == "Curtains drawn, post piled up"
    assert reopened.try_save()
    QApplication.processEvents()
    assert store.drafts.list_pending() == [] if store.is_open else True
    assert unlocked.store.visits.for_attempt(seen.id).observed == "Curtains drawn, post piled up"


def test_no_offer_when_nothing_is_unsaved(qtbot, unlocked):
    assert unlocked.drafts_offer is None


def test_advocacy_offered_from_the_quick_log_clears_the_prompt(qtbot, unlocked):
    store = unlocked.store
    person = store.people.add(Person(name="Jean Whitlock"))
    store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_DECLINED,
                       at=utc_now() - timedelta(hours=3))
    view = unlocked.workspace.open_person(person.id, focus_log=True)
    assert "advocacy_not_offered" in [a.code for a in view.tab(OverviewTab).alerts]
    bar = view.tab(ContactsTab).quick_log
    bar.outcome.setFocus()
    while bar.outcome.currentData() is not O.SEEN_ENGAGED:       # arrow keys to "Seen"
        qtbot.keyClick(bar.outcome, Qt.Key.Key_Down)
    bar.advocacy.setFocus()
    qtbot.keyClick(bar.advocacy, Qt.Key.Key_Space)
    qtbot.mouseClick(bar.save_button, Qt.MouseButton.LeftButton)
    assert store.attempts.timeline(person.id)[0].advocacy_offered
    assert not bar.advocacy.isChecked()                 # ready for the next attempt
    view.show_tab(OverviewTab)
    assert "advocacy_not_offered" not in [a.code for a in view.tab(OverviewTab).alerts]
