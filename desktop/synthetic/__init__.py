"""Realistic synthetic cases, deterministic from a seed: for benchmarks, tests and the
training store (``stickability --demo``). No Qt here; everything is written through the
store's repositories, so validation, versioning, the change log and the audit chain run
exactly as they do for a worker's own records.

    spec = Spec(people=200, attempts_per_person=30, years=3, seed=7)
    populate(store, spec)            # batches of records, one transaction per batch

The same ``Spec`` (seed and end date included) always gives the same records, ids and all.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable, Iterator

from desktop.domain.contact import ContactAttempt
from desktop.domain.person import CaseStatus, Person
from desktop.domain.record import Record
from desktop.synthetic import cases, extras


@dataclass(frozen=True)
class Spec:
    people: int = 40
    attempts_per_person: float = 25.0     # mean; people differ a lot (some have hundreds)
    total_attempts: int | None = None     # exact total instead of the mean, for benchmarks
    years: float = 3.0                    # how far back the oldest case opened
    seed: int = 2026
    end: date | None = None               # last day with records (default: today)
    kinds: tuple[str, ...] | None = None  # extra kinds to plan (default: every one available)

    @property
    def last_day(self) -> date:
        return self.end or date.today()

    @property
    def total(self) -> int:
        if self.total_attempts is not None:
            return self.total_attempts
        return round(self.people * self.attempts_per_person)


@dataclass
class Case:
    person: Person
    attempts: list[ContactAttempt]
    extras: list[Record] = field(default_factory=list)

    def records(self) -> list[Record]:
        """Everything, in an order the store accepts (a person before its records)."""
        return [self.person, *self.attempts, *self.extras]


def attempt_counts(spec: Spec) -> list[int]:
    """How many attempts each person gets: skewed (a few people hold most of the history),
    summing exactly to ``spec.total``."""
    if spec.people <= 0:
        return []
    rng = random.Random(f"{spec.seed}:counts")
    weights = [rng.expovariate(1.0) + 0.15 for _ in range(spec.people)]
    scale = spec.total / sum(weights)
    raw = [w * scale for w in weights]
    counts = [int(r) for r in raw]
    short = spec.total - sum(counts)
    by_fraction = sorted(range(spec.people), key=lambda i: (counts[i] - raw[i], i))
    for i in by_fraction[:short]:
        counts[i] += 1
    return counts


def make_case(spec: Spec, index: int, n_attempts: int) -> Case:
    """Case number ``index``: its own random stream, so one case never depends on another."""
    rng = random.Random(f"{spec.seed}:person:{index}")
    end = spec.last_day
    span = max(30, int(spec.years * 365))
    opened = end - timedelta(days=rng.randint(14, span))
    person = cases.make_person(rng, opened, end)
    closes = end
    if person.status is CaseStatus.CLOSED:
        closes = opened + timedelta(days=rng.randint(0, (end - opened).days))
    attempts = cases.make_attempts(rng, person, n_attempts, opened, closes)
    case = Case(person, attempts)
    for kind, planner in extras.PLANNERS:
        if spec.kinds is None or kind in spec.kinds:
            case.extras += planner(rng, person, attempts, end)
    return case


def iter_cases(spec: Spec) -> Iterator[Case]:
    for i, n in enumerate(attempt_counts(spec)):
        yield make_case(spec, i, n)


def available_kinds() -> list[str]:
    """The extra record kinds this build can generate."""
    probe = Spec(people=1, total_attempts=60, seed=1, end=date(2026, 1, 1))
    found = set()
    for seed in range(1, 30):
        for r in make_case(Spec(**{**probe.__dict__, "seed": seed}), 0, 60).extras:
            found.add(r.ENTITY)
    return sorted(found)


def write(store, records: Iterable[Record]) -> int:
    """Add records in ONE transaction through their repositories (validation, change log,
    audit), each run of records of one kind in one ``add_many``. Returns how many were
    written."""
    n, run = 0, []
    with store.transaction():
        for record in records:
            if run and type(run[0]) is not type(record):
                n += len(store.repo(type(run[0])).add_many(run))
                run = []
            run.append(record)
        if run:
            n += len(store.repo(type(run[0])).add_many(run))
    return n


def populate(store, spec: Spec, *, batch: int = 500,
             progress: Callable[[int], None] | None = None) -> Counter:
    """Generate ``spec`` into ``store``, ``batch`` records per transaction. Returns the
    number of records written per entity."""
    counts: Counter = Counter()
    pending: list[Record] = []
    for case in iter_cases(spec):
        for record in case.records():
            pending.append(record)
            counts[record.ENTITY] += 1
            if len(pending) >= batch:
                write(store, pending)
                pending.clear()
                if progress:
                    progress(sum(counts.values()))
    if pending:
        write(store, pending)
    return counts


__all__ = ["Spec", "Case", "iter_cases", "make_case", "attempt_counts", "populate", "write",
           "available_kinds"]
