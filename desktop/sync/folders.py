"""Finding packages in a sync folder, wherever they landed, and putting imported ones away.

A USB stick or shared folder collects packages from several devices: a field device writes
at the top level, the lead agency writes into ``to-<device>/``, people copy files into
subfolders of their own. ``scan`` walks the whole folder and sorts every ``*.stkpkg`` file:

- in a ``to-<device>`` folder for another device → skipped, "addressed to … (device …)"
  (this store's own packages waiting there for that device included);
- made by this store (its name starts with this device's id) → outgoing, not imported;
- in the ``imported/`` folder (the setting ``IMPORTED_FOLDER``) → already put away, ignored;
- anything else → to import (a package this store's key cannot open is then reported as
  skipped, addressed to another store, by the importer).

After an import, ``put_away`` moves the packages that were imported, already imported or held
(held ones are kept inside the store) into ``imported/`` so the next sync does not decrypt
them again; rejected ones stay where they are, for a person to look at.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.settings import MOVE_IMPORTED
from desktop.store.syncstate import SyncState
from desktop.sync.package import SUFFIX

IMPORTED_FOLDER = "imported"
MAX_DEPTH = 8            # a folder tree deeper than this is not a sync folder
MAX_FILES = 20_000       # nor one with more package files than this


@dataclass
class FolderScan:
    folder: Path
    files: list[Path] = field(default_factory=list)          # to import
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    outgoing: list[Path] = field(default_factory=list)        # made by this store


def _addressee(rel: Path) -> str | None:
    """The device a ``to-<device>`` folder on the way to this file names (the innermost)."""
    found = None
    for part in rel.parts[:-1]:
        if part.startswith("to-") and len(part) > 3:
            found = part[3:]
    return found


def scan(store, folder: str | Path) -> FolderScan:
    folder = Path(folder).expanduser()
    result = FolderScan(folder)
    if not folder.is_dir():
        return result
    own = store.device_id
    names = {p.device_id: p.name for p in SyncState(store).peers()}
    for root, dirs, files in os.walk(folder, followlinks=False):
        rel_root = Path(root).relative_to(folder)
        depth = len(rel_root.parts)
        dirs[:] = sorted(d for d in dirs if not (depth == 0 and d == IMPORTED_FOLDER)
                         and depth < MAX_DEPTH and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(SUFFIX):
                continue
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue
            if len(result.files) + len(result.skipped) >= MAX_FILES:
                return result
            to = _addressee(rel_root / name)
            if to is not None and to != own:
                who = names.get(to)
                result.skipped.append((path, f"addressed to {who} (device {to[:40]})" if who
                                       else f"addressed to device {to[:40]}"))
            elif name.startswith(f"{own}-"):
                result.outgoing.append(path)
            else:
                result.files.append(path)
    return result


def move_imported(store) -> bool:
    return bool(store.settings.get(MOVE_IMPORTED))


def put_away(folder: Path, paths: list[Path]) -> list[Path]:
    """Move these package files into ``<folder>/imported/``; returns where they went. A file
    of the same name already there with the same content is simply removed; with other
    content the moved one gets a numbered name. Files that cannot be moved stay (the import
    stands; the next sync finds them already imported)."""
    target = Path(folder) / IMPORTED_FOLDER
    moved = []
    for path in paths:
        try:
            target.mkdir(exist_ok=True)
            dest = target / path.name
            n = 1
            while dest.exists():
                if _digest(dest) == _digest(path):
                    path.unlink()
                    break
                dest = target / f"{path.name[:-len(SUFFIX)]}.{n}{SUFFIX}"
                n += 1
            else:
                os.replace(path, dest)
            moved.append(dest)
        except OSError:
            continue
    return moved


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


__all__ = ["FolderScan", "scan", "put_away", "move_imported", "IMPORTED_FOLDER"]
