"""Ids, clocks, the codec and the contact rules."""
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from desktop.domain.codec import from_fields, to_fields
from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.hlc import HybridLogicalClock, Stamp
from desktop.domain.ids import new_id
from desktop.domain.person import Child, Dependants, Person
from desktop.domain.record import ValidationError
from desktop.domain.rules import Case, RuleConfig, evaluate
from desktop.domain.rules.contact import unsuccessful_run

NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)


def test_uuid7_is_time_ordered_and_versioned():
    ids = [new_id() for _ in range(50)]
    assert all(i[14] == "7" for i in ids)
    assert [i[:13] for i in ids] == sorted(i[:13] for i in ids)


def test_hlc_monotonic_with_a_stuck_clock_and_after_observing():
    clock = HybridLogicalClock("dev-a", now_ms=lambda: 1000)
    a, b = clock.tick(), clock.tick()
    assert Stamp.parse(a) < Stamp.parse(b)
    clock.observe(str(Stamp(5000, 7, "dev-b")))
    c = clock.tick()
    assert Stamp.parse(c) > Stamp(5000, 7, "dev-b")


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=40))
def test_hlc_never_goes_backwards(walls):
    it = iter(walls)
    clock = HybridLogicalClock("d", now_ms=lambda: next(it, 0))
    stamps = [Stamp.parse(clock.tick()) for _ in walls]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_codec_round_trip_nested():
    p = Person(name="Ольга 王", date_of_birth=date(1950, 1, 2),
               dependants=Dependants(children=[Child(name="K", date_of_birth=date(2015, 5, 5))],
                                     pets="a cat"))
    assert from_fields(Person, to_fields(p)) == p


def test_person_validation():
    with pytest.raises(ValidationError):
        Person(name="  ").validate()
    with pytest.raises(ValidationError):
        Person(name="x", date_of_birth=date.today() + timedelta(days=1)).validate()


def _att(minutes, outcome):
    return ContactAttempt(person_id="p", at=NOW - timedelta(minutes=minutes), outcome=outcome)


def test_unsuccessful_run_counts_back_to_last_seen():
    atts = [_att(50, ContactOutcome.SEEN_ENGAGED), _att(40, ContactOutcome.NO_ANSWER),
            _att(30, ContactOutcome.NOT_AT_HOME), _att(20, ContactOutcome.SAFE_MESSAGE_LEFT)]
    assert unsuccessful_run(atts) == 3
    assert unsuccessful_run(atts + [_att(10, ContactOutcome.SEEN_DECLINED)]) == 0
    assert unsuccessful_run([]) == 0


def test_escalation_alert_at_threshold_and_clears_when_seen():
    person = Person(name="x", created_at=NOW - timedelta(days=1))
    atts = [_att(m, ContactOutcome.NO_ANSWER) for m in (30, 20)]
    codes = lambda a: {x.code for x in evaluate(Case(person, a), RuleConfig(), NOW)}
    assert "unsuccessful_attempts" not in codes(atts)
    atts.append(_att(10, ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY))
    assert "unsuccessful_attempts" in codes(atts)
    assert "unsuccessful_attempts" not in codes(atts + [_att(5, ContactOutcome.SEEN_ENGAGED)])
    cfg = RuleConfig(failed_attempts_threshold=5)
    assert "unsuccessful_attempts" not in {x.code for x in evaluate(Case(person, atts), cfg, NOW)}


def test_unseen_alert():
    person = Person(name="x", created_at=NOW - timedelta(days=60))
    seen = ContactAttempt(person_id="p", at=NOW - timedelta(days=29),
                          outcome=ContactOutcome.SEEN_ENGAGED)
    assert "unseen" in {a.code for a in evaluate(Case(person, [seen]), RuleConfig(), NOW)}
    seen.at = NOW - timedelta(days=3)
    assert "unseen" not in {a.code for a in evaluate(Case(person, [seen]), RuleConfig(), NOW)}


def test_attempt_validation():
    with pytest.raises(ValidationError):
        ContactAttempt(person_id="p", at=NOW, next_planned_at=NOW - timedelta(days=1)).validate()
    assert ContactMethod("home_visit").label == "Home visit"
