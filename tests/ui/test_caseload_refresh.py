"""The caseload refreshes only the people a change touched, and keeps its order and selection;
it sorts itself (the proxy only filters)."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.ids import utc_now
from desktop.domain.person import Person
from desktop.ui.caseload.screen import Col, ID_ROLE


def _ids(view) -> list[str]:
    return [view.proxy.index(r, 0).data(ID_ROLE) for r in range(view.proxy.rowCount())]


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
    assert view.proxy.sortColumn() == -1                 # the proxy keeps the model's order
    view.table.sortByColumn(Col.NAME, Qt.SortOrder.DescendingOrder)
    assert _ids(view) == [old.id, never.id, new.id]
    view.search.setText("e")                             # filtering keeps the order
    assert _ids(view) == [old.id, never.id, new.id]
