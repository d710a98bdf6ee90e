"""Moving a lead agency onto the hub, and backing the hub up.

``migrate_from``: a single-laptop store (records, history, audit chain, enrolments, sync state,
settings) copied into an empty hub in one transaction, then checked: the hub's audit chain must
verify and end where the laptop's ends, and every table must hold the laptop's row count. The
laptop store is only read.

``backup``: ``pg_dump`` (custom format) held in memory and written age-encrypted (to the given
age recipients, or with a passphrase): a plaintext dump never touches the disk.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store import hub
from desktop.store.errors import StoreError, StoreExists
from desktop.store.keyfile import KeyFile, new_recovery_code
from desktop.store.postgres import redact
from desktop.i18n import _, ngettext  # noqa: F401

#: computed on the hub by its triggers, not copied
DERIVED = {"person_contact_summary"}
SKIP = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
BATCH = 500


class MoveFailed(StoreError):
    pass


@dataclass
class MoveResult:
    url: str
    tables: dict[str, int] = field(default_factory=dict)
    audit_events: int = 0
    recovery_code: str = ""

    def to_json(self) -> dict:
        return {"hub": self.url, "tables": self.tables, "rows": sum(self.tables.values()),
                "audit_events": self.audit_events, "audit_ok": True,
                "recovery_code": self.recovery_code}


def _tables_in_order(src_db) -> list[str]:
    """The laptop's tables, each after the tables its foreign keys point to."""
    names = [r[0] for r in src_db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if r[0] not in SKIP and not r[0].startswith("sqlite_")]
    deps = {n: {r[2] for r in src_db.execute(f"PRAGMA foreign_key_list({n})")} - {n}
            for n in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and deps[n] <= set(ordered)]
        if not ready:        # a cycle: keep the rest in name order (none in this schema)
            ready = [n for n in names if n not in ordered]
        ordered += ready[:1]
    return ordered


def migrate_from(folder: Path, passphrase: str, url: str, *, progress=None) -> MoveResult:
    from desktop.store.store import Store
    from desktop.store.syncstate import SyncState
    src = Store.unlock(folder, passphrase)
    db = hub.connect(url)
    try:
        hub.ensure_schema(db)
        if db.execute("SELECT 1 FROM meta WHERE key = 'store_id'").fetchone():
            raise StoreExists(f"The hub at {redact(url)} already has a store; move a laptop "
                              "store only into an empty hub. Nothing was changed.")
        result = MoveResult(redact(url))
        ident = SyncState(src).identity()
        key, code = os.urandom(32), new_recovery_code()
        kf = KeyFile.new(src.store_id, key, passphrase, code)
        pg_cols = {}
        for t, c in db.execute("SELECT table_name, column_name FROM information_schema.columns "
                               "WHERE table_schema = current_schema()"):
            pg_cols.setdefault(t, set()).add(c)
        identity_cols = db.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE "
            "table_schema = current_schema() AND is_identity = 'YES' "
            "AND column_name <> 'rowid'").fetchall()
        tables = [t for t in _tables_in_order(src.db) if t not in DERIVED and t in pg_cols]
        db.execute("BEGIN")
        try:
            db.execute("SELECT pg_advisory_xact_lock(?)", (hub.WRITE_LOCK,))
            for t in tables:
                db.execute(f"ALTER TABLE {t} DISABLE TRIGGER USER")
            for n, t in enumerate(tables):
                if progress:
                    progress(n, len(tables), t)
                if t == "meta":     # the hub's own migrations wrote keys (e.g. the audit chain
                    db.execute("DELETE FROM meta")   # key): the laptop's, same keys, win
                result.tables[t] = _copy_table(src.db, db, t, pg_cols[t])
            for t in tables:
                db.execute(f"ALTER TABLE {t} ENABLE TRIGGER USER")
            from desktop.store.migrations.m0005_caseload_summary import STATEMENTS
            db.execute("DELETE FROM person_contact_summary")
            db.execute(STATEMENTS[-1])       # rebuild the caseload summary in one pass
            for t, c in identity_cols:
                db.execute(f"SELECT setval(pg_get_serial_sequence('{t}', '{c}'), "
                           f"coalesce((SELECT max({c}) FROM {t}), 0) + 1, false)")
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                       "UPDATE SET value = excluded.value",
                       (hub.KEYFILE_META, kf.to_bytes().decode()))
            db.execute("INSERT INTO hub_worker (db_user, worker, role, added_at) VALUES "
                       "(session_user, ?, 'manager', ?) ON CONFLICT (db_user) DO NOTHING",
                       (src.actor, src.meta_get("created_at") or ""))
            if ident is not None:
                sealer = _Sealer(src.store_id, key)
                db.execute("DELETE FROM sync_identity")
                db.execute("INSERT INTO sync_identity (id, signing_key, age_identity, "
                           "created_at) VALUES (1, ?, ?, ?)",
                           (hub.seal_secret(sealer, ident[0], "signing_key"),
                            hub.seal_secret(sealer, ident[1], "age_identity"), ident[2]))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        source_audit = src.audit_verify()
    finally:
        db.close()
        src.lock()
    moved = hub.open_hub(url, passphrase)
    try:
        check = moved.audit_verify()
        if not check.ok or check.checked != source_audit.checked:
            raise MoveFailed(f"The hub's audit chain does not verify after the move "
                             f"({check.reason or f'{check.checked} of {source_audit.checked}'})"
                             ". Drop the hub database and move again; the laptop store is "
                             "unchanged.")
        for t, n in result.tables.items():
            got = moved.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            if got != n + (1 if t == "meta" else 0):         # meta: + the hub's key file
                raise MoveFailed(f"The hub holds {got} rows of {t}, the laptop {n}.")
        result.audit_events = check.checked
    finally:
        moved.lock()
    result.recovery_code = code
    return result


