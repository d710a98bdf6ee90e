"""Shared test set-up: offscreen Qt, a fast KDF, and stores copied from a template.

Building a store runs every migration; doing it once per session and copying the folder per
test keeps the suite fast (the Anki pattern).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["STICKABILITY_TEST_MODE"] = "1"        # the suite's explicit test mode, in which
os.environ["STICKABILITY_KDF_LOG2N"] = "10"       # (and only in which) a fast KDF is honoured
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

import pytest  # noqa: E402

PASSPHRASE = "correct horse battery staple"
WORKER = "Sam Outreach"
AGENCY = "Community Nursing"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path, monkeypatch):
    """Every test gets its own HOME / XDG dirs / temp dir so nothing leaks between tests
    or onto the developer's machine."""
    home = tmp_path / "home"
    home.mkdir()
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("STICKABILITY_STORE", raising=False)
    monkeypatch.delenv("STICKABILITY_PASSPHRASE", raising=False)


@pytest.fixture(scope="session")
def _template_stores(tmp_path_factory):
    from desktop.store.store import Store
    base = tmp_path_factory.mktemp("templates")
    out = {}
    for role in ("field", "lead"):
        folder = base / role
        store, code = Store.create(folder, PASSPHRASE, role=role, worker=WORKER, agency=AGENCY)
        store.lock()
        out[role] = (folder, code)
    return out


def _copy_template(template: Path, dst: Path) -> Path:
    shutil.copytree(template, dst)
    return dst


# -- the PostgreSQL hub: one throwaway cluster per session (see tests/pgcluster.py) -------------
@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server on a Unix socket, started once for the session."""
    from tests.pgcluster import start_cluster
    try:
        cluster = start_cluster()
    except (FileNotFoundError, RuntimeError) as exc:
        pytest.skip(f"no PostgreSQL server for the hub tests: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def _hub_templates(pg_cluster):
    """Template databases holding a field and a lead store; each test gets a copy."""
    from desktop.store.store import Store
    from tests.pgcluster import dbname
    out = {}
    for role in ("field", "lead"):
        url = pg_cluster.new_database(prefix=f"tmpl_{role}")
        store, code = Store.create(url, PASSPHRASE, role=role, worker=WORKER, agency=AGENCY)
        store.lock()
        out[role] = (dbname(url), code)
    from desktop.store import hub                    # a hub with its schema and no store yet
    url = pg_cluster.new_database(prefix="tmpl_schema")
    db = hub.connect(url)
    hub.ensure_schema(db)
    db.close()
    from desktop.store.postgres import close_pools
    close_pools()                      # a template database must have no open sessions
    out["schema"] = (dbname(url), None)
    return out


@pytest.fixture
def backend():
    """Which engine the ``store``/``lead_store`` fixtures use. The store, sync and CLI test
    folders override this with both (``sqlite`` and ``postgresql``)."""
    return "sqlite"


def hub_copy(request, role: str) -> str:
    """A fresh hub database copied from the template of ``role``; dropped after the test."""
    cluster = request.getfixturevalue("pg_cluster")
    templates = request.getfixturevalue("_hub_templates")
    url = cluster.new_database(template=templates[role][0])
    request.addfinalizer(lambda: cluster.drop_database(url))
    return url


@pytest.fixture
def store_dir(tmp_path, _template_stores) -> Path:
    """A locked field-worker store folder (passphrase ``PASSPHRASE``)."""
    return _copy_template(_template_stores["field"][0], tmp_path / "store")


@pytest.fixture
def recovery_code(_template_stores) -> str:
    return _template_stores["field"][1]


@pytest.fixture
def store(request, backend):
    """An unlocked field-worker store (on the hub when ``backend`` is postgresql); locked
    again after the test."""
    from desktop.store.store import Store
    where = hub_copy(request, "field") if backend == "postgresql" \
        else request.getfixturevalue("store_dir")
    s = Store.unlock(where, PASSPHRASE)
    yield s
    s.lock()


@pytest.fixture
def lead_store(request, tmp_path, backend):
    """An unlocked lead-agency store (on the hub when ``backend`` is postgresql). Note:
    template copies share device ids; tests that sync between stores should create fresh ones
    with ``Store.create``."""
    from desktop.store.store import Store
    folder = hub_copy(request, "lead") if backend == "postgresql" else _copy_template(
        request.getfixturevalue("_template_stores")["lead"][0], tmp_path / "lead")
    s = Store.unlock(folder, PASSPHRASE)
    yield s
    s.lock()


@pytest.fixture
def person(store):
    from desktop.domain.person import Person
    return store.people.add(Person(name="Morag Delacroix-Baird", known_as="Morag",
                                   address="12 Harbour Row"))
