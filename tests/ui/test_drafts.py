"""Nothing typed is lost to a lock: the quick-log bar and the person dialog keep drafts inside
the encrypted store and offer them back."""
from __future__ import annotations

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.ui.person import quick_log
from desktop.ui.person.contacts_tab import ContactsTab
from tests.ui.helpers import unlock


def test_quick_log_text_survives_a_lock(qtbot, unlocked):
    person = unlocked.store.people.add(Person(name="Jean Whitlock"))
    bar = unlocked.workspace.open_person(person.id, focus_log=True).tab(ContactsTab).quick_log
    bar.method.setCurrentIndex(bar.method.findData(ContactMethod.PHONE))
    bar.outcome.setCurrentIndex(bar.outcome.findData(ContactOutcome.SAFE_MESSAGE_LEFT))
    bar.note.setText("Left the agreed message")
    unlocked.lock()
    unlock(qtbot, unlocked)
    bar = unlocked.workspace.open_person(person.id).tab(ContactsTab).quick_log
    assert bar.note.text() == "Left the agreed message"
    assert bar.method.currentData() is ContactMethod.PHONE
    assert bar.outcome.currentData() is ContactOutcome.SAFE_MESSAGE_LEFT
    assert "Restored" in bar.message.message()
    assert bar.save()
    assert unlocked.store.drafts.load(quick_log.DRAFT_FORM, person.id) is None
    assert [a.note for a in unlocked.store.attempts.timeline(person.id)] == [
        "Left the agreed message"]


def test_quick_log_draft_saved_while_typing(qtbot, unlocked, monkeypatch):
    monkeypatch.setattr(quick_log, "DRAFT_DEBOUNCE_MSECS", 10)
    person = unlocked.store.people.add(Person(name="Jean Whitlock"))
    bar = unlocked.workspace.open_person(person.id, focus_log=True).tab(ContactsTab).quick_log
    bar.keeper.timer.setInterval(10)
    qtbot.keyClicks(bar.note, "Curtains")
    qtbot.waitUntil(lambda: unlocked.store.drafts.load(quick_log.DRAFT_FORM, person.id)
                    is not None)
    assert unlocked.store.drafts.load(quick_log.DRAFT_FORM, person.id)["note"] == "Curtains"


def test_new_person_dialog_survives_a_lock_and_cancel_discards(qtbot, unlocked):
    dialog = unlocked.workspace.new_person()
    dialog.name_edit.setText("Agnieszka Nowak")
    dialog.address.setPlainText("3/1 Canal Street")
    unlocked.lock()
    assert not dialog.isVisible() if _alive(dialog) else True
    unlock(qtbot, unlocked)
    again = unlocked.workspace.new_person()
    assert again.name_edit.text() == "Agnieszka Nowak"
    assert again.address.toPlainText() == "3/1 Canal Street"
    again.reject()
    third = unlocked.workspace.new_person()
    assert third.name_edit.text() == ""
    third.reject()


def _alive(obj) -> bool:
    import shiboken6
    return shiboken6.isValid(obj)
