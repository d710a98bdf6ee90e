"""Store figures: SQLCipher against plain SQLite, quick-log latency, caseload, chronology,
search, and the query plans of the hot queries."""
from __future__ import annotations

import random
from pathlib import Path

from bench.common import Figure, best_of, clock, cpu_clock, median, percentile, timed
from bench.stores import create, reopen
from desktop.domain.contact import ContactMethod, outcomes_for
from desktop.synthetic import Spec, iter_cases, make_case, write


def chronology_reader(store):
    """The chronology a person's Chronology tab reads: the merged inter-agency view when
    this build has it, otherwise the contact timeline."""
    chron = getattr(store, "chronology", None)
    if callable(chron):
        return "merged chronology", lambda pid: chron(pid)
    return "contact timeline", store.attempts.timeline


def _plan(sizes, seed_shift=0):
    """The records of the engine comparison: one person with the long chronology, the rest
    spread over a hundred attempts per person; attempts only, so the figure is about them."""
    heavy = make_case(Spec(people=1, total_attempts=sizes.ratio_chronology, years=10,
                           seed=sizes.seed + 7, kinds=()), 0, sizes.ratio_chronology)
    rest_n = sizes.ratio_attempts - sizes.ratio_chronology
    rest = Spec(people=max(1, rest_n // 100), total_attempts=rest_n, years=10,
                seed=sizes.seed + 8, kinds=())
    records = heavy.records()
    for case in iter_cases(rest):
        records += case.records()
    return heavy.person.id, records


def bench_engines(sizes, root: Path, log=print) -> list[Figure]:
    """Same store code, same records, same transactions: SQLCipher / plain SQLite."""
    engines = ("plain", "sqlcipher")
    plans = {e: _plan(sizes) for e in engines}          # the same records, one copy each
    stores = {e: create(root / f"engine-{e}", plain=e == "plain") for e in engines}
    spent = {e: [0.0, 0.0] for e in engines}
    tx, chunk = sizes.ratio_tx, max(sizes.ratio_tx, sizes.ratio_attempts // 20)
    n_records = len(plans["plain"][1])
    # Interleaved in slices, alternating which engine goes first, so that whatever else the
    # machine is doing falls on both alike.
    for k, start in enumerate(range(0, n_records, chunk)):
        for e in (engines if k % 2 == 0 else engines[::-1]):
            records = plans[e][1][start:start + chunk]
            t, c = clock(), cpu_clock()
            for i in range(0, len(records), tx):
                write(stores[e], records[i:i + tx])
            spent[e][0] += clock() - t
            spent[e][1] += cpu_clock() - c
    reads = {e: [] for e in engines}
    name = "chronology"
    for e in engines:
        stores[e].lock()
    for k in range(4):          # first read after unlock (cold page cache), alternating
        for e in (engines if k % 2 == 0 else engines[::-1]):
            store = reopen(root / f"engine-{e}")
            name, read = chronology_reader(store)
            wall, cpu, rows = timed(lambda: read(plans[e][0]))
            reads[e].append((wall, cpu, len(rows)))
            store.lock()
    (pw, pwc), (ew, ewc) = spent["plain"], spent["sqlcipher"]
    pr, er = min(reads["plain"]), min(reads["sqlcipher"])
    n = er[2]
    for e in engines:
        w = spent[e][0]
        log(f"  {e}: {n_records:,} records in {w:.1f} s ({n_records / w:,.0f}/s, "
            f"CPU {spent[e][1]:.1f} s); {name} of {n:,} rows: best {min(reads[e])[0] * 1000:.0f}"
            f" ms")
    g = "Encrypted vs plain"
    return [
        Figure(g, f"insert {sizes.ratio_attempts:,} attempts, {tx}/transaction: "
               "SQLCipher / SQLite", ew / pw, "×", "≤ 1.3", ew / pw <= 1.3,
               f"{ew:.1f} s vs {pw:.1f} s ({n_records / ew:,.0f} records/s encrypted); "
               f"CPU {ewc:.1f} s vs {pwc:.1f} s", ewc / pwc, ewc / pwc <= 1.3),
        Figure(g, f"read a {n:,}-entry {name} (first read after unlock): SQLCipher / SQLite",
               er[0] / pr[0], "×", "≤ 1.3", er[0] / pr[0] <= 1.3,
               f"{er[0] * 1000:.0f} ms vs {pr[0] * 1000:.0f} ms (best of 4 cold reads each)",
               er[1] / pr[1], er[1] / pr[1] <= 1.3),
    ]


def bench_commit_baseline(root: Path, samples: int) -> float:
    """p50 of a bare one-row INSERT + COMMIT on the same engine and pragmas: the floor under
    any quick-log."""
    from desktop.store.connection import open_db
    import os
    for leftover in root.glob("commit-floor.db*"):
        leftover.unlink()
    db = open_db(root / "commit-floor.db", os.urandom(32), create=True)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    lat = []
    for i in range(samples):
        t = clock()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (v) VALUES (?)", ("x" * 200,))
        db.execute("COMMIT")
        lat.append(clock() - t)
    db.close()
    return median(lat)


def bench_quick_log(store, sizes, people: list[str], root: Path) -> list[Figure]:
    rng = random.Random(sizes.seed)
    stored = store.db.execute("SELECT count(*) FROM contact_attempt").fetchone()[0]
    lat, cpu = [], []
    for _ in range(sizes.log_samples):
        pid = rng.choice(people)
        method = rng.choice(list(ContactMethod))
        outcome = rng.choice(outcomes_for(method))   # only outcomes that follow the method
        t, c = clock(), cpu_clock()
        store.attempts.log(pid, method, outcome, "Curtains drawn, no answer.")
        lat.append(clock() - t)
        cpu.append(cpu_clock() - c)
    floor = bench_commit_baseline(root, sizes.log_samples)
    p50, p95 = percentile(lat, 50) * 1000, percentile(lat, 95) * 1000
    c95 = percentile(cpu, 95) * 1000
    g = "Quick-log an attempt"
    note = f"{stored:,} attempts stored; bare one-row commit p50 {floor * 1000:.2f} ms"
    return [Figure(g, "store.attempts.log, p50", p50, "ms", "-", None,
                   f"{p50 / (floor * 1000):.1f}× a bare commit", percentile(cpu, 50) * 1000),
            Figure(g, "store.attempts.log, p95", p95, "ms", "< 50 ms", p95 < 50, note,
                   c95, c95 < 50)]


def bench_caseload(store_folder: Path, sizes, heavy_id: str, log=print):
    """Caseload, search and the long chronology, first on a cold connection then warm."""
    store = reopen(store_folder)
    cold, cold_cpu, rows = timed(store.people.caseload)      # first after unlock
    warm, warm_cpu, rows = timed(store.people.caseload, 3)
    g = "Caseload (store)"
    figs = [Figure(g, f"caseload query, {len(rows):,} people, first after unlock",
                   cold * 1000, "ms", "< 300 ms", cold < 0.3, f"warm {warm * 1000:.0f} ms",
                   cold_cpu * 1000, cold_cpu < 0.3)]
    # search: a Latin fragment and a non-Latin one, taken from the names stored
    names = [r.name for r in rows]
    latin = next((n.split()[-1][:4] for n in names if n.isascii() and " " in n), "Bla")
    other = next((n[:1] for n in names if not n.isascii()), "陈")
    times = {}
    for frag in (latin, other):
        s, c, found = timed(lambda: store.people.caseload(search=frag), 3)
        times[frag] = (s, c, len(found))
    worst = max(s for s, _c, _n in times.values())
    worst_cpu = max(c for _s, c, _n in times.values())
    figs.append(Figure(g, "search by name", worst * 1000, "ms", "< 100 ms", worst < 0.1,
                       "; ".join(f"'{f}': {s * 1000:.0f} ms, {n} found"
                                 for f, (s, _c, n) in times.items()),
                       worst_cpu * 1000, worst_cpu < 0.1))
    name, read = chronology_reader(store)
    cold_c, cold_c_cpu, entries = timed(lambda: read(heavy_id))
    warm_c, _ = best_of(lambda: read(heavy_id), 3)
    figs.append(Figure(g, f"read a {len(entries):,}-entry person {name}", cold_c * 1000, "ms",
                       "< 300 ms", cold_c < 0.3, f"warm {warm_c * 1000:.0f} ms (the whole "
                       "history; the screens page it)", cold_c_cpu * 1000, cold_c_cpu < 0.3))
    return store, rows, figs


def explain(store, heavy_id: str) -> list[tuple[str, list[str]]]:
    """EXPLAIN QUERY PLAN of the hot queries."""
    from desktop.store import repositories as R
    out = []
    queries = [("caseload", R.CASELOAD_SQL + " ORDER BY p.name COLLATE NOCASE", ()),
               ("attempts timeline",
                store.attempts._select + " WHERE deleted = 0 AND (person_id = ?) ORDER BY at DESC",
                (heavy_id,)),
               ("search by name",
                R.CASELOAD_SQL + " AND (p.name LIKE ? OR p.known_as LIKE ?)", ("%a%", "%a%"))]
    for extra in getattr(R, "EXPLAIN_EXTRA", ()):
        queries.append(extra)
    for label, sql, params in queries:
        plan = store.db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        out.append((label, [f"{'  ' * _depth(plan, r)}{r[-1]}" for r in plan]))
    return out


def _depth(plan, row) -> int:
    parents = {r[0]: r[1] for r in plan}
    d, p = 0, row[1]
    while p in parents and d < 10:
        d, p = d + 1, parents[p]
    return d
