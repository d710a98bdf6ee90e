"""Merges of two person records (``desktop.domain.person_merge``): who stayed, who was merged
in (a redirect tombstone), why, and what moved, so that a merge travels and can be undone."""
from desktop.store.migrations.m0001_core import RECORD_META

VERSION = 7


def up(db):
    for sql in STATEMENTS:
        db.execute(sql)


STATEMENTS = [
    # other_id has no foreign key: a device may hold only the survivor
    f"""CREATE TABLE IF NOT EXISTS person_merge ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        other_id TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        moved TEXT,
        undone INTEGER NOT NULL DEFAULT 0,
        undone_reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS person_merge_person ON person_merge (person_id)",
    "CREATE INDEX IF NOT EXISTS person_merge_other ON person_merge (other_id)",
]
