"""The five sync fuzz campaigns, each ``campaign(world, examples, tally)``: run by the suite
(tests/reliability/test_sync_fuzz.py, tens of cases each) and bench/soak_fuzz.py (10,000 in
all). ``tally`` collects the figures; any failure raises (hypothesis shows the case)."""
from __future__ import annotations

import itertools
import shutil
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.contact import ContactAttempt
from desktop.store.store import Store
from desktop.sync import import_paths
from tests.reliability.syncfuzz import (MEMBER_ATTACK, MUTATIONS, RESIGN, World,
                                        assert_rejected_and_unchanged, attack_members, changes,
                                        import_bytes, mutate, signed_package, snapshot)

PASSPHRASE = "correct horse battery staple"   # tests/conftest.py's, for the copied stores
_runs = itertools.count()


def _settings(examples: int):
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


def mutated_files(world: World, examples: int, tally: Counter) -> None:
    """The encrypted file flipped, cut, extended, spliced: rejected, nothing changes."""
    before = snapshot(world)

    @_settings(examples)
    @given(which=st.integers(0, len(world.packages) - 1), mutations=MUTATIONS)
    def case(which, mutations):
        data = world.packages[which]
        bad = mutate(data, mutations)
        if bad == data:
            return
        reason = assert_rejected_and_unchanged(world, bad, before)
        tally["bytes: rejected"] += 1
        tally[f"reason: {reason[:50]}"] += 1

    case()


def tampered_members(world: World, examples: int, tally: Counter) -> None:
    """Decrypted, a member edited / dropped / duplicated / added, re-encrypted to the lead
    agency, maybe re-signed by an attacker: rejected, nothing changes."""
    before = snapshot(world)

    @_settings(examples)
    @given(which=st.integers(0, len(world.packages) - 1),
           attacks=st.lists(MEMBER_ATTACK, min_size=1, max_size=3), resign=RESIGN)
    def case(which, attacks, resign):
        bad = attack_members(world, world.packages[which], attacks, resign)
        if bad is None:
            return
        reason = assert_rejected_and_unchanged(world, bad, before)
        tally[f"members ({resign}): rejected"] += 1
        tally[f"reason: {reason[:50]}"] += 1

    case()


def sender_signed(world: World, examples: int, tally: Counter) -> None:
    """The enrolled sender signs arbitrary changes: imported whole (unusable changes
    quarantined with a reason); the same file again, or another claiming its sequence, changes
    nothing."""
    pids = [p.id for p in world.field.people.where()]

    @_settings(examples)
    @given(chs=changes(world.field_id, pids), junk=st.lists(st.binary(max_size=40), max_size=2))
    def case(chs, junk):
        data = signed_package(world, chs, junk)
        outcome = import_bytes(world, data)
        assert outcome.outcome == "imported", outcome
        tally["signed: packages imported"] += 1
        tally["signed: changes"] += outcome.changes
        tally["signed: changes applied"] += world.lead.db.execute(
            "SELECT applied FROM sync_received ORDER BY rowid DESC LIMIT 1").fetchone()[0]
        after = snapshot(world)
        assert import_bytes(world, data).outcome == "already_imported"
        assert snapshot(world) == after
        replay = signed_package(world, chs + [{"entity": "person"}], sequence=after[3])
        assert import_bytes(world, replay).outcome == "rejected"
        assert snapshot(world) == after
        tally["signed: copies and replays refused"] += 2

    case()
    tally["signed: changes quarantined"] = world.lead.db.execute(
        "SELECT count(*) FROM sync_quarantine").fetchone()[0]


def replays(world: World, examples: int, tally: Counter) -> None:
    """Genuine packages offered again and again, in any order and batching (each example on a
    fresh copy of the lead agency's store): each imported once, nothing twice."""
    tmp = world.tmp / f"replays-{next(_runs)}"
    template = tmp / "lead-template"
    world.lead.lock()
    shutil.copytree(world.tmp / "lead", template)
    world.lead = Store.unlock(world.tmp / "lead", PASSPHRASE)
    wanted = ({p.id for p in world.field.people.where()},
              {a.id for a in world.field.repo(ContactAttempt).where()})
    field_changes = world.field.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    n = len(world.packages)

    @_settings(examples)
    @given(order=st.lists(st.integers(0, n - 1), min_size=1, max_size=8),
           batch=st.integers(1, 4))
    def case(order, batch):
        folder = tmp / f"lead-{next(_runs)}"
        shutil.copytree(template, folder)
        lead = Store.unlock(folder, PASSPHRASE)
        try:
            paths = []
            for k, i in enumerate(order + list(range(n))):
                p = folder.parent / f"p{k}-{i}.stkpkg"
                p.write_bytes(world.packages[i])
                paths.append(p)
            for start in range(0, len(paths), batch):
                s = import_paths(lead, paths[start:start + batch])
                assert s.rejected == 0, s.text()
            got = ({p.id for p in lead.people.where()},
                   {a.id for a in lead.repo(ContactAttempt).where()})
            assert got == wanted
            assert snapshot(World(lead, world.field, folder))[3] == n
            assert lead.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == \
                field_changes
            tally["replay: orders"] += 1
            tally["replay: files offered"] += len(paths)
        finally:
            lead.lock()
            shutil.rmtree(folder)

    case()


def hostile(world: World, examples: int, tally: Counter) -> None:
    """Nested JSON, huge integers, archive tricks and malicious content signed with the real
    key (tests/reliability/hostilefuzz.py): never a crash, never a partial apply."""
    from tests.reliability.hostilefuzz import ATTACK, build, check

    @_settings(examples)
    @given(attack=ATTACK)
    def case(attack):
        check(world, build(world, attack), attack[0], tally)

    case()
    assert tally["hostile: partial applies"] == 0, tally


CAMPAIGNS = {"bytes": mutated_files, "members": tampered_members, "signed": sender_signed,
             "replay": replays, "hostile": hostile}
