"""What a person reviews after an import: conflicts, possible duplicates, quarantine; and
the lead agency's assignment of cases to devices."""
from __future__ import annotations

from desktop.domain import codec
from desktop.store.syncstate import SyncState
from desktop.sync import registry
from desktop.sync.errors import SyncError
from desktop.i18n import _, ngettext  # noqa: F401


def _person_name(store, person_id: str | None) -> str:
    if not person_id:
        return ""
    p = store.people.get(person_id, include_deleted=True)
    return p.display_name if p else ""


def list_conflicts(store, status: str | None = "open") -> list[dict]:
    """Open conflicts, newest last: entity, record, field, both values with who and when,
    which one currently stands (``winner``), and the person's name for display."""
    state = SyncState(store)
    out = []
    for c in state.conflicts(status):
        peer = state.peer(c["remote_device"])
        out.append({**c, "person_name": _person_name(store, c["person_id"]),
                    "field_label": c["field"].replace("_", " ").capitalize(),
                    "remote_device_name": peer.name if peer else c["remote_device"]})
    return out


def resolve_conflict(store, conflict_id: int, keep: str) -> None:
    """``keep="current"``: the value that stands now stays (the conflict is closed here).
    ``keep="other"``: the value that lost is written back as a new edit, which travels to the
    other devices and closes the conflict there too."""
    if keep not in ("current", "other"):
        raise ValueError("keep must be 'current' or 'other'")
    state = SyncState(store)
    rows = [c for c in state.conflicts(None) if c["id"] == conflict_id]
    if not rows:
        raise LookupError(f"No conflict with id {conflict_id}.")
    c = rows[0]
    if c["status"] != "open":
        raise SyncError(_("This conflict has already been resolved."))
    cls = registry.record_class(c["entity"])
    if cls is None:
        raise SyncError(_("This version cannot edit '{value}' records.").format(value=c['entity']))
    with store.transaction() as tx:
        if keep == "other":
            losing = c["remote_value"] if c["winner"] == "local" else c["local_value"]
            repo = store.repo(cls)
            obj = repo.get(c["record_id"], include_deleted=True)
            if obj is None:
                raise LookupError("The record of this conflict no longer exists.")
            setattr(obj, c["field"], codec.decode(codec.hints(cls)[c["field"]], losing))
            repo.update(obj)
        state.close_conflict(conflict_id, tx.now_iso, store.actor, f"kept the {keep} value")
        state.audit(tx, "conflict-resolved", c["entity"], c["record_id"],
                    f"{c['field']}:{keep}")


def list_duplicates(store, status: str | None = "open") -> list[dict]:
    out = []
    for d in SyncState(store).duplicates(status):
        cls = registry.record_class(d["entity"])
        names = []
        for rid in (d["record_id"], d["other_id"]):
            obj = store.repo(cls).get(rid, include_deleted=True) if cls else None
            names.append(getattr(obj, "display_name", "") if obj else "")
        out.append({**d, "record_name": names[0], "other_name": names[1]})
    return out


def resolve_duplicate(store, duplicate_id: int, same_person: bool, note: str = "") -> None:
    """Record the reviewer's decision. Nothing is merged: when they are the same person, the
    records are left for the worker to bring together by hand (and the decision is audited)."""
    state = SyncState(store)
    rows = [d for d in state.duplicates(None) if d["id"] == duplicate_id]
    if not rows:
        raise LookupError(f"No possible duplicate with id {duplicate_id}.")
    status = "same_person" if same_person else "different_people"
    with store.transaction() as tx:
        state.close_duplicate(duplicate_id, status, tx.now_iso, store.actor, note.strip())
        state.audit(tx, "duplicate-reviewed", rows[0]["entity"], rows[0]["record_id"], status)


def list_quarantine(store, status: str = "open") -> list[dict]:
    """The quarantined changes, each with ``peer_name``: the sending device's worker and
    agency as enrolled (its id when it is no longer enrolled)."""
    state = SyncState(store)
    names: dict[str, str] = {}
    out = []
    for q in state.quarantined(status):
        peer_id = q.get("peer", "")
        if peer_id not in names:
            peer = state.peer(peer_id) if peer_id else None
            names[peer_id] = peer.name if peer is not None and peer.name else peer_id
        out.append({**q, "peer_name": names[peer_id]})
    return out


def dismiss_quarantined(store, item_id: int) -> None:
    state = SyncState(store)
    with store.transaction() as tx:
        state.set_quarantine_status(item_id, "dismissed", tx.now_iso, store.actor)
        state.audit(tx, "quarantine-dismissed", "sync_quarantine", str(item_id))


def assign_case(store, device_id: str, person_id: str) -> None:
    """Lead agency: send this person's record and history to this device from now on."""
    state = SyncState(store)
    peer = state.peer(device_id)
    if peer is None or peer.kind != "device":
        raise LookupError(f"No enrolled field device has the id {device_id}.")
    store.people.require(person_id)
    with store.transaction() as tx:
        state.assign(device_id, person_id, tx.now_iso, store.actor)
        state.audit(tx, "case-assigned", "person", person_id, device_id)
        # what the device sent for this person before it was theirs applies now
        from desktop.sync.merge import retry_quarantined
        retry_quarantined(store, tx, {person_id})
