"""Applying received changes, for every record kind alike.

Rules (see docs/sync-format.md, "Merging"):
- a change already in this store's history (same record, same version stamp) is skipped;
- a record this store does not have is created; if it looks like one created elsewhere (same
  ``DUPLICATE_KEY`` values, e.g. a person's name and date of birth) a possible duplicate is
  listed for review — never merged;
- otherwise each field takes the value with the newest version stamp (hybrid logical clock);
  the losing value stays in history (the change log keeps every change as it was made);
- a true conflict — both sides changed the same field since they last agreed (the sender's old
  value is not ours, and neither is its new one) — is listed for a person to resolve, except
  for append-only records, which never conflict;
- a change that cannot be applied (unknown kind, bad values, broken rules, missing person)
  goes to quarantine with its reason and does not stop the rest of its package.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from desktop.domain import codec
from desktop.domain.hlc import Stamp
from desktop.domain.record import Record, ValidationError
from desktop.store.connection import DatabaseError
from desktop.store.syncstate import Peer, SyncState
from desktop.sync import permissions, registry

MAX_CLOCK_AHEAD_MS = 24 * 3600 * 1000   # stamps further ahead than this are not observed
#: a person created, or changed in one of these, is checked for possible duplicates
DUPLICATE_FIELDS = frozenset({"name", "known_as", "date_of_birth", "address"})


class Unusable(Exception):
    """A change that goes to quarantine; the message is its reason."""


NOT_PERMITTED = "not permitted: "


@dataclass
class ApplyResult:
    applied: int = 0
    already_had: int = 0
    quarantined: int = 0
    conflicts: int = 0
    duplicates: int = 0
    not_permitted: int = 0          # of the quarantined: refused by permissions.check
    reasons: list[str] = field(default_factory=list)
    people: set[str] = field(default_factory=set)   # people created or changed here
    records: set[str] = field(default_factory=set)  # ids of the records changes applied to

    def add(self, other: "ApplyResult") -> None:
        for name in ("applied", "already_had", "quarantined", "conflicts", "duplicates",
                     "not_permitted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons += other.reasons
        self.records |= other.records


def label(entity: str) -> str:
    return entity.replace("_", " ")


def apply_changes(store, tx, peer: Peer, sequence: int, changes: list[dict]) -> ApplyResult:
    """Apply one package's changes inside the caller's transaction."""
    state = SyncState(store)
    fast = _all_or_fallback(store, tx, state, peer, changes)
    if fast is not None:
        result, refused = fast
    else:
        result, refused = ApplyResult(), []
        for change in changes:
            outcome = _guarded(store, tx, state, peer, change, result)
            if isinstance(outcome, Unusable):
                refused.append((change, outcome))
    for change, outcome in refused:
        state.quarantine(tx.now_iso, peer.device_id, sequence, change, str(outcome))
        result.quarantined += 1
        result.not_permitted += str(outcome).startswith(NOT_PERMITTED)
        result.reasons.append(f"a {label(str(change.get('entity', 'record')))} was "
                              f"quarantined: {outcome}")
    from desktop.sync.review_hooks import after_changes
    after_changes(store, tx, result)
    return result


def _all_or_fallback(store, tx, state, peer,
                     changes: list[dict]) -> tuple[ApplyResult, list] | None:
    """The package's changes in ONE savepoint: (result, [(change, Unusable) refused before it
    wrote anything]); or None (nothing of them kept) when a change fails after it began to
    write, and the caller applies them one savepoint each, quarantining the ones that fail.
    On the hub PostgreSQL gives every savepoint that writes a subtransaction of its own, and
    thousands of them in one transaction make each further statement slower (a 4,000-change
    package imported at 87 changes/s, a 500-change one at 228/s); on a laptop it saves two
    statements and a guard per change (about a fifth of an import's CPU)."""
    if len(changes) < 2:
        return None
    db, result, refused = store.db, ApplyResult(), []
    db.execute("SAVEPOINT sync_package")
    for change in changes:
        wrote: list = []
        try:
            _apply_one(store, tx, state, peer, change, result, wrote)
        except _CLEAN as exc:
            if not wrote:       # refused by the checks before any write: nothing to undo
                refused.append((change, _unusable(exc)))
                continue
            break
        except Exception:  # noqa: BLE001 - a database error, or anything after a write
            break
    else:
        db.execute("RELEASE sync_package")
        return result, refused
    db.execute("ROLLBACK TO sync_package")      # the careful way, change by change
    db.execute("RELEASE sync_package")
    return None


def retry_quarantined(store, tx, arrived: set[str] | None = None,
                      index: "QuarantineIndex | None" = None) -> ApplyResult:
    """Try open quarantined changes again (e.g. their person has arrived since): all of them
    (``arrived`` None), or only those that name one of the records in ``arrived`` (their own
    or one they refer to: a change can only become applicable when something it names
    arrives, so an import does not try every quarantined change after every package).
    ``index`` (one per import) knows which quarantined changes name which records."""
    state, result = SyncState(store), ApplyResult()
    if arrived is not None:
        if not arrived:
            return result
        index = index if index is not None else QuarantineIndex()
        index.update(state)
        wanted = sorted(index.naming(arrived))
        items = state.quarantined("open", ids=wanted) if wanted else []
    else:
        # Not the ones the signer was not permitted to make: they wait for a record they name
        # (or, refused for a case not assigned to the device, for the assignment:
        # ``review.assign_case``), so a big quarantine is not tried again on every import.
        items = state.quarantined("open", permitted_only=True)
    peers: dict[str, Peer | None] = {}
    for item in items:
        if item["peer"] not in peers:
            peers[item["peer"]] = state.peer(item["peer"])
        peer = peers[item["peer"]]
        if peer is None:
            continue
        outcome = _guarded(store, tx, state, peer, item["change"], result)
        if not isinstance(outcome, Unusable):
            state.set_quarantine_status(item["id"], "applied", tx.now_iso, store.actor)
    return result


class QuarantineIndex:
    """Which quarantined changes name which records (record id -> quarantine row ids), kept
    for one import and filled with the rows quarantined since it last looked: finding the
    changes a package may have unblocked costs the package's size, not the quarantine's."""

    def __init__(self):
        self.last_id = 0
        self.by_ref: dict[str, set[int]] = {}

    def update(self, state: SyncState) -> None:
        for qid, raw in state.quarantined_since(self.last_id):
            for ref in named_ids(raw):
                self.by_ref.setdefault(ref, set()).add(qid)
            self.last_id = max(self.last_id, qid)

    def naming(self, ids) -> set[int]:
        """Rows (open or not: the caller reads the open ones) that name any of ``ids``."""
        out: set[int] = set()
        for i in ids:
            out |= self.by_ref.get(i, set())
        return out


def named_ids(raw: str) -> frozenset:
    """Every string a stored change holds (short enough to be an id): so its own id, its
    person's, its attempt's, … wherever they appear in the change."""
    found: set[str] = set()
    try:
        stack = [json.loads(raw)]
    except ValueError:
        return frozenset()
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if len(v) <= 100:
                found.add(v)
        elif isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return frozenset(found)


def _guarded(store, tx, state, peer, change, result) -> str | Unusable:
    db = store.db
    db.execute("SAVEPOINT sync_change")
    try:
        outcome = _apply_one(store, tx, state, peer, change, result)
    except Exception as exc:  # noqa: BLE001 - signed but malformed input must not stop the import
        outcome = _unusable(exc)
    if isinstance(outcome, Unusable):
        db.execute("ROLLBACK TO sync_change")
    db.execute("RELEASE sync_change")
    return outcome


#: what the checks before a change's first write raise (Python's, never the database's)
_CLEAN = (Unusable, permissions.NotPermitted, ValidationError, LookupError, TypeError,
          ValueError, KeyError)


def _unusable(exc: BaseException) -> Unusable:
    """The quarantine reason for what applying a change raised."""
    if isinstance(exc, Unusable):
        return exc
    if isinstance(exc, permissions.NotPermitted):
        return Unusable(f"{NOT_PERMITTED}{exc}")
    if isinstance(exc, ValidationError):
        return Unusable(f"it breaks a rule: {exc}")
    if isinstance(exc, LookupError):
        return Unusable(str(exc).strip("'\""))
    if isinstance(exc, (TypeError, ValueError, KeyError)):
        return Unusable(f"its values cannot be read ({type(exc).__name__})")
    if isinstance(exc, DatabaseError):
        msg = str(exc).lower()
        return Unusable("it refers to a record this store does not have (for example a "
                        "person not yet received)" if "foreign key" in msg else
                        "the store could not save it")
    return Unusable(f"its values cannot be read ({type(exc).__name__})")


def _apply_one(store, tx, state: SyncState, peer: Peer, change: dict,
               result: ApplyResult, wrote: list | None = None) -> str:
    """Apply one change; ``wrote`` gets an entry just before its first write (an exception
    raised before that left nothing to undo)."""
    if "_unreadable" in change:
        raise Unusable("the change is not readable")
    entity, rid, stamp = change.get("entity"), change.get("id"), change.get("stamp")
    op, origin = change.get("op"), change.get("origin_device")
    fields, old = change.get("fields"), change.get("old")
    if not all(isinstance(v, str) and v for v in (entity, rid, stamp, op, origin)) or \
            not isinstance(fields, dict) or not (old is None or isinstance(old, dict)):
        raise Unusable("the change is incomplete")
    cls = registry.record_class(entity)
    if cls is None:
        raise Unusable(f"this version of Stickability does not know '{label(entity)}' records "
                       "(update it, then the record can be applied)")
    try:
        parsed = Stamp.parse(stamp)
    except ValueError:
        raise Unusable("its version stamp is unreadable") from None
    if parsed.device != origin:
        raise Unusable("its version stamp does not belong to the device that made it")
    repo = store.repo(cls)
    if repo.has_change(rid, stamp):
        result.already_had += 1
        return "already"
    actor, at = str(change.get("actor") or ""), str(change.get("at") or tx.now_iso)
    current = repo.get(rid, include_deleted=True)
    permissions.check(store, state, peer, change, cls, current)
    if wrote is not None:
        wrote.append(True)
    tx.last_change_seq = None               # apply_remote logs the change: its seq, below
    if current is None:
        obj = repo.apply_remote(rid, fields, stamp, origin, op, actor=actor, at=at, old=old,
                                current=None)
        result.duplicates += _flag_duplicates(store, tx, state, cls, obj)
    else:
        winners = _merge_fields(store, tx, state, cls, current, change, result)
        repo.apply_remote(rid, fields, stamp, origin, op, actor=actor, at=at, old=old,
                          winners=winners, current=current)
    state.note_source(peer.device_id, tx.last_change_seq)
    result.records.add(rid)
    if entity == "person" and (current is None or DUPLICATE_FIELDS & set(fields)):
        result.people.add(rid)
    if parsed.wall_ms <= time.time_ns() // 1_000_000 + MAX_CLOCK_AHEAD_MS:
        tx.observe(stamp)
    result.applied += 1
    return "applied"


def _merge_fields(store, tx, state, cls, current: Record, change: dict,
                  result: ApplyResult) -> list[str]:
    """The fields this change wins; lists true conflicts and closes superseded ones."""
    repo = store.repo(cls)
    stamps = repo.field_stamps(current.id)
    ours = codec.to_fields(current)
    known = set(codec.field_names(cls))
    stamp, old = change["stamp"], change.get("old") or {}
    # A creation for a record we already have (ids that are derived, e.g. one checklist item
    # per person and code): both sides made it independently and never agreed on any field.
    created_apart = change.get("old") is None and change.get("op") == "upsert" and \
        stamps.get("id") is not None
    winners = []
    for name, value in change["fields"].items():
        if name not in known or (name in Record.META and name != "deleted"):
            continue
        local_stamp = stamps.get(name, "")
        remote_wins = stamp > local_stamp
        if remote_wins:
            winners.append(name)
        concurrent = not cls.APPEND_ONLY and ours.get(name) != value and (
            (name in old and ours.get(name) != old[name]) or created_apart)
        if concurrent:
            state.add_conflict(
                at=tx.now_iso, entity=cls.ENTITY, record_id=current.id,
                person_id=ours.get("person_id") or (current.id if cls.ENTITY == "person"
                                                    else None),
                field=name, local_value=ours.get(name), local_stamp=local_stamp,
                remote_value=value, remote_stamp=stamp, remote_device=change["origin_device"],
                remote_actor=str(change.get("actor") or ""),
                winner="remote" if remote_wins else "local")
            result.conflicts += 1
        else:
            for c in state.conflicts("open", entity=cls.ENTITY, record_id=current.id,
                                     field=name):
                if stamp > c["local_stamp"] and stamp > c["remote_stamp"]:
                    state.close_conflict(c["id"], tx.now_iso, str(change.get("actor") or ""),
                                         "superseded by a later change made elsewhere")
    return winners


def _flag_duplicates(store, tx, state, cls, obj: Record) -> int:
    if cls.ENTITY == "person":
        return 0      # people: desktop.sync.review_hooks, once per package, with fuzzy rules
    key = registry.duplicate_key(cls)
    if not key:                     # most kinds (attempts): nothing to compare, nothing to encode
        return 0
    values = codec.to_fields(obj)
    if any(values.get(k) in (None, "") for k in key):
        return 0
    conds, args = [], []
    for name in key:
        if isinstance(values[name], str):
            conds.append(f"lower(trim({name})) = lower(trim(?))")
        else:
            conds.append(f"{name} = ?")
        args.append(values[name])
    conds.append("id != ? AND origin_device != ?")
    args += [obj.id, obj.origin_device]
    flagged = 0
    for other in store.repo(cls).where(" AND ".join(conds), args):
        what = " and ".join(k.replace("_", " ") for k in key)
        if state.add_duplicate(tx.now_iso, cls.ENTITY, obj.id, other.id,
                               f"same {what} as a {label(cls.ENTITY)} recorded on another "
                               "device"):
            flagged += 1
    return flagged
