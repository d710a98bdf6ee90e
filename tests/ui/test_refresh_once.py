"""A quick-log refreshes what is on screen once, by what the commit changed: the new attempt is
put on top of the timeline (nothing re-read), the header is not re-read, and the caseload
behind the person's screen catches up when it is shown again."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.ids import utc_now
from desktop.domain.person import Person
from desktop.ui.caseload.screen import Col
from desktop.ui.person.contacts_tab import ContactsTab


def test_quick_log_puts_the_attempt_on_top_without_re_reading(qtbot, unlocked):
    store, now = unlocked.store, utc_now()
    person = store.people.add(Person(name="Nia Rowe"))
    for d in (3, 2, 1):
        store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                           at=now - timedelta(days=d))
    ws = unlocked.workspace
    ws.caseload.select(person.id)
    qtbot.keyClick(ws.caseload.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    tab = ws.person_view.tab(ContactsTab)
    before = list(tab.model.attempts)
    resets, header_reads = [], []
    tab.model.modelReset.connect(lambda: resets.append(1))
    original = ws.person_view.refresh_header
    ws.person_view.refresh_header = lambda: header_reads.append(1) or original()

    bar = tab.quick_log
    bar.outcome.setCurrentIndex(bar.outcome.findData(ContactOutcome.NOT_AT_HOME))
    qtbot.keyClicks(bar.note, "Lights off")
    qtbot.keyClick(bar.note, Qt.Key.Key_Return)

    (newest, *rest) = tab.model.attempts
    assert newest.note == "Lights off" and tab.model.rowCount() == 4
    assert all(a is b for a, b in zip(rest, before))      # the others were not re-read
    assert not resets and not header_reads
    assert tab.summary.text().startswith("4 attempts")
    assert tab.model.index(0, 3).data() == "Lights off"
    row = ws.caseload.model.row_for(person.id)
    assert ws.caseload.model.index(row, Col.UNSUCCESSFUL).data() == "3"   # not yet caught up
    ws.person_view.back_button.click()
    row = ws.caseload.model.row_for(person.id)
    assert ws.caseload.model.index(row, Col.UNSUCCESSFUL).data() == "4"


def test_an_older_attempt_or_a_deletion_reads_the_page_again(qtbot, unlocked):
    store, now = unlocked.store, utc_now()
    person = store.people.add(Person(name="Ola Finch"))
    a = store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                           at=now - timedelta(days=1))
    ws = unlocked.workspace
    ws.open_person(person.id)
    tab = ws.person_view.tab(ContactsTab)
    old = store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                             at=now - timedelta(days=5))
    assert [x.id for x in tab.model.attempts] == [a.id, old.id]
    store.attempts.delete(a.id)
    assert [x.id for x in tab.model.attempts] == [old.id]
    assert tab.summary.text().startswith("1 attempt")
