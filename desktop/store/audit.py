"""The hash-chained audit log: who did what to which record, when.

Each event's hash covers its own fields and the previous event's hash; the newest sequence
number and hash are also kept in ``meta``, so an edited, removed or truncated event shows up in
``verify``. The detail never holds free text about the person, only field names.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

GENESIS = "0" * 64


def _digest(seq, at, actor, device, action, entity, record_id, detail, prev_hash) -> str:
    blob = json.dumps([seq, at, actor, device, action, entity, record_id, detail, prev_hash],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _head(db) -> tuple[int, str]:
    row = db.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if not row:
        return 0, GENESIS
    seq, h = row[0].split(":", 1)
    return int(seq), h


def append(db, *, at: str, actor: str, device: str, action: str, entity: str,
           record_id: str, detail: str = "") -> int:
    """Append one event; call inside the transaction that makes the change."""
    seq, prev = _head(db)
    seq += 1
    h = _digest(seq, at, actor, device, action, entity, record_id, detail, prev)
    db.execute("INSERT INTO audit_event (seq, at, actor, device, action, entity, record_id, "
               "detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
               (seq, at, actor, device, action, entity, record_id, detail, prev, h))
    db.execute("INSERT INTO meta (key, value) VALUES ('audit_head', ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (f"{seq}:{h}",))
    return seq


@dataclass
class AuditResult:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: str = ""

    def to_json(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "bad_seq": self.bad_seq,
                "reason": self.reason}


def verify(db) -> AuditResult:
    prev, expected_seq, checked = GENESIS, 1, 0
    rows = db.execute("SELECT seq, at, actor, device, action, entity, record_id, detail, "
                      "prev_hash, hash FROM audit_event ORDER BY seq")
    for seq, at, actor, device, action, entity, record_id, detail, prev_hash, h in rows:
        if seq != expected_seq:
            return AuditResult(False, checked, expected_seq,
                               f"event {expected_seq} is missing (next present is {seq})")
        if prev_hash != prev:
            return AuditResult(False, checked, seq, f"event {seq} does not follow event {seq - 1}")
        if _digest(seq, at, actor, device, action, entity, record_id, detail, prev_hash) != h:
            return AuditResult(False, checked, seq, f"event {seq} has been altered")
        prev, expected_seq, checked = h, seq + 1, checked + 1
    head_seq, head_hash = _head(db)
    if head_seq != checked or head_hash != prev:
        return AuditResult(False, checked, checked + 1 if head_seq > checked else head_seq,
                           f"the log ends at event {checked} but should end at event {head_seq}")
    return AuditResult(True, checked)


def events_for(db, entity: str, record_id: str) -> list[dict]:
    cur = db.execute("SELECT seq, at, actor, device, action, detail FROM audit_event "
                     "WHERE entity = ? AND record_id = ? ORDER BY seq", (entity, record_id))
    return [dict(zip(("seq", "at", "actor", "device", "action", "detail"), r)) for r in cur]
