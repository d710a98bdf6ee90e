"""Export: every change the recipient has not yet been sent, as the next packages.

For the lead agency (a peer of kind "agency") a device sends everything it has that did not
come from the agency. The lead agency sends a device the records of that device's cases: people
it created or recorded something for, and people assigned to it (with their earlier history the
first time). Every package also acknowledges what this store has imported from the recipient.

Packages are recorded (with their signed content) in the store before their file is written,
and kept until the recipient acknowledges them: a lost or unwritten file is written again, the
same package under the same sequence number, on the next export (or when the recipient reports
it missing). Nothing new to send is a message, never an empty file.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from desktop.domain.ids import new_id
from desktop.store.atomic import stale_temp_files, write_atomic
from desktop.store.connection import DatabaseError
from desktop.store.syncstate import LoggedChange, Peer, SentPackage, SyncState
from desktop.store import witness
from desktop.store.threads import in_session
from desktop.sync import cases, limits, permissions, registry
from desktop.sync.errors import NotEnrolled, SyncError
from desktop.sync.identity import full_fingerprint, identity
from desktop.sync.importer import missing_sequences
from desktop.sync.package import (
    DEFAULT_MAX_PAYLOAD, Signed, change_line, file_name, make_manifest, seal, sign)
from desktop.i18n import _, ngettext

Progress = Callable[[int, int, str], None]


@dataclass
class ExportResult:
    packages: list[Path] = field(default_factory=list)   # every file written
    new_packages: int = 0
    rewritten: int = 0          # unacknowledged packages written again
    changes: int = 0
    message: str = ""
    cancelled: bool = False

    def to_json(self) -> dict:
        return {"packages": [str(p) for p in self.packages], "new_packages": self.new_packages,
                "rewritten": self.rewritten, "changes": self.changes, "message": self.message,
                "cancelled": self.cancelled}


def change_dict(c: LoggedChange) -> dict:
    return {"entity": c.entity, "id": c.record_id, "stamp": c.stamp, "op": c.op,
            "fields": c.fields, "old": c.old, "actor": c.actor, "at": c.at,
            "origin_device": c.origin_device}


def target_peers(store, for_device: str | None) -> list[Peer]:
    peers = SyncState(store).peers()
    if for_device:
        peers = [p for p in peers if p.device_id == for_device]
        if not peers:
            raise NotEnrolled(f"No enrolled device has the id {for_device}. Check `sync status`"
                              " for the enrolled devices.")
    if not peers:
        raise NotEnrolled(
            "This store is not enrolled with a lead agency yet: import the lead agency's "
            "enrolment file first." if store.role == "field" else
            "No field devices are enrolled yet: import a device's enrolment file first.")
    return peers


@in_session
def export_packages(store, out_dir: str | Path, for_device: str | None = None,
                    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                    *, resend: bool = False, per_recipient_folders: bool | None = None,
                    max_payload: int = DEFAULT_MAX_PAYLOAD) -> ExportResult:
    """Write packages for one enrolled peer (``for_device``) or all of them into ``out_dir``.

    With several recipients (a lead agency exporting for every device, a field device enrolled
    with several agencies) each gets a subfolder ``to-<device-id>``; ``per_recipient_folders``
    forces the choice. A file already in ``out_dir`` is never overwritten: the package goes
    into the recipient's subfolder instead. ``resend`` writes every
    unacknowledged package again. Safe off the GUI thread; ``cancelled`` is checked between
    packages (what was written stays valid).
    """
    out_dir = Path(out_dir).expanduser()
    peers = target_peers(store, for_device)
    sub = (for_device is None and (store.role == "lead" or len(peers) > 1)) \
        if per_recipient_folders is None else per_recipient_folders
    ident, state, result = identity(store), SyncState(store), ExportResult()
    plans = [(p, out_dir / f"to-{p.device_id}" if sub else out_dir) for p in peers]
    for n, (peer, folder) in enumerate(plans):
        if cancelled and cancelled():
            result.cancelled = True
            break
        if progress:
            progress(n, len(plans), peer.name)
        _export_peer(store, state, ident, peer, folder, result, resend, max_payload, cancelled)
    if progress:
        progress(len(plans), len(plans), "")
    if result.new_packages == 0 and result.rewritten == 0:
        result.message = _("Nothing new to send.")
    else:
        what = (ngettext("{n} new change", "{n} new changes", result.changes).format(
            n=result.changes) if result.changes else _("acknowledgements only"))
        if result.rewritten:
            what += _("; {n} written again, not yet acknowledged").format(n=result.rewritten)
        result.message = ngettext("Wrote {n} package ({what}).", "Wrote {n} packages ({what}).",
                                  len(result.packages)).format(n=len(result.packages), what=what)
    waiting = sum(1 for p in peers for s in state.sent(p.device_id, unacknowledged=True)
                  if s.changes)
    if waiting and not result.packages:
        result.message += " " + ngettext(
            "{n} package sent earlier is not acknowledged yet; use resend to write them again "
            "if they were lost.",
            "{n} packages sent earlier are not acknowledged yet; use resend to write them again "
            "if they were lost.", waiting).format(n=waiting)
    return result


def _export_peer(store, state, ident, peer, folder, result, resend, max_payload, cancelled):
    for pkg in state.sent(peer.device_id, unacknowledged=True):
        if resend or pkg.resend or not pkg.written_at:
            if pkg.manifest is None:
                continue
            _write(store, state, peer, folder, pkg.sequence,
                   Signed(pkg.manifest, pkg.payload, pkg.signature), result)
            result.rewritten += 1
    changes, new_persons, last_seq = plan_changes(store, state, peer)
    ack, ack_needed = acknowledgement(state, peer)
    released = [] if peer.full_sync else released_persons(store, state, peer)
    told = set(cases.released_from(store, peer.device_id, told=True))
    ack_needed = ack_needed or bool(set(released) - told)
    if not changes and not ack_needed:
        return
    chunks = _split(changes, max_payload) or [[]]
    for i, chunk in enumerate(chunks):
        if i and cancelled and cancelled():
            result.cancelled = True
            return
        peer = state.peer(peer.device_id)
        seq = peer.out_sequence + 1
        payload = b"".join(change_line(c) for _ignored, c in chunk)
        with store.transaction() as tx:
            manifest = make_manifest(
                package_id=new_id(), sender=ident, sender_role=store.role,
                recipient_id=peer.device_id,
                recipient_fingerprint=full_fingerprint(peer.signing_key, peer.age_recipient),
                sequence=seq, previous_hash=peer.out_last_hash or None, created_at=tx.now_iso,
                payload=payload, changes=[c for _ignored, c in chunk], acknowledgement=ack)
            manifest["audit_head"] = witness.outgoing(store.db, peer.device_id)
            if released:
                manifest["released"] = released
            signed = sign(ident, manifest, payload)
            last = i == len(chunks) - 1
            through = max([peer.out_change_seq, *(s for s, _ignored in chunk)]) if not last \
                else max(peer.out_change_seq, last_seq)
            state.add_sent(SentPackage(peer.device_id, seq, manifest["package_id"],
                                       signed.package_hash, tx.now_iso, len(chunk), through,
                                       signed.manifest, signed.payload, signed.signature,
                                       None, 0, None))
            state.update_peer(peer.device_id, out_sequence=seq,
                              out_last_hash=signed.package_hash, out_change_seq=through,
                              ack_sent_through=ack["imported_through"],
                              ack_sent_missing=json.dumps(ack["missing"]))
            if last:
                state.mark_persons_sent(peer.device_id, new_persons)
            if released:
                cases.note_told(store, peer.device_id, released)
            state.log_event(tx.now_iso, "out", peer.device_id, seq,
                            file_name(store.device_id, seq), "exported")
        _write(store, state, peer, folder, seq, signed, result)
        result.new_packages += 1
        result.changes += len(chunk)


def _write(store, state, peer: Peer, folder: Path, seq: int, signed: Signed,
           result: ExportResult) -> None:
    path = folder / file_name(store.device_id, seq)
    own = f"to-{peer.device_id}"
    if folder.name != own and (path.exists() or path in result.packages):
        # Another recipient's package (same sender, same sequence) may be there: never
        # overwrite it; this recipient's own subfolder holds only packages from us to it.
        folder = folder / own
        path = folder / path.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in stale_temp_files(folder, path.name):   # left by a crash mid-write
            stale.unlink(missing_ok=True)
        write_atomic(path, seal(signed, peer.age_recipient), 0o600)
    except OSError as exc:
        raise SyncError(_('Could not write to {folder} ({value}). Nothing is lost: the package is kept and will be written again by the next export.').format(folder=folder, value=exc.strerror or exc)) \
            from None
    with store.transaction() as tx:
        state.mark_written(peer.device_id, seq, tx.now_iso)
    result.packages.append(path)


def _split(changes: list[tuple[int, dict]], max_payload: int) -> list[list[tuple[int, dict]]]:
    chunks, current, size = [], [], 0
    for seq, change in changes:
        n = len(change_line(change))
        if current and size + n > max_payload:
            chunks.append(current)
            current, size = [], 0
        current.append((seq, change))
        size += n
    if current:
        chunks.append(current)
    return chunks


def acknowledgement(state: SyncState, peer: Peer) -> tuple[dict, bool]:
    """What we tell the peer about ITS packages, and whether that alone is worth a package
    (new packages with changes imported, or missing ones not reported yet)."""
    held = [row[1] for row in state.held(peer.device_id)]
    missing = missing_sequences(state, peer)
    ack = {"imported_through": peer.in_through, "last_hash": peer.in_last_hash or None,
           "held": held[:limits.MAX_LISTED], "missing": missing,
           "audit_head": witness.peer_view(state.db, peer.device_id)}
    news = state.received_with_changes(peer.device_id, peer.ack_sent_through, peer.in_through)
    needed = bool(news) or (bool(missing) and json.dumps(missing) != peer.ack_sent_missing)
    return ack, needed


def plan_changes(store, state: SyncState, peer: Peer) -> tuple[list[tuple[int, dict]],
                                                                  set[str], int]:
    """``([(change_log seq, change)], people sent in full for the first time, last seq)``."""
    last_seq = state.last_change_seq()
    fresh: list[LoggedChange] = []
    after = peer.out_change_seq
    while True:
        batch = state.changes_after(after, peer.device_id, 1000)
        batch = [c for c in batch if c.seq <= last_seq]
        if not batch:
            break
        fresh += batch
        after = batch[-1].seq
    if peer.full_sync:
        keep = permissions.agency_filter(store, state, peer)
        if keep is None:      # the only agency: everything; the people it now holds are marked
            persons = {c.record_id for c in fresh if c.entity == "person"}
            return ([(c.seq, change_dict(c)) for c in fresh],
                    persons - state.persons_sent(peer.device_id), last_seq)
        owner, persons = _PersonOf(store), set()
        picked_for_agency = []
        for c in fresh:
            pid = owner(c)
            if keep(pid):
                picked_for_agency.append((c.seq, change_dict(c)))
                persons.add(pid)
        return picked_for_agency, persons - state.persons_sent(peer.device_id), last_seq
    persons = relevant_persons(store, state, peer) - set(released_persons(store, state, peer))
    new_persons = persons - state.persons_sent(peer.device_id)
    owner = _PersonOf(store)
    picked = {c.seq: c for c in fresh if owner(c) in persons}
    for pid in new_persons:     # their earlier history, the first time a case is sent
        for c in history_of_person(store, state, pid, peer):
            if c.seq <= peer.out_change_seq:
                picked[c.seq] = c
    return [(s, change_dict(picked[s])) for s in sorted(picked)], new_persons, last_seq


def released_persons(store, state: SyncState, peer: Peer) -> list[str]:
    """Cases the lead agency took back from this device (and has not assigned it again)."""
    assigned = state.assigned(peer.device_id)
    return [p for p in cases.released_from(store, peer.device_id) if p not in assigned]


def relevant_persons(store, state: SyncState, peer: Peer) -> set[str]:
    """The device's cases: people it created or recorded anything for, and those assigned."""
    dev = peer.device_id
    persons = set(state.assigned(dev))
    for cls in registry.record_classes().values():
        try:
            if cls.ENTITY == "person":
                persons |= state.ids_where("person", "id", "origin_device = ?", (dev,))
            elif registry.person_linked(cls):
                persons |= state.ids_where(cls.ENTITY, "person_id", "origin_device = ?", (dev,))
        except DatabaseError:
            continue     # a record kind whose table this store does not have
    return persons


