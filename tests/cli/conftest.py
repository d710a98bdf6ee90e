"""The CLI tests run on both engines: a store folder, and the hub (``--store postgresql://…``)."""
import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import PASSPHRASE, _copy_template, hub_copy


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


@pytest.fixture
def cli(store_dir, monkeypatch, capsys):
    """``cli(*argv, expect=0)`` on the test store: asserts the exit code; the JSON output when
    ``--json`` is among the arguments, else stdout (stderr when a failure is expected). Test
    modules that want another shape define their own ``cli``."""
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)

    def run(*argv, expect=0):
        code = main(["--store", str(store_dir), *argv])
        out, err = capsys.readouterr()
        assert code == expect, (argv, out, err)
        if expect == 0 and "--json" in argv:
            return json.loads(out)
        return out if expect == 0 else err
    return run


@pytest.fixture
def pid(cli):
    """A person on the test store (used with the ``cli`` fixture above)."""
    return cli("person", "add", "--name", "Morag Delacroix-Baird", "--json")["id"]

