"""The caseload's search, by keyboard: Ctrl+F, type, Enter opens the top match; Down moves into
the results; Tab goes from the search to the results, never onto the "Show" filter (where a
Down meant for the list would silently change the filter)."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.domain.person import Person
from tests.ui.kbd import ALT, CTRL, K, press, type_


def _people(store) -> dict[str, str]:
    return {n: store.people.add(Person(name=n)).id
            for n in ("Agnieszka Nowak", "Tara Reilly", "Tamsin Hale", "Jean Whitlock")}


def test_enter_in_the_search_opens_the_top_match(qtbot, unlocked):
    ids = _people(unlocked.store)
    view = unlocked.workspace.caseload
    view.select(ids["Tara Reilly"])           # chosen earlier; it matches, but is not on top
    view.table.setFocus()
    press(K.Key_F, CTRL)
    assert QApplication.focusWidget() is view.search
    type_("ta")                                 # Tamsin Hale, then Tara Reilly
    assert view.model.rowCount() == 2
    press(K.Key_Return)
    ws = unlocked.workspace
    assert ws.showing_person()
    assert ws.person_view.name_label.text() == "Tamsin Hale"


def test_down_moves_into_the_results_and_enter_opens_the_chosen_one(qtbot, unlocked):
    _people(unlocked.store)
    view = unlocked.workspace.caseload
    press(K.Key_F, CTRL)
    type_("ta")
    press(K.Key_Down)
    assert QApplication.focusWidget() is view.table
    assert view.table.currentIndex().row() == 0           # on the top match
    press(K.Key_Down)
    press(K.Key_Return)
    assert unlocked.workspace.person_view.name_label.text() == "Tara Reilly"


def test_tab_skips_the_show_filter_and_alt_w_reaches_it(qtbot, unlocked):
    _people(unlocked.store)
    view = unlocked.workspace.caseload
    press(K.Key_F, CTRL)
    filter_before = view.status_filter.currentIndex()
    press(K.Key_Tab)
    assert QApplication.focusWidget() is view.table
    press(K.Key_Down)
    assert view.status_filter.currentIndex() == filter_before
    press(K.Key_W, ALT)
    assert QApplication.focusWidget() is view.status_filter
