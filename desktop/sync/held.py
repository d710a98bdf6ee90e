"""Held packages: verified packages waiting for a missing predecessor, listed and dropped.

A package arriving ahead of its turn (within ``limits.HELD_WINDOW``) is kept, verified, inside
the encrypted store until the gap fills. If the missing packages will never come (the sending
laptop was lost, a package was made by a store later restored from an old backup), a person
drops the held one with a reason: ``sync held`` lists them, ``sync drop-held`` drops one. The
drop is logged (``sync_event``) and audited, and changes nothing else.
"""
from __future__ import annotations

import re
from pathlib import Path

from desktop.domain.bounded_json import JsonRefused
from desktop.store.syncstate import SyncState
from desktop.sync import limits
from desktop.sync.errors import PackageRejected, SyncError
from desktop.sync.identity import identity
from desktop.sync.package import SUFFIX, open_package
from desktop.i18n import _, ngettext  # noqa: F401

_NAME = re.compile(r"^(?P<sender>.+)-(?P<seq>\d{1,16})$")


def list_held(store) -> list[dict]:
    """One dict per held package: sender, name, sequence, package id, when made, when
    received, number of changes, and the numbers still missing before it."""
    state = SyncState(store)
    out = []
    rows = store.db.execute("SELECT peer, sequence, manifest, length(payload), received_at "
                            "FROM sync_held ORDER BY peer, sequence").fetchall()
    for peer_id, seq, manifest, size, received_at in rows:
        peer = state.peer(peer_id)
        try:
            m = limits.parse_manifest(manifest)
        except (PackageRejected, JsonRefused):
            m = {}
        counts = m.get("counts") if isinstance(m.get("counts"), dict) else {}
        out.append({
            "id": f"{peer_id}-{seq}", "sender": peer_id,
            "sender_name": peer.name if peer else peer_id, "sequence": seq,
            "package_id": str(m.get("package_id", "")), "created_at": str(m.get("created_at", "")),
            "received_at": received_at, "changes": counts.get("changes"), "bytes": size,
            "waiting_for": limits.gaps(peer.in_through if peer else 0,
                                       [r[1] for r in rows if r[0] == peer_id], 20),
        })
    return out


def drop_held(store, ref: str, reason: str) -> dict:
    """Drop one held package, named by its file, ``<sender>-<sequence>`` or package id."""
    reason = " ".join(str(reason).split())
    if not reason:
        raise SyncError(_("Say why the held package is dropped (--reason): it is recorded."))
    row = _find(store, ref)
    peer, seq = row["sender"], row["sequence"]
    state = SyncState(store)
    with store.transaction() as tx:
        state.drop_held(peer, seq)
        state.log_event(tx.now_iso, "in", peer, seq, f"{peer}-{seq}{SUFFIX}", "dropped",
                        reason[:500])
        state.audit(tx, "sync-drop-held", "sync_package", f"{peer}-{seq}",
                    f"package_id={row['package_id']}")
    return row


def _find(store, ref: str) -> dict:
    held = list_held(store)
    path = Path(ref).expanduser()
    if path.is_file():
        key = _from_file(store, path)
        for row in held:
            if (row["sender"], row["sequence"]) == key:
                return row
        raise SyncError(f"{path.name} is not held here (nothing was dropped).")
    name = ref[:-len(SUFFIX)] if ref.endswith(SUFFIX) else ref
    for row in held:
        if name in (row["id"], row["package_id"]):
            return row
    m = _NAME.match(name)
    if m:
        for row in held:
            if row["sender"] == m["sender"] and row["sequence"] == int(m["seq"]):
                return row
    raise SyncError(_('No held package is called {value!r}; `sync held` lists them (nothing was dropped).').format(value=ref[:80]))


def _from_file(store, path: Path) -> tuple[str, int]:
    try:
        opened = open_package(limits.read_package_file(path), identity(store))
    except PackageRejected as exc:
        raise SyncError(f"{path.name} {exc.reason} (nothing was dropped).") from None
    return opened.sender, opened.sequence
