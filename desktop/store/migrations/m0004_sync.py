"""Sync: this device's keys, enrolled peers, per-peer sequences and acknowledgements, the
packages sent (kept until acknowledged), received and held, quarantined records, conflicts and
possible duplicates for a person to review, case assignments for the back-channel."""

VERSION = 4


def up(db):
    for sql in STATEMENTS:
        db.execute(sql)


STATEMENTS = [
    # This store's own sync identity (one row): Ed25519 signing key and age X25519 identity.
    """CREATE TABLE sync_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        signing_key TEXT NOT NULL,
        age_identity TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    # Enrolled peers with the state of both directions of the exchange.
    """CREATE TABLE sync_peer (
        device_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('agency', 'device')),
        role TEXT NOT NULL,
        worker TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        signing_key TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        enrolled_by TEXT NOT NULL,
        in_through INTEGER NOT NULL DEFAULT 0,
        in_last_hash TEXT NOT NULL DEFAULT '',
        in_last_at TEXT,
        out_sequence INTEGER NOT NULL DEFAULT 0,
        out_last_hash TEXT NOT NULL DEFAULT '',
        out_change_seq INTEGER NOT NULL DEFAULT 0,
        acked_through INTEGER NOT NULL DEFAULT 0,
        acked_change_seq INTEGER NOT NULL DEFAULT 0,
        acked_at TEXT,
        ack_sent_through INTEGER NOT NULL DEFAULT 0,
        ack_sent_missing TEXT NOT NULL DEFAULT '[]'
    )""",
    # Packages made for a peer. The signed content is kept until the peer acknowledges it, so
    # a lost file can always be written again with the same sequence number and hash.
    """CREATE TABLE sync_sent (
        peer TEXT NOT NULL REFERENCES sync_peer (device_id),
        sequence INTEGER NOT NULL,
        package_id TEXT NOT NULL,
        package_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        changes INTEGER NOT NULL,
        last_change_seq INTEGER NOT NULL,
        manifest BLOB,
        payload BLOB,
        signature BLOB,
        written_at TEXT,
        resend INTEGER NOT NULL DEFAULT 0,
        acked_at TEXT,
        PRIMARY KEY (peer, sequence)
    )""",
    # Packages imported from a peer (exactly once, in order).
    """CREATE TABLE sync_received (
        peer TEXT NOT NULL REFERENCES sync_peer (device_id),
        sequence INTEGER NOT NULL,
        package_id TEXT NOT NULL,
        package_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        changes INTEGER NOT NULL,
        applied INTEGER NOT NULL,
        quarantined INTEGER NOT NULL,
        conflicts INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        PRIMARY KEY (peer, sequence)
    )""",
    # Verified packages waiting for a missing predecessor.
    """CREATE TABLE sync_held (
        peer TEXT NOT NULL REFERENCES sync_peer (device_id),
        sequence INTEGER NOT NULL,
        package_hash TEXT NOT NULL,
        manifest BLOB NOT NULL,
        payload BLOB NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (peer, sequence)
    )""",
    # What happened to each package file offered for import (no personal data: ids, counts,
    # reasons).
    """CREATE TABLE sync_event (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        peer TEXT NOT NULL DEFAULT '',
        sequence INTEGER,
        file_name TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE sync_quarantine (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        peer TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        stamp TEXT NOT NULL,
        change TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'applied', 'dismissed')),
        resolved_at TEXT,
        resolved_by TEXT
    )""",
    """CREATE TABLE sync_conflict (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        person_id TEXT,
        field TEXT NOT NULL,
        local_value TEXT,
        local_stamp TEXT NOT NULL,
        remote_value TEXT,
        remote_stamp TEXT NOT NULL,
        remote_device TEXT NOT NULL,
        remote_actor TEXT NOT NULL,
        winner TEXT NOT NULL CHECK (winner IN ('local', 'remote')),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolved_at TEXT,
        resolved_by TEXT,
        resolution TEXT
    )""",
    "CREATE INDEX sync_conflict_open ON sync_conflict (status, entity, record_id)",
    """CREATE TABLE sync_duplicate (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open'
            CHECK (status IN ('open', 'same_person', 'different_people')),
        resolved_at TEXT,
        resolved_by TEXT,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX sync_duplicate_pair ON sync_duplicate (entity, record_id, other_id)",
    # Cases the lead agency has assigned to a device (sent back with their history).
    """CREATE TABLE sync_assignment (
        peer TEXT NOT NULL REFERENCES sync_peer (device_id),
        person_id TEXT NOT NULL,
        assigned_at TEXT NOT NULL,
        assigned_by TEXT NOT NULL,
        PRIMARY KEY (peer, person_id)
    )""",
    # People whose earlier history has already gone to a device.
    """CREATE TABLE sync_peer_person (
        peer TEXT NOT NULL,
        person_id TEXT NOT NULL,
        PRIMARY KEY (peer, person_id)
    )""",
    # Which peer delivered an imported change (never echoed back to it).
    """CREATE TABLE sync_change_source (
        change_seq INTEGER PRIMARY KEY,
        peer TEXT NOT NULL
    )""",
    "CREATE INDEX change_log_stamp ON change_log (entity, record_id, stamp)",
]
