"""Authorisation on import: may the device that signed this package make this change?

The table is ``desktop.domain.ownership`` and docs/sync-format.md ("Who may change what").
``check`` runs for every received change after the signature, the addressing and the version
stamp have been checked and before anything is written; a refused change raises
``NotPermitted`` and goes to quarantine as "not permitted: …" while the rest of its package
applies.

On the lead agency's store (the signer is a field device):
- every change must have been made on the signing device, by a worker who is not another
  enrolled device's worker;
- lead-owned kinds (meetings, risk, checklist, plan, referrals, supervision, closure, and any
  kind that does not say otherwise) are refused;
- a field device creates records of its kinds only for its cases (people assigned to it, or
  created by it) and changes only records it created; moving a record to another person is
  the lead's;
- the person record is shared field by field: the device may create a person and change the
  details of its cases, never status, lead agency or SPOC, and never delete a person.

On a field device (the signer is a lead agency):
- each person's case is held by one enrolled agency (the one that sent the person first, or
  the one a person made here was sent to); an agency changes only its own cases;
- a change made on another device is accepted only as a relay by the agency holding the case
  (the documented exception: a reassigned case's history sent to the new SPOC's device), and
  never when it claims to come from another enrolled agency or from this device.
"""
from __future__ import annotations

from desktop.domain import ownership
from desktop.store.connection import DatabaseError
from desktop.store.syncstate import Peer, SyncState
from desktop.sync import cases


class NotPermitted(Exception):
    """The signer may not make this change; the message says why (without personal data)."""


def _peers(state: SyncState) -> list[Peer]:
    """The enrolled peers, read once per ``SyncState`` (one package's import): names and kinds
    do not change during an import."""
    cached = getattr(state, "_permission_peers", None)
    if cached is None:
        cached = state.peers()
        state._permission_peers = cached
    return cached


def _label(entity: str) -> str:
    return entity.replace("_", " ")


def check(store, state: SyncState, peer: Peer, change: dict, cls: type, current) -> None:
    """Raise ``NotPermitted`` unless ``peer`` (the signer) may make ``change``; ``current`` is
    this store's copy of the record (None when it is new here)."""
    origin, actor = change["origin_device"], str(change.get("actor") or "")
    _actor_is_not_someone_else(state, peer, actor, origin)
    if peer.kind == "agency":
        _from_agency(store, state, peer, change, cls, current, origin)
    else:
        _from_field_device(store, state, peer, change, cls, current, origin)


def _actor_is_not_someone_else(state: SyncState, peer: Peer, actor: str, origin: str) -> None:
    """A change may not name as its author a worker of another enrolled device or agency."""
    wanted = actor.strip().casefold()
    if not wanted:
        return
    for other in _named(state).get(wanted, ()):
        if other.device_id in (peer.device_id, origin):
            continue
        if wanted not in _names_of(peer):
            raise NotPermitted(f"it names {other.name}'s worker as its author, but was "
                               f"signed by {peer.name}")


def _named(state: SyncState) -> dict[str, list[Peer]]:
    """Casefolded worker (and agency) name -> the enrolled peers that go by it, worked out once
    per ``SyncState`` (as ``_peers``): a change's author is looked up, not compared with every
    peer."""
    cached = getattr(state, "_permission_names", None)
    if cached is None:
        cached = {}
        for other in _peers(state):
            names = {other.worker.strip().casefold()}
            if other.kind == "agency":
                names.add(other.agency.strip().casefold())
            for name in names - {""}:
                cached.setdefault(name, []).append(other)
        state._permission_names = cached
    return cached


def _names_of(peer: Peer) -> set[str]:
    return {peer.worker.strip().casefold(), peer.agency.strip().casefold()} - {""}