class _Sealer:
    def __init__(self, store_id: str, key: bytes):
        self.store_id, self._key = store_id, bytearray(key)


def _copy_table(src_db, db, table: str, pg_cols: set[str]) -> int:
    from desktop.store.postgres import _params
    src_cols = [r[1] for r in src_db.execute(f"PRAGMA table_info({table})")]
    cols = [c for c in src_cols if c in pg_cols and c != "rowid"]
    has_rowid = True
    try:
        src_db.execute(f"SELECT rowid FROM {table} LIMIT 1")
    except Exception:   # noqa: BLE001 - WITHOUT ROWID table
        has_rowid = False
    cur = src_db.execute(f"SELECT {', '.join(cols)} FROM {table}"
                         + (" ORDER BY rowid" if has_rowid else ""))
    count = 0
    raw = db.raw.cursor()
    one = "(" + ", ".join(["%s"] * len(cols)) + ")"
    while True:
        rows = cur.fetchmany(BATCH)
        if not rows:
            break
        sql = (f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
               + ", ".join([one] * len(rows)))
        raw.execute(sql, _params([v for r in rows for v in r]))
        count += len(rows)
    return count


# -- backups ----------------------------------------------------------------------------------
def find_pg_dump() -> str:
    found = shutil.which("pg_dump")
    if found:
        return found
    for path in sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), reverse=True):
        return path
    raise StoreError(_("pg_dump is not installed (Debian: apt-get install postgresql-client)."))


def backup(url: str, out: Path, *, recipients: list[str] | None = None,
           passphrase: str | None = None) -> dict:
    """Write an age-encrypted ``pg_dump`` of the hub to ``out``; returns what was written."""
    import pyrage
    from desktop.store.atomic import write_atomic
    out = Path(out).expanduser()
    if out.exists():
        raise StoreError(f"{out} already exists; choose a new file name (nothing was written).")
    if not recipients and not passphrase:
        raise StoreError(_("Give --recipient AGE_PUBLIC_KEY (one or more) or a passphrase to "
                         "encrypt the backup with."))
    env = dict(os.environ)
    res = subprocess.run([find_pg_dump(), "--format=custom", "--dbname", url],
                         capture_output=True, env=env, timeout=3600)
    if res.returncode != 0:
        first = res.stderr.decode(errors="replace").strip().splitlines()[:1]
        raise StoreError(_('pg_dump failed: {value}').format(value=redact(first[0]) if first else 'no message'))
    plain = res.stdout
    if recipients:
        from pyrage import x25519
        try:
            keys = [x25519.Recipient.from_str(r.strip()) for r in recipients]
        except Exception:   # noqa: BLE001 - pyrage raises its own error types
            raise StoreError(_("A --recipient is not an age public key (age1…).")) from None
        sealed = pyrage.encrypt(plain, keys)
    else:
        sealed = pyrage.passphrase.encrypt(plain, passphrase)
    del plain
    write_atomic(out, sealed, 0o600)
    return {"file": str(out), "bytes": len(sealed),
            "encrypted_to": "recipients" if recipients else "passphrase"}
