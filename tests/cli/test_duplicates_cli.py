"""``person duplicates``, ``person merge`` and ``person unmerge``: the CLI contract."""
import json

import pytest

from desktop.cli import main

PASS = "cli test passphrase"


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
        data = json.loads(out.out) if json_out and out.out.strip() and code == 0 else None
        return code, data, out
    return run


def _add(cli, *args):
    code, data, _ = cli("person", "add", *args)
    assert code == 0
    return data["id"]


def test_duplicates_merge_and_unmerge(cli):
    assert cli("init", "--role", "lead", "--worker", "Lee", "--agency", "ASW")[0] == 0
    keep = _add(cli, "--name", "Morag Delacroix-Baird", "--dob", "1959-03-01")
    other = _add(cli, "--name", "Morag Delacroix Baird", "--dob", "1959-03-01")
    nodob1 = _add(cli, "--name", "Shona Tolmie", "--address", "3 Kirk Wynd")
    nodob2 = _add(cli, "--name", "Tolmie Shona", "--address", "3 Kirk Wynd")
    _add(cli, "--name", "Fiona Blackwood", "--dob", "1959-03-01")
    for pid in (keep, other, other):
        assert cli("attempt", "log", pid, "--method", "phone", "--outcome", "no_answer")[0] == 0

    code, data, _ = cli("person", "duplicates")
    assert code == 0
    pairs = data["pairs"]
    assert [{p["a"], p["b"]} for p in pairs] == [{keep, other}, {nodob1, nodob2}]
    assert all(set(p) == {"a", "b", "score", "why"} for p in pairs)
    assert pairs[0]["score"] >= pairs[1]["score"] and 0 < pairs[1]["score"] <= 1
    assert isinstance(pairs[0]["score"], float)
    assert "same name apart from a hyphen" in pairs[0]["why"]

    code, _, out = cli("person", "merge", keep, other, "--reason", "same adult", json_out=False)
    assert code == 0 and "2 contact attempts" in out.out
    _, data, _ = cli("attempt", "list", keep)
    assert len(data["attempts"]) == 3 and {a["person_id"] for a in data["attempts"]} == {keep}
    _, data, _ = cli("person", "list")
    assert other not in [p["id"] for p in data["people"]]
    _, data, _ = cli("person", "duplicates")
    assert [{p["a"], p["b"]} for p in data["pairs"]] == [{nodob1, nodob2}]

    code, _, out = cli("person", "merge", keep, other, "--reason", "again", json_out=False)
    assert code == 1 and "already merged" in out.err

    code, data, _ = cli("person", "unmerge", keep, other)
    assert code == 0 and data["moved"] == {"contact_attempt": 2}
    _, data, _ = cli("attempt", "list", other)
    assert len(data["attempts"]) == 2
    _, data, _ = cli("person", "list")
    assert other in [p["id"] for p in data["people"]]
    assert cli("audit", "verify")[1]["ok"]


def test_merge_needs_a_reason(cli):
    cli("init", "--role", "lead", "--worker", "Lee", "--agency", "ASW")
    a = _add(cli, "--name", "A B")
    b = _add(cli, "--name", "A B")
    code, _, out = cli("person", "merge", a, b, json_out=False)
    assert code == 2
    code, _, out = cli("person", "merge", a, b, "--reason", " ", json_out=False)
    assert code == 1 and "why" in out.err
