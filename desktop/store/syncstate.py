"""SQL for the sync tables (migration 0004): the store side of ``desktop.sync``.

``desktop.sync`` decides (keys, packages, merging); this module only reads and writes rows,
always inside the caller's ``store.transaction()`` for writes. Nothing here holds personal
data except conflict values and quarantined changes, which stay inside the encrypted store.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields as dc_fields
from typing import Iterable

from desktop.store import audit
from desktop.i18n import _, ngettext  # noqa: F401


@dataclass
class Peer:
    device_id: str
    kind: str                # 'agency' (we are a field device) or 'device' (we are the lead)
    role: str
    worker: str
    agency: str
    signing_key: str
    age_recipient: str
    fingerprint: str
    enrolled_at: str
    enrolled_by: str
    in_through: int
    in_last_hash: str
    in_last_at: str | None
    out_sequence: int
    out_last_hash: str
    out_change_seq: int
    acked_through: int
    acked_change_seq: int
    acked_at: str | None
    ack_sent_through: int
    ack_sent_missing: str

    @property
    def name(self) -> str:
        if self.kind == "agency":
            return self.agency or self.worker or self.device_id
        return self.worker or self.device_id

    @property
    def full_sync(self) -> bool:
        """Everything goes to the lead agency; a device only gets its own cases back."""
        return self.kind == "agency"


_PEER_COLS = [f.name for f in dc_fields(Peer)]


@dataclass
class SentPackage:
    peer: str
    sequence: int
    package_id: str
    package_hash: str
    created_at: str
    changes: int
    last_change_seq: int
    manifest: bytes | None
    payload: bytes | None
    signature: bytes | None
    written_at: str | None
    resend: int
    acked_at: str | None


_SENT_COLS = [f.name for f in dc_fields(SentPackage)]


@dataclass(frozen=True)
class LoggedChange:
    seq: int
    stamp: str
    entity: str
    record_id: str
    op: str
    fields: dict
    old: dict | None
    actor: str
    at: str
    origin_device: str


_CHANGE_SQL = ("SELECT seq, stamp, entity, record_id, op, fields, old, actor, at, origin_device "
               "FROM change_log ")


def _change(row) -> LoggedChange:
    seq, stamp, entity, rid, op, f, o, actor, at, dev = row
    return LoggedChange(seq, stamp, entity, rid, op, json.loads(f), json.loads(o) if o else None,
                        actor, at, dev)


class SyncState:
    def __init__(self, store):
        self.store = store

    @property
    def db(self):
        return self.store.db

    # -- identity ------------------------------------------------------------------------
    def identity(self) -> tuple[str, str, str] | None:
        row = self.db.execute(
            "SELECT signing_key, age_identity, created_at FROM sync_identity").fetchone()
        if row is not None and getattr(self.store, "is_hub", False):
            from desktop.store.hub import open_secret     # sealed on the hub (see hub.py)
            row = (open_secret(self.store, row[0], "signing_key"),
                   open_secret(self.store, row[1], "age_identity"), row[2])
        return row

    def save_identity(self, signing_key: str, age_identity: str, at: str) -> None:
        if getattr(self.store, "is_hub", False):
            from desktop.store.hub import seal_secret
            signing_key = seal_secret(self.store, signing_key, "signing_key")
            age_identity = seal_secret(self.store, age_identity, "age_identity")
        self.db.execute("INSERT INTO sync_identity (id, signing_key, age_identity, created_at) "
                        "VALUES (1, ?, ?, ?)", (signing_key, age_identity, at))

    # -- peers ---------------------------------------------------------------------------
    def peers(self) -> list[Peer]:
        cur = self.db.execute(f"SELECT {', '.join(_PEER_COLS)} FROM sync_peer "
                              "ORDER BY enrolled_at, device_id")
        return [Peer(*r) for r in cur]

    def peer(self, device_id: str) -> Peer | None:
        row = self.db.execute(f"SELECT {', '.join(_PEER_COLS)} FROM sync_peer "
                              "WHERE device_id = ?", (device_id,)).fetchone()
        return Peer(*row) if row else None

    def add_peer(self, **cols) -> None:
        names = list(cols)
        self.db.execute(f"INSERT INTO sync_peer ({', '.join(names)}) VALUES "
                        f"({', '.join('?' for _ignored in names)})", [cols[n] for n in names])

    def update_peer(self, device_id: str, **cols) -> None:
        sets = ", ".join(f"{k} = ?" for k in cols)
        self.db.execute(f"UPDATE sync_peer SET {sets} WHERE device_id = ?",
                        [*cols.values(), device_id])

    # -- packages sent -------------------------------------------------------------------
    def add_sent(self, pkg: SentPackage) -> None:
        self.db.execute(f"INSERT INTO sync_sent ({', '.join(_SENT_COLS)}) VALUES "
                        f"({', '.join('?' for _ignored in _SENT_COLS)})",
                        [getattr(pkg, c) for c in _SENT_COLS])

    def sent(self, peer: str, *, unacknowledged: bool = False) -> list[SentPackage]:
        sql = f"SELECT {', '.join(_SENT_COLS)} FROM sync_sent WHERE peer = ?"
        if unacknowledged:
            sql += " AND acked_at IS NULL"
        return [SentPackage(*r) for r in self.db.execute(sql + " ORDER BY sequence", (peer,))]

    def mark_written(self, peer: str, sequence: int, at: str) -> None:
        self.db.execute("UPDATE sync_sent SET written_at = ?, resend = 0 "
                        "WHERE peer = ? AND sequence = ?", (at, peer, sequence))

    def mark_resend(self, peer: str, sequences: Iterable[int]) -> None:
        self.db.executemany("UPDATE sync_sent SET resend = 1 WHERE peer = ? AND sequence = ? "
                            "AND acked_at IS NULL", [(peer, s) for s in sequences])

    def sent_hash(self, peer: str, sequence: int) -> str | None:
        row = self.db.execute("SELECT package_hash FROM sync_sent WHERE peer = ? AND "
                              "sequence = ?", (peer, sequence)).fetchone()
        return row[0] if row else None

    def forget_unacknowledged(self, peer: str) -> None:
        """Drop packages the peer never took (their changes are exported again)."""
        self.db.execute("DELETE FROM sync_sent WHERE peer = ? AND acked_at IS NULL", (peer,))

    def acknowledge_sent(self, peer: str, through: int, at: str) -> int:
        """Mark our packages up to ``through`` as imported by the peer; their kept copies are
        dropped now (and only now). Returns the change-log position they covered."""
        self.db.execute("UPDATE sync_sent SET acked_at = ?, manifest = NULL, payload = NULL, "
                        "signature = NULL, resend = 0 WHERE peer = ? AND sequence <= ? "
                        "AND acked_at IS NULL", (at, peer, through))
        row = self.db.execute("SELECT max(last_change_seq) FROM sync_sent WHERE peer = ? AND "
                              "sequence <= ?", (peer, through)).fetchone()
        return row[0] or 0

    # -- packages received and held ------------------------------------------------------
    def received(self, peer: str, sequence: int) -> tuple | None:
        return self.db.execute("SELECT package_hash, changes FROM sync_received "
                               "WHERE peer = ? AND sequence = ?", (peer, sequence)).fetchone()

    def received_with_changes(self, peer: str, after: int, through: int) -> int:
        return self.db.execute("SELECT count(*) FROM sync_received WHERE peer = ? AND "
                               "sequence > ? AND sequence <= ? AND changes > 0",
                               (peer, after, through)).fetchone()[0]

    def add_received(self, **cols) -> None:
        names = list(cols)
        self.db.execute(f"INSERT INTO sync_received ({', '.join(names)}) VALUES "
                        f"({', '.join('?' for _ignored in names)})", [cols[n] for n in names])

    def held(self, peer: str | None = None) -> list[tuple]:
        """``(peer, sequence, package_hash, manifest, payload)`` in sequence order."""
        sql = "SELECT peer, sequence, package_hash, manifest, payload FROM sync_held"
        args: tuple = ()
        if peer is not None:
            sql, args = sql + " WHERE peer = ?", (peer,)
        return self.db.execute(sql + " ORDER BY peer, sequence", args).fetchall()

    def add_held(self, peer: str, sequence: int, package_hash: str, manifest: bytes,
                 payload: bytes, at: str) -> None:
        self.db.execute("INSERT INTO sync_held (peer, sequence, package_hash, manifest, payload,"
                        " received_at) VALUES (?,?,?,?,?,?)",
                        (peer, sequence, package_hash, manifest, payload, at))

    def drop_held(self, peer: str, sequence: int) -> None:
        self.db.execute("DELETE FROM sync_held WHERE peer = ? AND sequence = ?", (peer, sequence))

    def log_event(self, at: str, direction: str, peer: str, sequence: int | None,
                  file_name: str, outcome: str, reason: str = "") -> None:
        self.db.execute("INSERT INTO sync_event (at, direction, peer, sequence, file_name, "
                        "outcome, reason) VALUES (?,?,?,?,?,?,?)",
                        (at, direction, peer, sequence, file_name, outcome, reason))

    def events(self, limit: int = 50) -> list[dict]:
        cur = self.db.execute("SELECT at, direction, peer, sequence, file_name, outcome, reason "
                              "FROM sync_event ORDER BY id DESC LIMIT ?", (limit,))
        keys = ("at", "direction", "peer", "sequence", "file_name", "outcome", "reason")
        return [dict(zip(keys, r)) for r in cur]

    # -- the change log as an outbox -----------------------------------------------------
    def changes_after(self, after_seq: int, peer: str, limit: int = 500) -> list[LoggedChange]:
        """Changes not made by ``peer`` and not delivered by it, after ``after_seq``."""
        cur = self.db.execute(
            _CHANGE_SQL + "WHERE seq > ? AND origin_device != ? AND seq NOT IN "
            "(SELECT change_seq FROM sync_change_source WHERE peer = ?) ORDER BY seq LIMIT ?",
            (after_seq, peer, peer, limit))
        return [_change(r) for r in cur]

    def changes_of_records(self, entity: str, record_ids: list[str], through_seq: int,
                           peer: str) -> list[LoggedChange]:
        out: list[LoggedChange] = []
        for i in range(0, len(record_ids), 500):
            chunk = record_ids[i:i + 500]
            cur = self.db.execute(
                _CHANGE_SQL + f"WHERE entity = ? AND record_id IN ({', '.join('?' * len(chunk))})"
                " AND seq <= ? AND origin_device != ? AND seq NOT IN "
                "(SELECT change_seq FROM sync_change_source WHERE peer = ?)",
                (entity, *chunk, through_seq, peer, peer))
            out += [_change(r) for r in cur]
        return out

    def last_change_seq(self) -> int:
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]

    def note_source(self, peer: str, change_seq: int | None = None) -> None:
        """The change just logged (``change_seq``, when the caller has it) came from ``peer``."""
        if change_seq is not None:
            self.db.execute("INSERT OR REPLACE INTO sync_change_source (change_seq, peer) "
                            "VALUES (?, ?)", (change_seq, peer))
            return
        self.db.execute("INSERT OR REPLACE INTO sync_change_source (change_seq, peer) "
                        "SELECT max(seq), ? FROM change_log", (peer,))

    def ids_where(self, table: str, column: str, clause: str, args: tuple) -> set[str]:
        return {r[0] for r in self.db.execute(f"SELECT {column} FROM {table} WHERE {clause}",
                                              args) if r[0]}

    # -- cases per device ----------------------------------------------------------------
    def assign(self, peer: str, person_id: str, at: str, by: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO sync_assignment (peer, person_id, assigned_at, "
                        "assigned_by) VALUES (?,?,?,?)", (peer, person_id, at, by))

    def assigned(self, peer: str) -> set[str]:
        return self.ids_where("sync_assignment", "person_id", "peer = ?", (peer,))

    def persons_sent(self, peer: str) -> set[str]:
        return self.ids_where("sync_peer_person", "person_id", "peer = ?", (peer,))

    def mark_persons_sent(self, peer: str, person_ids: Iterable[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO sync_peer_person (peer, person_id) "
                            "VALUES (?, ?)", [(peer, p) for p in person_ids])

    # -- review lists --------------------------------------------------------------------
    def quarantine(self, at: str, peer: str, sequence: int, change: dict, reason: str) -> None:
        self.db.execute("INSERT INTO sync_quarantine (at, peer, sequence, entity, record_id, "
                        "stamp, change, reason) VALUES (?,?,?,?,?,?,?,?)",
                        (at, peer, sequence, str(change.get("entity", "")),
                         str(change.get("id", "")), str(change.get("stamp", "")),
                         json.dumps(change, ensure_ascii=False), reason))

    def quarantined(self, status: str = "open", *, ids: list[int] | None = None,
                    permitted_only: bool = False) -> list[dict]:
        """Quarantined changes with ``status`` (only the rows ``ids`` when given; without the
        changes the signer was not permitted to make with ``permitted_only``)."""
        sql, args = ("SELECT id, at, peer, sequence, entity, record_id, stamp, change, reason, "
                     "status FROM sync_quarantine WHERE status = ?"), [status]
        if permitted_only:
            sql += " AND substr(reason, 1, 15) != 'not permitted: '"
        if ids is not None:
            sql += f" AND id IN ({', '.join('?' * len(ids))})"
            args += list(ids)
        cur = self.db.execute(sql + " ORDER BY id", args)
        keys = ("id", "at", "peer", "sequence", "entity", "record_id", "stamp", "change",
                "reason", "status")
        return [{**dict(zip(keys, r)), "change": json.loads(r[7])} for r in cur]

    def quarantined_since(self, after_id: int, status: str = "open") -> list[tuple]:
        """(row id, change as stored) of the quarantined changes with ``status`` whose row id
        is above ``after_id`` (what was quarantined since a caller last looked)."""
        return self.db.execute("SELECT id, change FROM sync_quarantine WHERE status = ? AND "
                               "id > ? ORDER BY id", (status, after_id)).fetchall()

    def set_quarantine_status(self, qid: int, status: str, at: str, by: str) -> None:
        self.db.execute("UPDATE sync_quarantine SET status = ?, resolved_at = ?, resolved_by = ?"
                        " WHERE id = ?", (status, at, by, qid))

    def add_conflict(self, **cols) -> int:
        for k in ("local_value", "remote_value"):
            cols[k] = json.dumps(cols[k], ensure_ascii=False)
        names = list(cols)
        cur = self.db.execute(f"INSERT INTO sync_conflict ({', '.join(names)}) VALUES "
                              f"({', '.join('?' for _ignored in names)})", [cols[n] for n in names])
        return cur.lastrowid

    _CONFLICT_KEYS = ("id", "at", "entity", "record_id", "person_id", "field", "local_value",
                      "local_stamp", "remote_value", "remote_stamp", "remote_device",
                      "remote_actor", "winner", "status", "resolved_at", "resolved_by",
                      "resolution")

    def conflicts(self, status: str | None = "open", *, entity: str | None = None,
                  record_id: str | None = None, field: str | None = None) -> list[dict]:
        conds, args = [], []
        for col, val in (("status", status), ("entity", entity), ("record_id", record_id),
                         ("field", field)):
            if val is not None:
                conds.append(f"{col} = ?")
                args.append(val)
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        cur = self.db.execute(f"SELECT {', '.join(self._CONFLICT_KEYS)} FROM sync_conflict"
                              f"{where} ORDER BY id", args)
        out = []
        for r in cur:
            d = dict(zip(self._CONFLICT_KEYS, r))
            d["local_value"] = json.loads(d["local_value"]) if d["local_value"] else None
            d["remote_value"] = json.loads(d["remote_value"]) if d["remote_value"] else None
            out.append(d)
        return out

    def close_conflict(self, cid: int, at: str, by: str, resolution: str) -> None:
        self.db.execute("UPDATE sync_conflict SET status = 'resolved', resolved_at = ?, "
                        "resolved_by = ?, resolution = ? WHERE id = ?", (at, by, resolution, cid))

    def add_duplicate(self, at: str, entity: str, record_id: str, other_id: str,
                      reason: str) -> bool:
        a, b = sorted((record_id, other_id))
        cur = self.db.execute("INSERT OR IGNORE INTO sync_duplicate (at, entity, record_id, "
                              "other_id, reason) VALUES (?,?,?,?,?)", (at, entity, a, b, reason))
        return cur.rowcount > 0

    def duplicates(self, status: str | None = "open") -> list[dict]:
        keys = ("id", "at", "entity", "record_id", "other_id", "reason", "status",
                "resolved_at", "resolved_by", "note")
        where, args = ("WHERE status = ?", (status,)) if status else ("", ())
        cur = self.db.execute(f"SELECT {', '.join(keys)} FROM sync_duplicate {where} "
                              "ORDER BY id", args)
        return [dict(zip(keys, r)) for r in cur]

    def close_duplicate(self, did: int, status: str, at: str, by: str, note: str) -> None:
        self.db.execute("UPDATE sync_duplicate SET status = ?, resolved_at = ?, resolved_by = ?,"
                        " note = ? WHERE id = ?", (status, at, by, note, did))

    def count(self, table: str, status: str = "open") -> int:
        return self.db.execute(f"SELECT count(*) FROM {table} WHERE status = ?",
                               (status,)).fetchone()[0]

    def audit(self, tx, action: str, entity: str, record_id: str, detail: str = "") -> None:
        audit.append(self.db, at=tx.now_iso, actor=self.store.actor,
                     device=self.store.device_id, action=action, entity=entity,
                     record_id=record_id, detail=detail)
