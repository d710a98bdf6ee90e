"""The sync CLI contract: enrol, sync export/import/status, keys export-age-identity."""
import io
import json
import shutil
import subprocess
import tarfile

import pytest

from tests.conftest import PASSPHRASE
from desktop.cli import main

PASS = PASSPHRASE          # tests/conftest.py: strong enough for `init`


@pytest.fixture
def run(tmp_path, monkeypatch, capsys, store_location):
    """``run(name, …)``: the lead agency's store is on the hub with the postgresql backend."""
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASS)
    where = {}

    def run(store, *args, json_out=True):
        if store not in where:
            where[store] = store_location(store) if store == "lead" else tmp_path / store
        argv = ["--store", str(where[store])] + (["--json"] if json_out else []) + \
            [str(a) for a in args]
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        data = json.loads(out.out) if json_out and code == 0 and out.out.strip() else None
        return code, data, out
    return run


def _enrolled(run, tmp_path):
    assert run("lead", "init", "--role", "lead", "--worker", "Lee", "--agency", "SWT")[0] == 0
    assert run("field", "init", "--role", "field", "--worker", "Sam", "--agency", "CN")[0] == 0
    _, a, _ = run("lead", "enrol", "export", "--out", tmp_path / "agency.json")
    _, d, _ = run("field", "enrol", "export", "--out", tmp_path / "device.json")
    code, data, _ = run("field", "enrol", "import", tmp_path / "agency.json",
                        "--fingerprint", a["fingerprint"])
    assert code == 0 and data["enrolled"] and data["kind"] == "agency"
    code, data, _ = run("lead", "enrol", "import", tmp_path / "device.json",
                        "--fingerprint", d["fingerprint"])
    assert code == 0 and data["device_id"] == d["device_id"]
    return a, d


def test_sync_round_trip_by_cli(run, tmp_path):
    a, d = _enrolled(run, tmp_path)
    _, p, _ = run("field", "person", "add", "--name", "Morag", "--dob", "1959-03-01")
    for note in ("one", "two"):
        run("field", "attempt", "log", p["id"], "--method", "phone", "--outcome", "no_answer",
            "--note", note)
    code, out, _ = run("field", "sync", "export", "--out", tmp_path / "box")
    assert code == 0 and len(out["packages"]) == 1
    assert out["packages"][0].endswith(f"{d['device_id']}-1.stkpkg")
    code, out, _ = run("field", "sync", "export", "--out", tmp_path / "box")
    assert code == 0 and out["packages"] == [] and "Nothing new to send" in out["message"]

    code, s, _ = run("lead", "sync", "import", tmp_path / "box")
    assert code == 0
    for key in ("imported", "already_imported", "held", "rejected", "quarantined",
                "conflicts", "duplicates"):
        assert isinstance(s[key], int)
    assert isinstance(s["reasons"], list)
    assert (s["imported"], s["rejected"]) == (1, 0)
    code, s, _ = run("lead", "sync", "import", *sorted((tmp_path / "box").iterdir()))
    assert (s["imported"], s["already_imported"]) == (0, 1)
    _, lst, _ = run("lead", "attempt", "list", p["id"])
    assert sorted(x["note"] for x in lst["attempts"]) == ["one", "two"]

    bad = tmp_path / "bad.stkpkg"
    bad.write_bytes(b"rubbish")
    code, s, _ = run("lead", "sync", "import", bad)
    assert code == 0 and s["rejected"] == 1 and "bad.stkpkg" in s["reasons"][0]

    code, back, _ = run("lead", "sync", "export", "--out", tmp_path / "back",
                        "--for", d["device_id"])
    assert code == 0 and len(back["packages"]) == 1
    code, s, _ = run("field", "sync", "import", *back["packages"])
    assert s["imported"] == 1
    code, st, _ = run("field", "sync", "status")
    (peer,) = st["peers"]
    assert peer["sent"]["acknowledged_through"] == 1 and peer["fingerprint"] == a["fingerprint"]
    code, _, out = run("field", "sync", "status", json_out=False)
    assert code == 0 and "acknowledged up to 1" in out.out


def test_enrol_import_needs_a_confirmed_fingerprint(run, tmp_path, monkeypatch):
    run("lead", "init", "--role", "lead", "--worker", "Lee", "--agency", "SWT")
    run("field", "init", "--role", "field", "--worker", "Sam", "--agency", "CN")
    _, a, _ = run("lead", "enrol", "export", "--out", tmp_path / "agency.json")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, out = run("field", "enrol", "import", tmp_path / "agency.json")
    # the other side's fingerprint is never shown: it must be read out by phone
    assert code == 1 and a["fingerprint"] not in out.err and "--fingerprint" in out.err
    code, _, out = run("field", "enrol", "import", tmp_path / "agency.json",
                       "--fingerprint", "AAAA-AAAA-AAAA-AAAA")
    assert code == 1 and "does not match" in out.err
    code, _, out = run("field", "sync", "export", "--out", tmp_path / "box")
    assert code == 1 and "not enrolled" in out.err


def test_keys_export_age_identity(run, tmp_path, monkeypatch):
    _, d = _enrolled(run, tmp_path)
    code, _, out = run("field", "keys", "export-age-identity", "--out", tmp_path / "f.txt")
    assert code == 1 and "lead agency" in out.err and not (tmp_path / "f.txt").exists()
    key = tmp_path / "agency-key.txt"
    code, _, _ = run("lead", "keys", "export-age-identity", "--out", key)
    assert code == 0 and key.read_text().strip().splitlines()[-1].startswith("AGE-SECRET-KEY-")
    assert (key.stat().st_mode & 0o077) == 0
    code, _, out = run("lead", "keys", "export-age-identity", "--out", key)
    assert code == 1 and "already exists" in out.err
    run("field", "person", "add", "--name", "Ada")
    _, out, _ = run("field", "sync", "export", "--out", tmp_path / "box")
    if shutil.which("age") is None:
        pytest.skip("the `age` command-line tool is not installed (Debian package `age`)")
    plain = subprocess.run(["age", "-d", "-i", str(key), out["packages"][0]], check=True,
                           capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["sender_device_id"] == d["device_id"] and manifest["sequence"] == 1
