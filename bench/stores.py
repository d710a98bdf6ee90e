"""Stores for the benchmarks: the app's encrypted store, the same store code on plain SQLite
(the benchmark-only ``plain=True`` switch of ``open_db``), and the big caseload dataset, built
once per run (or kept between runs with ``--data DIR``)."""
from __future__ import annotations

import json
import os
import shutil
import zlib
from pathlib import Path
from types import SimpleNamespace

from desktop.domain.ids import new_id, to_iso, utc_now
from desktop.store import migrations
from desktop.store.connection import SqlCipherEngine, open_db
from desktop.store.paths import db_path
from desktop.store.settings import AGENCY_NAME, WORKER_NAME
from desktop.store.store import Store

PASSPHRASE = "benchmark passphrase, not a real one"
WORKER, AGENCY = "Bench Worker", "Bench Agency"
FAST_KDF = 10        # dataset stores only; the unlock figure uses the real cost


def create(folder: Path, *, plain: bool = False, role: str = "lead") -> Store:
    """A new, empty store. ``plain`` makes an unencrypted SQLite file run by the same Store
    code (only for comparing engines)."""
    folder = Path(folder)
    if not plain:
        store, _code = Store.create(folder, PASSPHRASE, role=role, worker=WORKER,
                                    agency=AGENCY, log2_n=FAST_KDF)
        return store
    folder.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path(folder), None, create=True, plain=True)
    migrations.migrate(db)
    store_id = new_id()
    meta = {"store_id": store_id, "device_id": new_id(), "role": role,
            "created_at": to_iso(utc_now()),
            f"setting:{WORKER_NAME.key}": json.dumps(WORKER),
            f"setting:{AGENCY_NAME.key}": json.dumps(AGENCY)}
    db.execute("BEGIN IMMEDIATE")
    db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
    db.execute("COMMIT")
    (folder / "plain").write_text(store_id)
    return Store(folder, db, bytes(32), SimpleNamespace(store_id=store_id),
                 engine=SqlCipherEngine(db_path(folder), None, plain=True))


def reopen(folder: Path) -> Store:
    folder = Path(folder)
    if (folder / "plain").exists():
        db = open_db(db_path(folder), None, plain=True)
        migrations.migrate(db)
        store_id = (folder / "plain").read_text()
        return Store(folder, db, bytes(32), SimpleNamespace(store_id=store_id),
                     engine=SqlCipherEngine(db_path(folder), None, plain=True))
    # A kept dataset from an older build is migrated in place (no backup first: it is ours).
    return Store.unlock(folder, PASSPHRASE, before_migration=None)


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in Path(folder).iterdir() if f.is_file()) / 1e6


class Dataset:
    """The caseload store: ``sizes.people`` people and ``sizes.attempts`` attempts, one of
    them with a ``sizes.heavy_history``-entry chronology. Built once; a marker file records
    what it holds, so a kept copy is reused only when it matches."""

    def __init__(self, root: Path, sizes, log=print):
        from desktop.synthetic import available_kinds
        self.sizes = sizes
        kinds = "-".join(available_kinds()) if sizes.extras else "none"
        # The records, not the schema, make a dataset: a kept one is migrated when reopened.
        key = (f"caseload-{sizes.people}-{sizes.attempts}-{sizes.heavy_history}-{sizes.seed}-"
               f"{zlib.crc32(kinds.encode()):08x}")
        self.folder = Path(root) / key
        self.marker = self.folder / "built.json"
        self.log = log
        self.info: dict = {}

    def open(self) -> Store:
        if self.marker.exists():
            self.info = json.loads(self.marker.read_text())
            self.log(f"  reusing the caseload dataset in {self.folder}")
            return reopen(self.folder / "store")
        if self.folder.exists():
            shutil.rmtree(self.folder)
        return self._build()

    def _build(self) -> Store:
        from desktop.synthetic import Spec, make_case, populate, write
        from bench.common import clock
        s = self.sizes
        self.folder.mkdir(parents=True)
        store = create(self.folder / "store")
        t = clock()
        self.log(f"  building {s.people:,} people / {s.attempts:,} attempts "
                 f"(one with {s.heavy_history:,}) through the store …")
        kinds = None if s.extras else ()
        spec = Spec(people=s.people - 1, total_attempts=s.attempts - s.heavy_history,
                    years=10, seed=s.seed, kinds=kinds)
        last = [t]

        def progress(n):
            if clock() - last[0] > 30:
                last[0] = clock()
                self.log(f"    … {n:,} records ({n / (clock() - t):,.0f}/s)")
        counts = populate(store, spec, batch=s.build_batch, progress=progress)
        heavy = make_case(Spec(people=1, total_attempts=s.heavy_history, years=10,
                               seed=s.seed + 1, kinds=kinds), 0, s.heavy_history)
        records = heavy.records()
        for i in range(0, len(records), s.build_batch):
            write(store, records[i:i + s.build_batch])
        for r in records:
            counts[r.ENTITY] += 1
        elapsed = clock() - t
        total = sum(counts.values())
        self.info = {"heavy_person": heavy.person.id, "counts": dict(counts),
                     "build_seconds": round(elapsed, 1), "records_per_second": round(total / elapsed)}
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.marker.write_text(json.dumps(self.info, indent=1))
        self.log(f"  built {total:,} records in {elapsed:.0f} s ({total / elapsed:,.0f}/s), "
                 f"{size_mb(self.folder / 'store'):,.0f} MB")
        return store


def workdir(path: str | None) -> tuple[Path, bool]:
    """(folder, keep): a kept folder when given, otherwise a fresh temp folder."""
    if path:
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        return p, True
    import tempfile
    return Path(tempfile.mkdtemp(prefix="stk-bench-", dir=os.environ.get("TMPDIR"))), False
