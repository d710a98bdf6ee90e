"""The app entry point: fast first screen, the demo store."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_first_screen_does_not_import_heavy_modules():
    code = ("import sys; import desktop.app, desktop.ui.main_window; "
            "heavy = [m for m in ('reportlab', 'pyrage', 'desktop.ui.workspace', "
            "'desktop.ui.caseload.screen', 'keyring') if m in sys.modules]; print(heavy)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_demo_store_has_people_and_attempts(tmp_path):
    from desktop.demo import build_demo_store
    store, passphrase = build_demo_store(tmp_path / "demo", log2_n=10)
    try:
        rows = store.people.caseload()
        assert len(rows) >= 4
        assert any(r.unsuccessful_since_seen >= 3 for r in rows)
    finally:
        store.lock()
    from desktop.store.store import Store
    Store.unlock(tmp_path / "demo", passphrase).lock()


def test_parse_args():
    from desktop.app import parse_args
    args = parse_args(["--store", "/tmp/x", "--demo"])
    assert args.store == "/tmp/x" and args.demo
