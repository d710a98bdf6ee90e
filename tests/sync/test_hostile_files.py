"""Hostile package files are harmless (issue 18, item 3), each attack as an attacker makes it.

Without any key: files encrypted to the lead agency's *public* age recipient (anyone has it)
holding a deeply nested manifest, archive tricks, or a sparse file of 1.5 GB. With the field
device's real signing key: sequences 10^12 and 2^64, absurd acknowledgements, nested and
huge-number change lines. Every one is a rejection with a reason (or a quarantined change),
never a traceback; the genuine packages around them still import.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pyrage
import pytest

from desktop.cli import main
from desktop.domain.person import Person
from desktop.store.syncstate import SyncState
from desktop.sync import export_packages, identity, import_paths, sync_status
from desktop.sync.held import drop_held, list_held
from desktop.sync.limits import HELD_WINDOW, MAX_FILE_BYTES, MAX_LISTED
from desktop.sync.package import FORMAT, change_line, make_manifest, sign
from tests.conftest import PASSPHRASE
from tests.sync.helpers import log_attempts

ROOT = Path(__file__).resolve().parents[2]


def _encrypt_to(store, members: list[tuple[str, bytes]] | bytes) -> bytes:
    """What anyone can make: an archive encrypted to a store's public age recipient."""
    if isinstance(members, bytes):
        plain = members
    else:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            for name, blob in members:
                info = tarfile.TarInfo(name)
                info.size = len(blob)
                tar.addfile(info, io.BytesIO(blob))
        plain = buf.getvalue()
    recipient = pyrage.x25519.Recipient.from_str(identity(store).age_recipient)
    return pyrage.encrypt(plain, [recipient])


def _nested_manifest(depth: int = 30_000) -> bytes:
    return (b'{"format":"' + FORMAT.encode() + b'","sender_device_id":"x","sequence":1,"n":'
            + b"[" * depth + b"]" * depth + b"}")


def _genuine(pair, n: int = 2) -> list[Path]:
    p = pair.field.people.add(Person(name="Morag", address="12 Harbour Row"))
    out = []
    for i in range(n):
        log_attempts(pair.field, p.id, 1, note=f"visit {i}")
        out += export_packages(pair.field, pair.tmp / "out").packages
    return out


def _signed(pair, changes: list[dict] = (), *, sequence: int | None = None, ack=None,
            raw_lines: list[bytes] = ()) -> bytes:
    """A package really signed with the field device's key, addressed to the lead agency."""
    peer = SyncState(pair.lead).peer(pair.field.device_id)
    ident, lead = identity(pair.field), identity(pair.lead)
    payload = b"".join(change_line(c) for c in changes) + b"".join(x + b"\n" for x in raw_lines)
    manifest = make_manifest(
        package_id="0190aaaa-0000-7000-8000-000000000001", sender=ident, sender_role="field",
        recipient_id=pair.lead.device_id, recipient_fingerprint=lead.fingerprint_full,
        sequence=peer.in_through + 1 if sequence is None else sequence,
        previous_hash=peer.in_last_hash or None, created_at="2026-11-23T10:00:00+00:00",
        payload=payload, changes=list(changes),
        acknowledgement=ack or {"imported_through": 0, "last_hash": None, "held": [],
                                "missing": []})
    manifest["counts"]["changes"] = len(changes) + len(raw_lines)
    signed = sign(ident, manifest, payload)
    return _encrypt_to(pair.lead, [("manifest.json", signed.manifest),
                                   ("changes.jsonl", signed.payload),
                                   ("signature", signed.signature)])


def _import_one(pair, data: bytes, name: str = "hostile.stkpkg"):
    path = pair.tmp / name
    path.write_bytes(data)
    summary = import_paths(pair.lead, [path])
    assert len(summary.packages) == 1
    return summary.packages[0]


