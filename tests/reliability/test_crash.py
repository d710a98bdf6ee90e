"""Crash mid-write: a child process writing through the store is SIGKILLed at random moments.

Afterwards the store unlocks, SQLite's and SQLCipher's integrity checks and the audit chain are
clean, every id the child printed after a commit is present, and no transaction is half there.
The same for a passphrase change (the key file always opens with the old or the new
passphrase) and for a migration (reopening applies it completely). ``bench/soak_crash.py`` runs
the same with 1,000 kills.
"""
from __future__ import annotations

import random
import shutil
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import PASSPHRASE
from tests.reliability.crash import (Tally, kill_loop, spawn_and_kill, verify_migration, verify_passphrase,
                                     verify_records)

RUNS_PER_STORE = 10        # two stores side by side: 20 kills
MAX_DELAY = 0.08           # seconds of writing (after the first commit) before the kill
MIGRATION_RUNS = 4


def _kill_loop(folder, seed: int, runs: int, tally: Tally) -> None:
    rng = random.Random(seed)

    def verify(run):
        tally.add(run)
        verify_records(folder, PASSPHRASE, run, tally)

    kill_loop(((["records", str(folder), PASSPHRASE, f"{seed}-{i}"], rng.uniform(0, MAX_DELAY))
               for i in range(runs)), verify)


def test_kill_mid_write_loses_no_commit(tmp_path, _template_stores, figures):
    folders = []
    for n in range(2):
        folders.append(tmp_path / f"s{n}")
        shutil.copytree(_template_stores["field"][0], folders[-1])
    tallies = [Tally(), Tally()]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda n: _kill_loop(folders[n], 1000 + n, RUNS_PER_STORE, tallies[n]),
                      range(2)))
    total = Tally(sum(t.runs for t in tallies), sum(t.killed for t in tallies),
                  tallies[0].checked + tallies[1].checked)
    figures(total.line("crash mid-write"))
    assert total.runs >= 20 and total.killed >= 20
    assert total.checked["people"] + total.checked["attempts"] > 0


def test_kill_mid_passphrase_change_never_locks_out(store_dir, recovery_code, figures):
    rng, tally, state = random.Random(7), Tally(), {"current": PASSPHRASE}

    def verify(run):
        tally.add(run)
        state["current"] = verify_passphrase(store_dir, state["current"], run, recovery_code,
                                             tally)

    kill_loop(((lambda i=i: ["passphrase", str(store_dir), state["current"], f"pass-{i}"],
                rng.uniform(0, 0.06)) for i in range(6)), verify)
    figures(tally.line("crash mid-passphrase-change"))
    assert tally.killed == 6 and tally.checked["passphrase changes"] > 0


def test_kill_mid_migration_reopens_cleanly(tmp_path, _template_stores, figures):
    template = _template_stores["field"][0]
    # One run to the end, to learn how long the migration (with its backup) takes here.
    calib = tmp_path / "calib"
    shutil.copytree(template, calib)
    run = spawn_and_kill(["migration", str(calib), PASSPHRASE], None)
    took = run.active
    assert run.of("migrated") and took > 0
    tally = Tally()
    verify_migration(calib, PASSPHRASE, run, tally)
    rng = random.Random(11)
    folders = [tmp_path / f"m{i}" for i in range(MIGRATION_RUNS)]
    for folder in folders:
        shutil.copytree(template, folder)

    def verify(run):
        tally.add(run)
        verify_migration(folders[tally.runs - 1], PASSPHRASE, run, tally)

    kill_loop(((["migration", str(f), PASSPHRASE], rng.uniform(0, took)) for f in folders),
              verify)
    figures(tally.line("crash mid-migration") + f" (migration with its backup takes {took:.2f} s)")
    assert tally.checked["migrations"] == MIGRATION_RUNS + 1
