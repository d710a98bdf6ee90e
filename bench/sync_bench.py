"""Sync figures: export of 100k changes, import of 50 devices × 200 packages into one lead
agency store (< 60 s), and the time per change as the lead store grows (linear, not
quadratic: within 1.5× between 10k, 50k and 100k changes)."""
from __future__ import annotations

import shutil
from pathlib import Path

from bench.common import Figure, clock, cpu_clock
from bench.stores import create
from desktop.synthetic import Spec, populate


def _enrol(lead, field, tmp: Path) -> None:
    from desktop.sync import enrol, export_enrolment, read_enrolment
    a = tmp / f"agency-{field.device_id}.json"
    export_enrolment(lead, a)
    e = read_enrolment(a)
    enrol(field, e, confirmed_fingerprint=e.fingerprint)
    d = tmp / f"device-{field.device_id}.json"
    export_enrolment(field, d)
    e = read_enrolment(d)
    enrol(lead, e, confirmed_fingerprint=e.fingerprint)


def _changes(store) -> int:
    return store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]


def _device_spec(sizes, n: int, changes: int) -> Spec:
    # about 1.15 records per attempt once visits, goals, … are added
    attempts = max(1, int(changes / 1.2))
    return Spec(people=max(1, changes // 100), total_attempts=attempts, years=2,
                seed=sizes.seed + 100 + n, kinds=None if sizes.extras else ())


def _fresh(root: Path, name: str) -> Path:
    """A scratch folder of its own under ``root`` (emptied: a kept ``--data`` folder is
    reused by later runs)."""
    folder = Path(root) / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def bench_export(sizes, root: Path, log=print) -> list[Figure]:
    """One field device with ``max(sync_changes)`` changes exports them all to the lead."""
    from desktop.sync import export_packages
    root = _fresh(root, "sync-export")
    total = max(sizes.sync_changes)
    lead = create(root / "sync-export-lead", role="lead")
    field = create(root / "sync-export-field", role="field")
    _enrol(lead, field, root)
    populate(field, _device_spec(sizes, 0, total), batch=sizes.build_batch)
    n = _changes(field)
    t, c = clock(), cpu_clock()
    result = export_packages(field, root / "sync-export-out")
    took, took_cpu = clock() - t, cpu_clock() - c
    size = sum(p.stat().st_size for p in result.packages) / 1e6
    log(f"  export: {n:,} changes in {took:.1f} s, {len(result.packages)} packages, {size:.0f} MB")
    lead.lock()
    field.lock()
    return [Figure("Sync", f"export {n:,} changes (one device)", took, "s", "-", None,
                   f"{took / n * 1e6:.0f} µs per change; {len(result.packages)} packages, "
                   f"{size:.0f} MB", took_cpu)]


def bench_import(sizes, root: Path, log=print) -> list[Figure]:
    """``sync_devices`` field devices, ``sync_packages`` packages each, into one lead store."""
    from desktop.sync import export_packages, import_paths
    root = _fresh(root, "sync-import")
    devices, packages = sizes.sync_devices, sizes.sync_packages
    per_device = max(sizes.sync_changes) // devices
    lead = create(root / "sync-import-lead", role="lead")
    outboxes = []
    t = clock()
    for n in range(devices):
        field = create(root / f"sync-device-{n}", role="field")
        _enrol(lead, field, root)
        populate(field, _device_spec(sizes, n, per_device), batch=sizes.build_batch)
        line = max(1, _changes(field) * 700 // packages)   # ~700 bytes a change line
        out = root / f"sync-out-{n}"
        result = export_packages(field, out, max_payload=line)
        outboxes.append(sorted(result.packages))
        field.lock()
    log(f"  prepared {devices} devices × ~{len(outboxes[0])} packages in {clock() - t:.0f} s")
    points, done, t0, c0 = [], 0, clock(), cpu_clock()
    for paths in outboxes:
        t, c = clock(), cpu_clock()
        summary = import_paths(lead, paths)
        points.append((done, summary.changes_applied, clock() - t, cpu_clock() - c))
        done += summary.changes_applied
        if summary.rejected or summary.held:
            log(f"  warning: {summary.rejected} rejected, {summary.held} held")
    total_s, total_c = clock() - t0, cpu_clock() - c0
    n_packages = sum(len(p) for p in outboxes)
    log(f"  import: {n_packages:,} packages, {done:,} changes in {total_s:.1f} s")
    lead.lock()
    marks = [m * done // max(sizes.sync_changes) for m in sizes.sync_changes]
    per_change, per_cpu = [], []
    for mark in marks:      # the batch of packages being imported when the store passed `mark`
        _before, n, s, c = next((p for p in points if p[0] + p[1] >= mark), points[-1])
        per_change.append(s / max(1, n))
        per_cpu.append(c / max(1, n))
    spread, spread_cpu = max(per_change) / min(per_change), max(per_cpu) / min(per_cpu)
    labels = ", ".join(f"{m / 1000:g}k: {pc * 1e6:.0f} µs (CPU {cc * 1e6:.0f})"
                       for m, pc, cc in zip(marks, per_change, per_cpu))
    return [
        Figure("Sync", f"import {devices} devices × {len(outboxes[0])} packages "
               f"({done:,} changes)", total_s, "s", "< 60 s", total_s < 60,
               f"{total_s / max(1, done) * 1e6:.0f} µs per change, "
               f"{total_s / n_packages * 1000:.0f} ms per package", total_c, total_c < 60),
        Figure("Sync", "time per imported change: slowest / fastest at 10k, 50k, 100k",
               spread, "×", "≤ 1.5", spread <= 1.5, labels, spread_cpu, spread_cpu <= 1.5),
    ]
