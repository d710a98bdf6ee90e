"""One generic repository for every kind of record.

Each domain record class (``Record`` subclass with an ``ENTITY`` name) maps to a table of the
same name whose columns are the dataclass's fields: scalars as they are, enums by value, dates as
ISO text, lists and nested dataclasses as JSON text. Every write, whatever the record:

1. validates the domain object (the rules live in the domain, not in forms);
2. stamps provenance (who, when, which device) and a hybrid-logical-clock version;
3. writes the row;
4. appends to ``change_log`` the changed fields with their old values (history, undo and the
   sync outbox in one place);
5. appends to the hash-chained audit log;

all in the caller's transaction. New record kinds join sync and history without special cases.
"""
from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

from desktop.domain import codec
from desktop.domain.record import Record, ValidationError
from desktop.domain.text import check_text
from desktop.i18n import _, ngettext  # noqa: F401

if typing.TYPE_CHECKING:
    from desktop.store.store import Store

T = TypeVar("T", bound=Record)



def _validate(obj) -> None:
    """No control characters in any text (desktop.domain.text), then the record's own rules."""
    check_text(obj)
    obj.validate()

@dataclass(frozen=True)
class ChangeEntry:
    seq: int
    stamp: str
    op: str
    fields: dict
    old: dict | None
    actor: str
    at: str
    origin_device: str


class Columns:
    """Column <-> field mapping for one record class, computed once."""

    def __init__(self, cls: type[Record]):
        self.cls = cls
        self.hints = codec.hints(cls)
        self.names = codec.field_names(cls)
        self.structured = {n for n, tp in self.hints.items() if codec.is_structured(tp)}
        self.booleans = {n for n, tp in self.hints.items() if tp is bool}
        # per column, in ``names`` order: (name, stored as JSON?, decoder), for ``from_values``
        self._readers = tuple((n, n in self.structured, codec.decoder(self.hints[n]))
                              for n in self.names)

    def to_row(self, fields: dict) -> dict:
        row = {}
        for name in self.names:
            value = fields.get(name)
            if name in self.structured and value is not None:
                value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            elif name in self.booleans:
                value = 1 if value else 0
            row[name] = value
        return row

    def from_row(self, row: typing.Mapping) -> Record:
        data = {}
        for name in self.names:
            if name not in row.keys():
                continue
            value = row[name]
            if name in self.structured and isinstance(value, str):
                value = json.loads(value)
            data[name] = value
        return codec.from_fields(self.cls, data)

    def from_values(self, values: typing.Sequence) -> Record:
        """A record from a row selected as ``names`` (the hot path of every list read: no
        intermediate dict, one prepared decoder per column)."""
        kwargs = {}
        for (name, structured, decode), value in zip(self._readers, values):
            if value is not None:
                if structured and isinstance(value, str):
                    value = json.loads(value)
                value = decode(value)
            kwargs[name] = value
        return self.cls(**kwargs)


