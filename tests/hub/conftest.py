"""Hub tests: a fresh hub database per test on the session's throwaway PostgreSQL cluster."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hub_db(request, pg_cluster):
    """``(cluster, name, url)`` of a new empty database; dropped after the test."""
    from tests.pgcluster import dbname
    url = pg_cluster.new_database(prefix="hub")
    request.addfinalizer(lambda: pg_cluster.drop_database(url))
    return pg_cluster, dbname(url), url


@pytest.fixture
def cli(monkeypatch, capsys):
    """``cli(*args)`` → (exit code, JSON output or None, captured) with the test passphrase."""
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)

    def run(*args):
        try:
            code = main(["--json", *[str(a) for a in args]])
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        data = json.loads(out.out) if code == 0 and out.out.strip() else None
        return code, data, out
    return run


def cli_process(*args, env_extra: dict | None = None, **popen) -> subprocess.Popen:
    """The CLI in a separate process (a real second importer)."""
    env = {**os.environ, "STICKABILITY_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT),
           **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", "--json",
                             *[str(a) for a in args]], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)
