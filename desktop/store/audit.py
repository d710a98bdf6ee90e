"""The audit log: who did what to which record, when — chained, keyed, bound to the records.

Each event's hash covers its own fields and the previous event's hash. Since schema 8 the chain
is **keyed** (HMAC-SHA256 under a random key kept in the store, ``meta.audit_chain_key``) and
each event that records a change also carries the SHA-256 of that change-log entry exactly as
stored (``change_seq``, ``content_hash``), so the change log — and through it every record —
is bound into the chain. The newest sequence and hash are kept in ``meta`` with an HMAC tag.

``verify`` finds: an event edited, removed or re-ordered; an event rewritten and the chain
recomputed as plain SHA-256 (the keyed hashes no longer match); the last events cut and the
head moved back without the key (its tag no longer matches); a change-log entry edited,
removed or added outside the app. Someone holding the database key who also recomputes the
keyed chain is caught only by witnesses (``desktop.store.witness``): heads of this chain that
other stores have seen. Events written before schema 8 keep their plain hashes; the first
keyed event (``audit-keyed``) binds their last hash and a digest of every change made before.
The detail never holds free text about the person, only field names.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from desktop.i18n import _, ngettext  # noqa: F401

GENESIS = "0" * 64
KEY, KEYED_FROM, HEAD, HEAD_TAG = ("audit_chain_key", "audit_keyed_from", "audit_head",
                                   "audit_head_tag")
ANCHOR = "audit-keyed"


def _plain_digest(seq, at, actor, device, action, entity, record_id, detail, prev_hash) -> str:
    blob = json.dumps([seq, at, actor, device, action, entity, record_id, detail, prev_hash],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _keyed_digest(key: bytes, seq, at, actor, device, action, entity, record_id, detail,
                  change_seq, content_hash, prev_hash) -> str:
    blob = json.dumps(["stickability-audit/2", seq, at, actor, device, action, entity,
                       record_id, detail, change_seq, content_hash, prev_hash],
                      ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, blob.encode("utf-8"), hashlib.sha256).hexdigest()


def content_hash(stamp, entity, record_id, op, fields_text, old_text, actor, at,
                 origin_device) -> str:
    """SHA-256 of one change-log entry exactly as stored (its JSON columns as text)."""
    blob = json.dumps([stamp, entity, record_id, op, fields_text, old_text, actor, at,
                       origin_device], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _meta(db, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(db, key: str, value: str) -> None:
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def chain_key(db) -> bytes | None:
    raw = _meta(db, KEY)
    return bytes.fromhex(raw) if raw else None


def _head(db) -> tuple[int, str]:
    raw = _meta(db, HEAD)
    if not raw:
        return 0, GENESIS
    seq, h = raw.split(":", 1)
    return int(seq), h


def head(db) -> tuple[int, str]:
    """``(sequence, hash)`` of the newest event: what other stores witness."""
    return _head(db)


def _head_tag(key: bytes, seq: int, h: str) -> str:
    return hmac.new(key, f"head|{seq}|{h}".encode(), hashlib.sha256).hexdigest()


def append(db, *, at: str, actor: str, device: str, action: str, entity: str,
           record_id: str, detail: str = "", change_seq: int | None = None,
           content: str = "", key: bytes | None = None) -> int:
    """Append one event; call inside the transaction that makes the change. ``key``: the
    chain key when the caller has it (``Transaction.chain_key()``), else it is read."""
    seq, prev = _head(db)
    seq += 1
    if key is None:
        key = chain_key(db)
    if key is None:           # a store before schema 8 (only while migrating)
        h = _plain_digest(seq, at, actor, device, action, entity, record_id, detail, prev)
        db.execute("INSERT INTO audit_event (seq, at, actor, device, action, entity, record_id, "
                   "detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (seq, at, actor, device, action, entity, record_id, detail, prev, h))
    else:
        h = _keyed_digest(key, seq, at, actor, device, action, entity, record_id, detail,
                          change_seq, content, prev)
        db.execute("INSERT INTO audit_event (seq, at, actor, device, action, entity, record_id, "
                   "detail, change_seq, content_hash, prev_hash, hash) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (seq, at, actor, device, action, entity, record_id, detail, change_seq,
                    content, prev, h))
        # head and its tag in one statement (a statement is a round trip on the hub)
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?), (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   (HEAD_TAG, _head_tag(key, seq, h), HEAD, f"{seq}:{h}"))
        return seq
    _set_meta(db, HEAD, f"{seq}:{h}")
    return seq


def append_many(db, events: list[dict], *, key: bytes) -> int:
    """Append keyed events (each a dict of ``append``'s keyword arguments but ``key``) in
    order, reading and writing the head once: many changes of one transaction (a bulk add).
    Returns the last event's sequence."""
    seq, prev = _head(db)
    rows = []
    for e in events:
        seq += 1
        detail, change_seq, content = e.get("detail", ""), e.get("change_seq"), \
            e.get("content", "")
        h = _keyed_digest(key, seq, e["at"], e["actor"], e["device"], e["action"],
                          e["entity"], e["record_id"], detail, change_seq, content, prev)
        rows.append((seq, e["at"], e["actor"], e["device"], e["action"], e["entity"],
                     e["record_id"], detail, change_seq, content, prev, h))
        prev = h
    if rows:
        db.executemany("INSERT INTO audit_event (seq, at, actor, device, action, entity, "
                       "record_id, detail, change_seq, content_hash, prev_hash, hash) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?), (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   (HEAD_TAG, _head_tag(key, seq, prev), HEAD, f"{seq}:{prev}"))
    return seq


def changes_digest(db, through: int) -> str:
    """One hash over every change-log entry up to ``through`` (the anchor binds these)."""
    acc = hashlib.sha256(b"stickability-changes/1")
    for row in db.execute("SELECT stamp, entity, record_id, op, fields, old, actor, at, "
                          "origin_device FROM change_log WHERE seq <= ? ORDER BY seq",
                          (through,)):
        acc.update(bytes.fromhex(content_hash(*row)))
    return acc.hexdigest()


def start_keyed_chain(db, *, at: str, device: str) -> None:
    """Schema 6: make the chain key; bind what came before with one ``audit-keyed`` event."""
    import os
    _set_meta(db, KEY, os.urandom(32).hex())
    seq, h = _head(db)
    through = db.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
    _set_meta(db, KEYED_FROM, str(seq + 1))
    if seq == 0 and through == 0:
        return                    # a new store: nothing before to bind
    append(db, at=at, actor="Stickability", device=device, action=ANCHOR, entity="audit",
           record_id="", detail=f"plain_head={seq}:{h};changes_through={through};"
                                f"changes_digest={changes_digest(db, through)}")


def purge_changes(db, *, at: str, actor: str, device: str, entity: str, record_id: str,
                  seqs: list[int]) -> int:
    """Remove change-log entries on purpose (a purge of a closed case), inside the caller's
    transaction, so that ``verify`` still passes: their audit events stay, the removed entries
    are listed in ``change_purged`` and one keyed ``purge`` event binds the list. Rows of the
    records concerned are the caller's to remove. Returns the ``purge`` event's sequence."""
    seqs = sorted(set(int(s) for s in seqs))
    rows = []
    for i in range(0, len(seqs), 500):
        chunk = seqs[i:i + 500]
        rows += db.execute(f"SELECT seq, entity, record_id FROM change_log WHERE seq IN "
                           f"({', '.join('?' * len(chunk))})", chunk).fetchall()
    ev = append(db, at=at, actor=actor, device=device, action="purge", entity=entity,
                record_id=record_id, detail=f"changes={len(rows)};digest={_purge_digest(rows)}")
    db.executemany("INSERT INTO change_purged (seq, entity, record_id, audit_seq) "
                   "VALUES (?, ?, ?, ?)", [(s, e, r, ev) for s, e, r in rows])
    db.executemany("DELETE FROM change_log WHERE seq = ?", [(s,) for s, _ignored, _ignored in rows])
    return ev


def _purge_digest(rows) -> str:
    blob = json.dumps(sorted([int(s), str(e), str(r)] for s, e, r in rows),
                      separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class AuditResult:
    ok: bool
    checked: int
    bad_seq: int | None = None
    reason: str = ""
    problems: list[str] = field(default_factory=list)
    witnesses: int = 0

    def to_json(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "bad_seq": self.bad_seq,
                "reason": self.reason, "problems": self.problems, "witnesses": self.witnesses}


def verify(db) -> AuditResult:
    """The chain, its head, and the change log it binds; then every witnessed head."""
    result = _verify_chain(db)
    if result.ok:
        problem = _verify_changes(db)
        if problem:
            result = AuditResult(False, result.checked, problem[0], problem[1])
    from desktop.store import witness
    checked, problems = witness.check(db)
    result.witnesses = checked
    if problems:
        result.problems += problems
        if result.ok:
            result.ok, result.reason = False, problems[0]
    if result.reason and result.reason not in result.problems:
        result.problems.insert(0, result.reason)
    return result


def _verify_chain(db) -> AuditResult:
    key = chain_key(db)
    keyed_from = int(_meta(db, KEYED_FROM) or 0) if key else 0
    prev, expected_seq, checked = GENESIS, 1, 0
    cols = ("seq, at, actor, device, action, entity, record_id, detail, prev_hash, hash"
            + (", change_seq, content_hash" if key else ""))
    for row in db.execute(f"SELECT {cols} FROM audit_event ORDER BY seq"):
        seq, at, actor, device, action, entity, record_id, detail, prev_hash, h = row[:10]
        if seq != expected_seq:
            return AuditResult(False, checked, expected_seq,
                               f"event {expected_seq} is missing (next present is {seq})")
        if prev_hash != prev:
            return AuditResult(False, checked, seq, f"event {seq} does not follow event {seq - 1}")
        if key and seq >= keyed_from:
            want = _keyed_digest(key, seq, at, actor, device, action, entity, record_id, detail,
                                 row[10], row[11], prev_hash)
            if seq == keyed_from and keyed_from > 1 and action != ANCHOR:
                return AuditResult(False, checked, seq, f"event {seq} has been altered")
        else:
            want = _plain_digest(seq, at, actor, device, action, entity, record_id, detail,
                                 prev_hash)
        if not hmac.compare_digest(want, h):
            return AuditResult(False, checked, seq, f"event {seq} has been altered")
        prev, expected_seq, checked = h, seq + 1, checked + 1
    head_seq, head_hash = _head(db)
    if head_seq != checked or head_hash != prev:
        return AuditResult(False, checked, checked + 1 if head_seq > checked else head_seq,
                           f"the log ends at event {checked} but should end at event {head_seq}")
    if key and checked >= keyed_from and not hmac.compare_digest(
            _meta(db, HEAD_TAG) or "", _head_tag(key, head_seq, head_hash)):
        return AuditResult(False, checked, head_seq,
                           f"the end of the log was moved (events after {checked} were cut, or "
                           "the log was rewritten outside Stickability)")
    return AuditResult(True, checked)


def _verify_changes(db) -> tuple[int | None, str] | None:
    """Every change-log entry matches the hash its audit event carries; none is unaudited."""
    if chain_key(db) is None:
        return None
    through = 0
    anchor = db.execute("SELECT seq, detail FROM audit_event WHERE action = ? ORDER BY seq "
                        "LIMIT 1", (ANCHOR,)).fetchone()
    if anchor:
        parts = dict(p.split("=", 1) for p in anchor[1].split(";") if "=" in p)
        through = int(parts.get("changes_through", 0))
        if changes_digest(db, through) != parts.get("changes_digest"):
            return anchor[0], (f"a change recorded before the audit log was keyed (one of the "
                               f"first {through}) was altered or removed")
    cur = db.execute(
        "SELECT c.seq, c.stamp, c.entity, c.record_id, c.op, c.fields, c.old, c.actor, c.at, "
        "c.origin_device, a.seq, a.content_hash FROM change_log c "
        "LEFT JOIN audit_event a ON a.change_seq = c.seq WHERE c.seq > ? ORDER BY c.seq",
        (through,))
    for row in cur:
        if row[10] is None:
            return None, (f"change {row[0]} ({row[2].replace('_', ' ')}) is not in the audit "
                          "log: it was written outside Stickability")
        if content_hash(*row[1:10]) != row[11]:
            return row[10], (f"change {row[0]} ({row[2].replace('_', ' ')}) was altered after "
                             f"it was recorded (audit event {row[10]})")
    gone = db.execute("SELECT a.seq, a.change_seq FROM audit_event a LEFT JOIN change_log c "
                      "ON c.seq = a.change_seq LEFT JOIN change_purged p ON p.seq = a.change_seq "
                      "WHERE a.change_seq IS NOT NULL AND c.seq IS NULL AND p.seq IS NULL "
                      "ORDER BY a.seq LIMIT 1").fetchone()
    if gone:
        return gone[0], f"change {gone[1]} (audit event {gone[0]}) was removed from the change log"
    purged: dict[int, list] = {}
    for s, e, r, ev in db.execute("SELECT seq, entity, record_id, audit_seq FROM change_purged"):
        purged.setdefault(ev, []).append((s, e, r))
    for ev, rows in purged.items():
        event = db.execute("SELECT action, detail FROM audit_event WHERE seq = ?",
                           (ev,)).fetchone()
        if event is None or event[0] != "purge" or \
                f"digest={_purge_digest(rows)}" not in event[1]:
            return ev, (f"changes were removed from the change log without a purge recorded "
                        f"in the audit log (event {ev})")
    return None


def events_for(db, entity: str, record_id: str) -> list[dict]:
    cur = db.execute("SELECT seq, at, actor, device, action, detail FROM audit_event "
                     "WHERE entity = ? AND record_id = ? ORDER BY seq", (entity, record_id))
    return [dict(zip(("seq", "at", "actor", "device", "action", "detail"), r)) for r in cur]
