"""Numbered schema migrations, applied in order, one transaction each.

Each module ``mNNNN_<name>.py`` in this package defines ``VERSION = NNNN`` and ``up(db)``. They
are found automatically; versions must run 1, 2, 3, … without gaps. The schema version lives in
the database: ``PRAGMA user_version`` on SQLite (transactional, in the database header), the
one-row ``schema_version`` table on the PostgreSQL hub (set in the migration's transaction, under
an advisory lock so two processes opening a hub at once migrate it once). A migration's ``up``
is written once in SQLite's dialect, which the hub's connection translates; where the dialects
differ (triggers), it asks ``dialect(db)``. A store written by a newer
build (a version this build does not know) is refused, never opened or "repaired".
"""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from desktop.store.errors import StoreTooNew
from desktop.store.postgres import is_postgresql


def _discover() -> list[ModuleType]:
    mods = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            mods.append(importlib.import_module(f"{__name__}.{info.name}"))
    mods.sort(key=lambda m: m.VERSION)
    for expected, mod in enumerate(mods, start=1):
        if mod.VERSION != expected:
            raise RuntimeError(f"migration numbering has a gap or clash at {mod.__name__}")
    return mods


MIGRATIONS = _discover()
LATEST = len(MIGRATIONS)


MIGRATE_LOCK = 0x5374_6b4d_6967   # pg_advisory_xact_lock key while migrating a hub


def schema_version(db) -> int:
    if is_postgresql(db):
        if not db.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]:
            return 0
        row = db.execute("SELECT version FROM schema_version").fetchone()
        return row[0] if row else 0
    return db.execute("PRAGMA user_version").fetchone()[0]


def _set_version(db, version: int) -> None:
    if is_postgresql(db):
        db.execute("DELETE FROM schema_version")
        db.execute("INSERT INTO schema_version (version) VALUES (?)", (int(version),))
    else:
        db.execute(f"PRAGMA user_version = {int(version)}")


def check_not_newer(db) -> int:
    version = schema_version(db)
    if version > LATEST:
        raise StoreTooNew(
            f"This store was written by a newer version of Stickability (schema {version}; this "
            f"version knows up to {LATEST}). Install the newer version to open it. The store has "
            "not been changed.")
    return version


def pending(db) -> list[ModuleType]:
    return [m for m in MIGRATIONS if m.VERSION > check_not_newer(db)]


def migrate(db, before_each=None) -> list[int]:
    """Apply every pending migration; returns the versions applied."""
    applied = []
    for mod in pending(db):
        if before_each:
            before_each(mod)
        db.execute("BEGIN IMMEDIATE")
        try:
            if is_postgresql(db):
                db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATE_LOCK,))
                db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                if schema_version(db) >= mod.VERSION:    # another process got here first
                    db.execute("COMMIT")
                    continue
            mod.up(db)
            _set_version(db, mod.VERSION)
            db.execute("COMMIT")
        except BaseException:
            try:
                db.execute("ROLLBACK")
            except Exception:  # SQLite may already have rolled back (disk full, I/O error)
                pass
            raise
        applied.append(mod.VERSION)
    return applied
