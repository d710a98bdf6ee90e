"""Property: whatever order the same packages arrive in (and however they are batched), the
lead agency's store ends up the same."""
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.person import Person
from desktop.store.store import Store, copy_store
from desktop.sync import export_packages, import_paths, list_conflicts, list_duplicates
from tests.conftest import PASSPHRASE
from tests.sync.helpers import edit, log_attempts, make_trio, rows


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("converge")
    t, pid = make_trio(tmp)
    files = []

    def export(store):
        files.extend(export_packages(store, tmp / "box").packages)

    edit(t.a, pid, address="Flat 1, Quay Street")
    log_attempts(t.a, pid, 2, "ash")
    export(t.a)
    edit(t.a, pid, address="Flat 1A, Quay Street", known_as="Mo")
    jo = t.a.people.add(Person(name="Jo Bloggs", date_of_birth=date(1970, 5, 1)))
    log_attempts(t.a, jo.id, 1, "ash jo")
    export(t.a)
    edit(t.b, pid, address="The Hostel, Mill Lane", notes="prefers afternoons")
    bo = log_attempts(t.b, pid, 3, "bo")
    export(t.b)
    t.b.attempts.delete(bo[0].id)
    t.b.people.add(Person(name="Jo Bloggs", date_of_birth=date(1970, 5, 1)))
    edit(t.b, pid, known_as="Morag")
    export(t.b)
    export(t.a)                                         # nothing new: no file
    assert len(files) == 4
    lead_folder = t.lead.folder
    t.lock()
    return lead_folder, files, tmp


def _outcome(world, order, cuts, n):
    lead_folder, files, tmp = world
    dst = tmp / f"run{n}"
    copy_store(lead_folder, dst)
    lead = Store.unlock(dst, PASSPHRASE)
    try:
        batch, batches = [], []
        for i, f in enumerate(order):
            batch.append(files[f])
            if i in cuts:
                batches.append(batch)
                batch = []
        batches.append(batch)
        for b in batches:
            s = import_paths(lead, b)
            assert s.rejected == 0
        assert not lead.db.execute("SELECT 1 FROM sync_held").fetchone()
        return {
            "person": rows(lead, "person"),
            "contact_attempt": rows(lead, "contact_attempt"),
            "conflicts": sorted({(c["entity"], c["record_id"], c["field"])
                                 for c in list_conflicts(lead)}),
            "duplicates": sorted((d["record_id"], d["other_id"]) for d in list_duplicates(lead)),
        }
    finally:
        lead.lock()


_runs = iter(range(10_000))
_reference: dict = {}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(4)), cuts=st.sets(st.integers(0, 3)))
def test_any_arrival_order_converges(world, order, cuts):
    if "in order" not in _reference:
        _reference["in order"] = _outcome(world, [0, 1, 2, 3], {0, 1, 2, 3}, "ref")
    reference = _reference["in order"]
    assert reference["conflicts"] and reference["duplicates"]
    got = _outcome(world, order, cuts, next(_runs))
    assert got == reference
