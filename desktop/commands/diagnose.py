"""``diagnose``: what support needs to know, without the passphrase and without personal data:
versions, paths (store, log, backups), the store's health as far as it can be seen from outside
(files, sizes, key file readable, free space, who holds it open), and the last warnings and
errors from the log."""
from __future__ import annotations

import shutil
from pathlib import Path

from desktop.commands import command
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    command(sub, "diagnose", diagnose,
            _("versions, paths, store health and the last errors (no passphrase needed, no "
            "personal data); --json for a support ticket"))


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def store_health(folder: Path) -> dict:
    from desktop.store.backup import default_backup_dir, list_backups
    from desktop.store.keyfile import KeyFile
    from desktop.store.paths import db_path, key_path
    db, key = db_path(folder), key_path(folder)
    out: dict = {"folder": str(folder), "exists": folder.is_dir(),
                 "database_bytes": _size(db), "key_file_bytes": _size(key)}
    problems = []
    if not folder.is_dir():
        problems.append("no store folder (the app's first run creates one)")
    else:
        if db.exists() != key.exists():
            problems.append("the database and its key file are not both there")
        if key.exists():
            try:
                KeyFile.load(key)
                out["key_file"] = "readable"
            except Exception as exc:  # noqa: BLE001 - reported, not raised
                out["key_file"] = f"unreadable ({type(exc).__name__})"
                problems.append("the key file cannot be read")
        try:
            out["free_bytes"] = shutil.disk_usage(folder).free
        except OSError:
            out["free_bytes"] = None
        try:
            backups = list_backups(default_backup_dir(folder))
        except Exception:  # noqa: BLE001
            backups = []
        out["backups"] = len(backups)
        out["newest_backup"] = backups[0].created_at if backups else None
        try:
            from desktop.store.instance import holder
            held = holder(folder)
            out["open_in"] = held.to_json() if held else None
        except ImportError:
            pass
    out["problems"] = problems
    out["ok"] = not problems
    return out


def diagnose(ctx):
    from desktop import logs
    data = {
        "versions": logs.versions(),
        "store": store_health(ctx.store_dir),
        "log_file": str(logs.log_file()),
        "faults_file": str(logs.faults_file()),
        "log_folder": str(logs.log_dir()),
        "last_errors": logs.last_errors(),
    }
    v, s = data["versions"], data["store"]
    lines = ["Versions: " + ", ".join(f"{k} {val}" for k, val in v.items()),
             f"Store: {s['folder']} ({'OK' if s['ok'] else '; '.join(s['problems'])})",
             f"Log file: {data['log_file']}",
             f"Crash stacks: {data['faults_file']}"]
    if "backups" in s:
        lines.append(f"Backups: {s['backups']}, newest {s['newest_backup'] or 'none'}")
    if s.get("open_in"):
        lines.append(f"Open in: process {s['open_in']['pid']} on {s['open_in']['host']}")
    lines.append("Last errors:" if data["last_errors"] else "Last errors: none in the log")
    lines += [f"  {line}" for line in data["last_errors"]]
    ctx.emit(data, "\n".join(lines))
