"""Witnessed audit heads: other stores remember where this store's audit chain stood.

Someone holding the database key can rewrite the audit log and recompute even the keyed
chain; nothing inside one store can stop that. But every sync package carries the sender's
audit head (sequence, hash), which the receiver keeps (``subject = 'peer'``), and every
acknowledgement carries back the head the receiver last saw (kept by the sender as
``subject = 'own'``). From then on:

- ``check`` (run by ``audit verify`` and the store check) compares this store's chain with
  every head a peer has witnessed: an event that differs, or a log that now ends before a
  witnessed event, is reported — rewriting or cutting history already seen elsewhere shows;
- ``take`` (on import) compares a peer's new head with what it showed before: a head further
  back than one already seen, or a witnessed event whose hash has changed (each package names
  the hash its sender now has for the last event we acknowledged), is recorded as a problem,
  so the *other side* sees the tampering too.

Events made after the last exchange are not witnessed by anyone yet. Rows hold numbers,
hashes and device ids only.
"""
from __future__ import annotations

import re

from desktop.store import audit

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
MAX_SEQ = 2 ** 53


def valid_head(value) -> tuple[int, str] | None:
    """``(sequence, hash)`` from a ``{"sequence": n, "hash": h}`` dict, if well-formed."""
    if not isinstance(value, dict):
        return None
    seq, h = value.get("sequence"), value.get("hash")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_SEQ or \
            not isinstance(h, str) or not _HEX64.match(h):
        return None
    return seq, h


def outgoing(db, peer: str) -> dict:
    """The ``audit_head`` for a package to ``peer``: this store's head, and the hash this
    store now has for the newest event ``peer`` has acknowledged seeing."""
    seq, h = audit.head(db)
    head = {"sequence": seq, "hash": h, "witnessed": None}
    row = db.execute("SELECT audit_seq FROM audit_witness WHERE peer = ? AND subject = 'own' "
                     "ORDER BY audit_seq DESC LIMIT 1", (peer,)).fetchone()
    if row:
        ev = db.execute("SELECT hash FROM audit_event WHERE seq = ?", (row[0],)).fetchone()
        head["witnessed"] = {"sequence": row[0], "hash": ev[0] if ev else audit.GENESIS}
    return head


def peer_view(db, peer: str) -> dict | None:
    """For an acknowledgement to ``peer``: its audit head as its last package showed it."""
    row = db.execute("SELECT audit_seq, audit_hash FROM audit_witness WHERE peer = ? AND "
                     "subject = 'peer' ORDER BY id DESC LIMIT 1", (peer,)).fetchone()
    return {"sequence": row[0], "hash": row[1]} if row else None


def take(db, at: str, peer: str, peer_name: str, package_sequence: int,
         manifest: dict) -> list[str]:
    """Keep the witnesses a package carries (inside the import's transaction); returns the
    problems found (also kept, so ``audit verify`` reports them)."""
    problems: list[str] = []
    head = valid_head(manifest.get("audit_head"))
    if head is not None:
        seq, h = head
        row = db.execute("SELECT max(audit_seq) FROM audit_witness WHERE peer = ? AND "
                         "subject = 'peer'", (peer,)).fetchone()
        if row[0] is not None and seq < row[0]:
            problems.append(f"the audit log of {peer_name} now ends at event {seq}, but its "
                            f"earlier packages showed event {row[0]}: events were cut there, "
                            "or that store was restored from an older backup")
        seen = valid_head((manifest.get("audit_head") or {}).get("witnessed"))
        if seen is not None:
            old = db.execute("SELECT audit_hash, at FROM audit_witness WHERE peer = ? AND "
                             "subject = 'peer' AND audit_seq = ? ORDER BY id LIMIT 1",
                             (peer, seen[0])).fetchone()
            if old is not None and old[0] != seen[1]:
                problems.append(f"event {seen[0]} of the audit log of {peer_name} is not what "
                                f"its package of {old[1][:10]} showed: its history was "
                                "rewritten")
        db.execute("INSERT INTO audit_witness (peer, subject, audit_seq, audit_hash, "
                   "package_sequence, at, problem) VALUES (?, 'peer', ?, ?, ?, ?, ?)",
                   (peer, seq, h, package_sequence, at, " ".join(problems)))
    ack = manifest.get("acknowledgement")
    mine = valid_head(ack.get("audit_head")) if isinstance(ack, dict) else None
    if mine is not None:
        db.execute("INSERT INTO audit_witness (peer, subject, audit_seq, audit_hash, "
                   "package_sequence, at) VALUES (?, 'own', ?, ?, ?, ?)",
                   (peer, mine[0], mine[1], package_sequence, at))
    return problems


def check(db) -> tuple[int, list[str]]:
    """``(witnesses checked, problems)``: this chain against every head peers have seen, and
    the problems found in peers' chains when their packages arrived."""
    names = dict(_names(db))
    problems: list[str] = []
    last = db.execute("SELECT coalesce(max(seq), 0) FROM audit_event").fetchone()[0]
    rows = db.execute("SELECT w.peer, w.audit_seq, w.audit_hash, min(w.at), e.hash "
                      "FROM audit_witness w LEFT JOIN audit_event e ON e.seq = w.audit_seq "
                      "WHERE w.subject = 'own' AND w.audit_seq > 0 "
                      "GROUP BY w.peer, w.audit_seq, w.audit_hash, e.hash ORDER BY w.audit_seq").fetchall()
    for peer, seq, h, at, ours in rows:
        who = names.get(peer, peer)
        if ours is None:
            problems.append(f"the audit log ends at event {last}, but {who} saw event {seq} "
                            f"(on {str(at)[:10]}): events were cut, or this store was "
                            "restored from an older backup")
        elif ours != h:
            problems.append(f"event {seq} of the audit log is not what {who} saw on "
                            f"{str(at)[:10]}: the log was rewritten")
    for (problem,) in db.execute("SELECT problem FROM audit_witness WHERE problem != '' "
                                 "ORDER BY id"):
        problems.append(problem)
    return len(rows), problems


def _names(db):
    try:
        for device_id, kind, worker, agency in db.execute(
                "SELECT device_id, kind, worker, agency FROM sync_peer"):
            yield device_id, (agency if kind == "agency" else worker) or device_id
    except Exception:  # noqa: BLE001 - a store without sync tables has no peers
        return
