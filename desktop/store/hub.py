"""The lead agency's hub: the same store on a PostgreSQL server, shared by a team.

``Store.create``/``Store.unlock`` come here when given a ``postgresql://…`` URL (or
``service=NAME``); nothing on the local disk is created. What differs from a laptop store:

- **No database key.** The server keeps the data (encryption at rest is the server's disk
  encryption). The hub's *sync identity* (its Ed25519 signing key and age identity) is sealed
  with AES-256-GCM under a random 32-byte key, and that key is wrapped by a passphrase-derived
  key and a recovery code exactly as a laptop's database key is: the wrapped key lives in
  ``meta`` (``hub_keyfile``). Coordinators who never import or export need no passphrase.
- **Roles.** ``init_roles`` creates four group roles; each worker logs in as themself and is a
  member of one: ``stickability_coordinator`` (reads and writes casework), ``stickability_manager``
  (also signs supervision decisions off), ``stickability_importer`` (sync; no sign-off),
  ``stickability_auditor`` (reads only). The server enforces them: table privileges and a
  trigger that refuses a new sign-off from anyone but a manager.
- **Who wrote it.** The audit actor is the database user (``session_user``), shown as the name
  registered for it in ``hub_worker``.
- **Serialised writes.** Every write transaction takes one transaction-level advisory lock
  first, so the audit chain, each device's package sequence and the clock stay in one order
  across all the coordinators and importers connected at once (see ``Store.transaction``).
"""
from __future__ import annotations

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.domain.ids import new_id, to_iso, utc_now
from desktop.store import migrations
from desktop.store.errors import StoreDamaged, StoreError, StoreExists
from desktop.store.keyfile import KeyFile, Wrap, new_recovery_code
from desktop.store.postgres import (PgConnection, PgDatabaseError, PgOperationalError, is_url,
                                    redact)

WRITE_LOCK = 0x5371_6b61_6269   # pg_advisory_xact_lock key of every write transaction
ROLES = {
    "coordinator": "stickability_coordinator",
    "manager": "stickability_manager",
    "importer": "stickability_importer",
    "auditor": "stickability_auditor",
}
KEYFILE_META = "hub_keyfile"


class HubUnavailable(StoreError):
    """The server could not be reached or refused the login."""


def connect(url: str) -> PgConnection:
    try:
        return PgConnection.connect(url)
    except PgOperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
        raise HubUnavailable(f"Cannot connect to the hub at {redact(url)}: {first}") from None


def _table_exists(db, name: str) -> bool:
    return db.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]


def initialised(url: str) -> bool:
    """True when the hub at ``url`` has a store (``init --role lead`` has run)."""
    db = connect(url)
    try:
        return _table_exists(db, "meta") and db.execute(
            "SELECT 1 FROM meta WHERE key = 'store_id'").fetchone() is not None
    finally:
        db.close()


# -- schema and roles -------------------------------------------------------------------------
HUB_TABLES = [
    """CREATE TABLE IF NOT EXISTS hub_worker (
        db_user TEXT PRIMARY KEY,
        worker TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'coordinator',
        added_at TEXT NOT NULL
    )""",
]

_SIGN_OFF_GUARD = """
CREATE OR REPLACE FUNCTION stickability_sign_off_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    before_n integer := 0;
    after_n integer := 0;
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
       OR session_user = (SELECT tableowner FROM pg_tables
                          WHERE schemaname = current_schema() AND tablename = TG_TABLE_NAME)
    THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stickability_manager') THEN
        IF pg_has_role(session_user, 'stickability_manager', 'MEMBER') THEN
            RETURN NEW;
        END IF;
    END IF;
    SELECT count(*) INTO after_n FROM json_array_elements(coalesce(NEW.decisions, '[]')::json) d
        WHERE coalesce(d->>'signed_off_by', '') <> '';
    IF TG_OP = 'UPDATE' THEN
        SELECT count(*) INTO before_n
            FROM json_array_elements(coalesce(OLD.decisions, '[]')::json) d
            WHERE coalesce(d->>'signed_off_by', '') <> '';
    END IF;
    IF after_n > before_n THEN
        RAISE EXCEPTION 'only a manager can sign decisions off (% is not one)', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$"""