class Repository(Generic[T]):
    """CRUD with history for one record class. Reads need no transaction; writes open one
    unless the caller already holds it (``with store.transaction():``)."""

    def __init__(self, store: "Store", cls: type[T]):
        self.store = store
        self.cls = cls
        self.table = cls.ENTITY
        self.cols = Columns(cls)
        self._select = f"SELECT {', '.join(self.cols.names)} FROM {self.table}"
        placeholders = ", ".join(f":{n}" for n in self.cols.names)
        self._insert = (f"INSERT INTO {self.table} ({', '.join(self.cols.names)}) "
                        f"VALUES ({placeholders})")

    # -- reads ---------------------------------------------------------------------------
    def get(self, record_id: str, *, include_deleted: bool = False) -> T | None:
        row = self.store.db.execute(f"{self._select} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return None
        obj = self._from(row)
        return obj if include_deleted or not obj.deleted else None

    def require(self, record_id: str) -> T:
        obj = self.get(record_id)
        if obj is None:
            raise LookupError(f"No {self.table.replace('_', ' ')} with id {record_id}.")
        return obj

    def where(self, clause: str = "", params: Iterable = (), *, order: str = "",
              include_deleted: bool = False, limit: int | None = None,
              offset: int = 0) -> list[T]:
        """Records matching ``clause``; ``limit`` and ``offset`` read one page (the screens
        page long histories instead of reading them whole)."""
        conds = [] if include_deleted else ["deleted = 0"]
        if clause:
            conds.append(f"({clause})")
        sql = self._select + (f" WHERE {' AND '.join(conds)}" if conds else "")
        if order:
            sql += f" ORDER BY {order}"
        if limit is not None or offset:
            sql += f" LIMIT {-1 if limit is None else int(limit)}"
            if offset:
                sql += f" OFFSET {int(offset)}"
        return [self._from(r) for r in self.store.db.execute(sql, tuple(params))]

    def count(self, clause: str = "", params: Iterable = (), *,
              include_deleted: bool = False) -> int:
        conds = [] if include_deleted else ["deleted = 0"]
        if clause:
            conds.append(f"({clause})")
        sql = f"SELECT count(*) FROM {self.table}" + (
            f" WHERE {' AND '.join(conds)}" if conds else "")
        return self.store.db.execute(sql, tuple(params)).fetchone()[0]

    def for_person(self, person_id: str, *, order: str = "created_at") -> list[T]:
        return self.where("person_id = ?", (person_id,), order=order)

    def deleted_by_me(self, person_id: str | None = None) -> list[T]:
        """Records this worker deleted (and so may restore), most recently deleted first."""
        clause, params = "deleted = 1 AND updated_by = ?", [self.store.actor]
        if person_id is not None:
            clause += f" AND {'id' if self.table == 'person' else 'person_id'} = ?"
            params.append(person_id)
        return self.where(clause, params, order="updated_at DESC", include_deleted=True)

    def history(self, record_id: str) -> list[ChangeEntry]:
        cur = self.store.db.execute(
            "SELECT seq, stamp, op, fields, old, actor, at, origin_device FROM change_log "
            "WHERE entity = ? AND record_id = ? ORDER BY seq", (self.table, record_id))
        return [ChangeEntry(s, st, op, json.loads(f), json.loads(o) if o else None, a, at, d)
                for s, st, op, f, o, a, at, d in cur]

    def _from(self, row) -> T:
        return self.cols.from_values(row)  # type: ignore[return-value]

    # -- writes --------------------------------------------------------------------------
    def add(self, obj: T) -> T:
        _validate(obj)
        with self.store.transaction() as tx:
            stamp = tx.stamp()
            obj.created_at = obj.updated_at = tx.now
            obj.created_by = obj.updated_by = self.store.actor
            obj.origin_device = obj.origin_device or self.store.device_id
            obj.version = stamp
            fields = codec.to_fields(obj)
            self.store.db.execute(self._insert, self.cols.to_row(fields))
            tx.record_change(self.table, obj.id, stamp, "upsert", fields, None, "create")
        return obj

    def add_many(self, objs: Iterable[T]) -> list[T]:
        """``add`` for many new records at once, in one transaction (all or none): the same
        validation, change log and audit chain, in fewer statements (the rows and the audit
        events go in batches). For bulk loads (the benchmark's caseload, test data)."""
        objs = list(objs)
        if type(self).add is not Repository.add:      # a repository with rules of its own
            with self.store.transaction():
                return [self.add(obj) for obj in objs]
        for obj in objs:
            _validate(obj)
        with self.store.transaction() as tx:
            actor, device = self.store.actor, self.store.device_id
            rows, created = [], []
            for obj in objs:
                stamp = tx.stamp()
                obj.created_at = obj.updated_at = tx.now
                obj.created_by = obj.updated_by = actor
                obj.origin_device = obj.origin_device or device
                obj.version = stamp
                fields = codec.to_fields(obj)
                rows.append(self.cols.to_row(fields))
                created.append((obj.id, stamp, fields))
            if rows:
                self.store.db.executemany(self._insert, rows)
                tx.record_creations(self.table, created)
        return objs

    def update(self, obj: T) -> T:
        _validate(obj)
        with self.store.transaction() as tx:
            current = self.get(obj.id, include_deleted=True)
            if current is None:
                raise LookupError(f"No {self.table.replace('_', ' ')} with id {obj.id}.")
            new_fields, old_fields = codec.to_fields(obj), codec.to_fields(current)
            changed = {k: v for k, v in new_fields.items()
                       if k not in Record.META and old_fields.get(k) != v}
            if not changed:
                return current
            stamp = tx.stamp()
            obj.created_at, obj.created_by = current.created_at, current.created_by
            obj.origin_device = current.origin_device
            obj.updated_at = tx.now
            obj.updated_by, obj.version = self.store.actor, stamp
            meta = {"updated_at": tx.now_iso, "updated_by": obj.updated_by, "version": stamp}
            row = self.cols.to_row({**codec.to_fields(obj)})
            sets = ", ".join(f"{k} = :{k}" for k in [*changed, *meta])
            self.store.db.execute(f"UPDATE {self.table} SET {sets} WHERE id = :id",
                                  {**{k: row[k] for k in [*changed, *meta]}, "id": obj.id})
            tx.record_change(self.table, obj.id, stamp, "upsert", changed,
                             {k: old_fields.get(k) for k in changed}, "update")
        return obj

    def delete(self, record_id: str) -> None:
        """Soft delete: the row stays, hidden, and can be restored by the same worker."""
        self._set_deleted(record_id, True)

    def restore(self, record_id: str) -> T:
        obj = self.get(record_id, include_deleted=True)
        if obj is None:
            raise LookupError(f"No {self.table.replace('_', ' ')} with id {record_id}.")
        if obj.deleted and obj.updated_by != self.store.actor:
            raise ValidationError(
                _('Only {value} can restore this record.').format(value=obj.updated_by or 'the worker who deleted it'))
        self._set_deleted(record_id, False)
        return self.require(record_id)

    def _set_deleted(self, record_id: str, deleted: bool) -> None:
        with self.store.transaction() as tx:
            current = self.get(record_id, include_deleted=True)
            if current is None:
                raise LookupError(f"No {self.table.replace('_', ' ')} with id {record_id}.")
            if current.deleted == deleted:
                return
            stamp = tx.stamp()
            self.store.db.execute(
                f"UPDATE {self.table} SET deleted = ?, updated_at = ?, updated_by = ?, "
                f"version = ? WHERE id = ?",
                (1 if deleted else 0, tx.now_iso, self.store.actor, stamp, record_id))
            op = "tombstone" if deleted else "upsert"
            tx.record_change(self.table, record_id, stamp, op, {"deleted": deleted},
                             {"deleted": not deleted}, "delete" if deleted else "restore")

    # -- sync ----------------------------------------------------------------------------
    def has_change(self, record_id: str, stamp: str) -> bool:
        """True when the change with this version stamp is already in this store's history."""
        return self.store.db.execute(
            "SELECT 1 FROM change_log WHERE entity = ? AND record_id = ? AND stamp = ? LIMIT 1",
            (self.table, record_id, stamp)).fetchone() is not None

    def field_stamps(self, record_id: str) -> dict[str, str]:
        """The newest version stamp that wrote each field of a record (from its history)."""
        cur = self.store.db.execute(
            "SELECT j.key, max(c.stamp) FROM change_log c, json_each(c.fields) j "
            "WHERE c.entity = ? AND c.record_id = ? GROUP BY j.key", (self.table, record_id))
        return dict(cur.fetchall())

    def apply_remote(self, record_id: str, fields: dict, stamp: str, origin_device: str,
                     op: str, *, actor: str, at: str, old: dict | None = None,
                     winners: Iterable[str] | None = None, current=...) -> T:
        """Apply one change made on another device (sync import), generically for any record.

        A record this store does not have is inserted from ``fields`` (which must then be
        complete). An existing record gets only the ``winners`` fields (default: all of
        ``fields``; the caller decides who wins, field by field); its version and provenance
        move on only when this change is the newest it has seen. The result is validated; the
        change goes into ``change_log`` as it was made (remote stamp, device and actor, even
        fields that lost: history keeps them) and into the audit log as an import. Raises
        ``ValidationError``, ``LookupError``, ``TypeError``/``ValueError`` (bad field values)
        or a database integrity error; the caller's savepoint undoes any partial write.
        ``current``: the record as the caller just read it (None: not in this store), so it
        is read once per change.
        """
        if op not in ("upsert", "tombstone"):
            raise ValueError(f"unknown operation {op!r}")
        with self.store.transaction(savepoint=False) as tx:
            if current is ...:
                current = self.get(record_id, include_deleted=True)
            if current is None:
                if op != "upsert":
                    raise LookupError(f"a deletion of a {self.table.replace('_', ' ')} this "
                                      "store does not have")
                obj = codec.from_fields(self.cls, {**fields, "id": record_id})
                obj.version = stamp
                obj.origin_device = obj.origin_device or origin_device
                _validate(obj)
                self.store.db.execute(self._insert, self.cols.to_row(codec.to_fields(obj)))
                action = "import-create"
            else:
                known = set(self.cols.names)
                chosen = [k for k in (fields if winners is None else winners)
                          if k in known and k in fields and (k not in Record.META
                                                             or k == "deleted")]
                merged = codec.to_fields(current)
                merged.update({k: fields[k] for k in chosen})
                newest = stamp > (current.version or "")
                if newest:
                    merged.update(version=stamp, updated_by=actor, updated_at=at)
                obj = codec.from_fields(self.cls, merged)
                if not obj.deleted:
                    _validate(obj)
                row = self.cols.to_row(codec.to_fields(obj))
                cols = [*chosen, *(("version", "updated_by", "updated_at") if newest else ())]
                if cols:
                    sets = ", ".join(f"{k} = :{k}" for k in cols)
                    self.store.db.execute(f"UPDATE {self.table} SET {sets} WHERE id = :id",
                                          {**{k: row[k] for k in cols}, "id": record_id})
                action = "import-delete" if op == "tombstone" else "import-update"
            tx.record_change(self.table, record_id, stamp, op, fields, old, action,
                             origin_device=origin_device, actor=actor)
        return obj

    @staticmethod
    def copy(obj: T, **changes) -> T:
        """A changed copy of a record, to pass to ``update``."""
        return dataclasses.replace(obj, **changes)


class PersonOwned(Repository):
    """A repository whose records belong to a person that must exist."""

    def _require_person(self, person_id: str) -> None:
        if not person_id or self.store.people.get(person_id) is None:
            raise LookupError(f"No person with id {person_id}.")

    def add(self, obj):
        obj.validate()
        with self.store.transaction():
            self._require_person(obj.person_id)
            self._check(obj)
            return super().add(obj)

    def update(self, obj):
        obj.validate()
        with self.store.transaction():
            self._check(obj)
            return super().update(obj)

    def _check(self, obj) -> None:
        """Cross-record checks; subclasses extend."""

    def for_person(self, person_id: str, *, order: str = "created_at") -> list:
        return self.where("person_id = ?", (person_id,), order=order)
