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


@pytest.fixture
def store_dir(tmp_path, _template_stores) -> Path:
    """A locked field-worker store folder (passphrase ``PASSPHRASE``)."""
    return _copy_template(_template_stores["field"][0], tmp_path / "store")


@pytest.fixture
def recovery_code(_template_stores) -> str:
    return _template_stores["field"][1]


@pytest.fixture
def store(store_dir):
    """An unlocked field-worker store; locked again after the test."""
    from desktop.store.store import Store
    s = Store.unlock(store_dir, PASSPHRASE)
    yield s
    s.lock()


@pytest.fixture
def lead_store(tmp_path, _template_stores):
    """An unlocked lead-agency store. Note: template copies share device ids; tests that sync
    between stores should create fresh ones with ``Store.create``."""
    from desktop.store.store import Store
    folder = _copy_template(_template_stores["lead"][0], tmp_path / "lead")
    s = Store.unlock(folder, PASSPHRASE)
    yield s
    s.lock()


@pytest.fixture
def person(store):
    from desktop.domain.person import Person
    return store.people.add(Person(name="Morag Delacroix-Baird", known_as="Morag",
                                   address="12 Harbour Row"))
