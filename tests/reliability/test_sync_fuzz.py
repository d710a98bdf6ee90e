"""Packages under attack (hypothesis): mutated, truncated, extended, re-encrypted, re-signed and
replayed packages never crash the importer, are never applied in part, never duplicate a
record, and every rejection carries a reason. ``bench/soak_fuzz.py`` runs 10,000 cases.
(``tests/sync/test_rejections.py`` has the hand-picked cases.)"""
from __future__ import annotations

import shutil
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.contact import ContactAttempt
from desktop.store.store import Store
from desktop.sync import import_paths
from tests.conftest import PASSPHRASE
from tests.reliability.crash import assert_store_sound
from tests.reliability.syncfuzz import (MEMBER_ATTACK, MUTATIONS, RESIGN, World,
                                        assert_rejected_and_unchanged, attack_members, changes,
                                        import_bytes, make_world, mutate, signed_package,
                                        snapshot)

FUZZ = settings(max_examples=60, deadline=None, database=None, derandomize=False,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = make_world(tmp_path_factory.mktemp("fuzz"))
    yield w
    w.lead.lock()
    w.field.lock()


def test_mutated_files_are_rejected_with_a_reason(world, figures):
    before, reasons = snapshot(world), Counter()

    @FUZZ
    @given(which=st.integers(0, 2), mutations=MUTATIONS)
    def case(which, mutations):
        data = world.packages[which]
        bad = mutate(data, mutations)
        if bad == data:
            return
        reasons[assert_rejected_and_unchanged(world, bad, before)[:40]] += 1

    case()
    assert_store_sound(world.lead)
    figures(f"fuzz bytes: {sum(reasons.values())} mutated files rejected, nothing applied; "
            f"{len(reasons)} distinct reasons")


def test_tampered_re_encrypted_and_re_signed_are_rejected(world, figures):
    before, reasons = snapshot(world), Counter()

    @FUZZ
    @given(which=st.integers(0, 2), attacks=st.lists(MEMBER_ATTACK, min_size=1, max_size=3),
           resign=RESIGN)
    def case(which, attacks, resign):
        bad = attack_members(world, world.packages[which], attacks, resign)
        if bad is None:
            return
        reasons[assert_rejected_and_unchanged(world, bad, before)[:40]] += 1

    case()
    assert_store_sound(world.lead)
    figures(f"fuzz re-encrypted/re-signed: {sum(reasons.values())} tampered packages rejected; "
            f"{len(reasons)} distinct reasons")


@pytest.fixture
def fresh_world(tmp_path):
    w = make_world(tmp_path / "w")
    yield w
    w.lead.lock()
    w.field.lock()


def test_sender_signed_garbage_is_applied_or_quarantined_never_crashes(fresh_world, figures):
    """A buggy or newer build on an enrolled device signs whatever it likes: each package is
    imported whole (unusable changes quarantined with a reason), and a second copy of it, or
    another package claiming its sequence, changes nothing."""
    world, tally = fresh_world, Counter()
    pids = [p.id for p in world.field.people.where()]

    @FUZZ
    @given(chs=changes(world.field_id, pids), junk=st.lists(st.binary(max_size=40), max_size=2))
    def case(chs, junk):
        data = signed_package(world, chs, junk)
        outcome = import_bytes(world, data)
        assert outcome.outcome == "imported", outcome
        tally["packages"] += 1
        tally["changes"] += outcome.changes
        tally["applied"] += world.lead.db.execute(
            "SELECT applied FROM sync_received ORDER BY rowid DESC LIMIT 1").fetchone()[0]
        after = snapshot(world)
        assert import_bytes(world, data).outcome == "already_imported"
        assert snapshot(world) == after
        seq = after[3]
        replay = signed_package(world, chs + [{"entity": "person"}], sequence=seq)
        assert import_bytes(world, replay).outcome == "rejected"
        assert snapshot(world) == after

    case()
    assert_store_sound(world.lead)
    quarantined = world.lead.db.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0]
    figures(f"fuzz sender-signed: {tally['packages']} packages with {tally['changes']} arbitrary "
            f"changes imported whole: {tally['applied']} applied, {quarantined} quarantined with "
            "reasons; every second copy and replay changed nothing")
    assert tally["applied"] > 0 and quarantined > 0


def test_replays_in_any_order_import_each_package_once(fresh_world, tmp_path, figures):
    world = fresh_world
    template = tmp_path / "lead-template"
    world.lead.lock()
    shutil.copytree(world.tmp / "lead", template)
    world.lead = Store.unlock(world.tmp / "lead", PASSPHRASE)
    wanted = ({p.id for p in world.field.people.where()},
              {a.id for a in world.field.repo(ContactAttempt).where()})
    runs = Counter()

    @FUZZ
    @given(order=st.lists(st.integers(0, 2), min_size=1, max_size=8),
           batch=st.integers(1, 4))
    def case(order, batch):
        folder = tmp_path / f"lead-{runs['examples']}"
        runs["examples"] += 1
        shutil.copytree(template, folder)
        lead = Store.unlock(folder, PASSPHRASE)
        try:
            w = World(lead, world.field, world.tmp, world.packages)
            paths = []
            for n, i in enumerate(order + [0, 1, 2]):
                p = tmp_path / f"p{n}-{i}.stkpkg"
                p.write_bytes(world.packages[i])
                paths.append(p)
            for start in range(0, len(paths), batch):
                s = import_paths(lead, paths[start:start + batch])
                assert s.rejected == 0, s.text()
            got = ({p.id for p in lead.people.where()},
                   {a.id for a in lead.repo(ContactAttempt).where()})
            assert got == wanted
            assert snapshot(w)[3] == 3            # exactly three packages imported
            assert lead.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == \
                world.field.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
            runs["files offered"] += len(paths)
        finally:
            lead.lock()
            shutil.rmtree(folder)

    case()
    figures(f"fuzz replay: {runs['examples']} orders and batchings, {runs['files offered']} "
            "files offered, every package imported exactly once, no duplicate")
