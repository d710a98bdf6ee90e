import pytest

from tests.sync.helpers import Pair, enrol_pair, make_store


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    """The sync tests run with the lead agency on a laptop store and on the hub."""
    return request.param


@pytest.fixture
def pair(request, tmp_path, backend):
    where = tmp_path / "lead"
    if backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        where = cluster.new_database()
        request.addfinalizer(lambda: cluster.drop_database(where))
    lead = make_store(where, "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    yield Pair(lead, field, tmp_path)
    lead.lock()
    field.lock()
