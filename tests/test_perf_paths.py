"""The fast paths added for performance keep the exact behaviour of the slow ones."""
import dataclasses
from datetime import date, datetime, timezone

from desktop.domain import codec
from desktop.domain.ids import from_iso
from desktop.store.settings import WORKER_NAME
from desktop.synthetic import Spec, iter_cases, populate

END = date(2026, 6, 30)


def _cases():
    return list(iter_cases(Spec(people=25, attempts_per_person=20, seed=21, end=END)))


def test_every_synthetic_record_round_trips_through_the_codec():
    kinds = set()
    for case in _cases():
        for record in case.records():
            fields = codec.to_fields(record)
            assert codec.from_fields(type(record), fields) == record
            kinds.add(record.ENTITY)
    assert {"person", "contact_attempt"} <= kinds and len(kinds) >= 6


def test_decode_still_handles_what_the_reference_did():
    assert codec.decode(datetime | None, None) is None
    assert codec.decode(datetime, "2026-01-02T03:04:05Z") == \
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert codec.decode(date | None, "2026-01-02") == date(2026, 1, 2)
    assert codec.decode(list[int], [1, None, 3]) == [1, None, 3]
    assert codec.decode(dict[str, date], {"a": "2026-01-02"}) == {"a": date(2026, 1, 2)}
    assert codec.decode(bool, 0) is False


def test_stored_times_parse_to_utc_whatever_form_they_take():
    utc = datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=timezone.utc)
    assert from_iso("2026-01-02T03:04:05.123456+00:00") == utc
    assert from_iso("2026-01-02T03:04:05.123456+00:00").tzinfo is timezone.utc
    assert from_iso(" 2026-01-02T04:04:05.123456+01:00 ") == utc
    assert from_iso("2026-01-02T03:04:05.123456Z") == utc


def test_records_read_back_from_the_store_equal_what_was_written(store):
    spec = Spec(people=5, attempts_per_person=12, seed=22, end=END)
    populate(store, spec)
    meta = set(store.people.cols.names) & {"created_at", "created_by", "updated_at",
                                            "updated_by", "origin_device", "version"}
    for case in iter_cases(spec):
        for record in case.records():
            got = store.repo(type(record)).get(record.id)
            assert got is not None, record.ENTITY
            a, b = codec.to_fields(got), codec.to_fields(record)
            assert {k: v for k, v in a.items() if k not in meta} == \
                   {k: v for k, v in b.items() if k not in meta}
    listed = store.attempts.timeline(case.person.id)
    assert [a.id for a in listed] == [a.id for a in sorted(case.attempts, key=lambda a: a.at,
                                                            reverse=True)]


def test_the_actor_follows_a_change_of_worker_name(store, person):
    assert store.actor == "Sam Outreach"
    store.settings.set(WORKER_NAME, "Priya Nandakumar")
    assert store.actor == "Priya Nandakumar"
    from desktop.domain.contact import ContactMethod, ContactOutcome
    attempt = store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    assert attempt.created_by == "Priya Nandakumar" and attempt.worker == "Priya Nandakumar"
    assert store.audit_verify().ok


def test_created_at_is_the_transaction_time(store, person):
    got = store.people.require(person.id)
    assert got.created_at == person.created_at and got.created_at.tzinfo is not None
    assert dataclasses.asdict(got)["updated_at"] == got.created_at


def test_alerts_for_some_people_equal_their_alerts_from_a_full_pass(store):
    from desktop.store.alerts import alerts_by_person
    populate(store, Spec(people=8, attempts_per_person=12, seed=23, end=END))
    full = alerts_by_person(store)
    some = list(full)[:3]
    scoped = alerts_by_person(store, person_ids=some)
    assert set(scoped) == set(some)
    key = lambda alerts: sorted((a.code, a.message) for a in alerts)  # noqa: E731
    assert {p: key(a) for p, a in scoped.items()} == {p: key(full[p]) for p in some}
    assert any(full.values())


def test_brief_alerts_of_one_person_equal_the_full_read(store):
    """The Overview reads a person's alerts with the brief loaders (not every attempt)."""
    from desktop.store.alerts import alerts_for
    populate(store, Spec(people=10, attempts_per_person=30, seed=29, end=END))
    key = lambda alerts: [(a.code, a.message, a.record_id) for a in alerts]  # noqa: E731
    people = store.people.where()
    assert any(alerts_for(store, p.id) for p in people)
    for p in people:
        assert key(alerts_for(store, p.id, brief=True)) == key(alerts_for(store, p.id))


def test_visits_with_attempts_pairs_each_live_visit_with_its_attempt(store):
    populate(store, Spec(people=6, attempts_per_person=25, seed=31, end=END))
    assert store.visits.count()
    for p in store.people.where():
        by_id = {a.id: a for a in store.attempts.timeline(p.id)}
        expected = sorted([(by_id[v.attempt_id], v) for v in store.visits.for_person(p.id)
                           if v.attempt_id in by_id], key=lambda av: av[0].at, reverse=True)
        assert store.visits.with_attempts(p.id) == expected
