"""Store figures: SQLCipher against plain SQLite, quick-log latency, caseload, chronology,
search, and the query plans of the hot queries."""
from __future__ import annotations

import random
from pathlib import Path

from bench.common import Figure, best_of, clock, median, percentile
from bench.stores import create, reopen
from desktop.domain.contact import ContactMethod, ContactOutcome
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
    results = {}
    for engine in ("plain", "sqlcipher"):
        heavy_id, records = _plan(sizes)
        store = create(root / f"engine-{engine}", plain=engine == "plain")
        tx = sizes.ratio_tx
        t = clock()
        for i in range(0, len(records), tx):
            write(store, records[i:i + tx])
        write_s = clock() - t
        store.lock()
        store = reopen(root / f"engine-{engine}")        # a cold page cache for the first read
        name, read = chronology_reader(store)
        t = clock()
        first = read(heavy_id)
        cold = clock() - t
        warm, rows = best_of(lambda: read(heavy_id), 3)
        store.lock()
        results[engine] = (write_s, cold, warm, len(rows))
        log(f"  {engine}: {len(records):,} records in {write_s:.1f} s "
            f"({len(records) / write_s:,.0f}/s); {name} of {len(first):,} rows: "
            f"{cold * 1000:.0f} ms cold, {warm * 1000:.0f} ms warm")
    (pw, pc, pwarm, n), (ew, ec, ewarm, _n) = results["plain"], results["sqlcipher"]
    g = "Encrypted vs plain"
    return [
        Figure(g, f"insert {sizes.ratio_attempts:,} attempts, {sizes.ratio_tx}/transaction: "
               "SQLCipher / SQLite", ew / pw, "×", "≤ 1.3", ew / pw <= 1.3,
               f"{ew:.1f} s vs {pw:.1f} s ({sizes.ratio_attempts / ew:,.0f}/s encrypted)"),
        Figure(g, f"read a {n:,}-entry chronology (first read after unlock): SQLCipher / SQLite",
               ec / pc, "×", "≤ 1.3", ec / pc <= 1.3,
               f"{ec * 1000:.0f} ms vs {pc * 1000:.0f} ms; warm {ewarm * 1000:.0f} vs "
               f"{pwarm * 1000:.0f} ms"),
    ]


def bench_commit_baseline(root: Path, samples: int) -> float:
    """p50 of a bare one-row INSERT + COMMIT on the same engine and pragmas: the floor under
    any quick-log."""
    from desktop.store.connection import open_db
    import os
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
    lat = []
    for _ in range(sizes.log_samples):
        pid = rng.choice(people)
        method = rng.choice(list(ContactMethod))
        outcome = rng.choice(list(ContactOutcome))
        t = clock()
        store.attempts.log(pid, method, outcome, "Curtains drawn, no answer.")
        lat.append(clock() - t)
    floor = bench_commit_baseline(root, sizes.log_samples)
    p50, p95 = percentile(lat, 50) * 1000, percentile(lat, 95) * 1000
    g = "Quick-log an attempt"
    note = f"{stored:,} attempts stored; bare one-row commit p50 {floor * 1000:.2f} ms"
    return [Figure(g, "store.attempts.log, p50", p50, "ms", "-", None,
                   f"{p50 / (floor * 1000):.1f}× a bare commit"),
            Figure(g, "store.attempts.log, p95", p95, "ms", "< 50 ms", p95 < 50, note)]


def bench_caseload(store_folder: Path, sizes, heavy_id: str, log=print):
    """Caseload, search and the long chronology, first on a cold connection then warm."""
    store = reopen(store_folder)
    t = clock()
    rows = store.people.caseload()
    cold = clock() - t
    warm, rows = best_of(store.people.caseload, 3)
    sort_s, _ = best_of(lambda: sorted(rows, key=lambda r: (r.last_contact is None,
                                                            r.last_contact)), 3)
    g = "Caseload"
    figs = [Figure(g, f"caseload query, {len(rows):,} people (first after unlock)",
                   cold * 1000, "ms", "-", None, f"warm {warm * 1000:.0f} ms"),
            Figure(g, "caseload opens and sorts (query + sort by last contact)",
                   (cold + sort_s) * 1000, "ms", "< 300 ms", cold + sort_s < 0.3,
                   f"sort {sort_s * 1000:.1f} ms; no Qt model yet (desktop/ui/caseload.py)")]
    # search: a Latin fragment and a non-Latin one, taken from the names stored
    names = [r.name for r in rows]
    latin = next((n.split()[-1][:4] for n in names if n.isascii() and " " in n), "Bla")
    other = next((n[:1] for n in names if not n.isascii()), "陈")
    times = {}
    for frag in (latin, other):
        s, found = best_of(lambda: store.people.caseload(search=frag), 3)
        times[frag] = (s, len(found))
    worst = max(s for s, _ in times.values())
    figs.append(Figure(g, "search by name", worst * 1000, "ms", "< 100 ms", worst < 0.1,
                       "; ".join(f"'{f}': {s * 1000:.0f} ms, {n} found"
                                 for f, (s, n) in times.items())))
    name, read = chronology_reader(store)
    t = clock()
    entries = read(heavy_id)
    cold_c = clock() - t
    warm_c, _ = best_of(lambda: read(heavy_id), 3)
    figs.append(Figure(g, f"open a {len(entries):,}-entry person chronology ({name})",
                       cold_c * 1000, "ms", "< 300 ms", cold_c < 0.3,
                       f"warm {warm_c * 1000:.0f} ms; full read, no lazy Qt model yet"))
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