# -- no key needed ----------------------------------------------------------------------------
def test_nested_manifest_without_key_is_rejected_and_later_packages_import(pair, monkeypatch,
                                                                          capsys):
    """The attack as reported: a deeply nested manifest.json encrypted to the lead agency's
    public recipient, unsigned, in a folder with genuine packages that sort after it."""
    genuine = _genuine(pair)
    folder = pair.tmp / "drop"
    folder.mkdir()
    (folder / "0000-1.stkpkg").write_bytes(_encrypt_to(pair.lead, [
        ("manifest.json", _nested_manifest()), ("changes.jsonl", b""), ("signature", b"x\n")]))
    for p in genuine:
        (folder / p.name).write_bytes(p.read_bytes())
    assert sorted(os.listdir(folder))[0] == "0000-1.stkpkg"
    lead_dir = pair.lead.url or pair.lead.folder
    pair.lead.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    code = main(["--store", str(lead_dir), "--json", "sync", "import", str(folder)])
    out = capsys.readouterr()
    assert code == 0 and "Traceback" not in out.err
    summary = json.loads(out.out)
    assert summary["imported"] == 2 and summary["rejected"] == 1
    hostile = [p for p in summary["packages"] if p["file"] == "0000-1.stkpkg"][0]
    assert hostile["outcome"] == "rejected" and "nested too deeply" in hostile["reason"]
    for key in ("imported", "already_imported", "held", "rejected", "quarantined", "conflicts",
                "duplicates", "skipped", "changes_applied", "missing", "reasons", "packages"):
        assert key in summary


