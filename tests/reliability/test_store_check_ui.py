"""File ▸ Check store… and the weekly check after unlocking: a clean store is remembered as
checked; a store with a changed page shows a warning naming the page, the check date is not
recorded and the page is not "repaired"."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.domain.person import Person
from desktop.store.checks import LAST_CHECK_KEY
from desktop.store.paths import db_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE
from tests.ui.helpers import make_window, unlock


@pytest.fixture(autouse=True)
def _join_workers():
    from desktop.ui import ops
    yield
    assert ops.wait_for_all(10_000)


def _boxes(window):
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


def _opened(qtbot, store_dir):
    window = make_window(qtbot, store_dir, auto_unlock=False)
    qtbot.waitUntil(lambda: window.unlock_page.keychain_checked, timeout=10_000)
    unlock(qtbot, window)
    assert window.workspace is not None
    check = window.store_check
    qtbot.waitUntil(lambda: check.op is not None and check.op.done, timeout=20_000)
    return window, check


def test_weekly_check_runs_quietly_and_the_action_reports(qtbot, store_dir):
    window, check = _opened(qtbot, store_dir)
    assert check.last_report.ok and not _boxes(window)
    assert window.store.meta_get(LAST_CHECK_KEY) == check.last_report.checked_at
    assert check.action.isEnabled()
    check.action.trigger()
    qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=20_000)
    [box] = _boxes(window)
    assert "intact" in box.text() and box.icon() == QMessageBox.Icon.Information
    box.close()
    window.lock()
    assert not check.action.isEnabled()


def _page_off_the_caseload(path, store_dir) -> tuple[int, bytearray]:
    """Change one page that the caseload (the first screen) does not read, so the window opens
    and the check is what finds it: from the middle of the file on, the first such page."""
    original = path.read_bytes()
    total = len(original) // 4096
    for page in [*range(total // 2, total), *range(2, total // 2)]:
        data = bytearray(original)
        data[(page - 1) * 4096 + 7] ^= 0x10
        path.write_bytes(bytes(data))
        s = Store.unlock(store_dir, PASSPHRASE)
        try:
            s.people.caseload()
            return page, data
        except Exception:  # noqa: BLE001 - this page is on the caseload's path
            continue
        finally:
            s.lock()
    raise AssertionError("every page is on the caseload's path")


def test_changed_page_is_reported_after_unlock(qtbot, store_dir):
    s = Store.unlock(store_dir, PASSPHRASE)
    with s.transaction():
        for i in range(200):
            s.people.add(Person(name=f"Check person {i}", notes="n" * 300))
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.lock()
    path = db_path(store_dir)
    page, data = _page_off_the_caseload(path, store_dir)
    window, check = _opened(qtbot, store_dir)
    qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=20_000)
    [box] = _boxes(window)
    assert box.icon() == QMessageBox.Icon.Warning
    assert f"Page {page} of the database fails the tamper check" in box.text()
    assert "Restore the store from a backup" in box.text()
    assert window.store.meta_get(LAST_CHECK_KEY) is None      # a damaged store is not written
    box.close()
    window.lock()
    bad = slice((page - 1) * 4096, page * 4096)     # the changed page was left as it was
    assert path.read_bytes()[bad] == bytes(data[bad])
