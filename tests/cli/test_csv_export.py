"""CSV of the chronology and the action plan: UTF-8 with BOM, ISO dates, formulas defused."""
from __future__ import annotations

import codecs
import csv
import json

import pytest

from desktop.cli import main
from tests.conftest import PASSPHRASE


@pytest.fixture
def cli(store_dir, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)

    def run(*args):
        code = main(["--store", str(store_dir), "--json", *args])
        out, err = capsys.readouterr()
        return code, (json.loads(out) if out.strip() else None), err
    return run


def _read(path):
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_chronology_and_action_plan_export(cli, tmp_path):
    _, out, _ = cli("person", "add", "--name", "Siân Ó Ceallaigh")
    pid = out["id"]
    cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "no_answer",
        "--at", "2026-05-28T11:00", "--note", "=HYPERLINK(\"http://x\")")
    cli("chronology", "add", pid, "--date", "2026-05-02", "--agency", "Housing",
        "--summary", "Arrears letter; tenant in hospital", "--worker", "Dafydd ap Siôn")
    cli("action", "add", pid, "--what", "Pause arrears letters", "--lead", "Siân",
        "--agency", "Housing", "--due", "2026-06-01")
    chron = tmp_path / "chronology.csv"
    code, out, err = cli("chronology", "export", pid, "--csv", str(chron))
    assert code == 0, err
    assert out == {"csv": str(chron), "rows": 2}
    rows = _read(chron)
    assert rows[0][:6] == ["Date", "Time", "Agency", "Worker", "Kind", "What happened"]
    assert ["2026-05-02", "", "Housing", "Dafydd ap Siôn"] == rows[1][:4]
    assert rows[2][0] == "2026-05-28" and rows[2][1] == "11:00"
    assert rows[2][5].startswith("'=HYPERLINK") or "'=HYPERLINK" in rows[2][5] \
        or not any(c.startswith("=") for c in rows[2])
    plan = tmp_path / "plan.csv"
    code, out, _ = cli("action", "export", pid, "--csv", str(plan))
    assert code == 0 and out["rows"] == 1
    rows = _read(plan)
    assert rows[0][:5] == ["No", "Action", "Lead", "Lead agency", "Due"]
    assert rows[1][:5] == ["1", "Pause arrears letters", "Siân", "Housing", "2026-06-01"]


def test_export_errors(cli, tmp_path):
    code, _, err = cli("chronology", "export", "no-such", "--csv", str(tmp_path / "x.csv"))
    assert code == 1 and "no person" in err
    code, _, err = cli("action", "export", "x", "--csv", str(tmp_path / "nope" / "x.csv"))
    assert code == 1 and "no folder" in err
    assert not (tmp_path / "x.csv").exists()


def test_formula_cells_are_defused():
    from desktop.reports.csv_export import cell
    assert cell("=1+1") == "'=1+1" and cell("-2") == "'-2" and cell("@SUM") == "'@SUM"
    assert cell("Plain") == "Plain" and cell(None) == "" and cell(True) == "yes"
