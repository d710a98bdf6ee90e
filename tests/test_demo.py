"""The training store: case study 1 plus a synthetic caseload, thrown away when the app quits."""
from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_demo_store_holds_the_case_study_and_a_synthetic_caseload(tmp_path):
    from desktop.demo import DEMO_PEOPLE, build_demo_store
    from desktop.synthetic import case_study
    store, _passphrase = build_demo_store(tmp_path / "demo", log2_n=10)
    try:
        rows = store.people.caseload()
        names = [r.name for r in rows]
        assert case_study.NAME in names and len(rows) == DEMO_PEOPLE + 1
        scripts = {unicodedata.name(ch).split()[0] for n in names for ch in n if ch.isalpha()}
        assert len(scripts - {"LATIN"}) >= 1
        assert sum(r.last_contact is not None for r in rows) >= DEMO_PEOPLE
        assert store.visits.count() > 0 and store.meetings.count() > 0
        assert store.chronology.count() > 0          # other agencies' entries
        assert store.audit_verify().ok
    finally:
        store.lock()


def test_app_demo_deletes_its_store_on_exit(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "TMPDIR": str(tmp_path), "STICKABILITY_EXIT_AFTER_FIRST_PAINT": "1",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    done = subprocess.run([sys.executable, "-m", "desktop", "--demo"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not list(tmp_path.glob("stickability-demo-*"))
