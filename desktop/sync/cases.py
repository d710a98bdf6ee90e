"""The lead agency takes a case back from a field device (reassigned to another SPOC, or simply
no longer theirs).

The person leaves the device's assignments; the lead agency sends the device nothing more
about them, and every later package to the device lists them under ``released`` in its
manifest. The device keeps sending what it recorded before, and once the lead agency has
acknowledged all of it the device removes the person's records (``desktop.sync.purge``).
"""
from __future__ import annotations

import json

from desktop.store.syncstate import SyncState


def _key(device_id: str, told: bool = False) -> str:
    return f"sync_released{'_told' if told else ''}:{device_id}"


def released_from(store, device_id: str, *, told: bool = False) -> list[str]:
    """Cases taken back from the device (``told``: those already named in a package to it)."""
    raw = store.meta_get(_key(device_id, told))
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def note_told(store, device_id: str, person_ids: list[str]) -> None:
    """Inside the export's transaction: these releases went out in a package."""
    store.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                     "UPDATE SET value = excluded.value",
                     (_key(device_id, True), json.dumps(sorted(set(person_ids)))))


def unassign_case(store, device_id: str, person_id: str) -> None:
    """Lead agency: this person's case is no longer this device's."""
    state = SyncState(store)
    peer = state.peer(device_id)
    if peer is None or peer.kind != "device":
        raise LookupError(f"No enrolled field device has the id {device_id}.")
    store.people.require(person_id)
    now = released_from(store, device_id)
    with store.transaction() as tx:
        store.db.execute("DELETE FROM sync_assignment WHERE peer = ? AND person_id = ?",
                         (device_id, person_id))
        if person_id not in now:
            now.append(person_id)
        store.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                         "UPDATE SET value = excluded.value",
                         (_key(device_id), json.dumps(now)))
        state.audit(tx, "case-unassigned", "person", person_id, device_id)


def reassign_case(store, person_id: str, from_device: str, to_device: str) -> None:
    """The case goes to another device (with its history) and leaves the first one."""
    from desktop.sync.review import assign_case
    if from_device == to_device:
        raise ValueError("The case is already assigned to that device.")
    assign_case(store, to_device, person_id)
    unassign_case(store, from_device, person_id)
