"""The Contacts tab reads a long history a page at a time."""
from __future__ import annotations

from datetime import timedelta

from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.ids import utc_now
from desktop.domain.person import Person
from desktop.ui.person.contacts_tab import ContactsTab, TimelineModel


def test_long_history_pages_in_and_summary_counts_everything(qtbot, unlocked):
    store, now = unlocked.store, utc_now()
    person = store.people.add(Person(name="Long History"))
    n = TimelineModel.PAGE * 2 + 50
    with store.transaction():
        for i in range(n):
            outcome = ContactOutcome.SEEN_ENGAGED if i == 10 else ContactOutcome.NO_ANSWER
            store.attempts.add(ContactAttempt(person_id=person.id, outcome=outcome,
                                              method=ContactMethod.PHONE,
                                              at=now - timedelta(hours=n - i)))
    view = unlocked.workspace.open_person(person.id)
    tab = view.tab(ContactsTab)
    model = tab.model
    assert model.rowCount() == TimelineModel.PAGE and model.canFetchMore()
    newest = store.attempts.timeline(person.id, limit=1)[0]
    assert model.attempts[0].id == newest.id
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == n
    assert [a.id for a in model.attempts] == [a.id for a in store.attempts.timeline(person.id)]
    assert f"{n} attempts" in tab.summary.text()
    assert f"{n - 11} unsuccessful since last seen" in tab.summary.text()
    # a new attempt goes on top of what is shown (nothing re-read), newest first
    added = store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    assert model.rowCount() == n + 1 and model.attempts[0].id == added.id
    assert f"{n + 1} attempts" in tab.summary.text()


def test_chronology_tab_shows_a_page_and_more_on_scrolling(qtbot, unlocked):
    from desktop.ui.person.chronology_tab import ChronologyTab
    store, now = unlocked.store, utc_now()
    person = store.people.add(Person(name="Long Chronology"))
    n = ChronologyTab.PAGE * 2 + 20
    with store.transaction():
        for i in range(n):
            store.attempts.add(ContactAttempt(person_id=person.id, method=ContactMethod.LETTER,
                                              outcome=ContactOutcome.NO_ANSWER,
                                              at=now - timedelta(days=n - i)))
    tab = ChronologyTab(store, person.id)
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    tab.show()
    assert len(tab.rows) == n and tab.tree.topLevelItemCount() == ChronologyTab.PAGE
    assert f"{n} entries" in tab.count.text()
    bar = tab.tree.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert tab.tree.topLevelItemCount() == 2 * ChronologyTab.PAGE
    qtbot.waitUntil(lambda: bar.maximum() > bar.value())      # the longer list is laid out
    bar.setValue(bar.maximum())
    assert tab.tree.topLevelItemCount() == n
    first = tab.tree.topLevelItem(0)
    tab.tree.setCurrentItem(first)
    assert "Letter" in tab.detail.text() or "letter" in tab.detail.text().lower()
