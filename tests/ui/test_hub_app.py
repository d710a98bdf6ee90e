"""The app on the lead agency's hub: opened by URL, unlocked with the hub passphrase, and an
open caseload shows what another coordinator commits (the change-log poll), without a reload."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store.store import Store
from desktop.ui.caseload.screen import ID_ROLE
from tests.conftest import PASSPHRASE, hub_copy
from tests.ui.helpers import make_window


def test_hub_opens_by_url_and_shows_another_coordinators_commit(qtbot, request):
    url = hub_copy(request, "lead")
    window = make_window(qtbot, url, auto_unlock=False)
    assert window.store_dir == url                    # a URL stays a URL, never a folder
    page = window.unlock_page
    qtbot.waitUntil(lambda: page.keychain_checked and page.unlock_button.isEnabled(),
                    timeout=5000)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15_000)
    assert window.store.is_hub
    view = window.workspace.caseload
    assert view.model.rowCount() == 0
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))

    other = Store.unlock(url, None)                    # another coordinator, own connection
    try:
        p = other.people.add(Person(name="Dee Elm"))
        other.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=15_000)
        assert view.model.index(0, 0).data(ID_ROLE) == p.id
        row = next(r for r in view.model.rows if r.id == p.id)
        qtbot.waitUntil(lambda: next(r for r in view.model.rows
                                     if r.id == p.id).unsuccessful_since_seen == 1,
                        timeout=15_000)
        assert row.name == "Dee Elm" and not resets     # refreshed rows, not a reload
    finally:
        other.lock()
        window.lock()
