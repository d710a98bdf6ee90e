"""Transactions of the store: ``Transaction`` (what one atomic unit of change does: version
stamps, the change log and the audit chain), ``Changes`` (what a commit changed, for the
listeners) and ``Transactions``, the part of ``Store`` that opens sessions and transactions,
nests them as savepoints, commits (and lets a waiting writer in between units of a long
write), serialises writers on the hub, and tells listeners. The threading contract these
follow is in ``desktop.store.store``'s module docs.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from desktop.domain.ids import to_iso, utc_now
from desktop.store import audit
from desktop.store.connection import DatabaseError, OperationalError
from desktop.store.errors import StoreLocked
from desktop.store.failures import translate_db_error

if TYPE_CHECKING:
    from desktop.store.store import Store


@dataclass
class Changes:
    """What one committed transaction changed: the UI refreshes from this."""
    entities: set[str] = field(default_factory=set)
    record_ids: set[str] = field(default_factory=set)
    person_ids: set[str] = field(default_factory=set)
    #: some change named no person (an edit, a deletion): ``person_ids`` may be incomplete
    unattributed: bool = False


class Transaction:
    def __init__(self, store: "Store", con):
        self.store = store
        self.con = con
        self.now = utc_now()
        self.now_iso = to_iso(self.now)
        self.changes = Changes()
        self.depth = 0          # open savepoints (nested ``store.transaction()``)
        self._chain_key: bytes | None = None
        #: ``change_log.seq`` of the change this transaction logged last
        self.last_change_seq: int | None = None

    def chain_key(self) -> bytes | None:
        """The audit chain's key, read once per transaction (it never changes in one)."""
        if self._chain_key is None:
            self._chain_key = audit.chain_key(self.con)
        return self._chain_key

    def let_others_write(self) -> bool:
        """Between units of a long write (not inside a nested transaction): when another
        thread waits to write, commit what is done, let it write, and carry on in a new
        transaction. True when it did."""
        if not self.store._conns.others_waiting():
            return False
        self.commit_and_continue()
        return True

    def commit_and_continue(self) -> None:
        """Commit what is done (listeners hear of it), let any thread waiting to write have
        its turn, and carry on in a new transaction. Not inside a nested transaction."""
        self.store._commit_and_continue(self)

    def stamp(self) -> str:
        return self.store._clock.tick()

    def observe(self, stamp: str) -> None:
        """Fold a version stamp received from another device into this store's clock."""
        self.store._clock.observe(stamp)

    def record_creations(self, entity: str, created: list[tuple[str, str, dict]],
                         action: str = "create") -> None:
        """``record_change`` for many new records of one kind ((record id, stamp, fields)
        each), in order: one statement per change-log entry, the audit events in one go."""
        db, store = self.con, self.store
        actor, device = store.actor, store.device_id
        key = self.chain_key()
        if key is None:             # a store before schema 8 (only while migrating)
            for record_id, stamp, fields in created:
                self.record_change(entity, record_id, stamp, "upsert", fields, None, action)
            return
        events = []
        for record_id, stamp, fields in created:
            entry = (stamp, entity, record_id, "upsert", json.dumps(fields, ensure_ascii=False),
                     None, actor, self.now_iso, device)
            change_seq = db.execute(
                "INSERT INTO change_log (stamp, entity, record_id, op, fields, old, actor, at, "
                "origin_device) VALUES (?,?,?,?,?,?,?,?,?) RETURNING seq", entry).fetchone()[0]
            self.last_change_seq = change_seq
            events.append(dict(at=self.now_iso, actor=actor, device=device, action=action,
                               entity=entity, record_id=record_id,
                               detail=",".join(sorted(fields)), change_seq=change_seq,
                               content=audit.content_hash(*entry)))
            self._note(entity, record_id, fields)
        audit.append_many(db, events, key=key)

    def _note(self, entity: str, record_id: str, fields: dict) -> None:
        self.changes.entities.add(entity)
        self.changes.record_ids.add(record_id)
        pid = fields.get("person_id") or (record_id if entity == "person" else None)
        if pid:
            self.changes.person_ids.add(pid)
        else:
            self.changes.unattributed = True

    def record_change(self, entity: str, record_id: str, stamp: str, op: str, fields: dict,
                      old: dict | None, action: str, *, origin_device: str | None = None,
                      actor: str | None = None) -> None:
        db, store = self.con, self.store
        actor = actor or store.actor
        device = origin_device or store.device_id
        entry = (stamp, entity, record_id, op, json.dumps(fields, ensure_ascii=False),
                 json.dumps(old, ensure_ascii=False) if old is not None else None,
                 actor, self.now_iso, device)
        # (RETURNING, not lastrowid: on the hub every table has a second identity column)
        change_seq = db.execute(
            "INSERT INTO change_log (stamp, entity, record_id, op, fields, old, actor, at, "
            "origin_device) VALUES (?,?,?,?,?,?,?,?,?) RETURNING seq", entry).fetchone()[0]
        self.last_change_seq = change_seq
        # The entry's hash goes into the keyed audit chain: the change log (and through it
        # every record) cannot be edited without the audit log showing it.
        audit.append(db, at=self.now_iso, actor=actor, device=device, action=action,
                     entity=entity, record_id=record_id, detail=",".join(sorted(fields)),
                     change_seq=change_seq, content=audit.content_hash(*entry),
                     key=self.chain_key())
        self._note(entity, record_id, fields)


