"""GUI tests for the fieldwork screens, driven by the keyboard as a worker would."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit,
                               QPlainTextEdit, QWidget)

from desktop.domain.contact import ContactMethod as M, ContactOutcome as O
from desktop.domain.ids import utc_now
from desktop.domain.person import Person
from desktop.store.store import Store
from desktop.ui.person.barrier_dialogs import PatternDialog
from desktop.ui.person.barriers_tab import BarriersTab
from desktop.ui.forms.draft_offers import DraftsDialog, offer_drafts
from desktop.ui.person.goals_tab import GoalsTab
from desktop.ui.person.overview_tab import OverviewTab
from desktop.ui.person.visit_dialog import VisitDialog
from tests.conftest import PASSPHRASE
from tests.ui import spoc_scenario

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _delete_windows(qapp):
    """Delete every window a test left (closed dialogs wait for a deferred delete), so none
    is left for Python's exit to tear down."""
    yield
    for w in QApplication.topLevelWidgets():
        w.close()
        w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def show(qtbot, w: QWidget) -> QWidget:
    """Show and activate ``w``; dialogs that delete themselves on close are not handed to
    qtbot (it would close them a second time)."""
    if not w.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):
        qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitActive(w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and w.isAncestorOf(QApplication.focusWidget()))
    return w


def back_to(qtbot, window: QWidget, widget: QWidget) -> None:
    """After a dialog closed: the window is active again with ``widget`` focused."""
    window.activateWindow()
    qtbot.waitActive(window)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(qtbot, key, mod=Qt.KeyboardModifier.NoModifier):
    assert focused() is not None, "nothing has the keyboard focus"
    qtbot.keyClick(focused(), key, mod)


def type_text(qtbot, text: str):
    assert focused() is not None, "nothing has the keyboard focus"
    qtbot.keyClicks(focused(), text)


def assert_accessible(root: QWidget) -> None:
    """Every control a keyboard reaches has a name a screen reader can say."""
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if isinstance(w, (QLineEdit, QPlainTextEdit, QComboBox)) or w.accessibleName():
            assert w.accessibleName(), f"{type(w).__name__} without an accessible name"
        elif isinstance(w, QAbstractButton):
            assert w.text().replace("&", "").strip(), "button without text"


@pytest.fixture
def morag(store):
    return spoc_scenario.build(store)


# -- visits ------------------------------------------------------------------------------------
def test_log_a_visit_with_a_mismatch_by_keyboard(qtbot, store, person):
    seen = store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED, "dressing done")
    dialog = show(qtbot, VisitDialog(store, seen.id))
    assert_accessible(dialog)
    assert focused() is dialog.present
    type_text(qtbot, "Morag")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Fridge empty")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Says she is eating fine")
    press(qtbot, Qt.Key.Key_D, ALT)                     # "…said &disagree"
    qtbot.waitUntil(dialog.mismatch.isChecked)          # a mnemonic "animates" the click
    press(qtbot, Qt.Key.Key_M, ALT)                     # "Being fil&med"
    qtbot.waitUntil(dialog.debrief_needed.isChecked)
    press(qtbot, Qt.Key.Key_A, ALT)                     # "What h&appened"
    type_text(qtbot, "Visitor filmed me")
    assert dialog.debrief_needed.isChecked()            # an incident always needs a debrief
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() == dialog.DialogCode.Accepted
    visit = store.visits.for_attempt(seen.id)
    assert (visit.present, visit.observed, visit.reported, visit.mismatch) == (
        "Morag", "Fridge empty", "Says she is eating fine", True)
    assert [k.value for k in visit.incident.kinds] == ["filmed"] and visit.debrief_needed
    assert store.drafts.list_pending() == []


def test_visit_dialog_shows_errors_inline_and_keeps_the_draft(qtbot, store, person):
    seen = store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED)
    dialog = show(qtbot, VisitDialog(store, seen.id))
    dialog.observed.setPlainText("only one side")
    dialog.mismatch.setChecked(True)
    dialog.debrief_on.edit.setText("31/02/2026")
    assert not dialog.try_save()
    assert "not a date" in dialog.message.message()
    dialog.debrief_on.edit.clear()
    assert not dialog.try_save()
    assert "record both" in dialog.message.message()
    assert store.visits.for_attempt(seen.id) is None
    assert store.drafts.load(f"visit:{seen.id}", person.id)["observed"] == "only one side"


