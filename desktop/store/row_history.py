"""Each record row must say what its change log says (part of the store check).

Every write goes through the repositories, which log the fields written in ``change_log`` in
the same transaction; the keyed audit chain binds each change-log entry (``desktop.store.audit``).
So a record's current values can be worked out from its history alone: for each field, the value
written by the change with the newest version stamp (exactly the rule the sync merge applies).
A row edited directly in the database (``UPDATE person SET name = …``) no longer matches, and
``problems`` names it — by kind, id and field names, never by value.

Compared: every field the history has written, except provenance (who/when/version), after
decoding and encoding both sides with ``desktop.domain.codec`` so formatting never differs. A row
with no history at all is reported too (inserted outside the app). Records whose history is
gone (purged) are not compared.
"""
from __future__ import annotations

import importlib
import json
import pkgutil

import desktop.domain
from desktop.domain import codec
from desktop.domain.record import Record
from desktop.store.connection import DatabaseError

SKIP = frozenset(Record.META) - {"deleted"}
MAX_REPORTED = 20


def record_classes() -> list[type[Record]]:
    for info in pkgutil.walk_packages(desktop.domain.__path__, desktop.domain.__name__ + "."):
        importlib.import_module(info.name)
    found, todo = {}, list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if getattr(cls, "ENTITY", "") and cls.ENTITY not in found:
            found[cls.ENTITY] = cls
    return [found[k] for k in sorted(found)]


def problems(db, limit: int = MAX_REPORTED) -> list[str]:
    """Sentences naming records whose row differs from their change log (empty when none)."""
    out: list[str] = []
    for cls in record_classes():
        try:
            out += _check_kind(db, cls, limit - len(out))
        except DatabaseError:
            continue             # a kind whose table this store does not have
        if len(out) >= limit:
            break
    return out


def _check_kind(db, cls, limit: int) -> list[str]:
    from desktop.store.records import Columns
    cols = Columns(cls)
    label = cls.ENTITY.replace("_", " ")
    rows = db.execute(f"SELECT {', '.join(cols.names)} FROM {cls.ENTITY}")
    current = {r[0]: r for r in rows} if cols.names[0] == "id" else \
        {r[cols.names.index("id")]: r for r in rows}
    folded: dict[str, dict] = {}
    for rid, fields in db.execute("SELECT record_id, fields FROM change_log WHERE entity = ? "
                                  "ORDER BY record_id, stamp, seq", (cls.ENTITY,)):
        try:
            written = json.loads(fields)
        except ValueError:
            continue             # an unreadable entry is the audit check's to report
        if isinstance(written, dict):
            folded.setdefault(rid, {}).update(written)
    try:
        purged = {r[0] for r in db.execute("SELECT DISTINCT record_id FROM change_purged "
                                           "WHERE entity = ?", (cls.ENTITY,))}
    except DatabaseError:
        purged = set()
    out: list[str] = []
    for rid, row in current.items():
        if rid in purged:
            continue             # its history was purged on purpose (audited)
        if len(out) >= limit:
            break
        history = folded.get(rid)
        if history is None:
            out.append(f"A {label} record ({rid}) has no history: it was added outside "
                       "Stickability.")
            continue
        try:
            have = codec.to_fields(cols.from_values(row))
            want = codec.to_fields(codec.from_fields(cls, {**have, **history}))
        except (TypeError, ValueError, KeyError, AttributeError):
            out.append(f"A {label} record ({rid}) cannot be read back from its history.")
            continue
        differ = sorted(k for k in history if k in have and k not in SKIP and
                        have.get(k) != want.get(k))
        if differ:
            out.append(f"A {label} record ({rid}) differs from its history in "
                       f"{', '.join(differ)}: it was changed outside Stickability.")
    return out
