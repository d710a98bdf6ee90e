"""The synthetic case generator: deterministic, varied, and written through the store."""
import unicodedata
from datetime import date

from desktop.domain import codec
from desktop.synthetic import Spec, attempt_counts, iter_cases, populate

END = date(2026, 6, 30)


def _planned(spec):
    return [(type(r).__name__, codec.to_fields(r)) for c in iter_cases(spec) for r in c.records()]


def test_same_seed_same_records_different_seed_different():
    spec = Spec(people=12, attempts_per_person=15, seed=42, end=END)
    first, again = _planned(spec), _planned(spec)
    assert first == again
    assert len({f["id"] for _, f in first}) == len(first)        # ids are unique
    other = _planned(Spec(people=12, attempts_per_person=15, seed=43, end=END))
    assert [f["id"] for _, f in other] != [f["id"] for _, f in first]


def test_attempt_counts_are_exact_and_skewed():
    counts = attempt_counts(Spec(people=100, total_attempts=5000, seed=3))
    assert sum(counts) == 5000 and len(counts) == 100
    assert max(counts) > 3 * (5000 / 100)                       # a few long histories
    assert min(counts) >= 1


def test_names_include_non_latin_scripts_and_latin_known_as():
    people = [c.person for c in iter_cases(Spec(people=120, attempts_per_person=1, seed=5,
                                                  end=END))]
    def scripts(text):
        return {unicodedata.name(ch).split()[0] for ch in text if ch.isalpha()}

    found = set().union(*(scripts(p.name) for p in people)) - {"LATIN"}
    assert {"ARABIC", "CJK", "GREEK"} & found and len(found) >= 2, found
    non_latin = [p for p in people if scripts(p.name) - {"LATIN"}]
    assert all(p.known_as and p.known_as.isascii() for p in non_latin)
    assert any(any(ch in "łżąęńśćó" for ch in p.name.lower()) for p in people)   # Polish


def test_attempts_are_in_range_with_a_realistic_mix():
    spec = Spec(people=30, attempts_per_person=40, years=2, seed=9, end=END)
    attempts = [a for c in iter_cases(spec) for a in c.attempts]
    assert len(attempts) == 1200
    assert all(a.at.date() <= END and a.at.tzinfo is not None for a in attempts)
    outcomes = {a.outcome.value for a in attempts}
    methods = {a.method.value for a in attempts}
    assert {"seen_engaged", "no_answer", "not_at_home"} <= outcomes
    assert {"home_visit", "phone", "letter"} <= methods
    seen = sum(a.outcome.seen for a in attempts) / len(attempts)
    assert 0.1 < seen < 0.6                                      # mostly unsuccessful


def test_populate_writes_through_the_store(store):
    spec = Spec(people=6, attempts_per_person=8, seed=11, end=END)
    counts = populate(store, spec, batch=20)
    assert counts["person"] == 6 and counts["contact_attempt"] == 48
    planned = {c.person.id: c for c in iter_cases(spec)}
    for pid, case in planned.items():
        got = store.people.require(pid)
        assert got.name == case.person.name
        assert [a.id for a in store.attempts.for_person(pid, order="at")] == \
               [a.id for a in case.attempts]
    total = sum(counts.values())
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == total
    assert store.audit_verify().ok and store.audit_verify().checked == total
    rows = store.people.caseload()
    assert len(rows) == 6 and all(r.last_contact is not None for r in rows)


def test_every_planned_record_validates():
    for case in iter_cases(Spec(people=40, attempts_per_person=20, seed=13, end=END)):
        for record in case.records():
            record.validate()
