"""Hub figures beside the laptop store: importing many changes, quick-log p95 with four
coordinators writing at once, and the caseload query at 10,000 people.

    .venv/bin/python -m bench.hub_bench [--changes 100000] [--people 10000] [--logs 200]

Starts a throwaway PostgreSQL cluster (as the tests do: ``tests/pgcluster.py``), runs the same
store code on it and on a laptop store (SQLCipher) with the same data, prints one line per
figure and the machine's load (the CPU is shared). Not a test: nothing here asserts a speed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("STICKABILITY_KDF_LOG2N", "10")

from bench.common import percentile  # noqa: E402
from desktop.domain.contact import ContactMethod, ContactOutcome  # noqa: E402
from desktop.domain.person import Person  # noqa: E402
from desktop.store.store import Store  # noqa: E402
from desktop.synthetic import Spec, populate  # noqa: E402

PASS = "benchmark passphrase, not a real one"


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} CPUs"


def _lead(where) -> Store:
    store, _ = Store.create(where, PASS, role="lead", worker="Bench Lead", agency="Bench")
    return store


def bench_import(cluster, root: Path, changes: int, log=print) -> list[str]:
    """A field device's ``changes`` changes (people and attempts) exported for a laptop lead
    store and for the hub (the same changes, addressed to each), then imported."""
    from desktop.sync import enrol, export_enrolment, export_packages, import_paths, \
        read_enrolment
    per_person = 9
    people = max(1, changes // (per_person + 1))
    spec = Spec(people=people, total_attempts=changes - people, years=3, kinds=())
    leads = {"laptop": _lead(root / "lead"), "hub": _lead(cluster.new_database(prefix="bimp"))}
    lines = []
    for name, lead in leads.items():
        # one field device per lead store, with the same records (a device enrolled with two
        # agencies would have to say which of them each new case goes to)
        field, _ = Store.create(root / f"field-{name}", PASS, role="field",
                                worker="Bench Field", agency="Bench")
        t = time.perf_counter()
        populate(field, spec, batch=2000)
        log(f"  field store with {changes} changes built in {time.perf_counter() - t:.0f} s")
        a = root / f"device-{name}.json"
        export_enrolment(field, a)
        dev = read_enrolment(a)
        b = root / f"agency-{name}.json"
        export_enrolment(lead, b)
        ag = read_enrolment(b)
        enrol(lead, dev, confirmed_fingerprint=dev.fingerprint)
        enrol(field, ag, confirmed_fingerprint=ag.fingerprint)
        t = time.perf_counter()
        out = export_packages(field, root / f"box-{name}", for_device=lead.device_id)
        log(f"  exported {out.changes} changes in {len(out.packages)} packages in "
            f"{time.perf_counter() - t:.0f} s")
        field.lock()
        t = time.perf_counter()
        s = import_paths(lead, out.packages)
        took = time.perf_counter() - t
        lines.append(f"import {s.changes_applied} changes ({s.imported} packages) into the "
                     f"{name} store: {took:.1f} s ({s.changes_applied / took:.0f} changes/s) "
                     f"[{_load()}]")
        log(lines[-1])
    for lead in leads.values():
        lead.lock()
    return lines


def bench_quick_log(cluster, root: Path, logs: int, writers: int = 4) -> list[str]:
    """``writers`` coordinators (each its own connection, in its own thread) quick-logging at
    once; the laptop figure is one writer on one SQLCipher store."""
    lines = []
    laptop = _lead(root / "ql-laptop")
    pids = [laptop.people.add(Person(name=f"P {i}")).id for i in range(20)]
    times = []
    for i in range(logs):
        t = time.perf_counter()
        laptop.attempts.log(pids[i % 20], ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
        times.append(time.perf_counter() - t)
    lines.append(f"quick-log p95, laptop, 1 writer: {percentile(times, 95) * 1000:.1f} ms "
                 f"(median {percentile(times, 50) * 1000:.1f} ms, {logs} logs) [{_load()}]")
    laptop.lock()
    url = cluster.new_database(prefix="bql")
    first = _lead(url)
    hpids = [first.people.add(Person(name=f"P {i}")).id for i in range(20)]
    first.lock()
    stores = [Store.unlock(url, PASS) for _ in range(writers)]
    per: list[list[float]] = [[] for _ in range(writers)]
    start = threading.Barrier(writers)

    failures: list[BaseException] = []

    def work(k: int) -> None:
        start.wait()
        try:
            with stores[k].session():        # a worker thread works inside a session
                for i in range(logs):
                    t = time.perf_counter()
                    stores[k].attempts.log(hpids[(i + k) % 20], ContactMethod.PHONE,
                                           ContactOutcome.NO_ANSWER)
                    per[k].append(time.perf_counter() - t)
        except BaseException as exc:  # noqa: BLE001 - reported below, never a silent 0
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(writers)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    if failures:
        raise failures[0]
    allt = [x for p in per for x in p]
    lines.append(f"quick-log p95, hub, {writers} writers at once: "
                 f"{percentile(allt, 95) * 1000:.1f} ms (median {percentile(allt, 50) * 1000:.1f}"
                 f" ms; {len(allt)} logs in {wall:.1f} s = {len(allt) / wall:.0f}/s) "
                 f"[{_load()}]")
    ok = stores[0].audit_verify()
    lines.append(f"  audit chain after the concurrent writes: {'intact' if ok.ok else 'BROKEN'}"
                 f" ({ok.checked} events)")
    for s in stores:
        s.lock()
    return lines


def bench_caseload(cluster, root: Path, people: int, log=print) -> list[str]:
    lines = []
    spec = Spec(people=people, total_attempts=people * 5, years=3, kinds=())
    for name, where in (("laptop", root / "cl-laptop"),
                        ("hub", cluster.new_database(prefix="bcl"))):
        store = _lead(where)
        t = time.perf_counter()
        populate(store, spec, batch=2000)
        log(f"  {name}: {people} people, {people * 5} attempts in "
            f"{time.perf_counter() - t:.0f} s")
        times = []
        for _ in range(7):
            t = time.perf_counter()
            rows = store.people.caseload()
            times.append(time.perf_counter() - t)
        assert len(rows) == people
        times.sort()
        lines.append(f"caseload query, {people} people, {name}: median "
                     f"{times[len(times) // 2] * 1000:.0f} ms, best {times[0] * 1000:.0f} ms "
                     f"[{_load()}]")
        store.lock()
    return lines


def bench_caseload_moved(cluster, laptop: Path, log=print) -> list[str]:
    """The caseload of an existing laptop store (``--from-laptop DIR``, passphrase ``PASS``)
    against the same data moved into the hub with ``hub migrate-from`` (bulk: faster to set up
    a 10,000-person hub on a loaded machine than writing it record by record)."""
    from desktop.store.hub_moving import migrate_from
    url = cluster.new_database(prefix="bmv")
    t = time.perf_counter()
    moved = migrate_from(laptop, PASS, url)
    took = time.perf_counter() - t
    rows = sum(moved.tables.values())
    lines = [f"hub migrate-from: {rows} rows ({moved.audit_events} audit events) moved and "
             f"verified in {took:.0f} s [{_load()}]"]
    for name, where in (("laptop", laptop), ("hub", url)):
        store = Store.unlock(where, PASS)
        times = []
        for _ in range(7):
            t = time.perf_counter()
            got = store.people.caseload()
            times.append(time.perf_counter() - t)
        times.sort()
        lines.append(f"caseload query, {len(got)} people, {name}: median "
                     f"{times[len(times) // 2] * 1000:.0f} ms, best {times[0] * 1000:.0f} ms "
                     f"[{_load()}]")
        store.lock()
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--changes", type=int, default=100_000)
    ap.add_argument("--people", type=int, default=10_000)
    ap.add_argument("--logs", type=int, default=200)
    ap.add_argument("--only", choices=("import", "quick-log", "caseload", "none"))
    ap.add_argument("--from-laptop", metavar="DIR", type=Path,
                    help="caseload figures from this laptop store moved into the hub")
    args = ap.parse_args(argv)
    from tests.pgcluster import start_cluster
    root = Path(tempfile.mkdtemp(prefix="stickability-hub-bench-"))
    cluster = start_cluster()
    out = []
    try:
        if args.from_laptop:
            out += bench_caseload_moved(cluster, args.from_laptop)
            args.only = "none"
        if args.only in (None, "quick-log"):
            out += bench_quick_log(cluster, root, args.logs)
            print("\n".join(out), flush=True)
        if args.only in (None, "caseload"):
            more = bench_caseload(cluster, root, args.people)
            print("\n".join(more), flush=True)
            out += more
        if args.only in (None, "import"):
            more = bench_import(cluster, root, args.changes)
            print("\n".join(more), flush=True)
            out += more
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
