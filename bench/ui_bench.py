"""UI and memory figures from ``bench.app_probe`` (the real main window in a child process,
offscreen, on the caseload store)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.common import Figure, percentile
from bench.startup import ROOT


def _ms(r, key):
    return r[key] * 1000, r.get(key + "_cpu", 0) * 1000


def probe(store_dir: Path, heavy: str, ui_logs: int) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "BENCH_UI_LOGS": str(ui_logs)}
    proc = subprocess.run([sys.executable, "-m", "bench.app_probe", str(store_dir), heavy],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(" / ".join(tail))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _pair(r, key, limit_ms, note=""):
    """value, unit, target, ok, note, cpu, cpu_ok for a timing of the probe."""
    w, c = _ms(r, key)
    return w, "ms", f"< {limit_ms} ms", w < limit_ms, note, c, c < limit_ms


def figures(store_dir: Path, heavy: str, sizes, only: set[str]) -> list[Figure]:
    try:
        r = probe(store_dir, heavy, max(5, sizes.log_samples // 10))
    except Exception as exc:  # noqa: BLE001 - reported in the table
        return [Figure("Caseload", "the app on the big caseload", None, "", "-", None,
                       f"the app probe failed: {exc}")]
    figs = []
    n = r.get("caseload_rows")
    if "ui" in only:
        g = "Caseload (app)"
        ow, oc = _ms(r, "caseload_open")
        sw, sc = _ms(r, "caseload_sort")
        figs += [
            Figure(g, f"caseload screen opens and sorts, {n:,} people", ow + sw, "ms",
                   "< 300 ms", ow + sw < 300,
                   f"open (query, model, paint) {ow:.0f} ms + sort by last contact {sw:.0f} ms;"
                   f" importing the workspace code first took {r['workspace_import'] * 1000:.0f}"
                   " ms", oc + sc, oc + sc < 300),
            Figure(g, "search box filters the caseload", *_pair(
                r, "caseload_search", 100,
                f"clearing it again {r['caseload_search_clear'] * 1000:.0f} ms")),
            Figure(g, f"open a person with {r.get('contacts_rows') or 0:,} contacts "
                   "(Contacts tab)", *_pair(r, "person_open", 300)),
        ]
        if "chronology_open" in r:
            figs.append(Figure(g, f"Chronology tab, {r.get('chronology_rows') or 0:,} entries",
                               *_pair(r, "chronology_open", 300)))
        else:
            figs.append(Figure(g, "Chronology tab", None, "", "< 300 ms", None,
                               "the Chronology tab is not in the person screen's tabs yet"))
        lat, cpu = r["ui_log"], r["ui_log_cpu"]
        p95, c95 = percentile(lat, 95) * 1000, percentile(cpu, 95) * 1000
        figs.append(Figure(g, "quick-log from the Contacts tab, p95 (save + refresh)", p95,
                           "ms", "< 50 ms", p95 < 50,
                           f"p50 {percentile(lat, 50) * 1000:.0f} ms over {len(lat)}; includes "
                           "the caseload and timeline refresh the commit triggers", c95,
                           c95 < 50))
    if "memory" in only:
        rss = max(r["rss_caseload"], r["rss_end"])
        figs.append(Figure("Memory", f"app with the {n:,}-person caseload open, resident",
                           rss, "MB", "< 300 MB", rss < 300,
                           f"caseload shown {r['rss_caseload']:.0f} MB; after opening the "
                           f"long history and logging {r['rss_end']:.0f} MB; peak "
                           f"{r['rss_peak']:.0f} MB; bare interpreter {r['rss_start']:.0f} MB"))
    return figs
