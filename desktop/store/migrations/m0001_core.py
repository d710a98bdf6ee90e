"""Core schema: store metadata, the change log (history + sync outbox), the hash-chained audit
log, people and contact attempts."""

VERSION = 1


def up(db):
    for sql in STATEMENTS:
        db.execute(sql)


RECORD_META = """
    id TEXT PRIMARY KEY,
    created_at TEXT, created_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT, updated_by TEXT NOT NULL DEFAULT '',
    origin_device TEXT NOT NULL DEFAULT '',
    deleted INTEGER NOT NULL DEFAULT 0,
    version TEXT NOT NULL DEFAULT ''
"""

STATEMENTS = [
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        stamp TEXT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'tombstone')),
        fields TEXT NOT NULL,
        old TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        origin_device TEXT NOT NULL
    )""",
    "CREATE INDEX change_log_record ON change_log (entity, record_id, seq)",
    """CREATE TABLE audit_event (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        device TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    )""",
    f"""CREATE TABLE person ({RECORD_META},
        name TEXT NOT NULL,
        known_as TEXT NOT NULL DEFAULT '',
        date_of_birth TEXT,
        address TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        lead_agency TEXT NOT NULL DEFAULT '',
        spoc TEXT NOT NULL DEFAULT '',
        safe_contact TEXT, communication TEXT, dependants TEXT, capacity TEXT,
        advocacy TEXT, consent TEXT, agencies TEXT,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX person_name ON person (name COLLATE NOCASE)",
    f"""CREATE TABLE contact_attempt ({RECORD_META},
        person_id TEXT NOT NULL REFERENCES person (id),
        at TEXT NOT NULL,
        worker TEXT NOT NULL DEFAULT '',
        method TEXT NOT NULL,
        outcome TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        next_planned_at TEXT,
        advocacy_offered INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX contact_attempt_person_at ON contact_attempt (person_id, at)",
    "CREATE INDEX audit_event_record ON audit_event (entity, record_id)",
]
