"""Numbered migrations, one transaction each; a newer schema is refused untouched."""
import pytest

from desktop.store import StoreTooNew
from desktop.store import migrations
from desktop.store.paths import db_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE


def test_new_store_is_at_latest_version(store):
    assert migrations.schema_version(store.db) == migrations.LATEST
    assert [m.VERSION for m in migrations.MIGRATIONS] == list(range(1, migrations.LATEST + 1))


def test_newer_schema_is_refused_and_not_touched(store_dir):
    s = Store.unlock(store_dir, PASSPHRASE)
    s.db.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    s.lock()
    before = db_path(store_dir).read_bytes()
    with pytest.raises(StoreTooNew) as err:
        Store.unlock(store_dir, PASSPHRASE)
    assert "newer version" in str(err.value)
    assert db_path(store_dir).read_bytes() == before


def test_pending_migrations_run_in_order_with_backup_hook(tmp_path, monkeypatch):
    """Roll the store back to schema 1 (as the first release left it) and reopen: every later
    migration runs, in order, each in its own transaction, after the backup hook, and what the
    first release wrote is still there."""
    from desktop.domain.contact import ContactMethod, ContactOutcome
    assert migrations.LATEST > 1
    first = migrations.MIGRATIONS[0]
    folder = tmp_path / "store"
    monkeypatch.setattr(migrations, "MIGRATIONS", [first])
    monkeypatch.setattr(migrations, "LATEST", 1)
    s, _code = Store.create(folder, PASSPHRASE, role="field", worker="Old", agency="Old")
    # The rows the first release wrote (its columns only: later fields did not exist yet).
    pid, aid = "01000000-0000-7000-8000-000000000001", "01000000-0000-7000-8000-000000000002"
    s.db.execute("INSERT INTO person (id, created_at, updated_at, version, name) "
                 "VALUES (?, '2025-01-02T10:00:00+00:00', '2025-01-02T10:00:00+00:00', "
                 "'0000000001-0000-dev', 'Written at schema 1')", (pid,))
    s.db.execute("INSERT INTO contact_attempt (id, created_at, updated_at, version, person_id, "
                 "at, method, outcome, note) VALUES (?, '2025-01-02T10:05:00+00:00', "
                 "'2025-01-02T10:05:00+00:00', '0000000002-0000-dev', ?, "
                 "'2025-01-02T10:05:00+00:00', 'phone', 'no_answer', 'old note')", (aid, pid))
    assert migrations.schema_version(s.db) == 1
    old_tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    s.lock()
    monkeypatch.undo()
    assert "visit" not in old_tables and "meeting" not in old_tables

    ran, calls = [], []
    for mod in migrations.MIGRATIONS[1:]:
        def up(db, _real=mod.up, _v=mod.VERSION):
            ran.append((_v, db.execute("PRAGMA user_version").fetchone()[0], db.in_transaction))
            _real(db)
        monkeypatch.setattr(mod, "up", up)
    s = Store.unlock(folder, PASSPHRASE, before_migration=lambda f: calls.append((f, list(ran))))
    try:
        assert calls == [(folder, [])]               # the backup hook ran first, once
        assert ran == [(v, v - 1, True) for v in range(2, migrations.LATEST + 1)]
        assert migrations.schema_version(s.db) == migrations.LATEST
        tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"visit", "goal", "meeting", "closure", "sync_peer"} <= tables
        assert s.people.require(pid).name == "Written at schema 1"
        assert [a.note for a in s.attempts.timeline(pid)] == ["old note"]
        s.attempts.log(pid, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, "new note")
    finally:
        s.lock()


def test_failed_migration_rolls_back(store_dir, monkeypatch):
    class Broken:
        VERSION = migrations.LATEST + 1

        @staticmethod
        def up(db):
            db.execute("CREATE TABLE half_done (x)")
            raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, Broken])
    monkeypatch.setattr(migrations, "LATEST", Broken.VERSION)
    with pytest.raises(RuntimeError):
        Store.unlock(store_dir, PASSPHRASE)
    monkeypatch.undo()
    s = Store.unlock(store_dir, PASSPHRASE)
    assert migrations.schema_version(s.db) == migrations.LATEST
    tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    s.lock()
