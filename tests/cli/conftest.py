"""The CLI tests run on both engines: a store folder, and the hub (``--store postgresql://…``)."""
from pathlib import Path

import pytest

from tests.conftest import _copy_template, hub_copy


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def store_location(request, backend, tmp_path):
    """``make(name)``: where a new store for a CLI test goes: a folder, or an empty hub
    database's URL (``init`` creates the store there)."""
    def make(name: str = "store"):
        if backend == "postgresql":
            return hub_copy(request, "schema")    # migrated, no store: 'init' makes one
        return tmp_path / name
    return make


@pytest.fixture
def store_dir(request, backend, tmp_path):
    """A locked field-worker store: a folder, or a hub database's URL."""
    if backend == "postgresql":
        return hub_copy(request, "field")
    return _copy_template(request.getfixturevalue("_template_stores")["field"][0],
                          Path(tmp_path) / "store")
