"""The CLI contract: commands, --json fields, exit codes."""
import json
import subprocess
import sys

import pytest

from tests.conftest import PASSPHRASE
from desktop.cli import main

PASS = PASSPHRASE          # tests/conftest.py: strong enough for `init`


@pytest.fixture
def cli(store_location, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASS)
    store = store_location()

    def run(*args, json_out=True):
        argv = ["--store", str(store)] + (["--json"] if json_out else []) + list(args)
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out = capsys.readouterr()
        data = json.loads(out.out) if json_out and out.out.strip() and code == 0 else None
        return code, data, out
    run.store = store
    return run


def test_round_trip(cli):
    code, data, _ = cli("init", "--role", "field", "--worker", "Nurse", "--agency", "NHS")
    assert code == 0 and len(data["recovery_code"]) == 29
    code, data, _ = cli("person", "add", "--name", "Morag", "--dob", "1959-03-01",
                        "--address", "12 Harbour Row")
    pid = data["id"]
    code, data, _ = cli("attempt", "log", pid, "--method", "home_visit", "--outcome",
                        "no_answer", "--at", "2026-05-28T11:00", "--note", "curtains drawn")
    assert code == 0 and data["id"]
    _, data, _ = cli("attempt", "list", pid)
    [a] = data["attempts"]
    assert (a["method"], a["outcome"], a["note"]) == ("home_visit", "no_answer", "curtains drawn")
    assert a["at"].startswith("2026-05-28")
    _, data, _ = cli("person", "list")
    assert [(p["id"], p["name"]) for p in data["people"]] == [(pid, "Morag")]
    code, data, _ = cli("audit", "verify")
    assert code == 0 and data["ok"] and data["checked"] == 2


def test_errors(cli, monkeypatch):
    cli("init", "--role", "lead", "--worker", "W", "--agency", "A")
    code, _, out = cli("init", "--role", "lead", "--worker", "W", "--agency", "A")
    assert code == 1 and "already exists" in out.err
    _, data, _ = cli("person", "add", "--name", "X")
    code, _, out = cli("attempt", "log", data["id"], "--method", "pigeon", "--outcome", "no_answer")
    assert code == 1 and "home_visit" in out.err and out.err.count("\n") == 1
    code, _, out = cli("attempt", "log", data["id"], "--method", "phone", "--outcome", "meh")
    assert code == 1 and "no_answer" in out.err
    code, _, out = cli("attempt", "log", "no-such-id", "--method", "phone", "--outcome", "no_answer")
    assert code == 1 and "no-such-id" in out.err
    code, _, out = cli("person", "add", "--name", "Y", "--dob", "31/01/1960")
    assert code == 1 and "YYYY-MM-DD" in out.err
    code, _, _ = cli("attempt", "log")
    assert code == 2
    code, _, _ = cli("frobnicate")
    assert code == 2
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", "wrong")
    code, _, out = cli("person", "list")
    assert code == 1 and "passphrase" in out.err


def test_audit_verify_fails_on_tamper(cli):
    from desktop.store.store import Store
    cli("init", "--role", "field", "--worker", "W", "--agency", "A")
    _, data, _ = cli("person", "add", "--name", "X")
    cli("attempt", "log", data["id"], "--method", "phone", "--outcome", "no_answer")
    s = Store.unlock(cli.store, PASS)
    s.db.execute("UPDATE audit_event SET action = 'nothing' WHERE seq = 1")
    s.lock()
    code, _, out = cli("audit", "verify", json_out=False)
    assert code == 1 and "event 1" in out.err


def test_no_store_is_a_user_error(cli):
    code, _, out = cli("person", "list")
    assert code == 1 and "init" in out.err


def test_module_entry_point_runs(tmp_path):
    res = subprocess.run([sys.executable, "-m", "desktop.cli", "--help"], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0 and "attempt" in res.stdout


@pytest.mark.parametrize("weak", ["P@ssw0rd2024!", "Summer2024!!"])
def test_init_refuses_a_weak_passphrase(cli, monkeypatch, weak):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", weak)
    code, _, out = cli("init", "--role", "field", "--worker", "W", "--agency", "A")
    assert code == 1 and out.out == ""
    assert "too easy to guess" in out.err and out.err.count("\n") == 1
    if not isinstance(cli.store, str):                  # a folder (the hub: a database URL)
        assert not any(cli.store.glob("*"))
