"""Opening the SQLCipher database with a raw 256-bit key and the pragmas the store relies on."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlcipher3

from desktop.store.errors import StoreDamaged
from desktop.store.postgres import (PgDatabaseError, PgIntegrityError, PgInterfaceError,
                                    PgOperationalError)

# The DB-API errors of every driver (SQLCipher, plain SQLite for the benchmarks, psycopg for
# the hub), so callers catch one family whichever engine is in use.
DatabaseError = (sqlcipher3.DatabaseError, sqlite3.DatabaseError, PgDatabaseError,
                 PgInterfaceError)
OperationalError = (sqlcipher3.OperationalError, sqlite3.OperationalError, PgOperationalError)
IntegrityError = (sqlcipher3.IntegrityError, sqlite3.IntegrityError, PgIntegrityError)

CACHE_KIB = 65536  # 64 MiB page cache: reads cost nothing extra once the working set is cached


def open_db(path: Path, key: bytes | None, *, create: bool = False, plain: bool = False):
    """Open (or, with ``create``, make) the database and check the key reads it.

    ``plain=True`` opens an unencrypted SQLite file with the same pragmas: a switch for the
    benchmarks that compare against plain SQLite, never used by the app.
    Raises ``StoreDamaged`` without writing anything when the file cannot be read.
    """
    path = Path(path)
    if not create and not path.exists():
        raise StoreDamaged(
            f"The database file ({path.name}) is missing from the store folder. Restore it "
            "from a backup; nothing has been created in its place.")
    if create and path.exists():
        raise FileExistsError(path)
    driver = sqlite3 if plain else sqlcipher3
    old_umask = os.umask(0o077)
    try:
        con = driver.connect(str(path), check_same_thread=False, isolation_level=None)
    finally:
        os.umask(old_umask)
    try:
        if not plain:
            if key is None or len(key) != 32:
                raise ValueError("a 32-byte key is required")
            # SQLCipher logs page errors to stderr by default; the store reports them itself.
            con.execute("PRAGMA cipher_log_level = NONE")
            con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # Reading the schema is the first touch of the file: with a wrong key or a damaged
        # header it fails here, before any pragma that could write.
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        con.close()
        raise StoreDamaged(
            "The database cannot be read with this store's key: its file is damaged or belongs "
            "to another key file. Nothing was changed. Restore the store folder from a backup, "
            "or contact your administrator.") from None
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA busy_timeout = 5000")
    con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return con


def cipher_version(con) -> str | None:
    try:
        row = con.execute("PRAGMA cipher_version").fetchone()
    except DatabaseError:
        return None
    return row[0] if row else None


class SqlCipherEngine:
    """The SQLCipher backend of ``desktop.store.threads.Connections``: every connection opened
    with the store's key (a ``bytearray`` the store zeroes when it locks)."""

    def __init__(self, path: Path, key: bytearray | None, *, plain: bool = False):
        self.path = Path(path)
        self._key = key
        self.plain = plain          # the benchmarks' unencrypted comparison store

    def connect(self):
        if self.plain:
            return open_db(self.path, None, plain=True)
        return open_db(self.path, bytes(self._key))

    def begin_write(self, con) -> None:
        con.execute("BEGIN IMMEDIATE")

    def begin_read(self, con) -> None:
        con.execute("BEGIN")
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()   # the snapshot starts

    def interrupt(self, con) -> None:
        con.interrupt()

    def close(self, con) -> None:
        con.close()


class HubEngine:
    """The PostgreSQL backend of ``desktop.store.threads.Connections`` (the hub): every
    connection to the same URL; the SQL is translated by ``desktop.store.postgres``."""

    def __init__(self, url: str):
        self.url = url

    def connect(self):
        from desktop.store.hub import connect
        return connect(self.url)

    def begin_write(self, con) -> None:
        con.execute("BEGIN")

    def begin_read(self, con) -> None:
        con.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def interrupt(self, con) -> None:
        con.raw.cancel()

    def close(self, con) -> None:
        con.close()