def ensure_schema(db) -> list[int]:
    """Apply pending migrations (each in one transaction) and the hub's own tables."""
    applied = migrations.migrate(db)
    db.execute("BEGIN")
    try:
        db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        for sql in HUB_TABLES:
            db.execute(sql)
        db.execute(_SIGN_OFF_GUARD)
        db.execute("DROP TRIGGER IF EXISTS supervision_sign_off ON supervision")
        db.execute("CREATE TRIGGER supervision_sign_off BEFORE INSERT OR UPDATE OF decisions "
                   "ON supervision FOR EACH ROW EXECUTE FUNCTION stickability_sign_off_guard()")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return applied


def init_roles(db) -> list[str]:
    """Create the four group roles (once per server) and grant them this database's tables.
    Needs a user who may create roles (the hub's administrator)."""
    made = []
    for role in ROLES.values():
        exists = db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (role,)).fetchone()
        if not exists:
            db.execute(f"CREATE ROLE {role} NOLOGIN")
            made.append(role)
    writers = ", ".join(ROLES[r] for r in ("coordinator", "manager", "importer"))
    everyone = ", ".join(ROLES.values())
    db.execute("BEGIN")
    try:
        db.execute(f"GRANT USAGE ON SCHEMA public TO {everyone}")
        db.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}")
        db.execute(f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {writers}")
        db.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {writers}")
        # The schema version and who is who belong to the administrator alone.
        db.execute(f"REVOKE INSERT, UPDATE, DELETE ON schema_version, hub_worker FROM {writers}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return made


def add_worker(db, user: str, worker: str, role: str, password: str | None) -> bool:
    """A login for one worker (SCRAM password when given), a member of ``role``'s group, shown
    as ``worker`` in records and the audit log. Returns True when the login was created."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not user.replace("_", "").isalnum() or not user[:1].isalpha():
        raise ValueError("a database user name is letters, digits and _ (starting with a letter)")
    created = False
    if not db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (user,)).fetchone():
        db.execute(f"CREATE ROLE {user} LOGIN")
        created = True
    if password:
        db.execute("SET password_encryption = 'scram-sha-256'")
        db.execute(f"ALTER ROLE {user} PASSWORD ?", (password,))
    for group in ROLES.values():
        db.execute(f"REVOKE {group} FROM {user}")
    db.execute(f"GRANT {ROLES[role]} TO {user}")
    db.execute("INSERT INTO hub_worker (db_user, worker, role, added_at) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (db_user) DO UPDATE SET worker = excluded.worker, "
               "role = excluded.role", (user, worker.strip(), role, to_iso(utc_now())))
    return created


def actor_for(db) -> str:
    user = db.user or db.execute("SELECT session_user").fetchone()[0]
    if _table_exists(db, "hub_worker"):
        row = db.execute("SELECT worker FROM hub_worker WHERE db_user = session_user").fetchone()
        if row and row[0]:
            return row[0]
    return user


# -- the store on the hub ---------------------------------------------------------------------
def create(url: str, passphrase: str, *, role: str, worker: str, agency: str,
           log2_n: int | None = None):
    """The hub's lead store: schema (if ``hub init`` has not run), identity, its wrapped key."""
    from desktop.store.settings import AGENCY_NAME, WORKER_NAME
    from desktop.store.store import Store
    db = connect(url)
    try:
        ensure_schema(db)
        if db.execute("SELECT 1 FROM meta WHERE key = 'store_id'").fetchone():
            raise StoreExists(f"The hub at {redact(url)} already has a store. Open it instead; "
                              "it has not been changed.")
        key, code, store_id = os.urandom(32), new_recovery_code(), new_id()
        kf = KeyFile.new(store_id, key, passphrase, code, log2_n)
        meta = {"store_id": store_id, "device_id": new_id(), "role": role,
                "created_at": to_iso(utc_now()),
                f"setting:{WORKER_NAME.key}": json.dumps(worker.strip()),
                f"setting:{AGENCY_NAME.key}": json.dumps(agency.strip()),
                KEYFILE_META: kf.to_bytes().decode()}
        db.execute("BEGIN")
        try:
            db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            if db.execute("SELECT 1 FROM meta WHERE key = 'store_id'").fetchone():
                raise StoreExists(f"The hub at {redact(url)} already has a store.")
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            db.execute("INSERT INTO hub_worker (db_user, worker, role, added_at) "
                       "VALUES (session_user, ?, 'manager', ?) ON CONFLICT (db_user) DO NOTHING",
                       (worker.strip(), meta["created_at"]))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    except BaseException:
        db.close()
        raise
    return Store(None, db, key, kf, url=url), code


def open_hub(url: str, passphrase: str | None = None, *, recovery_code: str | None = None):
    """Open the hub; with the passphrase (or recovery code) its sync identity can be used."""
    from desktop.store.store import Store
    db = connect(url)
    try:
        if not _table_exists(db, "meta"):
            raise StoreDamaged(f"The database at {redact(url)} is not a Stickability hub yet: "
                               "run 'hub init' and then 'init --role lead' there.")
        migrations.check_not_newer(db)
        if migrations.pending(db):
            ensure_schema(db)
        row = db.execute("SELECT value FROM meta WHERE key = ?", (KEYFILE_META,)).fetchone()
        if row is None:
            raise StoreDamaged(f"The hub at {redact(url)} has no store yet: run "
                               "'init --role lead' there first.")
        kf = keyfile_from_text(row[0])
        key = None
        if recovery_code is not None:
            key = kf.unwrap_with_recovery(recovery_code)
        elif passphrase is not None:
            key = kf.unwrap_with_passphrase(passphrase)
    except BaseException:
        db.close()
        raise
    return Store(None, db, key, kf, url=url)


def keyfile_from_text(text: str) -> KeyFile:
    doc = json.loads(text)
    extra = {k: v for k, v in doc.items()
             if k not in ("format", "store_id", "passphrase", "recovery")}
    return KeyFile(str(doc["store_id"]), Wrap.from_json(doc["passphrase"]),
                   Wrap.from_json(doc["recovery"]), extra)


class HubPassphraseNeeded(StoreError):
    def __init__(self):
        super().__init__("This needs the hub's sync keys: open the hub with its passphrase "
                         "(STICKABILITY_PASSPHRASE).")


_SEALED = "sealed:"


def _identity_key(store) -> bytes:
    key = bytes(store._key)
    if len(key) != 32:
        raise HubPassphraseNeeded()
    return key


def seal_secret(store, text: str, purpose: str) -> str:
    """A secret column value sealed with the hub's identity key (AES-256-GCM, bound to the
    store and the column's purpose)."""
    from desktop.store.keyfile import _b64
    nonce = os.urandom(12)
    aad = f"stickability-hub-secret/1|{store.store_id}|{purpose}".encode()
    return _SEALED + _b64(nonce + AESGCM(_identity_key(store)).encrypt(
        nonce, text.encode("utf-8"), aad))


def open_secret(store, value: str, purpose: str) -> str:
    from desktop.store.keyfile import _unb64
    if not value.startswith(_SEALED):
        raise StoreDamaged("The hub's sync keys are stored unsealed; restore the hub from a "
                           "backup.")
    raw = _unb64(value[len(_SEALED):])
    aad = f"stickability-hub-secret/1|{store.store_id}|{purpose}".encode()
    try:
        return AESGCM(_identity_key(store)).decrypt(raw[:12], raw[12:], aad).decode("utf-8")
    except InvalidTag:
        raise StoreDamaged("The hub's sync keys do not open with its key: they were altered. "
                           "Restore the hub from a backup.") from None


def save_keyfile(store, kf: KeyFile) -> None:
    store.meta_set(KEYFILE_META, kf.to_bytes().decode())


__all__ = ["connect", "create", "open_hub", "init_roles", "add_worker", "ensure_schema",
           "initialised", "is_url", "ROLES", "WRITE_LOCK", "HubUnavailable", "PgDatabaseError"]
