"""Crash mid-export and mid-import: a child exporting or importing sync packages is SIGKILLed at
a random moment. Afterwards both stores pass their integrity checks, every package the child
reported imported is there, and finishing the job (export again / import the folder again)
brings the lead agency exactly the field device's records: nothing lost, nothing twice."""
from __future__ import annotations

import random
import shutil

from desktop.domain.contact import ContactAttempt
from desktop.domain.person import Person
from desktop.store.store import Store
from desktop.store.syncstate import SyncState
from desktop.sync import export_packages, import_paths
from tests.conftest import PASSPHRASE
from tests.reliability.crash import Tally, assert_store_sound, kill_loop, spawn_and_kill
from tests.sync.helpers import enrol_pair, log_attempts, make_store

PACKAGES = 12
IMPORT_RUNS = 5
EXPORT_RUNS = 5


def _ids(store) -> tuple[set[str], set[str]]:
    return ({p.id for p in store.people.where()},
            {a.id for a in store.repo(ContactAttempt).where()})


def _changes_from(store, device_id: str) -> int:
    return store.db.execute("SELECT count(*) FROM change_log WHERE origin_device = ?",
                            (device_id,)).fetchone()[0]


def test_kill_mid_import_then_import_again(tmp_path, figures):
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    box = tmp_path / "box"
    for i in range(PACKAGES):
        p = field.people.add(Person(name=f"Sync person {i}"))
        log_attempts(field, p.id, 3)
        export_packages(field, box)
    wanted, field_id = _ids(field), field.device_id
    field.lock()
    lead.lock()

    # One import to the end: how long it takes, and what a clean import leaves.
    calib = tmp_path / "lead-calib"
    shutil.copytree(tmp_path / "lead", calib)
    run = spawn_and_kill(["import", str(calib), PASSPHRASE, str(box)], None)
    assert run.of("summary") == [[str(PACKAGES), "0"]], run.lines
    ref = Store.unlock(calib, PASSPHRASE)
    assert _ids(ref) == wanted
    ref_changes = _changes_from(ref, field_id)
    ref.lock()

    rng, tally, folders = random.Random(3), Tally(), []

    def jobs():
        for i in range(IMPORT_RUNS):
            folders.append(tmp_path / f"lead-{i}")
            shutil.copytree(tmp_path / "lead", folders[-1])
            yield ["import", str(folders[-1]), PASSPHRASE, str(box)], rng.uniform(0, run.active)

    def verify(run):
        tally.add(run)
        store = Store.unlock(folders[-1], PASSPHRASE)
        try:
            assert_store_sound(store)
            done = max([int(d[0]) for d in run.of("done")] or [0])
            assert SyncState(store).peer(field_id).in_through >= done
            tally.checked["packages imported before the kill"] += done
            again = import_paths(store, [box])
            assert again.rejected == 0, again.text()
            assert again.imported + again.already_imported == PACKAGES
            assert _ids(store) == wanted
            assert _changes_from(store, field_id) == ref_changes     # nothing twice
            assert_store_sound(store)
            tally.checked["imports finished"] += 1
        finally:
            store.lock()

    kill_loop(jobs(), verify)
    figures(tally.line("crash mid-import") + f" ({PACKAGES} packages, import takes "
                                             f"{run.active:.2f} s)")
    assert tally.checked["imports finished"] == IMPORT_RUNS


def test_kill_mid_export_then_export_again(tmp_path, figures):
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    field_dir, box = tmp_path / "field", tmp_path / "box"
    field.lock()
    rng, tally = random.Random(4), Tally()

    def verify(run):
        tally.add(run)
        tally.checked["exports reported"] += len(run.of("exported"))
        store = Store.unlock(field_dir, PASSPHRASE)
        try:
            assert_store_sound(store)
        finally:
            store.lock()

    kill_loop(((["export", str(field_dir), PASSPHRASE, str(box)], rng.uniform(0, 0.3))
               for _ in range(EXPORT_RUNS)), verify)
    field = Store.unlock(field_dir, PASSPHRASE)
    export_packages(field, box)                 # finishes whatever a kill interrupted
    wanted = _ids(field)
    field.lock()
    leftovers = [p.name for p in box.rglob("*.tmp")]
    summary = import_paths(lead, [box])
    assert summary.rejected == 0, summary.text()
    assert summary.held == 0, summary.text()
    assert _ids(lead) == wanted and wanted[0]
    assert_store_sound(lead)
    lead.lock()
    tally.checked["packages"] = summary.imported
    figures(tally.line("crash mid-export") + "; then every record arrived once")
    assert leftovers == []                      # a rewrite removes its crashed temp file
