"""A canary written through the store never appears in plaintext on disk."""
import sqlite3
import tempfile
from pathlib import Path

import pytest

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store.paths import db_path

CANARY = "Zebedee Quixotic-Canary"



@pytest.fixture
def backend():
    """SQLCipher only: these tests are about what a store folder holds on disk (the hub keeps no files)."""
    return "sqlite"

def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_canary_absent_from_db_wal_shm_and_temp(store):
    tmp_before = set(Path(tempfile.gettempdir()).iterdir())
    p = store.people.add(Person(name=CANARY, address=f"{CANARY} House"))
    for i in range(20):
        store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, f"{CANARY} {i}")
    names = {q.name for q in store.folder.iterdir()}
    assert "store.db-wal" in names  # WAL mode: the log exists while open, and is encrypted
    for name, data in _all_bytes(store.folder).items():
        assert CANARY.encode() not in data, name
        assert CANARY.encode("utf-16-le") not in data, name
    new_tmp = set(Path(tempfile.gettempdir()).iterdir()) - tmp_before
    for f in new_tmp:
        if f.is_file():
            assert CANARY.encode() not in f.read_bytes()
    store.lock()
    raw = db_path(store.folder).read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert CANARY.encode() not in raw


def test_plain_sqlite_cannot_read(store):
    store.people.add(Person(name=CANARY))
    folder = store.folder
    store.lock()
    con = sqlite3.connect(db_path(folder))
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("SELECT * FROM person").fetchall()
    con.close()
