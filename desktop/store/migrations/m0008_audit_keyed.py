"""Tamper evidence: the audit chain becomes keyed and bound to the change log, and the audit
heads other stores have seen are kept as witnesses (see desktop/store/audit.py, witness.py).

Existing events keep their plain hashes; one ``audit-keyed`` event binds the last of them and a
digest of every change made so far, and every event after it is keyed (HMAC-SHA256 under a
random key kept in ``meta``) and carries the hash of the change-log entry it records.
"""
from datetime import datetime, timezone

VERSION = 8

COLUMNS = {"change_seq": "INTEGER", "content_hash": "TEXT NOT NULL DEFAULT ''"}
STATEMENTS = [
    "CREATE INDEX IF NOT EXISTS audit_event_change ON audit_event (change_seq)",
    # Heads of audit chains seen by sync: 'peer' = a peer's chain as its packages showed it;
    # 'own' = this store's chain as a peer's acknowledgement says it saw it. ``problem`` holds
    # a mismatch found when the witness arrived (no personal data: numbers and names).
    """CREATE TABLE IF NOT EXISTS audit_witness (
        id INTEGER PRIMARY KEY,
        peer TEXT NOT NULL,
        subject TEXT NOT NULL CHECK (subject IN ('own', 'peer')),
        audit_seq INTEGER NOT NULL,
        audit_hash TEXT NOT NULL,
        package_sequence INTEGER,
        at TEXT NOT NULL,
        problem TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX IF NOT EXISTS audit_witness_peer ON audit_witness (peer, subject, audit_seq)",
    # Change-log entries removed on purpose (``audit.purge_changes``: a closed case removed
    # from a field device), each covered by the keyed ``purge`` event that removed it.
    """CREATE TABLE IF NOT EXISTS change_purged (
        seq INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        audit_seq INTEGER NOT NULL
    )""",
]


def up(db):
    """Idempotent (tests roll ``user_version`` back and migrate again)."""
    from desktop.store import audit
    have = {r[1] for r in db.execute("PRAGMA table_info(audit_event)")}
    for name, decl in COLUMNS.items():
        if name not in have:
            db.execute(f"ALTER TABLE audit_event ADD COLUMN {name} {decl}")
    for sql in STATEMENTS:
        db.execute(sql)
    if audit.chain_key(db) is not None:
        return
    row = db.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    audit.start_keyed_chain(db, at=at, device=row[0] if row else "")
