"""Tampered store: a changed byte in a middle page is found by the store check and reported
clearly; a changed byte in the first page (the header) makes the store refuse to open, and the
file is never written to. (``tests/store/test_lifecycle.py`` covers offset 100 of the header, a
missing database and key-file damage.)"""
from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.ids import utc_now
from desktop.domain.person import Person
from desktop.store.checks import check_due, check_store, record_check
from desktop.store.errors import StoreDamaged
from desktop.store.paths import db_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE

PAGE = 4096


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()
            if p.is_file()}


@pytest.fixture
def big_store_dir(store):
    """A locked store of a few hundred pages, everything checkpointed into the main file."""
    with store.transaction():
        for i in range(300):
            store.people.add(Person(name=f"Tamper person {i}", notes="n" * 300))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folder = store.folder
    store.lock()
    return folder


def _flip(path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("where", [0, 1000, PAGE - 80, PAGE - 1])   # data, IV, HMAC
def test_flipped_byte_in_middle_page_is_reported(big_store_dir, where, figures):
    path = db_path(big_store_dir)
    pages = path.stat().st_size // PAGE
    page_no = pages // 2                      # 1-based page number of the flipped page
    _flip(path, (page_no - 1) * PAGE + where)
    before = path.read_bytes()
    store = Store.unlock(big_store_dir, PASSPHRASE)
    try:
        problems = store.integrity_check()
        report = check_store(store)
    finally:
        store.lock()
    assert len(problems) == 1
    assert f"Page {page_no} of the database fails the tamper check" in problems[0]
    assert "Restore the store from a backup" in problems[0]
    assert not report.ok and report.problems[0] == problems[0]
    assert "found problems" in report.summary()
    assert path.read_bytes() == before        # checking never writes to a damaged store
    if where == 0:
        figures(f"tamper: byte flipped in page {page_no} of {pages}: reported by the store "
                f"check ({problems[0][:60]}…)")


@pytest.mark.parametrize("offset", [0, 15, 16, 21, 60, 2000, PAGE - 80, PAGE - 1])
def test_flipped_byte_in_header_page_refuses_to_open(store_dir, offset):
    path = db_path(store_dir)
    _flip(path, offset)
    before = _snapshot(store_dir)
    for _ in range(2):                        # and again: still refused, still untouched
        with pytest.raises(StoreDamaged) as err:
            Store.unlock(store_dir, PASSPHRASE)
        assert "cannot be read with this store's key" in str(err.value)
        assert "Nothing was changed" in str(err.value)
        assert _snapshot(store_dir) == before


def test_truncated_database_is_reported_or_refused(big_store_dir):
    path = db_path(big_store_dir)
    data = path.read_bytes()
    path.write_bytes(data[: (len(data) // PAGE // 2) * PAGE])
    before = path.read_bytes()
    try:
        store = Store.unlock(big_store_dir, PASSPHRASE)
    except StoreDamaged:
        assert path.read_bytes() == before
        return
    try:
        report = check_store(store)
    finally:
        store.lock()
    assert not report.ok and report.problems
    assert path.read_bytes() == before


def test_garbage_appended_is_reported(big_store_dir):
    path = db_path(big_store_dir)
    with open(path, "ab") as fh:
        fh.write(b"\x00junk" * 100)
    store = Store.unlock(big_store_dir, PASSPHRASE)
    try:
        report = check_store(store)
    finally:
        store.lock()
    assert not report.ok


def test_check_store_reports_an_edited_audit_event(store, person):
    store.db.execute("UPDATE audit_event SET actor = 'someone else' WHERE seq = 1")
    report = check_store(store)
    assert not report.ok
    assert any("audit log has been tampered with" in p and "event 1" in p
               for p in report.problems)


def test_clean_store_check_and_schedule(store, person):
    assert check_due(store)
    report = check_store(store)
    assert report.ok and report.problems == [] and report.pages > 0
    assert report.audit_events >= 1 and "intact" in report.summary()
    record_check(store, report)
    assert not check_due(store)
    assert check_due(store, now=utc_now() + timedelta(days=8))
