"""What an attacker holding a store (and so its genuine signing key) can send: any change
lines at all, signed with that store's real key and encrypted to an enrolled recipient, next
in the sender's real sequence so the package itself is accepted."""
from __future__ import annotations

import time
from pathlib import Path

from desktop.domain.ids import new_id
from desktop.store.store import Store
from desktop.store.syncstate import SentPackage, SyncState
from desktop.sync.identity import full_fingerprint, identity
from desktop.sync.package import change_line, file_name, make_manifest, seal, sign

_counter = iter(range(1, 10_000))


def stamp(device: str, ahead_ms: int = 0) -> str:
    return f"{time.time_ns() // 1_000_000 + ahead_ms:013d}-{next(_counter):04d}-{device}"


def change(entity: str, record_id: str, fields: dict, *, origin: str, actor: str,
           op: str = "upsert", old: dict | None = None) -> dict:
    return {"entity": entity, "id": record_id, "stamp": stamp(origin), "op": op,
            "fields": fields, "old": old, "actor": actor,
            "at": "2026-11-30T10:00:00+00:00", "origin_device": origin}


def forge(sender: Store, recipient: Store, changes: list[dict], folder: Path,
          **manifest_extra) -> Path:
    """A package signed by ``sender``'s real key, next in its sequence to ``recipient``."""
    state, ident = SyncState(sender), identity(sender)
    peer = state.peer(recipient.device_id)
    payload = b"".join(change_line(c) for c in changes)
    seq = peer.out_sequence + 1
    with sender.transaction() as tx:
        manifest = make_manifest(
            package_id=new_id(), sender=ident, sender_role=sender.role,
            recipient_id=peer.device_id,
            recipient_fingerprint=full_fingerprint(peer.signing_key, peer.age_recipient),
            sequence=seq, previous_hash=peer.out_last_hash or None, created_at=tx.now_iso,
            payload=payload, changes=changes,
            acknowledgement={"imported_through": peer.in_through,
                             "last_hash": peer.in_last_hash or None, "held": [],
                             "missing": []})
        manifest.update(manifest_extra)
        signed = sign(ident, manifest, payload)
        state.add_sent(SentPackage(peer.device_id, seq, manifest["package_id"],
                                   signed.package_hash, tx.now_iso, len(changes),
                                   peer.out_change_seq, signed.manifest, signed.payload,
                                   signed.signature, tx.now_iso, 0, None))
        state.update_peer(peer.device_id, out_sequence=seq, out_last_hash=signed.package_hash)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / file_name(sender.device_id, seq)
    out.write_bytes(seal(signed, peer.age_recipient))
    return out

