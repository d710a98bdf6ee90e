"""Terminal and input hygiene (issue 18, item 7), tried as an attacker or a slip of the finger
would: control characters and ANSI escapes in names, implausible dates, a PDF password on
the command line."""
import json

import pytest
from pypdf import PdfReader

from desktop.cli import main

PASS = "cli hygiene passphrase"
ANSI = "Evil\x1b[2J\x1b[31mName\x9b1m\u202egnp.exe"


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASS)
    monkeypatch.delenv("STICKABILITY_PDF_PASSWORD", raising=False)
    store = tmp_path / "store"

    def run(*args, json_out=True):
        try:
            code = main(["--store", str(store), *(["--json"] if json_out else []), *args])
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        data = json.loads(out.out) if json_out and code == 0 and out.out.strip() else None
        return code, data, out
    assert run("init", "--role", "lead", "--worker", "Kirsty Brown", "--agency", "SWT")[0] == 0
    run.store = store
    return run


def test_names_and_notes_with_control_characters_are_refused(cli):
    code, _, out = cli("person", "add", "--name", ANSI)
    assert code == 1
    assert "The name contains a control character (U+001B)" in out.err
    assert "\x1b" not in out.err and "\x9b" not in out.err
    code, p, _ = cli("person", "add", "--name", "Morag")
    assert code == 0
    code, _, out = cli("attempt", "log", p["id"], "--method", "phone", "--outcome",
                       "no_answer", "--note", "rang\x07\x07 twice")
    assert code == 1 and "The note contains a control character (U+0007)" in out.err
    code, _, out = cli("attempt", "log", p["id"], "--method", "phone", "--outcome",
                       "no_answer", "--note", "rang twice\nno answer\tat all")
    assert code == 0, out.err                 # line breaks and tabs belong in notes
    code, _, out = cli("person", "add", "--name", "Two\nLines")
    assert code == 1 and "a line break or tab" in out.err
    code, _, out = cli("person", "add", "--name", "Reversed \u202eemaN")
    assert code == 1 and "text-direction control" in out.err


def test_a_name_already_stored_is_printed_escaped(cli):
    """A name that got in before input was checked (or from an older build) never reaches the
    terminal raw: text output shows the escapes, JSON carries them escaped."""
    from desktop.store.store import Store
    code, p, _ = cli("person", "add", "--name", "Placeholder")
    store = Store.unlock(cli.store, PASS)
    with store.transaction():
        store.db.execute("UPDATE person SET name = ? WHERE id = ?", (ANSI, p["id"]))
    store.lock()
    code, _, out = cli("person", "list", json_out=False)
    assert code == 0
    assert "\x1b" not in out.out and "\x9b" not in out.out and "\u202e" not in out.out
    assert "Evil\\x1b[2J\\x1b[31mName\\x9b1m\\u202egnp.exe" in out.out
    code, data, out = cli("person", "list")
    assert code == 0
    assert not any(ch in out.out for ch in "\x1b\x9b\u202e")
    assert data["people"][0]["name"] == ANSI          # the same value, safely encoded


def test_implausible_dates_are_refused(cli):
    code, p, _ = cli("person", "add", "--name", "Morag")
    code, _, out = cli("attempt", "log", p["id"], "--method", "phone", "--outcome",
                       "no_answer", "--at", "2999-01-01T10:00")
    assert code == 1 and "more than a day in the future" in out.err
    code, _, out = cli("attempt", "log", p["id"], "--method", "phone", "--outcome",
                       "no_answer", "--at", "1066-10-14T10:00")
    assert code == 1 and "cannot be before 1900" in out.err
    code, _, out = cli("person", "add", "--name", "Old", "--dob", "0001-01-01")
    assert code == 1 and "The date of birth cannot be before 1900" in out.err
    code, _, out = cli("person", "add", "--name", "Plausible", "--dob", "1931-02-28")
    assert code == 0, out.err


def test_a_pdf_password_never_comes_from_argv(cli, tmp_path, monkeypatch):
    code, p, _ = cli("person", "add", "--name", "Morag")
    out = tmp_path / "spoc.pdf"
    code, _, res = cli("report", "spoc", p["id"], "--out", str(out), "--password", "hunter2")
    assert code == 1 and "visible to other users" in res.err and not out.exists()
    pw = tmp_path / "pw.txt"
    pw.write_text("from a file\n")
    code, data, res = cli("report", "spoc", p["id"], "--out", str(out), "--password-file",
                          str(pw))
    assert code == 0, res.err
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt("from a file")
    monkeypatch.setenv("STICKABILITY_PDF_PASSWORD", "from the environment")
    out2 = tmp_path / "spoc2.pdf"
    assert cli("report", "spoc", p["id"], "--out", str(out2))[0] == 0
    reader = PdfReader(out2)
    assert reader.is_encrypted and reader.decrypt("from the environment")
    monkeypatch.delenv("STICKABILITY_PDF_PASSWORD")
    code, _, res = cli("report", "spoc", p["id"], "--out", str(tmp_path / "3.pdf"), "--protect")
    assert code == 1 and "needs a terminal" in res.err        # stdin is not a terminal here


def test_the_prompt_asks_twice(cli, tmp_path, monkeypatch):
    import getpass
    import sys
    code, p, _ = cli("person", "add", "--name", "Morag")
    answers = iter(["typed secret", "typed secret"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    out = tmp_path / "prompted.pdf"
    code, _, res = cli("report", "spoc", p["id"], "--out", str(out), "--protect")
    assert code == 0, res.err
    assert PdfReader(out).decrypt("typed secret")