def test_edit_an_existing_visit_records_the_debrief(qtbot, store, morag):
    door = morag["door"]
    dialog = show(qtbot, VisitDialog(store, door.id))
    assert dialog.windowTitle() == "Edit visit details"
    assert dialog.kinds[list(dialog.kinds)[3]].isChecked()     # being filmed, loaded
    dialog.debrief_on.setDate(date.today())
    dialog.debrief_by.setText("Team manager")
    assert dialog.try_save()
    codes = [a.code for a in OverviewTab(store, morag["person"].id).alerts]
    assert "staff_safety_debrief" not in codes


# -- goals -------------------------------------------------------------------------------------
def test_add_a_goal_with_steps_and_record_progress_by_keyboard(qtbot, store, person):
    tab = show(qtbot, GoalsTab(store, person.id))
    assert_accessible(tab)
    press(qtbot, Qt.Key.Key_N, ALT)                     # "&New goal…"
    qtbot.waitUntil(lambda: bool(tab.dialogs))
    dialog = show(qtbot, tab.dialogs[-1])
    assert focused() is dialog.f["title"]
    type_text(qtbot, "Get my leg healed so I can walk to the shop")
    press(qtbot, Qt.Key.Key_W, ALT)
    type_text(qtbot, "To get my own messages")
    press(qtbot, Qt.Key.Key_T, ALT)
    for step in ("Let the nurse dress it", "Go to the GP for bloods", "Walk to the corner"):
        type_text(qtbot, step)
        press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_S, CTRL)
    goal = store.goals.for_person(person.id)[0]
    assert [s.text for s in goal.steps] == ["Let the nurse dress it", "Go to the GP for bloods",
                                            "Walk to the corner"]
    assert tab.list.count() == 1 and tab.title.text() == goal.title

    back_to(qtbot, tab, tab.note)
    press(qtbot, Qt.Key.Key_R, ALT)                     # Step &reached
    assert focused() is tab.step_box
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_T, ALT)                     # Ra&ting
    press(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "6")
    press(qtbot, Qt.Key.Key_W, ALT)                     # &What happened
    type_text(qtbot, "Went for bloods")
    press(qtbot, Qt.Key.Key_Return)
    [entry] = store.goals.progress_for(goal.id)
    assert (entry.rating, entry.step_reached, entry.note) == (6, 1, "Went for bloods")
    goal = store.goals.require(goal.id)
    assert [s.done for s in goal.steps] == [True, True, False]
    assert tab.steps.item(1).checkState() == Qt.CheckState.Checked
    assert tab.chart.entries == [entry] and "rating 6" in tab.chart.accessibleDescription()
    assert tab.history.count() == 1


def test_goal_status_step_tick_and_bad_progress(qtbot, store, morag):
    tab = show(qtbot, GoalsTab(store, morag["person"].id))
    g = morag["goals"][1]
    qtbot.mouseClick(tab.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.list.visualItemRect(tab.list.item(1)).center())
    assert tab.title.text() == g.title
    tab.steps.setFocus()
    tab.steps.setCurrentRow(0)
    qtbot.keyClick(tab.steps, Qt.Key.Key_Space)         # ticks the first step
    assert store.goals.require(g.id).steps[0].done_on == date.today()
    tab.status_box.setFocus()
    for _ in range(tab.status_box.count()):              # arrow keys to "Paused"
        if store.goals.require(g.id).status.value == "paused":
            break
        qtbot.keyClick(tab.status_box, Qt.Key.Key_Down)
    assert store.goals.require(g.id).status.value == "paused"
    before = len(store.goals.progress_for(g.id))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)   # no step, no rating
    assert "step reached, a rating" in tab.message.message()
    assert len(store.goals.progress_for(g.id)) == before


# -- alerts ------------------------------------------------------------------------------------
def _alert_texts(tab: OverviewTab) -> list[str]:
    return [lab.text() for lab in tab.content.findChildren(QLabel)]