# -- on the lead agency's store: a field device signed it ---------------------------------------
def _from_field_device(store, state, peer, change, cls, current, origin) -> None:
    dev, entity = peer.device_id, cls.ENTITY
    if origin != dev:
        raise NotPermitted("a field device can only send changes made on it (this one claims "
                           "to come from another device)")
    kind_owner = ownership.owner(entity, cls)
    fields = change["fields"]
    if entity == "person":
        _person_from_field(store, state, peer, change, current)
        return
    if kind_owner != ownership.FIELD:
        raise NotPermitted(f"{_label(entity)} records are kept by the lead agency; a field "
                           "device cannot create or change them")
    if current is None:
        pid = fields.get("person_id")
        origin_of_person = _person_origin(store, pid) if isinstance(pid, str) else None
        if origin_of_person is not None and \
                not _is_case_of(store, state, dev, pid, origin_of_person):
            raise NotPermitted(f"a {_label(entity)} for a person whose case is not assigned "
                               "to this device")
        return
    if current.origin_device != dev:
        raise NotPermitted(f"it changes a {_label(entity)} made on another device; a field "
                           "device changes only records it created")
    moved = [f for f in ownership.REPOINT_FIELDS
             if f in fields and fields[f] != getattr(current, f, None)]
    if moved:
        raise NotPermitted(f"it moves a {_label(entity)} to another person; only the lead "
                           "agency moves records between people")


def _person_from_field(store, state, peer, change, current) -> None:
    fields, dev = change["fields"], peer.device_id
    if current is None:        # a new person: the device's own record, whatever it says
        if change.get("op") == "tombstone" or fields.get("deleted"):
            raise NotPermitted("a field device cannot delete a person")
        return
    if not _is_case_of(store, state, dev, current.id):
        raise NotPermitted("it changes a person whose case is not assigned to this device")
    if change.get("op") == "tombstone" or fields.get("deleted"):
        raise NotPermitted("a field device cannot delete a person; ask the lead agency")
    lead_fields = [f for f in ownership.PERSON_LEAD_FIELDS if f in fields
                   and fields[f] != _encoded(current, f)
                   and not _still_the_devices(store, current, f, dev)]
    if lead_fields:
        raise NotPermitted(f"it changes the person's {', '.join(lead_fields)}; "
                           "these are the lead agency's")


def _still_the_devices(store, person, name: str, device_id: str) -> bool:
    """Lead agency and SPOC of a person the device created stay the device's to fill in until
    the lead agency writes them (status never is)."""
    if name not in ownership.PERSON_SET_BY_CREATOR or person.origin_device != device_id:
        return False
    newest = store.people.field_stamps(person.id).get(name, "")
    return not newest or newest.endswith(f"-{device_id}")


def _encoded(record, name: str):
    value = getattr(record, name, None)
    return getattr(value, "value", value)


def _is_case_of(store, state: SyncState, device_id: str, person_id: str,
                origin: str | None = None) -> bool:
    """``origin``: the person's origin device when the caller has just read it."""
    if person_id in _assigned(state, device_id):
        return True
    if person_id in _released(store, state, device_id):
        return True         # taken back: what the device recorded before still arrives
    if origin is None:
        origin = _person_origin(store, person_id)
    return origin == device_id


def _assigned(state: SyncState, device_id: str) -> set[str]:
    """The device's cases, read once per ``SyncState`` (one package's import: a package
    never changes which cases are assigned; the lead does that in a transaction of its own)."""
    cached = state.__dict__.setdefault("_permission_assigned", {})
    if device_id not in cached:
        cached[device_id] = state.assigned(device_id)
    return cached[device_id]


def _released(store, state: SyncState, device_id: str) -> set[str]:
    """Cases taken back from the device, read once per ``SyncState`` (as ``_assigned``)."""
    cached = state.__dict__.setdefault("_permission_released", {})
    if device_id not in cached:
        cached[device_id] = set(cases.released_from(store, device_id))
    return cached[device_id]


def _person_origin(store, person_id: str) -> str | None:
    """The device a person was created on; None when this store does not have them."""
    row = store.db.execute("SELECT origin_device FROM person WHERE id = ?",
                           (person_id,)).fetchone()
    return None if row is None else (row[0] or "")


