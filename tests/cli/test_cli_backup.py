"""CLI: ``backup create|list|restore`` and ``check``."""
from __future__ import annotations

import json

import pytest

from tests.conftest import PASSPHRASE
from desktop.cli import main
from desktop.store.paths import db_path

PASS = PASSPHRASE          # tests/conftest.py: strong enough for `init`


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASS)
    store = tmp_path / "store"

    def run(*args, json_out=True):
        argv = ["--store", str(store)] + (["--json"] if json_out else []) + list(args)
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        data = json.loads(out.out) if json_out and out.out.strip() else None
        return code, data, out
    run.store = store
    cli_init = run("init", "--role", "field", "--worker", "W", "--agency", "A")
    assert cli_init[0] == 0
    run.recovery_code = cli_init[1]["recovery_code"]
    return run


def test_backup_create_list_restore(cli, tmp_path):
    _, first, _ = cli("person", "add", "--name", "Kept")
    code, made, _ = cli("backup", "create")
    assert code == 0 and made["backup"].startswith(str(cli.store / "backups"))
    code, elsewhere, _ = cli("backup", "create", "--out", str(tmp_path / "usb"))
    assert code == 0 and elsewhere["backup"].startswith(str(tmp_path / "usb"))
    _, listed, _ = cli("backup", "list")
    assert [b["path"] for b in listed["backups"]] == [made["backup"]]
    _, listed, _ = cli("backup", "list", "--out", str(tmp_path / "usb"))
    assert len(listed["backups"]) == 1
    cli("person", "add", "--name", "Later")
    code, restored, _ = cli("backup", "restore", elsewhere["backup"])
    assert code == 0 and restored["replaced"]
    _, people, _ = cli("person", "list")
    assert [p["id"] for p in people["people"]] == [first["id"]]
    code, report, _ = cli("check")
    assert code == 0 and report["ok"] and report["problems"] == []


def test_restore_with_recovery_code_and_errors(cli, tmp_path, monkeypatch):
    _, made, _ = cli("backup", "create")
    code, _, _ = cli("backup", "restore", made["backup"], "--recovery-code", cli.recovery_code)
    assert code == 0
    code, _, out = cli("backup", "restore", str(tmp_path / "nothing-here"))
    assert code == 1 and "no backup folder" in out.err
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", "wrong")
    code, _, out = cli("backup", "restore", made["backup"])
    assert code == 1 and "passphrase" in out.err and out.err.count("\n") == 1
    code, _, _ = cli("backup", "restore")
    assert code == 2


def test_check_reports_a_damaged_page(cli):
    from desktop.domain.person import Person
    from desktop.store.store import Store
    s = Store.unlock(cli.store, PASS)
    with s.transaction():
        for i in range(200):
            s.people.add(Person(name=f"P{i}", notes="n" * 300))
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.lock()
    path = db_path(cli.store)
    data = bytearray(path.read_bytes())
    data[(len(data) // 4096 // 2) * 4096 + 10] ^= 1
    path.write_bytes(bytes(data))
    code, report, out = cli("check")
    assert code == 1 and not report["ok"]
    assert "tamper check" in out.err and out.err.count("\n") == 1
    code, _, out = cli("check", json_out=False)
    assert code == 1 and "found problems" in out.out
