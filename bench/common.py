"""Figures, timing helpers and the sizes of a full and a quick run."""
from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass, field, replace
from typing import Callable


@dataclass
class Figure:
    group: str
    name: str
    value: float | None          # None: not measured (the note says why)
    unit: str                    # "ms", "s", "×", "MB"
    target: str                  # human text, e.g. "< 300 ms"
    ok: bool | None = None       # None: information only
    note: str = ""               # baseline, sizes, or why it was not measured
    cpu: float | None = None     # the same figure in CPU time of this process, same unit
    cpu_ok: bool | None = None   # the target checked against ``cpu``

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        if self.ok is None:
            return "-"
        if self.ok:
            return "PASS"
        # On a machine shared with other work, wall time includes waiting for a core: when
        # the CPU time meets the target and the machine was overloaded, say so.
        if self.cpu_ok and overloaded():
            return "PASS (cpu)"
        return "MISS"

    def shown(self) -> str:
        return _fmt(self.value, self.unit)

    def shown_cpu(self) -> str:
        return "" if self.cpu is None else _fmt(self.cpu, self.unit)


def _fmt(v, unit) -> str:
    if v is None:
        return "—"
    text = f"{v:.2f}" if unit == "×" or v < 10 else f"{v:,.0f}"
    return f"{text} {unit}".strip()


_LOAD: list[float] = []


def note_load() -> float:
    """Record the 1-minute load average now (the run's verdicts use the highest seen)."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = 0.0
    _LOAD.append(load)
    return load


def overloaded() -> bool:
    return bool(_LOAD) and max(_LOAD) > (os.cpu_count() or 1)


def cpu_clock() -> float:
    return time.process_time()


def not_measured(group: str, name: str, target: str, why: str) -> Figure:
    return Figure(group, name, None, "", target, None, why)


def clock() -> float:
    return time.perf_counter()


def best_of(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """The fastest of ``repeat`` runs, in seconds, and the last result."""
    wall, _cpu, result = timed(fn, repeat)
    return wall, result


def timed(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds, result) of the fastest of ``repeat`` runs."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        t, c = clock(), cpu_clock()
        result = fn()
        best, best_cpu = min(best, clock() - t), min(best_cpu, cpu_clock() - c)
    return best, best_cpu, result


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


@dataclass(frozen=True)
class Sizes:
    # encrypted vs plain
    ratio_attempts: int = 100_000        # attempts written to each engine
    ratio_chronology: int = 50_000       # of them, in one person's chronology
    ratio_tx: int = 10                   # records per transaction (a sync package, a session)
    # the big caseload
    people: int = 10_000
    attempts: int = 500_000
    heavy_history: int = 5_000           # one person's chronology in the caseload store
    log_samples: int = 300               # quick-logged attempts timed
    # sync
    sync_changes: tuple[int, ...] = (10_000, 50_000, 100_000)
    sync_devices: int = 50
    sync_packages: int = 200             # per device
    # reports
    spoc_entries: int = 500
    pdf_chronology: int = 5_000
    seed: int = 2026
    build_batch: int = 2_000             # records per transaction when building datasets
    extras: bool = True                  # visits, goals, meetings, … when those kinds exist
    label: str = "full"


FULL = Sizes()
QUICK = replace(FULL, ratio_attempts=4_000, ratio_chronology=2_000, people=300, attempts=12_000,
                heavy_history=1_000, log_samples=60, sync_changes=(1_000, 2_000, 4_000),
                sync_devices=5, sync_packages=20, spoc_entries=100, pdf_chronology=500,
                label="quick")