def test_three_failed_attempts_alert_appears_and_clears(qtbot, store, person):
    tab = show(qtbot, OverviewTab(store, person.id))
    assert "unsuccessful_attempts" not in [a.code for a in tab.alerts]
    now = utc_now()
    for h in (30, 20, 10):
        store.attempts.log(person.id, M.HOME_VISIT, O.NO_ANSWER, at=now - timedelta(hours=h))
    tab.refresh()
    assert "3 unsuccessful contact attempts in a row." in _alert_texts(tab)
    assert tab.alerts[0].code == "unsuccessful_attempts"        # urgent first
    store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED, at=now - timedelta(hours=1))
    tab.refresh()
    assert "3 unsuccessful contact attempts in a row." not in _alert_texts(tab)
    assert "unsuccessful_attempts" not in [a.code for a in tab.alerts]


def test_overview_actions_clear_alerts_by_keyboard(qtbot, store, person):
    tab = show(qtbot, OverviewTab(store, person.id))
    assert_accessible(tab)
    assert "capacity_not_considered" in tab.alert_buttons
    qtbot.mouseClick(tab.alert_buttons["capacity_not_considered"], Qt.MouseButton.LeftButton)
    dialog = show(qtbot, tab.dialogs[-1])
    assert focused() is dialog.widget("capacity.considered")
    press(qtbot, Qt.Key.Key_Space)                      # tick: today's date is filled in
    assert dialog.widget("capacity.date").date() == date.today()
    press(qtbot, Qt.Key.Key_B, ALT)
    type_text(qtbot, "GP")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert store.people.require(person.id).capacity.considered
    assert "capacity_not_considered" not in [a.code for a in tab.alerts]


def test_children_alert_stays_until_referral_recorded(qtbot, store, person):
    from desktop.ui.person.workspace import PersonWorkspace
    view = show(qtbot, PersonWorkspace(store, person.id, first=OverviewTab))
    tab = view.tab(OverviewTab)
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)     # the one Edit details…
    qtbot.waitUntil(lambda: bool(tab.dialogs))
    dialog = show(qtbot, tab.dialogs[-1])
    press(qtbot, Qt.Key.Key_3, ALT)                     # page "&3 Household"
    press(qtbot, Qt.Key.Key_H, ALT)                     # "Add a c&hild"
    children = dialog.widget("dependants.children")
    qtbot.waitUntil(lambda: children.list.count() == 1)
    assert focused() is children.form.widgets["name"]
    type_text(qtbot, "Ava")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "children_no_referral" in [a.code for a in tab.alerts]
    qtbot.mouseClick(tab.alert_buttons["children_no_referral"], Qt.MouseButton.LeftButton)
    dialog = show(qtbot, tab.dialogs[-1])
    assert dialog.pages.currentIndex() == 2
    press(qtbot, Qt.Key.Key_R, ALT)
    assert focused() is dialog.widget("dependants.children_referral_recorded_on").edit, \
        focused().accessibleName()
    type_text(qtbot, date.today().strftime("%d/%m/%Y"))
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.message.message()
    p = store.people.require(person.id)
    assert [c.name for c in p.dependants.children] == ["Ava"]
    assert "children_no_referral" not in [a.code for a in tab.alerts]
    assert store.people.history(person.id)[-1].old["dependants"]["children"] == [
        {"name": "Ava", "date_of_birth": None, "note": ""}]