# -- on a field device: an agency signed it -----------------------------------------------------
def _from_agency(store, state, peer, change, cls, current, origin) -> None:
    agencies = {p.device_id: p for p in _peers(state) if p.kind == "agency"}
    if origin == store.device_id:
        raise NotPermitted("it claims to have been made on this device, which did not make it")
    if origin != peer.device_id and origin in agencies:
        raise NotPermitted(f"it claims to come from {agencies[origin].name}, but was signed by "
                           f"{peer.name}")
    for pid in _persons_touched(cls, change, current):
        holder = case_agency(store, state, pid)
        if holder is None:
            if _person_exists(store, pid):
                raise NotPermitted(f"it changes a person whose case {peer.name} does not hold "
                                   "on this device")
            continue      # a new case: it becomes the sender's
        if holder != peer.device_id:
            name = agencies[holder].name if holder in agencies else "another agency"
            raise NotPermitted(f"it touches a case held by {name}; {peer.name} may change only "
                               "its own cases" + (" and relay records only of them"
                                                  if origin != peer.device_id else ""))
    if current is not None and cls.ENTITY != "person" and not _person_ids(cls, change, current):
        owner = current.origin_device
        if owner in agencies and owner != peer.device_id:
            raise NotPermitted(f"it changes a record of {agencies[owner].name}")


def _persons_touched(cls, change, current) -> list[str]:
    if cls.ENTITY == "person":
        return [change["id"]]
    return _person_ids(cls, change, current)


def _person_ids(cls, change, current) -> list[str]:
    out = []
    pid = change["fields"].get("person_id")
    if isinstance(pid, str) and pid:
        out.append(pid)
    old = getattr(current, "person_id", None) if current is not None else None
    if isinstance(old, str) and old and old not in out:
        out.append(old)
    return out


def _person_exists(store, person_id: str) -> bool:
    return store.db.execute("SELECT 1 FROM person WHERE id = ?", (person_id,)).fetchone() \
        is not None


def case_agency(store, state: SyncState, person_id: str) -> str | None:
    """On a field device: the device id of the enrolled agency that holds this person's case
    (None when no agency holds it yet)."""
    agencies = [p for p in _peers(state) if p.kind == "agency"]
    ids = {p.device_id for p in agencies}
    for peer in store.db.execute("SELECT peer FROM sync_peer_person WHERE person_id = ? "
                                 "ORDER BY rowid", (person_id,)):
        if peer[0] in ids:
            return peer[0]
    row = store.db.execute(
        "SELECT s.peer FROM change_log c JOIN sync_change_source s ON s.change_seq = c.seq "
        "WHERE c.entity = 'person' AND c.record_id = ? ORDER BY c.seq LIMIT 1",
        (person_id,)).fetchone()
    if row and row[0] in ids:
        return row[0]
    try:
        person = store.db.execute("SELECT origin_device, lead_agency, created_at FROM person "
                                  "WHERE id = ?", (person_id,)).fetchone()
    except DatabaseError:
        person = None
    if person is None or person[0] != store.device_id:
        return None
    named = [p for p in agencies if person[1].strip() and
             person[1].strip().casefold() == p.agency.strip().casefold()]
    if len(named) == 1:
        return named[0].device_id
    if len(agencies) == 1:
        return agencies[0].device_id
    # made here when only one agency was enrolled: that agency's
    earlier = [p for p in agencies if _before(p.enrolled_at, person[2])]
    return earlier[0].device_id if len(earlier) == 1 else None


def _before(a: str | None, b: str | None) -> bool:
    from datetime import datetime
    try:
        return datetime.fromisoformat(str(a)) <= datetime.fromisoformat(str(b))
    except (TypeError, ValueError):
        return False


def agency_filter(store, state: SyncState, peer: Peer):
    """On a field device exporting to ``peer`` (an agency): ``keep(person_id) -> bool``, which
    changes go to this agency (its own cases only), or None when it is the only agency enrolled
    (everything goes to it)."""
    agencies = [p for p in _peers(state) if p.kind == "agency"]
    if len(agencies) <= 1:
        return None
    cache: dict[str, str | None] = {}

    def keep(person_id: str | None) -> bool:
        if person_id is None:
            return False            # records of nobody in particular: not with two agencies
        if person_id not in cache:
            cache[person_id] = case_agency(store, state, person_id)
        return cache[person_id] == peer.device_id
    return keep
