"""The caseload refreshes only the people a change touched, and keeps its order and selection;
it sorts and filters itself."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.ids import utc_now
from desktop.domain.person import Person
from desktop.ui.caseload.screen import Col, ID_ROLE
from tests.ui.helpers import caseload_alerts


def _ids(view) -> list[str]:
    return [view.model.index(r, 0).data(ID_ROLE) for r in range(view.model.rowCount())]


def test_logging_refreshes_one_row_and_keeps_the_order(qtbot, unlocked):
    store, now = unlocked.store, utc_now()
    people = [store.people.add(Person(name=f"Person {n}")) for n in "ABCD"]
    for i, p in enumerate(people):
        store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                           at=now - timedelta(days=10 - i))
    view = unlocked.workspace.caseload
    view.table.sortByColumn(Col.LAST_CONTACT, Qt.SortOrder.DescendingOrder)
    assert _ids(view) == [p.id for p in reversed(people)]
    view.select(people[1].id)
    untouched = {r.id: r for r in view.model.rows if r.id != people[0].id}
    reloads = []
    view.model.modelReset.connect(lambda: reloads.append(1))

    store.attempts.log(people[0].id, ContactMethod.HOME_VISIT, ContactOutcome.NOT_AT_HOME)

    assert _ids(view) == [people[0].id] + [p.id for p in reversed(people[1:])]
    assert not reloads                                   # a refresh, not a reset
    for r in view.model.rows:
        if r.id in untouched:
            assert r is untouched[r.id]                  # the others were not re-read
    row = next(r for r in view.model.rows if r.id == people[0].id)
    assert row.unsuccessful_since_seen == 2 and row.last_contact > now - timedelta(minutes=1)
    assert view.current_id() == people[1].id             # the selection stayed put


def test_new_and_deleted_people_come_and_go(qtbot, unlocked):
    store = unlocked.store
    view = unlocked.workspace.caseload
    a = store.people.add(Person(name="Ann Ash"))
    b = store.people.add(Person(name="Bo Birch"))
    assert set(_ids(view)) == {a.id, b.id}
    store.people.delete(a.id)
    assert _ids(view) == [b.id]
    store.people.restore(a.id)
    assert _ids(view) == [a.id, b.id]                    # back in name order


def test_header_click_sorts_in_the_model(qtbot, unlocked):
    store, now = unlocked.store, utc_now()
    old = store.people.add(Person(name="Zed Old"))
    new = store.people.add(Person(name="Amy New"))
    never = store.people.add(Person(name="Mo Never"))
    store.attempts.log(old.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                       at=now - timedelta(days=30))
    store.attempts.log(new.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, at=now)
    view = unlocked.workspace.caseload
    view.table.sortByColumn(Col.LAST_CONTACT, Qt.SortOrder.AscendingOrder)
    assert _ids(view) == [never.id, old.id, new.id]
    view.table.sortByColumn(Col.NAME, Qt.SortOrder.DescendingOrder)
    assert _ids(view) == [old.id, never.id, new.id]
    view.search.setText("e")                             # filtering keeps the order
    assert _ids(view) == [old.id, never.id, new.id]


def test_alerts_are_evaluated_for_the_rows_shown_and_all_only_to_sort(qtbot, unlocked):
    from desktop.ui.caseload.model import ALERT_BATCH
    store, now = unlocked.store, utc_now()
    with store.transaction():
        people = [store.people.add(Person(name=f"Person {n:03}"))
                  for n in range(3 * ALERT_BATCH)]
        failing = people[-1]                         # last by name: not on the first screen
        for h in (30, 20, 10):
            store.attempts.log(failing.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                               at=now - timedelta(hours=h))
    view = unlocked.workspace.caseload
    view.model.reload()
    first = view.model.rows[0].id
    assert "unsuccessful" not in caseload_alerts(view.model, first).data()   # off the GUI thread
    assert 0 < len(view.model.alerts) <= ALERT_BATCH       # one batch, not the whole store
    assert failing.id not in view.model.alerts
    view.table.sortByColumn(Col.ALERTS, Qt.SortOrder.DescendingOrder)   # needs everyone's
    qtbot.waitUntil(lambda: len(view.model.alerts) == len(people), timeout=20_000)
    qtbot.waitUntil(lambda: _ids(view)[0] == failing.id, timeout=20_000)
    assert "unsuccessful" in view.model.index(0, Col.ALERTS).data()


def test_status_filter_and_search_filter_in_the_model(qtbot, unlocked):
    from desktop.domain.person import CaseStatus
    store = unlocked.store
    a = store.people.add(Person(name="Ann Ash"))
    b = store.people.add(Person(name="Bo Birch", known_as="Ash"))
    c = store.people.add(Person(name="Cy Cedar"))
    store.people.update(store.people.copy(store.people.get(c.id), status=CaseStatus.CLOSED))
    view = unlocked.workspace.caseload
    assert _ids(view) == [a.id, b.id]                    # active cases
    view.status_filter.setCurrentIndex(1)                # all cases
    assert _ids(view) == [a.id, b.id, c.id]
    view.search.setText("ASH")                           # name or known-as, any case
    assert _ids(view) == [a.id, b.id]
    assert view.count.text() == "2 of 3 shown"
