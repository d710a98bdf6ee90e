"""Erasing one person's records from this store (a field device giving a finished case back).

What goes: every record that belongs to the person (every kind with ``person_id``), their
history in the change log, drafts, the caseload summary row, and conflicts, duplicates and
quarantined changes about them. What stays: a tombstone (the person's id, deleted, no name or
details), so a late change about them is recognised, and the audit log (which never holds
free text about anyone) with one more event saying the case was removed.

Deleted content is overwritten (SQLite ``secure_delete``) and the space is given back to the
file system (``VACUUM``), then the write-ahead log is emptied, so the removed records are in
no page of the database file, its log or its free list.
"""
from __future__ import annotations

from desktop.domain import codec
from desktop.domain.person import CaseStatus, Person
from desktop.store import audit


def erase_person(store, person_id: str, linked_tables: list[str], reason: str) -> int:
    """Remove the person's records (see the module docstring) in one transaction; returns how
    many records went. The caller decides when this is allowed."""
    db = store.db
    removed, history = 0, []
    db.execute("PRAGMA secure_delete = ON")
    with store.transaction() as tx:
        person = store.people.get(person_id, include_deleted=True)
        if person is None:
            return 0
        for table in linked_tables:
            try:
                ids = [r[0] for r in db.execute(f"SELECT id FROM {table} WHERE person_id = ?",
                                                (person_id,))]
            except Exception:   # noqa: BLE001 - a kind whose table this store does not have
                continue
            history += _forget_history(db, table, ids)
            db.execute(f"DELETE FROM {table} WHERE person_id = ?", (person_id,))
            removed += len(ids)
        history += _forget_history(db, "person", [person_id])
        # through the audit log, so that `audit verify` and the row check know the history
        # was removed on purpose (a keyed 'purge' event lists it) and not cut by hand
        audit.purge_changes(db, at=tx.now_iso, actor=store.actor, device=store.device_id,
                            entity="person", record_id=person_id, seqs=history)
        for sql in ("DELETE FROM draft WHERE person_id = ?",
                    "DELETE FROM person_contact_summary WHERE person_id = ?",
                    "DELETE FROM sync_conflict WHERE person_id = ?",
                    "DELETE FROM sync_duplicate WHERE entity = 'person' AND "
                    "(record_id = ?1 OR other_id = ?1)",
                    "DELETE FROM sync_quarantine WHERE record_id = ?1 OR "
                    "json_extract(change, '$.fields.person_id') = ?1"):
            try:
                db.execute(sql, (person_id,))
            except Exception:   # noqa: BLE001 - a table an older store does not have
                continue
        tomb = Person(id=person_id, name="", status=CaseStatus.CLOSED, deleted=True,
                      origin_device=person.origin_device, version=person.version,
                      created_at=person.created_at, updated_at=tx.now)
        db.execute("DELETE FROM person WHERE id = ?", (person_id,))
        repo = store.people
        db.execute(repo._insert, repo.cols.to_row(codec.to_fields(tomb)))
        audit.append(db, at=tx.now_iso, actor=store.actor, device=store.device_id,
                     action="case-removed", entity="person", record_id=person_id,
                     detail=f"{reason},records={removed + 1}")
        tx.changes.entities.add("person")
        tx.changes.person_ids.add(person_id)
    db.execute("PRAGMA secure_delete = OFF")
    return removed + 1


def _forget_history(db, entity: str, ids: list[str]) -> list[int]:
    """The change-log positions of these records (removed by ``audit.purge_changes``)."""
    seqs: list[int] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        db.execute(f"DELETE FROM sync_change_source WHERE change_seq IN (SELECT seq FROM "
                   f"change_log WHERE entity = ? AND record_id IN ({marks}))", (entity, *chunk))
        seqs += [r[0] for r in db.execute(f"SELECT seq FROM change_log WHERE entity = ? AND "
                                          f"record_id IN ({marks})", (entity, *chunk))]
    return seqs


def reclaim_space(store) -> None:
    """Give freed pages back (``VACUUM``) and empty the write-ahead log."""
    with store.exclusive():
        store.db.execute("VACUUM")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
