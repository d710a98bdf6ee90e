"""A copied safe number: marked for clipboard managers to skip, cleared after 30 s (if still
there) and at once on lock."""
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTabWidget

from desktop.domain.person import Person, SafeContact
from desktop.ui import clipboard


def test_cleared_after_the_delay_but_never_someone_elses_copy(qtbot):
    cb = QGuiApplication.clipboard()
    clipboard.copy_sensitive("07700 900123", msecs=50)
    assert cb.text() == "07700 900123"
    assert cb.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: cb.text() == "", timeout=2000)
    clipboard.copy_sensitive("07700 900123", msecs=50)
    cb.setText("the worker's own copy")
    qtbot.wait(150)
    assert cb.text() == "the worker's own copy"


def test_overview_copy_button_and_lock_clears(qtbot, unlocked):
    person = unlocked.store.people.add(Person(
        name="Ada Copy", safe_contact=SafeContact(safe_number="07700 900456")))
    unlocked.workspace.open_person(person.id)
    tabs = unlocked.workspace.person_view.findChild(QTabWidget)
    tabs.setCurrentIndex(0)
    tab = unlocked.workspace.person_view.current_tab()
    tab.refresh()
    tab.copy_number_button.click()
    assert QGuiApplication.clipboard().text() == "07700 900456"
    unlocked.lock()
    assert QGuiApplication.clipboard().text() == ""
    assert not clipboard.holding_sensitive()
