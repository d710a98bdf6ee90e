"""The diagnostic log never holds personal data (a canary), rotates, catches hard crashes;
the exception dialog's "Copy details"; ``stickability-cli diagnose``."""
from __future__ import annotations

import json
import logging
import subprocess
import sys
import textwrap

import pytest

from desktop import logs
from desktop.cli import main as cli_main
from tests.conftest import PASSPHRASE

CANARY = "Zebedee Quillfeather-Canary"
NOTE = "lives at 14 Canary Wharf Row, phone 07700 900123, zeb.canary@example.org"


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("STICKABILITY_LOG_DIR", str(folder))
    yield folder
    logs.teardown()


def _cli(*args, capsys):
    code = cli_main(list(args))
    return code, capsys.readouterr()


def test_canary_never_reaches_the_log(log_folder, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    store = str(tmp_path / "store")
    assert _cli("--store", store, "init", "--role", "field", "--worker", "W", "--agency", "A",
                capsys=capsys)[0] == 0
    code, out = _cli("--store", store, "--json", "person", "add", "--name", CANARY,
                     capsys=capsys)
    pid = json.loads(out.out)["id"]
    _cli("--store", store, "attempt", "log", pid, "--method", "phone", "--outcome",
         "no_answer", "--note", NOTE, capsys=capsys)
    _cli("--store", store, "attempt", "log", pid, "--method", "pigeon", "--outcome",
         "no_answer", "--note", NOTE, capsys=capsys)            # a user error
    # What careless code could do: every way a name, note or id could be handed to a logger.
    log = logging.getLogger("desktop.ui.somewhere")
    log.warning("saving %s failed", CANARY)
    log.warning(f"saving “{CANARY}” failed for {pid}")
    log.error("note %s / %r", NOTE, {"name": CANARY})
    log.info("person %(who)s", {"who": CANARY})
    try:
        raise ValueError(f"Name {CANARY} is already used; {NOTE}")
    except ValueError:
        log.exception("building tab %s failed", "GoalsTab")
    text = "\n".join(p.read_text() for p in log_folder.glob("stickability.log*"))
    for secret in (CANARY, "Quillfeather", "Canary", "07700", "zeb.canary", pid):
        assert secret not in text, secret
    # ... and yet the log says what happened and where
    assert "building tab GoalsTab failed" in text and "builtins.ValueError" in text
    assert "test_logs.py" in text and "saving <text> failed" in text
    assert logs.last_errors()[-1].endswith("building tab GoalsTab failed")


def test_log_rotates(log_folder, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    logs.setup(folder=log_folder)
    for i in range(200):
        logging.getLogger("desktop.test").warning("entry %d of the rotation test", i)
    files = sorted(p.name for p in log_folder.glob("stickability.log*"))
    assert "stickability.log.1" in files and len(files) <= logs.BACKUPS + 1
    assert "entry 199" in (log_folder / "stickability.log").read_text()


def test_faulthandler_writes_a_hard_crash_to_the_log_folder(tmp_path):
    folder = tmp_path / "logs"
    code = textwrap.dedent(f"""
        import ctypes
        from desktop import logs
        logs.setup(folder={str(folder)!r})
        ctypes.string_at(0)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode != 0
    faults = (folder / "faults.log").read_text()
    assert "Fatal Python error" in faults and "Segmentation fault" in faults


def test_exception_dialog_copies_details_without_personal_data(qtbot, log_folder):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from desktop.ui import crash_dialog
    logs.setup(folder=log_folder)
    try:
        raise KeyError(f"{CANARY} {NOTE}")
    except KeyError:
        dialog = crash_dialog.show(*sys.exc_info())
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "stickability: " in copied and "PySide6-Essentials: " in copied
    assert "builtins.KeyError" in copied and "test_logs.py" in copied
    assert "Canary" not in copied and "07700" not in copied
    assert "Canary" not in dialog.text.toPlainText()
    assert dialog.isVisible()                               # copying does not close it
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "unexpected error" in (log_folder / "stickability.log").read_text()


def test_diagnose_json(log_folder, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    store = str(tmp_path / "store")
    _cli("--store", store, "init", "--role", "lead", "--worker", "W", "--agency", "A",
         capsys=capsys)
    logging.getLogger("desktop.sync").warning("import refused: %s", "bad_signature")
    code, out = _cli("--store", store, "--json", "diagnose", capsys=capsys)
    assert code == 0
    data = json.loads(out.out)
    assert data["log_file"] == str(log_folder / "stickability.log")
    assert data["versions"]["stickability"] and data["versions"]["python"]
    assert data["store"]["ok"] and data["store"]["key_file"] == "readable"
    assert data["store"]["database_bytes"] > 0
    assert any("import refused: bad_signature" in line for line in data["last_errors"])
    code, out = _cli("--store", str(tmp_path / "none"), "diagnose", capsys=capsys)
    assert code == 0 and "no store folder" in out.out and "Log file:" in out.out
