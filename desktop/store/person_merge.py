"""Merging two person records into one, and undoing it.

``merge_people(store, keep_id, other_id, reason)``: in ONE transaction, every record of the
other person (attempts, visits, goals, meetings, chronology, …: every record kind that carries
``person_id``) is re-pointed to the survivor, the other person is soft-deleted (a redirect
tombstone: its ``PersonMerge`` names the survivor and the reason), and the merge is written to
history and the audit log. Each re-pointing is logged with the record's full fields, so a
device that holds only one of the two people receives complete records and a device that holds
both just moves them: the merge travels by sync like any edit.

Checklist rows have ids derived from the person and the item (one row per item per person), so
they are not moved: a row the survivor lacks is copied to the survivor's own id; a row it has
stands, and the other's row stays with the tombstone.

``repoint_late_arrivals``: records that arrive later (by sync) for a merged-away person are
re-pointed in the same way, and remembered so an unmerge takes them back too.

``unmerge_people``: every record the merge (or a late arrival) moved goes back, copies are
deleted, the other person is restored; the merge is marked undone. Nothing is lost: history
keeps every step.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from desktop.domain import codec
from desktop.domain.checklist import ChecklistItem, checklist_item_id
from desktop.domain.person import Person
from desktop.domain.person_merge import PersonMerge
from desktop.domain.record import Record, ValidationError
from desktop.store import audit
from desktop.store.connection import DatabaseError
from desktop.i18n import _, ngettext  # noqa: F401


@dataclass
class MergeResult:
    keep_id: str
    other_id: str
    merge_id: str
    moved: Counter = field(default_factory=Counter)       # entity → records re-pointed
    copied: Counter = field(default_factory=Counter)      # entity → records copied
    kept_apart: Counter = field(default_factory=Counter)  # entity → left with the tombstone

    def to_json(self) -> dict:
        return {"keep": self.keep_id, "other": self.other_id, "merge_id": self.merge_id,
                "moved": dict(self.moved), "copied": dict(self.copied),
                "kept_apart": dict(self.kept_apart)}

    def text(self, verb: str = "Moved") -> str:
        def label(entity: str, n: int) -> str:
            return f"{n} {entity.replace('_', ' ')}{'s' * (n != 1)}"
        lines = [f"{verb}: " + (", ".join(label(e, n) for e, n in sorted(self.moved.items()))
                                or "no records")]
        if self.copied:
            lines.append("Copied: " + ", ".join(label(e, n) for e, n in
                                                sorted(self.copied.items())))
        if self.kept_apart:
            lines.append("Left with the merged-away record (the survivor has its own): " +
                         ", ".join(label(e, n) for e, n in sorted(self.kept_apart.items())))
        return "\n".join(lines)


def person_linked_classes() -> list[type[Record]]:
    from desktop.sync import registry   # record kinds are found, not listed
    return [cls for cls in registry.record_classes().values()
            if cls.ENTITY not in ("person", PersonMerge.ENTITY) and registry.person_linked(cls)]


def _records_of(store, person_ids: list[str]) -> list[tuple[type[Record], Record]]:
    """Every record of these people, parents before children (their order of creation)."""
    out = []
    marks = ", ".join("?" * len(person_ids))
    for cls in person_linked_classes():
        try:
            objs = store.repo(cls).where(f"person_id IN ({marks})", person_ids,
                                         include_deleted=True)
        except DatabaseError:
            continue          # a record kind whose table this store does not have
        out += [(cls, o) for o in objs]
    return sorted(out, key=lambda co: _first_seq(store, co[0].ENTITY, co[1].id))


def _first_seq(store, entity: str, record_id: str) -> int:
    row = store.db.execute("SELECT min(seq) FROM change_log WHERE entity = ? AND record_id = ?",
                           (entity, record_id)).fetchone()
    return row[0] if row and row[0] is not None else 0


def _repoint(store, tx, cls: type[Record], obj: Record, to_person: str, action: str) -> None:
    """Give ``obj`` another person, logging its full fields (see the module docstring)."""
    old_person = obj.person_id
    stamp = tx.stamp()
    obj.person_id = to_person
    obj.updated_at, obj.updated_by, obj.version = tx.now, store.actor, stamp
    store.db.execute(f"UPDATE {cls.ENTITY} SET person_id = ?, updated_at = ?, updated_by = ?, "
                     "version = ? WHERE id = ?",
                     (to_person, tx.now_iso, store.actor, stamp, obj.id))
    tx.record_change(cls.ENTITY, obj.id, stamp, "upsert", codec.to_fields(obj),
                     {"person_id": old_person}, action)


def _send_to_holders(store, tx, holding: str, also: str) -> None:
    """Devices that were sent ``holding`` get ``also`` from now on: a merge (or unmerge)
    reaches every device that holds either record."""
    from desktop.store.syncstate import SyncState
    state = SyncState(store)
    for peer in state.peers():
        if peer.kind != "device":
            continue
        if holding in state.persons_sent(peer.device_id) or \
                holding in state.assigned(peer.device_id):
            state.assign(peer.device_id, also, tx.now_iso, store.actor)


def _audit(store, tx, action: str, record_id: str, detail: str) -> None:
    audit.append(store.db, at=tx.now_iso, actor=store.actor, device=store.device_id,
                 action=action, entity="person", record_id=record_id, detail=detail)


def merge_people(store, keep_id: str, other_id: str, reason: str) -> MergeResult:
    """Merge ``other_id`` into ``keep_id`` (see the module docstring). Raises
    ``LookupError`` for an unknown person and ``ValidationError`` for a refused merge."""
    if keep_id == other_id:
        raise ValidationError(_("A person cannot be merged with themselves."))
    if not (reason or "").strip():
        raise ValidationError(_("Say why these records are the same person (the reason stays "
                              "with the merge)."))
    with store.transaction() as tx:
        keep = store.people.get(keep_id, include_deleted=True)
        other = store.people.get(other_id, include_deleted=True)
        for p, pid in ((keep, keep_id), (other, other_id)):
            if p is None:
                raise LookupError(f"No person with id {pid}.")
            if p.deleted:
                where = redirect_of(store, pid)
                raise ValidationError(
                    f"{p.display_name} was already merged into {where}." if where else
                    f"{p.display_name} is deleted; restore the record first.")
        result = MergeResult(keep_id, other_id, "")
        moved: list[str] = []
        keep_codes = set(store.checklist.current(keep_id))
        for cls, obj in _records_of(store, [other_id]):
            if cls is ChecklistItem:
                if obj.code in keep_codes or obj.deleted:
                    result.kept_apart[cls.ENTITY] += 1
                    continue
                copy = codec.from_fields(ChecklistItem, {
                    **{k: v for k, v in codec.to_fields(obj).items() if k not in Record.META},
                    "id": checklist_item_id(keep_id, obj.code), "person_id": keep_id})
                existing = store.checklist.get(copy.id, include_deleted=True)
                if existing is not None:       # a deleted row of the survivor's: bring it back
                    store.checklist._set_deleted(copy.id, False)
                    store.checklist.update(copy)
                else:
                    store.checklist.add(copy)
                moved.append(f"copy:{cls.ENTITY}:{copy.id}")
                result.copied[cls.ENTITY] += 1
                continue
            _repoint(store, tx, cls, obj, keep_id, "merge-repoint")
            moved.append(f"{cls.ENTITY}:{obj.id}")
            result.moved[cls.ENTITY] += 1
        store.people.delete(other_id)
        _send_to_holders(store, tx, other_id, keep_id)
        merge = store.repo(PersonMerge).add(PersonMerge(
            person_id=keep_id, other_id=other_id, reason=reason.strip(), moved=moved))
        result.merge_id = merge.id
        _audit(store, tx, "person-merged", keep_id,
               f"other={other_id},merge={merge.id},moved={len(moved)}")
    return result


def active_merge(store, keep_id: str, other_id: str) -> PersonMerge | None:
    found = store.repo(PersonMerge).where("person_id = ? AND other_id = ? AND undone = 0",
                                          (keep_id, other_id), order="created_at DESC")
    return found[0] if found else None


def redirect_of(store, person_id: str) -> str | None:
    """The survivor a merged-away person now points to (following chains), or None."""
    seen = set()
    current = person_id
    while current not in seen:
        seen.add(current)
        found = store.repo(PersonMerge).where("other_id = ? AND undone = 0", (current,),
                                              order="created_at DESC", limit=1)
        if not found:
            return None if current == person_id else current
        current = found[0].person_id
    return current


def merges_of(store, person_id: str) -> list[PersonMerge]:
    """Merges into this person that can still be undone, newest first."""
    return store.repo(PersonMerge).where("person_id = ? AND undone = 0", (person_id,),
                                         order="created_at DESC")


def unmerge_people(store, keep_id: str, other_id: str, reason: str = "") -> MergeResult:
    """Undo the merge of ``other_id`` into ``keep_id``: every moved record goes back, copies
    are deleted, the other person is restored."""
    with store.transaction() as tx:
        merge = active_merge(store, keep_id, other_id)
        if merge is None:
            raise LookupError(f"No merge of {other_id} into {keep_id} to undo.")
        result = MergeResult(keep_id, other_id, merge.id)
        for item in reversed(merge.moved):
            parts = item.split(":")
            copy = parts[0] == "copy"
            entity, rid = (parts[1], parts[2]) if copy else (parts[0], parts[1])
            cls = next((c for c in person_linked_classes() if c.ENTITY == entity), None)
            if cls is None:
                continue
            repo = store.repo(cls)
            obj = repo.get(rid, include_deleted=True)
            if obj is None:
                continue
            if copy:
                if not obj.deleted:
                    repo._set_deleted(rid, True)
                result.copied[entity] += 1
            elif obj.person_id == keep_id:
                _repoint(store, tx, cls, obj, other_id, "unmerge-repoint")
                result.moved[entity] += 1
        other = store.people.get(other_id, include_deleted=True)
        if other is not None and other.deleted:
            store.people._set_deleted(other_id, False)
        _send_to_holders(store, tx, keep_id, other_id)
        merge.undone, merge.undone_reason = True, (reason or "").strip()
        store.repo(PersonMerge).update(merge)
        _audit(store, tx, "person-unmerged", keep_id, f"other={other_id},merge={merge.id}")
    return result


def repoint_late_arrivals(store, tx) -> int:
    """Re-point records that belong to a merged-away person (they arrived by sync from a
    device that had not yet heard of the merge). Call inside the import's transaction."""
    try:
        merges = store.repo(PersonMerge).where("undone = 0")
    except DatabaseError:
        return 0
    if not merges:
        return 0
    by_other = {m.other_id: m for m in merges}
    total = 0
    for cls, obj in _records_of(store, list(by_other)):
        if obj.deleted or cls is ChecklistItem:
            continue
        merge = by_other[obj.person_id]
        target = redirect_of(store, merge.other_id) or merge.person_id
        if store.people.get(target) is None:
            continue          # the survivor is not here (a device that holds only the other)
        _repoint(store, tx, cls, obj, target, "merge-repoint-late")
        merge.moved = [*merge.moved, f"{cls.ENTITY}:{obj.id}"]
        total += 1
    for merge in by_other.values():
        current = store.repo(PersonMerge).get(merge.id)
        if current is not None and current.moved != merge.moved:
            store.repo(PersonMerge).update(merge)
    return total
