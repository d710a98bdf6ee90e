"""``report KIND PERSON_ID --out FILE.pdf`` and ``report meeting MEETING_ID``."""
from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tests.conftest import PASSPHRASE
from desktop.cli import main

PASS = PASSPHRASE          # tests/conftest.py: strong enough for `init`


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASS)
    store = tmp_path / "store"

    def run(*args):
        try:
            code = main(["--store", str(store), "--json", *args])
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return code, (json.loads(out.out) if code == 0 and out.out.strip() else None), out.err
    assert run("init", "--role", "lead", "--worker", "Kirsty Brown", "--agency", "Social Work")[0] == 0
    return run


def test_report_prints_path_and_pages(cli, tmp_path, pdf):
    _, person, _ = cli("person", "add", "--name", "Morag Delacroix-Baird")
    cli("attempt", "log", person["id"], "--method", "home_visit", "--outcome", "no_answer",
        "--at", "2026-05-28T11:00", "--note", "curtains drawn")
    cli("attempt", "log", person["id"], "--method", "phone", "--outcome", "no_answer",
        "--at", "2025-05-28T11:00", "--note", "last year")
    out = tmp_path / "spoc.pdf"
    code, data, _ = cli("report", "spoc", person["id"], "--out", str(out), "--since",
                        "2026-05-01", "--until", "2026-06-30")
    assert code == 0 and data == {"path": str(out.resolve()), "pages": len(PdfReader(out).pages)}
    text = pdf.check(out, "Morag Delacroix-Baird")
    assert "curtains drawn" in text and "last year" not in text
    for kind in ("chronology", "risk", "checklist", "plan", "closure"):
        code, data, err = cli("report", kind, person["id"], "--out", str(tmp_path / f"{kind}.pdf"))
        assert code == 0 and data["pages"] >= 1, err
    code, data, _ = cli("report", "chronology", person["id"], "--out", str(tmp_path / "p.pdf"),
                        "--password-file", str(_pw(tmp_path)), "--agency", "Social Work")
    assert code == 0 and PdfReader(tmp_path / "p.pdf").is_encrypted


def test_report_errors_exit_1_with_one_line(cli, tmp_path):
    _, person, _ = cli("person", "add", "--name", "Morag")
    out = str(tmp_path / "r.pdf")
    for args, message in (
            (("report", "spoc", "nobody", "--out", out), "No person with id nobody"),
            (("report", "spoc", person["id"], "--out", out, "--since", "2026-13-01"), "bad --since"),
            (("report", "spoc", person["id"], "--out", out, "--since", "2026-06-01",
              "--until", "2026-05-01"), "--since is after --until"),
            (("report", "spoc", person["id"], "--out", str(tmp_path / "r.txt")), "end in .pdf"),
            (("report", "spoc", person["id"], "--out", str(tmp_path / "no" / "r.pdf")),
             "does not exist"),
            (("report", "meeting", "no-such-meeting", "--out", out), "No meeting")):
        code, _, err = cli(*args)
        assert code == 1 and message in err and err.count("\n") == 1, (args, err)
    assert not (tmp_path / "r.pdf").exists()
    code, _, _ = cli("report", "nonsense", person["id"], "--out", out)
    assert code == 2


def _pw(tmp_path):
    f = tmp_path / "pdf-password.txt"
    f.write_text("open sesame\n")
    return f
