"""``Store``: the one front object for the encrypted local store.

Life-cycle (all explicit): ``Store.create`` → ``(store, recovery_code)``; ``Store.unlock``
(raises ``WrongPassphrase``); ``Store.unlock_with_recovery``; ``Store.unlock_with_key``
(keychain); ``store.change_passphrase``; ``store.lock()``. Nothing here ever creates, overwrites
or writes to an existing database before the key has been proved right.

Records are reached through repositories: ``store.people``, ``store.attempts`` and, for any other
record class, ``store.repo(RecordClass)``. The UI never writes SQL.

Threads (the contract; the machinery is ``desktop.store.threads``, nothing else touches it):

* **The home thread** uses the store directly: reads, and writes in ``with
  store.transaction():``. It has the connection the store was unlocked with. It is the thread
  that unlocked the store (the CLI, a test), or the GUI thread when the unlock ran on one of
  the GUI's background workers.
* **Any other thread** does all its store work inside ``with store.session():`` (or a
  ``store.transaction()``, which opens one). The session lends the thread a connection of its
  own, so a worker reads only what is committed: it never sees, packages or prints a write the
  GUI later rolls back, and its reads never wait for a writer (WAL). ``store.session(
  snapshot=True)`` makes its reads see one committed state (reports; a write ends it).
  Reaching the store from a worker thread outside a session raises ``OutsideSession``: the
  mistake cannot go unnoticed. The library entry points that the UI runs off the GUI thread (sync import/export
  and status, reports, checks, backups) open their session themselves.
* **One writer at a time.** ``store.transaction()`` takes the store's write lock for the whole
  transaction; a nested ``transaction()`` on the same thread is a savepoint (an error inside it
  undoes only its part). A long writer calls ``tx.let_others_write()`` between units of work
  (a sync import does, between packages): when another thread waits to write, it commits what
  it has, lets the waiting writes in (the GUI's quick-log), and carries on in a new
  transaction.
* **Locking** (``store.lock()``) refuses new work, interrupts what running sessions on other
  threads are doing, waits until every one has ended (their uncommitted work is rolled back;
  they fail with ``StoreLocked``), and only then closes the connections and zeroes the key.
* Listeners (``add_listener``) are called after each commit on the thread that committed.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path
from typing import Callable

from desktop.domain.hlc import HybridLogicalClock
from desktop.domain.ids import new_id, to_iso, utc_now
from desktop.domain.record import Record
from desktop.store import audit, migrations
from desktop.store.connection import DatabaseError, HubEngine, SqlCipherEngine, open_db
from desktop.store.errors import StoreDamaged, StoreExists, StoreLocked
from desktop.store.failures import cleanup_after_crash
from desktop.store.keyfile import KeyFile, new_recovery_code
from desktop.store.paths import db_path, key_path
from desktop.store.postgres import is_postgresql, is_url, redact
from desktop.store.records import Repository
from desktop.store.settings import AGENCY_NAME, WORKER_NAME, Settings
from desktop.store.threads import Connections
from desktop.store.transactions import (  # noqa: F401  (Transaction: re-exported)
    Changes, Transaction, Transactions, _reraise)

ROLES = ("field", "lead")
BACKUP_FIRST = "backup-first"   # default ``before_migration``: an encrypted backup, then migrate


class Store(Transactions):
    def __init__(self, folder: Path | None, db, key: bytes | None, keyfile: KeyFile, *,
                 url: str | None = None, engine=None):
        """``folder`` for a laptop store; ``url`` (and no folder) for the hub
        (``desktop.store.hub``), where ``key`` seals the sync identity and may be ``None``
        when the hub was opened without its passphrase. ``engine`` makes the connections of
        other threads (``desktop.store.threads.Engine``; by default SQLCipher, or the hub's)."""
        self.folder = Path(folder) if folder is not None else None
        self.url = url
        self.is_hub = is_postgresql(db)
        self._key = bytearray(key or b"")
        self._keyfile = keyfile
        engine = engine or (HubEngine(url) if self.is_hub else
                            SqlCipherEngine(db_path(self.folder), self._key))
        self._conns = Connections(engine, db)
        self._state_lock = threading.Lock()
        self._listeners: list[Callable[[Changes], None]] = []
        self._repos: dict[type, Repository] = {}
        self._actor: str | None = None
        self._seen_seq: int | None = None       # hub: the change log as far as polled
        self.settings = Settings(self)
        # Unlocking may run on a worker thread: the first reads use the unlocked connection.
        local = self._conns.local
        local.con, local.depth = db, 1
        try:
            self._finish_opening(keyfile)
        finally:
            local.con, local.depth = None, 0

    def _finish_opening(self, keyfile: KeyFile) -> None:
        self.store_id = self.meta_get("store_id") or keyfile.store_id
        self.device_id = self.meta_get("device_id") or ""
        self.role = self.meta_get("role") or "field"
        self._clock = HybridLogicalClock(self.device_id, self.meta_get("hlc_last"))
        if self.is_hub:
            self.poll_external()         # the starting point: changes after now are news
        from desktop.store.repositories import AttemptRepository, PersonRepository
        self.people = PersonRepository(self)
        self.attempts = AttemptRepository(self)
        from desktop.store.actions import ActionRepository
        from desktop.store.barriers import BarrierRepository, PatternRepository
        from desktop.store.checklist import ChecklistRepository
        from desktop.store.chronology import ChronologyRepository
        from desktop.store.closure import ClosureRepository
        from desktop.store.drafts import Drafts
        from desktop.store.goals import GoalRepository
        from desktop.store.meetings import MeetingRepository
        from desktop.store.referrals import ReferralRepository
        from desktop.store.risk import RiskAssessmentRepository
        from desktop.store.supervision import SupervisionRepository
        from desktop.store.visits import VisitRepository
        self.visits, self.goals = VisitRepository(self), GoalRepository(self)
        self.barriers, self.patterns = BarrierRepository(self), PatternRepository(self)
        self.drafts = Drafts(self)
        self.risk_assessments = RiskAssessmentRepository(self)
        self.checklist = ChecklistRepository(self)
        self.meetings = MeetingRepository(self)
        self.actions = ActionRepository(self)
        self.chronology = ChronologyRepository(self)   # also callable: the merged view
        self.referrals = ReferralRepository(self)
        self.supervisions = SupervisionRepository(self)
        self.closures = ClosureRepository(self)
        # store.repo(RecordClass) returns these specialised repositories
        for repo in (self.visits, self.goals, self.goals.progress, self.barriers, self.patterns,
                     self.risk_assessments, self.checklist, self.meetings, self.actions,
                     self.chronology, self.referrals, self.supervisions, self.closures):
            self._repos[repo.cls] = repo
        from desktop.store import oversight
        oversight.register(self)    # escalations, disagreements, withdrawals, referrers …

    # ---------------------------------------------------------------- life-cycle
    @staticmethod
    def exists(folder: Path) -> bool:
        if is_url(folder):
            from desktop.store import hub
            return hub.initialised(str(folder))
        return db_path(folder).exists() or key_path(folder).exists()

    @property
    def location(self) -> str:
        """Where this store lives, fit to show: the folder, or the hub's URL without password."""
        return redact(self.url) if self.url else str(self.folder)

    @classmethod
    def create(cls, folder: Path, passphrase: str, *, role: str, worker: str, agency: str,
               log2_n: int | None = None) -> tuple["Store", str]:
        """Make a new store; returns it unlocked with the one-time recovery code."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        if not passphrase:
            raise ValueError("A passphrase is required.")
        if is_url(folder):
            from desktop.store import hub
            return hub.create(str(folder), passphrase, role=role, worker=worker, agency=agency,
                              log2_n=log2_n)
        folder = Path(folder)
        if cls.exists(folder):
            raise StoreExists(
                f"A store already exists in {folder}. Unlock it instead; it has not been changed.")
        old_umask = os.umask(0o077)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        finally:
            os.umask(old_umask)
        key, code, store_id = os.urandom(32), new_recovery_code(), new_id()
        building = folder / (db_path(folder).name + ".creating")
        for leftover in folder.glob(building.name + "*"):
            leftover.unlink()
        db = open_db(building, key, create=True)
        try:
            migrations.migrate(db)
            device_id = new_id()
            meta = {"store_id": store_id, "device_id": device_id, "role": role,
                    "created_at": to_iso(utc_now()),
                    f"setting:{WORKER_NAME.key}": json.dumps(worker.strip()),
                    f"setting:{AGENCY_NAME.key}": json.dumps(agency.strip())}
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            db.execute("COMMIT")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        KeyFile.new(store_id, key, passphrase, code, log2_n).save(key_path(folder))
        os.replace(building, db_path(folder))
        for leftover in folder.glob(building.name + "*"):
            leftover.unlink()
        kf = KeyFile.load(key_path(folder))
        return cls._open(folder, kf, key), code

    @classmethod
    def unlock(cls, folder: Path, passphrase: str, *,
               before_migration=BACKUP_FIRST) -> "Store":
        if is_url(folder):
            from desktop.store import hub
            return hub.open_hub(str(folder), passphrase)
        kf = KeyFile.load(key_path(folder))
        key = kf.unwrap_with_passphrase(passphrase)
        return cls._open(folder, kf, key, before_migration)

    @classmethod
    def unlock_with_recovery(cls, folder: Path, code: str, *,
                             before_migration=BACKUP_FIRST) -> "Store":
        if is_url(folder):
            from desktop.store import hub
            return hub.open_hub(str(folder), recovery_code=code)
        kf = KeyFile.load(key_path(folder))
        key = kf.unwrap_with_recovery(code)
        return cls._open(folder, kf, key, before_migration)

    @classmethod
    def unlock_with_key(cls, folder: Path, key: bytes, *,
                        before_migration=BACKUP_FIRST) -> "Store":
        """Unlock with what the OS keychain remembered: the device secret from
        ``remember_secret`` (or, from before device secrets, the database key itself)."""
        if is_url(folder):       # the hub, with its remembered identity key
            from desktop.store import hub
            store = hub.open_hub(str(folder))
            store._key = bytearray(key)
            return store
        kf = KeyFile.load(key_path(folder))
        db_key = kf.unwrap_with_device_secret(bytes(key)) or key
        return cls._open(folder, kf, db_key, before_migration)

    @classmethod
    def _open(cls, folder: Path, kf: KeyFile, key: bytes, before_migration=None) -> "Store":
        """``before_migration``: ``BACKUP_FIRST`` (the default of every unlock) writes an
        encrypted backup to ``<store>/backups`` before any pending migration runs; a callable
        is called with the folder instead; ``None`` skips it."""
        db = open_db(db_path(folder), key)
        try:
            migrations.check_not_newer(db)
            row = db.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone() \
                if migrations.schema_version(db) >= 1 else None
            if row is None or row[0] != kf.store_id:
                raise StoreDamaged(
                    "The key file and the database belong to different stores. Put the matching "
                    "files back together; nothing was changed.")
            cleanup_after_crash(Path(folder))
            if migrations.pending(db) and before_migration is BACKUP_FIRST:
                from desktop.store.backup import backup_before_migration
                backup_before_migration(db, Path(folder))
            elif migrations.pending(db) and before_migration:
                before_migration(Path(folder))
            try:
                migrations.migrate(db)
            except DatabaseError as exc:
                _reraise(exc, Path(folder))
        except BaseException:
            db.close()
            raise
        return cls(folder, db, key, kf)

    def change_passphrase(self, new_passphrase: str, *, current: str | None = None) -> None:
        """Rewrap the database key under a new passphrase (the database is not re-encrypted).
        With ``current``, the old passphrase is checked first."""
        with self._state_lock:
            self._require_open()
            key = bytes(self._key)     # taken now: a lock during the slow KDF zeroes _key
        if not new_passphrase:
            raise ValueError("A passphrase is required.")
        if self.is_hub:
            from desktop.store import hub
            kf = hub.keyfile_from_text(self.meta_get(hub.KEYFILE_META))
        else:
            kf = KeyFile.load(key_path(self.folder))
        if current is not None:
            kf.unwrap_with_passphrase(current)
        if not key:
            raise StoreLocked()
        kf.rewrap_passphrase(key, new_passphrase)
        if self.is_hub:
            hub.save_keyfile(self, kf)
        else:
            kf.save(key_path(self.folder))
        self._keyfile = kf

    def remember_secret(self) -> bytes:
        """For "remember on this device": a new device secret for the OS keychain, which
        ``unlock_with_key`` accepts. The database key itself is never handed out: nothing in
        this API returns it (an insider has to derive it from the key file by hand)."""
        with self._state_lock:
            self._require_open()
            key = bytes(self._key)
        kf = KeyFile.load(key_path(self.folder))
        secret = kf.add_device_wrap(key)
        kf.save(key_path(self.folder))
        self._keyfile = kf
        return secret

    def forget_secret(self) -> None:
        """Remove the device wrap (after the keychain has forgotten the secret)."""
        kf = KeyFile.load(key_path(self.folder))
        if "device" in kf.extra:
            kf.remove_device_wrap()
            kf.save(key_path(self.folder))
        self._keyfile = kf

    def second_connection(self):
        """A new connection to this store's database (for long read-only checks off the GUI
        thread); the caller closes it."""
        with self._state_lock:
            self._require_open()
            return open_db(db_path(self.folder), bytes(self._key))

    @property
    def db(self):
        """The calling thread's connection (see the threading contract in the module docs);
        ``StoreLocked`` once the store has been locked, ``OutsideSession`` on a worker thread
        outside ``store.session()``."""
        return self._conns.current()

    def lock(self) -> None:
        """Stop running work, close the database and drop the key. Safe to call twice."""
        with self._state_lock:
            try:
                self._conns.close()
            finally:
                for i in range(len(self._key)):
                    self._key[i] = 0
                self._repos.clear()

    @property
    def is_open(self) -> bool:
        return not self._conns.closed

    def _require_open(self) -> None:
        if self._conns.closed:
            raise StoreLocked()

    @property
    def in_transaction(self) -> bool:
        """True inside ``store.transaction()`` on the calling thread."""
        return getattr(self._conns.local, "tx", None) is not None

    # ---------------------------------------------------------------- meta, profile
    def meta_get(self, key: str) -> str | None:
        self._require_open()
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def meta_set(self, key: str, value: str) -> None:
        self._actor = None
        with self.transaction():
            self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                            "DO UPDATE SET value = excluded.value", (key, value))

    @property
    def actor(self) -> str:
        # Read on every write: cached, and forgotten whenever a setting changes (meta_set).
        if self._actor is None:
            if self.is_hub:       # the database user, by the name registered for it
                from desktop.store import hub
                self._actor = hub.actor_for(self.db)
            else:
                self._actor = self.settings.get(WORKER_NAME) or "unknown worker"
        return self._actor

    @property
    def agency(self) -> str:
        return self.settings.get(AGENCY_NAME)

    def repo(self, cls: type[Record]) -> Repository:
        """The repository for any record class (cached)."""
        if cls not in self._repos:
            self._repos[cls] = Repository(self, cls)
        return self._repos[cls]

    # ---------------------------------------------------------------- checks
    def audit_verify(self) -> audit.AuditResult:
        with self.session(snapshot=True):
            return audit.verify(self.db)

    def integrity_check(self) -> list[str]:
        """Problems found by SQLite's and SQLCipher's integrity checks (empty when clean), each
        a sentence fit to show a worker (see ``desktop.store.checks``)."""
        if self.is_hub:      # the server checks its own pages; nothing here reads its files
            return []
        from desktop.store.checks import integrity_problems
        with self.session():
            return integrity_problems(self.db)


def copy_store(src: Path, dst: Path) -> None:
    """Copy a (locked) store folder: the database stays encrypted, the key stays wrapped."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in (db_path(src).name, key_path(src).name):
        shutil.copy2(Path(src) / name, Path(dst) / name)
