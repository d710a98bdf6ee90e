"""Per-device sync status and the one-click sync folder."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from desktop.store.settings import SYNC_FOLDER
from desktop.store.syncstate import SyncState
from desktop.store.threads import in_session
from desktop.sync.errors import SyncError
from desktop.sync.export import ExportResult, export_packages, plan_changes
from desktop.sync.identity import identity
from desktop.sync import folders
from desktop.sync.importer import ImportSummary, import_paths, missing_sequences
from desktop.i18n import _, ngettext  # noqa: F401


@in_session
def sync_status(store) -> dict:
    """This store's identity and, for each enrolled peer: what came in (last sequence, held
    packages, missing numbers) and what went out (last sequence, acknowledged, unacknowledged
    packages and changes, changes not yet exported); plus the review counts."""
    state, ident = SyncState(store), identity(store)
    peers = []
    for p in state.peers():
        unacked = state.sent(p.device_id, unacknowledged=True)
        pending, _ignored, _ignored = plan_changes(store, state, p)
        peers.append({
            "device_id": p.device_id, "kind": p.kind, "name": p.name, "worker": p.worker,
            "agency": p.agency, "fingerprint": p.fingerprint, "enrolled_at": p.enrolled_at,
            "received": {"last_sequence": p.in_through, "last_import_at": p.in_last_at,
                         "held": [row[1] for row in state.held(p.device_id)],
                         "missing": missing_sequences(state, p)},
            "sent": {"last_sequence": p.out_sequence, "acknowledged_through": p.acked_through,
                     "acknowledged_at": p.acked_at,
                     "unacknowledged_packages": [s.sequence for s in unacked],
                     "unacknowledged_changes": sum(s.changes for s in unacked),
                     "not_yet_exported": len(pending)},
        })
    return {"device_id": store.device_id, "role": store.role, "worker": store.actor,
            "agency": store.agency, "fingerprint": ident.fingerprint,
            "sync_folder": store.settings.get(SYNC_FOLDER) or None, "peers": peers,
            "quarantined": state.count("sync_quarantine"),
            "conflicts": state.count("sync_conflict"),
            "duplicates": state.count("sync_duplicate"),
            "recent": state.events(20)}


def status_text(status: dict) -> str:
    lines = [f"This store: {status['role']} device {status['device_id']}, fingerprint "
             f"{status['fingerprint']}"]
    if not status["peers"]:
        lines.append("Not enrolled with anyone yet.")
    for p in status["peers"]:
        r, s = p["received"], p["sent"]
        lines.append(f"{p['name']} ({p['kind']} {p['device_id']}, fingerprint {p['fingerprint']})")
        lines.append(f"  received: up to package {r['last_sequence']}"
                     + (f"; held {r['held']}, missing {r['missing']}" if r["held"] else ""))
        lines.append(f"  sent: up to package {s['last_sequence']}, acknowledged up to "
                     f"{s['acknowledged_through']}; {s['unacknowledged_changes']} change(s) "
                     f"awaiting acknowledgement; {s['not_yet_exported']} not yet exported")
    lines.append(f"To review: {status['conflicts']} conflict(s), {status['duplicates']} possible "
                 f"duplicate(s), {status['quarantined']} quarantined record(s).")
    return "\n".join(lines)


def sync_folder(store) -> Path:
    folder = store.settings.get(SYNC_FOLDER)
    if not folder:
        raise SyncError(_("No sync folder is set. Choose one in Settings (a shared drive or a "
                        "removable drive), or export to a folder by hand."))
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise SyncError(_('The sync folder {path} is not available. Connect the drive or choose another folder.').format(path=path))
    return path


@in_session
def sync_with_folder(store, progress: Callable | None = None,
                     cancelled: Callable[[], bool] | None = None
                     ) -> tuple[ImportSummary, ExportResult]:
    """One click: import what is addressed to this store wherever it is in the folder (top
    level, ``to-<this device>/``, subfolders; ``desktop.sync.folders``), then export for every
    enrolled peer into ``<folder>/to-<peer>/``."""
    folder = sync_folder(store)
    summary = import_paths(store, [folder] if folder.is_dir() else [], progress, cancelled,
                           put_away=folders.move_imported(store))
    result = ExportResult(message="Cancelled.", cancelled=True)
    if not summary.cancelled:
        result = export_packages(store, folder, None, progress, cancelled,
                                 per_recipient_folders=True)
    return summary, result


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