class Transactions:
    """Sessions, transactions and listeners of a ``Store`` (mixed into it)."""

    def session(self, *, snapshot: bool = False):
        """Worker threads do their store work inside ``with store.session():`` (see the module
        docs); with ``snapshot`` every read sees one committed state. Re-entrant; on the home
        thread it only marks the work so that ``lock()`` waits for it."""
        return self._conns.session(snapshot=snapshot)

    @contextmanager
    def exclusive(self):
        """Hold the write lock outside any transaction (``VACUUM``, a WAL checkpoint): no
        other thread of this process writes meanwhile."""
        if self.in_transaction:
            raise RuntimeError("exclusive() inside a transaction")
        with self._conns.session():
            self._conns.acquire_write()
            try:
                yield
            finally:
                self._conns.release_write()

    @contextmanager
    def transaction(self, *, savepoint: bool = True):
        """One atomic unit of change. A nested call is a savepoint of the outer transaction:
        an error inside it undoes only its part (``savepoint=False``: it simply joins, for a
        caller whose own caller holds a savepoint already). Listeners hear about the changes
        after the commit."""
        local = self._conns.local
        tx: Transaction | None = getattr(local, "tx", None)
        if tx is not None:
            if not savepoint:
                yield tx
                return
            with self._savepoint(tx):
                yield tx
            return
        with self._conns.session() as con:
            self._conns.end_snapshot()      # a write inside a snapshot session ends it
            self._conns.acquire_write()
            try:
                tx = self._begin(con)
                local.tx = tx
                try:
                    if self.is_hub:
                        self._serialise_hub_write()
                    yield tx
                    self._commit(tx)
                except BaseException as exc:
                    self._rollback(tx.con)
                    self._reraise_db(exc)
                    raise
                finally:
                    local.tx = None
            finally:
                self._conns.release_write()
        self._notify(tx.changes)

    def _begin(self, con) -> Transaction:
        try:
            self._conns.engine.begin_write(con)
        except OperationalError as exc:
            self._reraise_db(exc)
            raise
        return Transaction(self, con)

    def _commit(self, tx: Transaction) -> None:
        tx.con.execute("INSERT INTO meta (key, value) VALUES ('hlc_last', ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (self._clock.last,))
        tx.con.execute("COMMIT")

    @staticmethod
    def _rollback(con) -> None:
        try:
            con.execute("ROLLBACK")
        except DatabaseError:
            pass   # interrupted or already rolled back: closing the connection undoes it

    def _reraise_db(self, exc: BaseException) -> None:
        if isinstance(exc, DatabaseError):
            if self._conns.closed:
                raise StoreLocked() from exc
            _reraise(exc, self.folder)

    @contextmanager
    def _savepoint(self, tx: Transaction):
        name = f"sp{tx.depth}"
        tx.con.execute(f"SAVEPOINT {name}")
        tx.depth += 1
        try:
            yield
        except BaseException:
            try:
                tx.con.execute(f"ROLLBACK TO {name}")
                tx.con.execute(f"RELEASE {name}")
            except DatabaseError:
                pass   # SQLite already rolled the whole transaction back; the error says why
            raise
        else:
            tx.con.execute(f"RELEASE {name}")
        finally:
            tx.depth -= 1

    def _commit_and_continue(self, tx: Transaction) -> None:
        if tx.depth:
            raise RuntimeError("commit_and_continue() inside a nested transaction")
        self._commit(tx)
        changes, tx.changes = tx.changes, Changes()
        try:
            self._notify(changes)
        finally:
            if self._conns.others_waiting():
                self._conns.pass_write_lock()
            self._conns.engine.begin_write(tx.con)
            if self.is_hub:
                self._serialise_hub_write()

    def _notify(self, changes: Changes) -> None:
        if changes.entities:
            for listener in list(self._listeners):
                listener(changes)

    def _serialise_hub_write(self) -> None:
        """On the hub, one write transaction at a time across every connected app and
        importer: a transaction-level advisory lock (released by COMMIT or ROLLBACK) orders the
        audit chain, the package sequences and the change log, and this writer's clock first
        moves past the newest stamp any other writer committed, so stamps stay monotonic."""
        from desktop.store import hub
        self.db.execute("SELECT pg_advisory_xact_lock(?)", (hub.WRITE_LOCK,))
        row = self.db.execute("SELECT value FROM meta WHERE key = 'hlc_last'").fetchone()
        if row and row[0]:
            self._clock.observe(row[0])

    def poll_external(self) -> Changes | None:
        """Hub: what other coordinators and importers committed since this session last
        looked, read from the change log after the last sequence number seen (one indexed
        query, no reload); listeners hear it like a commit of this session. ``None`` when
        nothing is new, on a laptop store, or when this session is busy (next poll)."""
        if not self.is_hub or not self.is_open or self.in_transaction:
            return None
        with self.session():
            if self._seen_seq is None:
                self._seen_seq = self.db.execute(
                    "SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
                return None
            rows = self.db.execute(
                "SELECT seq, entity, record_id, fields::json->>'person_id' FROM change_log "
                "WHERE seq > ? ORDER BY seq LIMIT 5000", (self._seen_seq,)).fetchall()
        if not rows:
            return None
        changes = Changes()
        for seq, entity, record_id, person_id in rows:
            changes.entities.add(entity)
            changes.record_ids.add(record_id)
            pid = person_id or (record_id if entity == "person" else None)
            if pid:
                changes.person_ids.add(pid)
            else:
                changes.unattributed = True
        self._seen_seq = rows[-1][0]
        for listener in list(self._listeners):
            listener(changes)
        return changes

    def add_listener(self, fn: Callable[[Changes], None]) -> None:
        self._listeners.append(fn)

    def remove_listener(self, fn: Callable[[Changes], None]) -> None:
        if fn in self._listeners:
            self._listeners.remove(fn)


def _translate(exc: Exception, folder: Path | None = None) -> Exception:
    return translate_db_error(exc, folder or Path("."))


def _reraise(exc: BaseException, folder: Path):
    """Raise the store error for an SQLite error (``StoreFull``, ``StoreDamaged``) or ``exc``."""
    translated = _translate(exc, folder)
    if translated is exc:
        raise exc
    raise translated from exc
