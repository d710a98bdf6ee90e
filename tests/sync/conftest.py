import pytest

from tests.sync.helpers import Pair, enrol_pair, make_store


@pytest.fixture
def pair(tmp_path):
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    yield Pair(lead, field, tmp_path)
    lead.lock()
    field.lock()
