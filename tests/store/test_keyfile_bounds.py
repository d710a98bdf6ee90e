"""Attacks on the key file and the key derivation (issue 18, item 5).

A tampered key file names scrypt's cost itself: ``log2_n`` 24 took 12.5 GB, 40 raised an
uncaught MemoryError. Outside the bounds a genuine key file never leaves, the file is "damaged"
and no key derivation runs. The fast-KDF switch of the test suite weakens nothing outside the
suite's explicit test mode.
"""
import json
import os
import subprocess
import sys

import pytest

from desktop.store import KeyFileDamaged
from desktop.store.keyfile import (
    DEFAULT_LOG2_N, MAX_KEY_FILE_BYTES, MAX_LOG2_N, MIN_LOG2_N, KeyFile, default_log2_n)
from desktop.store.paths import key_path
from desktop.store.store import Store
from tests.conftest import PASSPHRASE


def _tamper(store_dir, which: str, **changes) -> bytes:
    path = key_path(store_dir)
    doc = json.loads(path.read_bytes())
    doc[which].update(changes)
    path.write_text(json.dumps(doc))
    return path.read_bytes()


@pytest.mark.parametrize("log2_n", [24, 40, 2 ** 64, 9, 0, -1])
@pytest.mark.parametrize("which", ["passphrase", "recovery"])
def test_tampered_scrypt_cost_is_a_damaged_key_file(store_dir, which, log2_n):
    before = _tamper(store_dir, which, log2_n=log2_n)
    with pytest.raises(KeyFileDamaged) as err:
        Store.unlock(store_dir, PASSPHRASE)
    assert "damaged" in str(err.value)
    assert key_path(store_dir).read_bytes() == before      # never "repaired"


@pytest.mark.parametrize("changes", [
    {"log2_n": "17"}, {"log2_n": True}, {"log2_n": 17.0}, {"r": 1024}, {"p": 64},
    {"salt": "AAAA"}, {"nonce": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
    {"sealed": ""}])
def test_other_impossible_parameters_are_damage(store_dir, changes):
    _tamper(store_dir, "passphrase", **changes)
    with pytest.raises(KeyFileDamaged):
        Store.unlock(store_dir, PASSPHRASE)


def test_log2_n_40_in_a_child_with_little_memory_is_refused_not_a_memory_error(store_dir):
    """The attack exactly as reported, in a process limited to 1 GiB of address space: before,
    scrypt asked for 2^40 × 1 KiB and died with MemoryError."""
    _tamper(store_dir, "passphrase", log2_n=40)
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from desktop.store.store import Store\n"
        "from desktop.store import KeyFileDamaged\n"
        "try:\n"
        f"    Store.unlock({str(store_dir)!r}, {PASSPHRASE!r})\n"
        "except KeyFileDamaged as exc:\n"
        "    print('REFUSED', exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, cwd=os.getcwd())
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("REFUSED") and "damaged" in out.stdout


def test_deeply_nested_or_huge_key_file_is_damage_not_a_crash(store_dir):
    path = key_path(store_dir)
    path.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    with pytest.raises(KeyFileDamaged):
        Store.unlock(store_dir, PASSPHRASE)
    with open(path, "wb") as fh:               # sparse: huge, but never read
        fh.truncate(MAX_KEY_FILE_BYTES * 1024)
    with pytest.raises(KeyFileDamaged):
        Store.unlock(store_dir, PASSPHRASE)


def test_bounds_hold_every_cost_a_genuine_store_uses():
    assert MIN_LOG2_N <= 10 and DEFAULT_LOG2_N <= MAX_LOG2_N
    with pytest.raises(ValueError):
        KeyFile.new("s", os.urandom(32), "p", "c", log2_n=MAX_LOG2_N + 1)


def test_fast_kdf_switch_is_ignored_outside_test_mode(tmp_path, monkeypatch):
    """A user (or malware) setting STICKABILITY_KDF_LOG2N no longer weakens new stores."""
    monkeypatch.setenv("STICKABILITY_KDF_LOG2N", "10")
    monkeypatch.delenv("STICKABILITY_TEST_MODE")
    assert default_log2_n() == DEFAULT_LOG2_N
    store, _ = Store.create(tmp_path / "s", "a long passphrase", role="field", worker="W",
                            agency="A")
    store.lock()
    doc = json.loads(key_path(tmp_path / "s").read_bytes())
    assert doc["passphrase"]["log2_n"] == DEFAULT_LOG2_N
    monkeypatch.setenv("STICKABILITY_TEST_MODE", "yes")      # only exactly "1" is test mode
    assert default_log2_n() == DEFAULT_LOG2_N
    monkeypatch.setenv("STICKABILITY_TEST_MODE", "1")
    assert default_log2_n() == 10
    monkeypatch.setenv("STICKABILITY_KDF_LOG2N", "3")         # never below the floor
    assert default_log2_n() == MIN_LOG2_N


def test_fast_kdf_ignored_by_the_cli_outside_test_mode(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "STICKABILITY_TEST_MODE"}
    env.update(STICKABILITY_KDF_LOG2N="10", STICKABILITY_PASSPHRASE="a long passphrase",
               HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "--store", str(tmp_path / "s"),
                          "init", "--role", "field", "--worker", "W", "--agency", "A"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(key_path(tmp_path / "s").read_bytes())["passphrase"]["log2_n"] == \
        DEFAULT_LOG2_N
