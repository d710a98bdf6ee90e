"""Numbered schema migrations, applied in order, one transaction each.

Each module ``mNNNN_<name>.py`` in this package defines ``VERSION = NNNN`` and ``up(db)``. They
are found automatically; versions must run 1, 2, 3, … without gaps. The schema version lives in
``PRAGMA user_version`` (transactional, in the database header). A store written by a newer
build (a version this build does not know) is refused, never opened or "repaired".
"""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from desktop.store.errors import StoreTooNew


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


def schema_version(db) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


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
            mod.up(db)
            db.execute(f"PRAGMA user_version = {int(mod.VERSION)}")
            db.execute("COMMIT")
        except BaseException:
            try:
                db.execute("ROLLBACK")
            except Exception:  # SQLite may already have rolled back (disk full, I/O error)
                pass
            raise
        applied.append(mod.VERSION)
    return applied
