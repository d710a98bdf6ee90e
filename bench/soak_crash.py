"""Soak: SIGKILL a writer through the store 1,000 times (and passphrase changes and migrations),
checking after every kill that nothing committed was lost and nothing half-done is visible.

    PYTHONPATH=. .venv/bin/python bench/soak_crash.py [--runs 1000] [--passphrase-runs 200]
                                                       [--migration-runs 100] [--workers 2]

The suite runs the same checks with 20 + 6 + 4 kills (tests/reliability/test_crash.py). Prints
the figures; exits 1 at the first failure (with the details).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STICKABILITY_TEST_MODE", "1")   # the only mode that honours a fast KDF
os.environ.setdefault("STICKABILITY_KDF_LOG2N", "10")   # fast KDF: we test crashes, not scrypt

from desktop.store.store import Store  # noqa: E402
from tests.reliability.crash import (Tally, kill_loop, verify_migration,  # noqa: E402
                                     verify_passphrase, verify_records)

PASSPHRASE = "soak passphrase"


def _new_store(folder: Path) -> str:
    store, code = Store.create(folder, PASSPHRASE, role="field", worker="Soak", agency="Soak")
    store.lock()
    return code


def records(base: Path, runs: int, workers: int, max_delay: float) -> Tally:
    tallies = [Tally() for _ in range(workers)]

    def one(n: int) -> None:
        folder = base / f"records-{n}"
        _new_store(folder)
        rng, tally = random.Random(n), tallies[n]

        def verify(run):
            tally.add(run)
            verify_records(folder, PASSPHRASE, run, tally)
            if tally.runs % 100 == 0:
                print(f"  worker {n}: {tally.line('records')}", flush=True)

        share = runs // workers + (1 if n < runs % workers else 0)
        kill_loop(((["records", str(folder), PASSPHRASE, f"{n}-{i}"], rng.uniform(0, max_delay))
                   for i in range(share)), verify)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, range(workers)))
    total = Tally()
    for t in tallies:
        total.runs += t.runs
        total.killed += t.killed
        total.checked.update(t.checked)
    return total


def passphrases(base: Path, runs: int) -> Tally:
    folder = base / "passphrase"
    code = _new_store(folder)
    tally, state, rng = Tally(), {"current": PASSPHRASE}, random.Random(5)

    def verify(run):
        tally.add(run)
        state["current"] = verify_passphrase(folder, state["current"], run, code, tally)

    kill_loop(((lambda i=i: ["passphrase", str(folder), state["current"], f"soak-{i}"],
                rng.uniform(0, 0.1)) for i in range(runs)), verify)
    return tally


def migrations_(base: Path, runs: int) -> Tally:
    template = base / "migration-template"
    _new_store(template)
    tally, rng = Tally(), random.Random(9)
    folders = []

    def jobs():
        for i in range(runs):
            folder = base / f"migration-{i}"
            shutil.copytree(template, folder)
            folders.append(folder)
            yield ["migration", str(folder), PASSPHRASE], rng.uniform(0, 0.4)

    def verify(run):
        tally.add(run)
        verify_migration(folders[-1], PASSPHRASE, run, tally)
        shutil.rmtree(folders[-1])

    kill_loop(jobs(), verify)
    return tally


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--passphrase-runs", type=int, default=200)
    ap.add_argument("--migration-runs", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--max-delay", type=float, default=0.25)
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="stickability-soak-"))
    started = time.monotonic()
    try:
        lines = [records(base, args.runs, args.workers, args.max_delay).line("crash mid-write")]
        print(lines[-1], flush=True)
        lines.append(passphrases(base, args.passphrase_runs).line("crash mid-passphrase-change"))
        print(lines[-1], flush=True)
        lines.append(migrations_(base, args.migration_runs).line("crash mid-migration"))
        print(lines[-1], flush=True)
    except AssertionError as exc:
        print(f"FAILED: {exc}\n(store kept in {base})", file=sys.stderr)
        return 1
    shutil.rmtree(base, ignore_errors=True)
    print(f"soak_crash: all checks passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