def history_of_person(store, state: SyncState, person_id: str, peer: Peer) -> list[LoggedChange]:
    out = state.changes_of_records("person", [person_id], 1 << 62, peer.device_id)
    for cls in registry.record_classes().values():
        if cls.ENTITY == "person" or not registry.person_linked(cls):
            continue
        try:
            ids = sorted(state.ids_where(cls.ENTITY, "id", "person_id = ?", (person_id,)))
        except DatabaseError:
            continue
        out += state.changes_of_records(cls.ENTITY, ids, 1 << 62, peer.device_id)
    return out


class _PersonOf:
    """The person a logged change belongs to (None for records that belong to nobody)."""

    def __init__(self, store):
        self.store = store
        self.cache: dict[tuple[str, str], str | None] = {}

    def __call__(self, c: LoggedChange) -> str | None:
        if c.entity == "person":
            return c.record_id
        if isinstance(c.fields.get("person_id"), str):
            return c.fields["person_id"]
        key = (c.entity, c.record_id)
        if key not in self.cache:
            cls = registry.record_class(c.entity)
            pid = None
            if cls is not None and registry.person_linked(cls):
                obj = self.store.repo(cls).get(c.record_id, include_deleted=True)
                pid = obj.person_id if obj is not None else None
            self.cache[key] = pid
        return self.cache[key]