# -- barriers ------------------------------------------------------------------------------------
def test_barriers_and_patterns_by_keyboard(qtbot, store, person):
    tab = show(qtbot, BarriersTab(store, person.id))
    assert_accessible(tab)
    tab.barrier_table.setFocus()
    press(qtbot, Qt.Key.Key_A, ALT)                     # "&Add barrier…"
    qtbot.waitUntil(lambda: bool(tab.dialogs))
    dialog = show(qtbot, tab.dialogs[-1])
    press(qtbot, Qt.Key.Key_Down)                       # category: perceived ideas
    press(qtbot, Qt.Key.Key_B, ALT)
    type_text(qtbot, "Bad experience of housing before")
    press(qtbot, Qt.Key.Key_T, ALT)
    type_text(qtbot, "Introduced by the nurse")
    press(qtbot, Qt.Key.Key_S, CTRL)
    [b] = store.barriers.for_person(person.id)
    assert b.category.value == "perceived_ideas" and b.strategy_tried == "Introduced by the nurse"
    assert tab.barrier_table.rowCount() == 1

    back_to(qtbot, tab, tab.barrier_table)
    press(qtbot, Qt.Key.Key_T, ALT)                     # "Add pa&ttern…"
    qtbot.waitUntil(lambda: bool(tab.dialogs) and isinstance(tab.dialogs[-1], PatternDialog))
    dialog = show(qtbot, tab.dialogs[-1])
    assert_accessible(dialog)
    for _ in range(2):
        press(qtbot, Qt.Key.Key_Down)                   # disguised compliance
    press(qtbot, Qt.Key.Key_W, ALT)                     # example 1 (dated today): &What happened
    type_text(qtbot, "Says eating fine; fridge empty")
    press(qtbot, Qt.Key.Key_S, CTRL)
    [p] = store.patterns.for_person(person.id)
    assert p.kind.value == "disguised_compliance"
    assert (p.examples[0].on_date, p.examples[0].text) == (date.today(),
                                                           "Says eating fine; fridge empty")


def test_delete_and_restore_a_barrier(qtbot, store, morag):
    pid = morag["person"].id
    tab = show(qtbot, BarriersTab(store, pid))
    tab.barrier_table.selectRow(0)
    tab.delete_barrier()
    assert tab.barrier_table.rowCount() == 3
    overview = show(qtbot, OverviewTab(store, pid))
    qtbot.mouseClick(overview.restore_button, Qt.MouseButton.LeftButton)
    restore = overview.dialogs[-1]
    assert restore.list.count() == 1
    restore.restore_selected()
    tab.refresh()
    assert tab.barrier_table.rowCount() == 4


# -- drafts ------------------------------------------------------------------------------------
def test_a_draft_survives_a_crash(qtbot, store_dir):
    s = Store.unlock(store_dir, PASSPHRASE)
    person = s.people.add(Person(name="Morag"))
    seen = s.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED)
    dialog = VisitDialog(s, seen.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.observed, "Fridge empty, kitchen cluttered")
    key = f"visit:{seen.id}"
    qtbot.waitUntil(lambda: s.drafts.load(key, person.id) is not None)
    qtbot.keyClicks(dialog.reported, "Eating fine")     # typed, not yet saved: may be lost
    dialog.keeper.timer.stop()
    dialog.hide()                                       # the window goes, nothing is saved
    s._db = None                                        # crash: the connection is never closed

    again = Store.unlock(store_dir, PASSPHRASE)
    try:
        offer = offer_drafts(again)            # deletes itself on close
        assert isinstance(offer, DraftsDialog) and offer.list.count() == 1
        assert offer.list.item(0).text().startswith("Visit details — Morag")
        qtbot.mouseClick(offer.open_button, Qt.MouseButton.LeftButton)
        [reopened] = offer.opened
        assert reopened.observed.toPlainText() == "Fridge empty, kitchen cluttered"
        assert "Restored what you typed" in reopened.message.message()
        assert reopened.try_save()
        assert again.visits.for_attempt(seen.id).observed == "Fridge empty, kitchen cluttered"
        assert again.drafts.list_pending() == []
    finally:
        again.lock()


def test_closing_keeps_the_draft_and_discard_drops_it(qtbot, store, person):
    tab = show(qtbot, OverviewTab(store, person.id))
    dialog = tab.edit_person("safe_contact")          # deletes itself on close
    dialog.widget("safe_contact.safe_number").setText("07700 900123")
    dialog.reject()                                      # Esc / Close / a lock
    assert store.drafts.load("person_record", person.id)["safe_contact"]["safe_number"] == \
        "07700 900123"
    tab.refresh()
    assert any(t.startswith("Person record · ") for t in _alert_texts(tab))   # Unsaved work
    dialog = tab.edit_person()
    assert dialog.widget("safe_contact.safe_number").text() == "07700 900123"
    dialog.discard()
    assert store.drafts.list_pending() == []
    assert store.people.require(person.id).safe_contact.safe_number == ""
