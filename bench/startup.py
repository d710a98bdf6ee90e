"""Cold start to the first screen (a subprocess per start), the import-time offenders, and the
cost of unlocking (the key derivation, by design 0.3-1.0 s)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bench.common import Figure, clock, cpu_clock, median, not_measured

ROOT = Path(__file__).resolve().parent.parent
EXIT_ENV = "STICKABILITY_EXIT_AFTER_FIRST_PAINT"
BARE_QT = ("import sys; from PySide6.QtCore import QTimer; "
           "from PySide6.QtWidgets import QApplication, QLabel; app = QApplication(sys.argv); "
           "w = QLabel('Unlock'); w.show(); QTimer.singleShot(0, app.quit); app.exec()")


def _env(home: Path, store: Path | None = None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           EXIT_ENV: "1", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if store:
        env["STICKABILITY_STORE"] = str(store)
    return env


def _children_cpu() -> float:
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _time(cmd: list[str], env: dict, runs: int) -> tuple[float, float, str]:
    """(median wall seconds, median CPU seconds of the child, error) over ``runs`` starts."""
    times, cpus = [], []
    for _ in range(runs + 1):                  # the first run warms the OS file cache
        t, c = clock(), _children_cpu()
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=60)
        times.append(clock() - t)
        cpus.append(_children_cpu() - c)
        if proc.returncode != 0:
            err = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"]
            return float("nan"), float("nan"), err[0]
    return median(times[1:]), median(cpus[1:]), ""


def app_available() -> bool:
    app = ROOT / "desktop" / "app.py"
    return app.exists() and EXIT_ENV in app.read_text(encoding="utf-8")


def bench_cold_start(root: Path, runs: int = 5) -> list[Figure]:
    g = "Start-up"
    home = root / "home"
    home.mkdir(exist_ok=True)
    bare, bare_cpu, _ = _time([sys.executable, "-c", BARE_QT], _env(home), runs)
    if not app_available():
        return [not_measured(g, "cold start to the unlock screen", "< 1.0 s",
                             f"desktop/app.py with the {EXIT_ENV} hook is not on main yet; "
                             f"a bare Qt window takes {bare:.2f} s here")]
    from bench.stores import create
    store_dir = root / "startup-store"
    if not store_dir.exists():
        create(store_dir).lock()
    t, cpu, err = _time([sys.executable, "-m", "desktop"], _env(home, store_dir), runs)
    if err:
        return [Figure(g, "cold start to the unlock screen", None, "s", "< 1.0 s", None,
                       f"the app failed to start: {err}")]
    return [Figure(g, "cold start to the unlock screen (python -m desktop)", t, "s", "< 1.0 s",
                   t < 1.0, f"{t / bare:.1f}× a bare Qt window ({bare:.2f} s, CPU "
                   f"{bare_cpu:.2f} s); median of {runs} starts", cpu, cpu < 1.0)]


def import_offenders(root: Path, top: int = 8) -> tuple[list[str], list[str]]:
    """(top cumulative imports, heavy modules that should not load before first paint)."""
    home = root / "home"
    home.mkdir(exist_ok=True)
    target = ["-m", "desktop"] if app_available() else ["-c", "import desktop.store.store, "
                                                              "PySide6.QtWidgets"]
    env = _env(home, root / "startup-store" if (root / "startup-store").exists() else None)
    proc = subprocess.run([sys.executable, "-X", "importtime", *target], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(2)), len(m.group(3)), m.group(4)))
    top_level = sorted((r for r in rows if r[1] == 1), reverse=True)[:top]
    lines = [f"{us / 1000:7.1f} ms  {name}" for us, _d, name in top_level]
    loaded = {name for _us, _d, name in rows}
    unwanted = sorted(n for n in loaded if n.split(".")[0] == "reportlab"
                      or n.startswith(("desktop.sync", "desktop.reports", "desktop.synthetic")))
    return lines, unwanted


def bench_unlock(root: Path, runs: int = 3) -> list[Figure]:
    from desktop.store.keyfile import DEFAULT_LOG2_N
    from desktop.store.store import Store
    from bench.stores import PASSPHRASE, WORKER, AGENCY
    folder = root / "kdf-store"
    if not folder.exists():
        Store.create(folder, PASSPHRASE, role="field", worker=WORKER, agency=AGENCY,
                     log2_n=DEFAULT_LOG2_N)[0].lock()
    times, cpus = [], []
    for _ in range(runs):
        t, c = clock(), cpu_clock()
        Store.unlock(folder, PASSPHRASE).lock()
        times.append(clock() - t)
        cpus.append(cpu_clock() - c)
    t, c = median(times), median(cpus)
    return [Figure("Start-up", f"unlock (scrypt N=2^{DEFAULT_LOG2_N}, r=8, then open)", t, "s",
                   "0.3-1.0 s", 0.3 <= t <= 1.0, f"median of {runs}", c, 0.3 <= c <= 1.0)]
