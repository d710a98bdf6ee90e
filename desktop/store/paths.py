"""Where things live on disk."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_NAME = "store.db"
KEY_NAME = "store.key"


def default_store_dir() -> Path:
    """``STICKABILITY_STORE`` if set, else ``<user data dir>/store``."""
    env = os.environ.get("STICKABILITY_STORE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Stickability", appauthor=False)) / "store"


def db_path(folder: Path) -> Path:
    return Path(folder) / DB_NAME


def key_path(folder: Path) -> Path:
    return Path(folder) / KEY_NAME
