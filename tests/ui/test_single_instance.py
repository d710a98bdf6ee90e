"""One app per store: the lock file, a second launch bringing the first window forward with its
files, or saying which process holds the store."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.store import instance
from desktop.store.instance import StoreInUse, acquire, channel_name, holder
from desktop.ui.single_instance import InstanceServer, notify_running
from tests.ui.helpers import make_window

ROOT = Path(__file__).resolve().parents[2]


def test_lock_is_exclusive_and_names_its_holder(tmp_path):
    folder = tmp_path / "store"
    assert holder(folder) is None
    lock = acquire(folder)
    assert (folder / instance.LOCK_NAME).exists()
    held = holder(folder)
    assert held is not None and held.pid == os.getpid()
    with pytest.raises(StoreInUse, match=f"process {os.getpid()}"):
        acquire(folder)
    lock.release()
    assert holder(folder) is None
    acquire(folder).release()                       # free again


def test_a_crashed_holder_leaves_no_lock(tmp_path):
    folder = tmp_path / "store"
    code = f"from desktop.store.instance import acquire; acquire({str(folder)!r}); " \
           "import os; os._exit(0)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
    assert (folder / instance.LOCK_NAME).exists()
    assert holder(folder) is None                  # the OS released it with the process
    acquire(folder).release()


def test_second_launch_brings_the_window_forward_with_its_files(qtbot, tmp_path, store_dir):
    window = make_window(qtbot, store_dir)
    lock = acquire(store_dir)
    server = InstanceServer(channel_name(store_dir))
    assert server.listening
    server.request.connect(window.bring_forward)
    got = []
    server.request.connect(got.append)
    package = tmp_path / "from-sam.stkpkg"
    package.write_bytes(b"not really a package")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--store", str(store_dir),
                             str(package)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read()
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert got == [[str(package.resolve())]]
    assert window.pending_files == [str(package.resolve())]      # imported after the unlock
    server.close()
    lock.release()


def test_second_launch_says_who_holds_the_store_when_nobody_answers(tmp_path, store_dir):
    lock = acquire(store_dir)                        # held, but no window listening
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        app = QApplication([])
        seen = []
        def close_box():
            for w in app.topLevelWidgets():
                if isinstance(w, QMessageBox) and w.isVisible():
                    seen.append(w.text()); w.accept()
        timer = QTimer(); timer.timeout.connect(close_box); timer.start(100)
        from desktop.app import main
        code = main(["--store", {str(store_dir)!r}])
        print("BOX:", seen[0] if seen else "")
        raise SystemExit(code)
        """)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    lock.release()
    assert proc.returncode == 1
    assert f"process {os.getpid()}" in proc.stderr
    assert "already open" in proc.stdout and f"process {os.getpid()}" in proc.stdout


def test_notify_with_nobody_listening_is_false(qapp, tmp_path):
    assert notify_running(channel_name(tmp_path / "nobody"), [], timeout_ms=500) is False


def test_file_arguments_open_the_import_flow(qtbot, unlocked, tmp_path):
    from desktop.ui.sync_screen import SyncDialog
    bad = tmp_path / "from-elsewhere.stkpkg"
    bad.write_bytes(b"this is not an age file")
    dialog = unlocked.open_files([str(bad)])
    assert isinstance(dialog, SyncDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.op is None and dialog.summary.toPlainText() != "",
                    timeout=20_000)
    assert "from-elsewhere.stkpkg" in dialog.summary.toPlainText()


def test_files_wait_for_the_unlock(qtbot, window, tmp_path):
    from desktop.ui.sync_screen import SyncDialog
    from tests.ui.helpers import unlock
    pkg = tmp_path / "later.stkpkg"
    pkg.write_bytes(b"x")
    assert window.open_files([str(pkg)]) is None
    assert "Unlock to import 1 sync package" in window.statusBar().currentMessage()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(SyncDialog) is not None, timeout=10_000)
    assert window.pending_files == []
