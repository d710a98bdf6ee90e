"""A stolen laptop reveals less: finished cases leave the field device.

On a field device, a person's records are removed (``desktop.store.purge.erase_person``: secure
delete, space reclaimed, a tombstone and the audit entries kept) when

- the case is **closed by the agency that holds it** (the newest change to the person's status
  came from that agency, and says closed), and ``closed_case_days`` have passed since (default
  0: as soon as the next condition holds); or the case was **released** to another device by
  that agency (a package of it lists the person under ``released``); and
- that agency has **acknowledged everything this device sent about the person**: no change to
  any of their records (made here, or relayed to us) waits to be sent to it or acknowledged.

Runs after every import on a field device (the acknowledgement that makes a case removable
arrives in a package). Nothing is removed on the lead agency's store.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from desktop.store.purge import erase_person, reclaim_space
from desktop.store.settings import CLOSED_CASE_DAYS
from desktop.store.syncstate import Peer, SyncState
from desktop.sync import permissions, registry

RELEASED_KEY = "sync_released"      # meta: {person_id: agency device id} released to others


def linked_tables() -> list[str]:
    return [cls.ENTITY for cls in registry.record_classes().values()
            if cls.ENTITY != "person" and registry.person_linked(cls)]


def released(store) -> dict[str, str]:
    raw = store.meta_get(RELEASED_KEY)
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def note_released(store, peer: Peer, person_ids) -> None:
    """Inside an import: the agency ``peer`` says these cases are no longer this device's. Only
    the agency holding a case can release it."""
    if store.role != "field" or not isinstance(person_ids, list):
        return
    state, now = SyncState(store), released(store)
    changed = False
    for pid in person_ids[:10_000]:
        if isinstance(pid, str) and pid not in now and \
                permissions.case_agency(store, state, pid) == peer.device_id:
            now[pid] = peer.device_id
            changed = True
    if changed:
        store.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                         "UPDATE SET value = excluded.value", (RELEASED_KEY, json.dumps(now)))


def finished_cases(store, now: datetime | None = None) -> list[tuple[str, str]]:
    """``[(person_id, "closed" | "released")]`` that may be removed now."""
    if store.role != "field":
        return []
    now = now or datetime.now(timezone.utc)
    state = SyncState(store)
    keep_days = store.settings.get(CLOSED_CASE_DAYS)
    tables = linked_tables()
    out = []
    candidates = {pid: "released" for pid in released(store)}
    for (pid,) in store.db.execute("SELECT id FROM person WHERE status = 'closed' AND "
                                   "deleted = 0").fetchall():
        candidates.setdefault(pid, "closed")
    for pid, why in candidates.items():
        holder = permissions.case_agency(store, state, pid)
        peer = state.peer(holder) if holder else None
        if peer is None:
            continue
        if why == "closed":
            closed_at = _closed_by(store, pid, holder)
            if closed_at is None or closed_at + timedelta(days=keep_days) > now:
                continue
        if _waiting(store, peer, pid, tables):
            continue
        if store.db.execute("SELECT 1 FROM person WHERE id = ? AND name != ''",
                            (pid,)).fetchone() is None:
            continue            # already removed
        out.append((pid, why))
    return out


def remove_finished_cases(store, now: datetime | None = None) -> int:
    """Remove every finished case (see the module docstring); returns how many."""
    done = finished_cases(store, now)
    tables = linked_tables()
    for pid, why in done:
        erase_person(store, pid, tables, f"case {why}, acknowledged by the lead agency")
    if done:
        reclaim_space(store)
    return len(done)


def _closed_by(store, person_id: str, holder: str) -> datetime | None:
    """When the holding agency closed the case (None if the newest status change was not a
    closure by that agency)."""
    row = store.db.execute(
        "SELECT c.at, j.value, s.peer FROM change_log c JOIN json_each(c.fields) j "
        "LEFT JOIN sync_change_source s ON s.change_seq = c.seq "
        "WHERE c.entity = 'person' AND c.record_id = ? AND j.key = 'status' "
        "ORDER BY c.stamp DESC LIMIT 1", (person_id,)).fetchone()
    if row is None or row[1] != "closed" or row[2] != holder:
        return None
    try:
        at = datetime.fromisoformat(row[0])
    except (TypeError, ValueError):
        return None
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def _waiting(store, peer: Peer, person_id: str, tables: list[str]) -> bool:
    """Does any change about this person still wait to be sent to, or acknowledged by, the
    agency? (Everything not from that agency is sent to it.)"""
    db = store.db
    pairs = [("person", [person_id])]
    for table in tables:
        try:
            pairs.append((table, [r[0] for r in db.execute(
                f"SELECT id FROM {table} WHERE person_id = ?", (person_id,))]))
        except Exception:   # noqa: BLE001 - a kind whose table this store does not have
            continue
    for entity, ids in pairs:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            row = db.execute(
                f"SELECT 1 FROM change_log WHERE seq > ? AND entity = ? AND record_id IN "
                f"({', '.join('?' * len(chunk))}) AND origin_device != ? AND seq NOT IN "
                "(SELECT change_seq FROM sync_change_source WHERE peer = ?) LIMIT 1",
                (peer.acked_change_seq, entity, *chunk, peer.device_id,
                 peer.device_id)).fetchone()
            if row:
                return True
    return False
