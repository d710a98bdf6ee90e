"""One command for every performance figure: ``python -m bench.run`` (``--quick`` for a
smoke run under a minute). Prints a table: figure, measured, target, PASS/MISS, and notes;
then the query plans of the hot queries and the slowest imports at start-up.

Datasets are built once per run in a temp folder (deleted afterwards) or, with ``--data DIR``,
kept there and reused by later runs of the same sizes.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import common, later, startup, store_bench, stores, ui_bench  # noqa: E402
from bench.common import Figure  # noqa: E402

GROUPS = ("engines", "caseload", "log", "ui", "startup", "sync", "pdf", "memory")


def parse(argv):
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes: a smoke run (< 1 min)")
    p.add_argument("--data", metavar="DIR", help="keep datasets here and reuse them")
    p.add_argument("--only", metavar="GROUPS", help=f"comma-separated subset of {GROUPS}")
    p.add_argument("--people", type=int, help="caseload size (default 10,000)")
    p.add_argument("--attempts", type=int, help="attempts in the caseload (default 500,000)")
    p.add_argument("--no-extras", action="store_true",
                   help="caseload with people and attempts only (no visits, goals, …)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse(argv)
    sizes = common.QUICK if args.quick else common.FULL
    if args.people:
        sizes = replace(sizes, people=args.people)
    if args.attempts:
        sizes = replace(sizes, attempts=args.attempts)
    if args.no_extras:
        sizes = replace(sizes, extras=False)
    only = set(args.only.split(",")) if args.only else set(GROUPS)
    root, keep = stores.workdir(args.data)
    def log(msg: str) -> None:
        common.note_load()
        print(msg, file=sys.stderr, flush=True)
    started = time.perf_counter()
    common.note_load()
    log(f"Stickability benchmarks ({sizes.label}), {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, work folder {root}")
    figures: list[Figure] = []
    plans, imports = [], ([], [])

    def guarded(group: str, fn):
        """One group's figures; a failure is reported in the table, the others still run."""
        try:
            return fn()
        except Exception as exc:  # noqa: BLE001 - a benchmark must print what it has
            import traceback
            traceback.print_exc(file=sys.stderr)
            return [Figure(group, "failed", None, "", "-", None,
                           f"{type(exc).__name__}: {exc}")]
    try:
        if "engines" in only:
            log("Encrypted vs plain …")
            figures += guarded("Encrypted vs plain",
                               lambda: store_bench.bench_engines(sizes, root, log))
        data = None
        if only & {"caseload", "log", "ui", "memory", "pdf"}:
            log("Caseload dataset …")
            data = stores.Dataset(root, sizes, log)
            data.open().lock()
            heavy = data.info["heavy_person"]
            store, rows, figs = store_bench.bench_caseload(data.folder / "store", sizes, heavy)
            if "caseload" in only:
                figures += figs
                plans = store_bench.explain(store, heavy)
            if "log" in only:
                log("Quick-log latency …")
                figures += guarded("Quick-log an attempt", lambda: store_bench.bench_quick_log(
                    store, sizes, [r.id for r in rows], root))
            store.lock()
            if only & {"ui", "memory"}:
                log("The app on the big caseload …")
                figures += guarded("Caseload (app)", lambda: ui_bench.figures(
                    data.folder / "store", heavy, sizes, only))
        if "startup" in only:
            log("Start-up …")
            figures += guarded("Start-up", lambda: startup.bench_cold_start(root)
                               + startup.bench_unlock(root))
            imports = startup.import_offenders(root)
        figures += later_figures(only, sizes, root, log, data, guarded)
    finally:
        common.note_load()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    print(render(figures, plans, imports, sizes, time.perf_counter() - started))
    return 0


def later_figures(only, sizes, root, log, data, guarded) -> list[Figure]:
    """Sync and PDF: measured when those parts are in this build."""
    figs = []
    if "pdf" in only:
        if later.has("desktop.reports") and data is not None:
            log("PDF reports …")
            from bench import pdf_bench
            figs += guarded("PDF", lambda: pdf_bench.figures(
                data.folder / "store", data.info["heavy_person"], sizes, root, log))
        else:
            figs += later.missing("PDF", [("SPOC report, 500 entries", "< 2 s"),
                                          ("chronology, 5,000 entries", "< 10 s")],
                                  "desktop/reports")
    if "sync" in only:
        if later.has("desktop.sync"):
            from bench import sync_bench
            log("Sync export …")
            figs += guarded("Sync", lambda: sync_bench.bench_export(sizes, root, log))
            log("Sync import …")
            figs += guarded("Sync", lambda: sync_bench.bench_import(sizes, root, log))
        else:
            figs += later.missing("Sync", [("export 100,000 changes", "-"),
                                           ("import 50 devices × 200 packages", "< 60 s"),
                                           ("per-change import time, 100k / 10k", "≤ 1.5×")],
                                  "desktop/sync")
    return figs


def render(figures, plans, imports, sizes, elapsed) -> str:
    head = ("figure", "measured", "cpu", "target", "result")
    rows = [(f"{f.group}: {f.name}", f.shown(), f.shown_cpu(), f.target, f.verdict)
            for f in figures]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths))  # noqa: E731
    loads = common._LOAD
    out = [f"\nStickability performance ({sizes.label} run, {elapsed:.0f} s; "
           f"{os.cpu_count()} cores; load average {min(loads):.1f}-{max(loads):.1f})\n",
           line(head), "-+-".join("-" * w for w in widths), *map(line, rows), "",
           "measured: wall-clock time; cpu: CPU time of the measuring process. "
           "PASS (cpu): the machine was overloaded (load above the core count) and the CPU "
           "time meets the target.", "", "Notes:"]
    out += [f"- {f.group}: {f.name}: {f.note}" for f in figures if f.note]
    passed = sum(f.verdict == "PASS" for f in figures)
    missed = [f for f in figures if f.verdict == "MISS"]
    todo = sum(f.verdict == "n/a" for f in figures)
    out.append(f"\n{passed} PASS, {len(missed)} MISS, {todo} not measured")
    for label, plan in plans:
        out += [f"\nEXPLAIN QUERY PLAN: {label}", *("  " + p for p in plan)]
    top, unwanted = imports
    if top:
        out += ["\nSlowest imports at start-up (python -X importtime, cumulative):",
                *("  " + t for t in top)]
        out.append("  loaded before first paint and should not be: "
                   + (", ".join(unwanted) if unwanted else "none (reportlab, sync, reports)"))
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