def test_nested_manifest_through_the_real_cli_prints_json_not_a_traceback(pair):
    genuine = _genuine(pair, 1)
    folder = pair.tmp / "drop"
    folder.mkdir()
    (folder / "0000-1.stkpkg").write_bytes(_encrypt_to(pair.lead, [
        ("manifest.json", _nested_manifest(30_000)), ("changes.jsonl", b""),
        ("signature", b"x\n")]))
    (folder / genuine[0].name).write_bytes(genuine[0].read_bytes())
    lead_dir = pair.lead.url or pair.lead.folder
    pair.lead.lock()
    env = {**os.environ, "STICKABILITY_PASSPHRASE": PASSPHRASE,
           "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "--store", str(lead_dir),
                          "--json", "sync", "import", str(folder)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in out.stderr, out.stderr
    summary = json.loads(out.stdout)
    assert (summary["imported"], summary["rejected"]) == (1, 1)


def test_sparse_file_of_1_5_gb_is_refused_unread(pair):
    """1.5 GB of nothing (a sparse file): before, it was read whole (1.58 GB RSS). Now stat
    refuses it; the child runs with 700 MiB of address space, which reading it would exceed."""
    big = pair.tmp / "drop" / "0190-1.stkpkg"
    big.parent.mkdir()
    with open(big, "wb") as fh:
        fh.truncate(1_500_000_000)
    lead_dir = pair.lead.url or pair.lead.folder
    pair.lead.lock()
    code = (
        "import json, resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (700 << 20, 700 << 20))\n"
        "from desktop.cli import main\n"
        f"sys.exit(main(['--store', {str(lead_dir)!r}, '--json', 'sync', 'import', "
        f"{str(big)!r}]))\n")
    env = {**os.environ, "STICKABILITY_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=300)
    assert "Traceback" not in out.stderr, out.stderr
    summary = json.loads(out.stdout)
    (pkg,) = summary["packages"]
    assert pkg["outcome"] == "rejected" and "far too large" in pkg["reason"]
    assert "was not read" in pkg["reason"]
    assert MAX_FILE_BYTES < 1_500_000_000


@pytest.mark.parametrize("trick", ["sparse", "symlink", "hardlink", "directory", "fifo",
                                   "fourth", "duplicate", "oversized-header", "pax-size",
                                   "not-tar", "traversal"])
def test_archive_tricks_are_rejected(pair, trick):
    genuine = _genuine(pair, 1)[0]
    plain = pyrage.decrypt(genuine.read_bytes(), [identity(pair.lead).age])
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        members = [(m.name, tar.extractfile(m).read()) for m in tar]
    buf = io.BytesIO()
    fmt = tarfile.PAX_FORMAT if trick in ("pax-size", "sparse") else tarfile.GNU_FORMAT
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for name, blob in members:
            info = tarfile.TarInfo(name)
            info.size = len(blob)
            if trick == "sparse" and name == "changes.jsonl":
                info.type = tarfile.GNUTYPE_SPARSE
            if trick == "pax-size" and name == "changes.jsonl":
                info.pax_headers = {"size": str(10 ** 12)}
            tar.addfile(info, io.BytesIO(blob))
        extra = tarfile.TarInfo({"symlink": "manifest.json", "hardlink": "manifest.json",
                                 "directory": "changes.jsonl", "fifo": "signature",
                                 "fourth": "extra.bin", "duplicate": "signature",
                                 "traversal": "../../etc/passwd"}.get(trick, "x"))
        if trick in ("symlink", "hardlink", "directory", "fifo", "fourth", "duplicate",
                     "traversal"):
            extra.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE,
                          "directory": tarfile.DIRTYPE, "fifo": tarfile.FIFOTYPE}.get(
                trick, tarfile.REGTYPE)
            extra.linkname = "/etc/passwd"
            tar.addfile(extra, io.BytesIO(b"") if extra.type != tarfile.REGTYPE else
                        io.BytesIO(b""))
    data = buf.getvalue()
    if trick == "oversized-header":
        # the changes member claims 2^33 bytes in its header (octal size field, checksum fixed)
        i = data.index(b"changes.jsonl")
        header = bytearray(data[i:i + 512])
        header[124:136] = b"%011o\0" % (1 << 33)
        header[148:156] = b" " * 8
        header[148:156] = b"%06o\0 " % sum(header)
        data = data[:i] + bytes(header) + data[i + 512:]
    if trick == "not-tar":
        data = b"PK\x03\x04" + os.urandom(2000)
    before = SyncState(pair.lead).peer(pair.field.device_id).in_through
    outcome = _import_one(pair, _encrypt_to(pair.lead, data))
    assert outcome.outcome == "rejected" and len(outcome.reason) > 10, outcome
    assert SyncState(pair.lead).peer(pair.field.device_id).in_through == before
    assert not (pair.tmp / "etc").exists()


def test_file_names_are_hostile_too(pair):
    genuine = _genuine(pair, 1)[0]
    folder = pair.tmp / "names"
    folder.mkdir()
    (folder / ("x-" + "9" * 240 + ".stkpkg")).write_bytes(b"junk")
    (folder / "x-\u00b2.stkpkg").write_bytes(b"junk")
    (folder / genuine.name).write_bytes(genuine.read_bytes())
    summary = import_paths(pair.lead, [folder])
    assert (summary.imported, summary.rejected) == (1, 2)


# -- with the field device's real signing key ----------------------------------------------
def test_sequence_ten_to_the_twelve_is_rejected_not_held(pair):
    outcome = _import_one(pair, _signed(pair, sequence=10 ** 12))
    assert outcome.outcome == "rejected" and f"more than {HELD_WINDOW} ahead" in outcome.reason
    assert SyncState(pair.lead).held() == [] and list_held(pair.lead) == []
    status = sync_status(pair.lead)            # before: MemoryError (3.9 GB)
    assert status["peers"][0]["received"]["missing"] == []
    genuine = _genuine(pair, 1)
    assert import_paths(pair.lead, genuine).imported == 1


def test_sequence_two_to_the_sixty_four_is_rejected_not_an_overflow(pair):
    outcome = _import_one(pair, _signed(pair, sequence=2 ** 64))
    assert outcome.outcome == "rejected" and "out of range" in outcome.reason
    assert SyncState(pair.lead).held() == []


def test_sequence_inside_the_window_is_held_and_can_be_dropped(pair, capsys, monkeypatch):
    outcome = _import_one(pair, _signed(pair, sequence=HELD_WINDOW))
    assert outcome.outcome == "held"
    (row,) = list_held(pair.lead)
    assert row["sequence"] == HELD_WINDOW and row["waiting_for"][:3] == [1, 2, 3]
    assert len(sync_status(pair.lead)["peers"][0]["received"]["missing"]) == HELD_WINDOW - 1
    lead_dir = pair.lead.url or pair.lead.folder
    pair.lead.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    assert main(["--store", str(lead_dir), "--json", "sync", "held"]) == 0
    (shown,) = json.loads(capsys.readouterr().out)["held"]
    assert shown["id"] == row["id"]
    with pytest.raises(SystemExit):                 # --reason is required
        main(["--store", str(lead_dir), "sync", "drop-held", shown["id"]])
    capsys.readouterr()
    assert main(["--store", str(lead_dir), "--json", "sync", "drop-held", "nonsense",
                 "--reason", "x"]) == 1
    assert "nothing was dropped" in capsys.readouterr().err
    assert main(["--store", str(lead_dir), "--json", "sync", "drop-held", shown["id"],
                 "--reason", "the laptop that made it was lost"]) == 0
    assert json.loads(capsys.readouterr().out)["sequence"] == HELD_WINDOW
    assert main(["--store", str(lead_dir), "--json", "sync", "held"]) == 0
    assert json.loads(capsys.readouterr().out)["held"] == []
    assert main(["--store", str(lead_dir), "--json", "audit", "verify"]) == 0


def test_drop_held_by_its_file(pair):
    data = _signed(pair, sequence=5)
    path = pair.tmp / "ahead.stkpkg"
    path.write_bytes(data)
    assert import_paths(pair.lead, [path]).held == 1
    drop_held(pair.lead, str(path), "sent by mistake")
    assert list_held(pair.lead) == []
    events = SyncState(pair.lead).events(5)
    assert events[0]["outcome"] == "dropped" and events[0]["reason"] == "sent by mistake"


def test_a_store_already_holding_sequence_ten_to_the_twelve_still_works(pair):
    """A store that held such a package before this fix: status, import and export work,
    nothing builds the gap, and the package can be dropped."""
    state = SyncState(pair.lead)
    with pair.lead.transaction() as tx:
        state.add_held(pair.field.device_id, 10 ** 12, "0" * 64,
                       b'{"counts":{"changes":0}}', b"", tx.now_iso)
    status = sync_status(pair.lead)
    assert len(status["peers"][0]["received"]["missing"]) == MAX_LISTED
    assert import_paths(pair.lead, _genuine(pair, 1)).imported == 1
    export_packages(pair.lead, pair.tmp / "back")
    drop_held(pair.lead, f"{pair.field.device_id}-{10 ** 12}", "impossible number")
    assert sync_status(pair.lead)["peers"][0]["received"]["missing"] == []


@pytest.mark.parametrize("ack", [
    {"imported_through": 10 ** 12, "last_hash": "x", "held": [], "missing": []},
    {"imported_through": 2 ** 64, "last_hash": None, "held": [], "missing": []},
    {"imported_through": 0, "last_hash": None, "held": [], "missing": list(range(1, 5000))},
    {"imported_through": 0, "last_hash": None, "held": [2 ** 70], "missing": []},
    {"imported_through": -5, "last_hash": None, "held": [], "missing": []},
    {"imported_through": "1", "last_hash": None, "held": [], "missing": []},
])
def test_absurd_acknowledgements_are_rejected(pair, ack):
    outcome = _import_one(pair, _signed(pair, ack=ack))
    assert outcome.outcome == "rejected", outcome
    peer = SyncState(pair.lead).peer(pair.field.device_id)
    assert (peer.out_sequence, peer.acked_through, peer.in_through) == (0, 0, 0)


def test_nested_and_huge_number_change_lines_are_quarantined_and_the_rest_applies(pair):
    now = "1763900000000-0000-" + pair.field.device_id
    person = {"entity": "person", "id": "0190aaaa-0000-7000-8000-00000000abcd", "stamp": now,
              "op": "upsert", "old": None, "actor": "Sam", "at": "2026-11-23T10:00:00+00:00",
              "origin_device": pair.field.device_id,
              "fields": {"name": "Alex Real", "notes": ""}}
    nested = b'{"entity":"person","fields":' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    huge = (b'{"entity":"person","id":"y","stamp":"s","op":"upsert","old":null,"fields":'
            b'{"name":' + b"9" * 5000 + b"}}")
    big = b'{"entity":"person","fields":{"n":' + str(2 ** 64).encode() + b"}}"
    outcome = _import_one(pair, _signed(pair, [person], raw_lines=[nested, huge, big]))
    assert outcome.outcome == "imported"
    assert pair.lead.people.get(person["id"]).name == "Alex Real"
    assert len(SyncState(pair.lead).quarantined()) == 3


def test_hostile_enrolment_files_are_refused_not_read(tmp_path):
    from desktop.sync import EnrolmentError, read_enrolment
    nested = tmp_path / "nested.json"
    nested.write_bytes(b"[" * 30_000 + b"]" * 30_000)
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(1_500_000_000)
    for path, words in ((nested, "not a Stickability enrolment"), (big, "far too large")):
        with pytest.raises(EnrolmentError) as err:
            read_enrolment(path)
        assert words in str(err.value)
