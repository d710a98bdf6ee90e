"""A heavy migration for the crash tests: big enough that a SIGKILL lands inside it.

It adds a table, fills it, adds a column to ``person`` and an index. Applied completely, the
table holds exactly ``ROWS`` rows and every person row says ``migrated``; applied partly (which
must never be visible), something is missing.
"""
from __future__ import annotations

from contextlib import contextmanager

from desktop.store import migrations

ROWS = 8000


class ProbeMigration:
    VERSION = 0  # set by ``installed``
    __name__ = "crash_probe_migration"

    @staticmethod
    def up(db):
        db.execute("CREATE TABLE crash_probe (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        db.executemany("INSERT INTO crash_probe (n, payload) VALUES (?, ?)",
                       ((i, f"row {i:08d} " + "x" * 100) for i in range(ROWS)))
        db.execute("ALTER TABLE person ADD COLUMN crash_probe TEXT")
        db.execute("UPDATE person SET crash_probe = 'migrated'")
        db.execute("CREATE INDEX crash_probe_payload ON crash_probe (payload)")


@contextmanager
def installed():
    """Make ``ProbeMigration`` the newest migration for the duration."""
    saved = migrations.MIGRATIONS, migrations.LATEST
    real = [m for m in saved[0] if m is not ProbeMigration]
    ProbeMigration.VERSION = len(real) + 1
    migrations.MIGRATIONS = [*real, ProbeMigration]
    migrations.LATEST = ProbeMigration.VERSION
    try:
        yield ProbeMigration
    finally:
        migrations.MIGRATIONS, migrations.LATEST = saved


def applied_completely(db) -> bool:
    if db.execute("PRAGMA user_version").fetchone()[0] != ProbeMigration.VERSION:
        return False
    if db.execute("SELECT count(*) FROM crash_probe").fetchone()[0] != ROWS:
        return False
    left = db.execute("SELECT count(*) FROM person WHERE crash_probe IS NOT 'migrated'")
    return left.fetchone()[0] == 0
