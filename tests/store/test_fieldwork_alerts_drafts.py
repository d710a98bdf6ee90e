"""Store-level alerts (settings, one person, the whole caseload) and drafts."""
from __future__ import annotations

import random
from datetime import date, timedelta

from desktop.domain.contact import dishonest_outcome
from desktop.domain.contact import ContactMethod as M, ContactOutcome as O
from desktop.domain.ids import utc_now
from desktop.domain.person import Capacity, Child, Dependants, Person
from desktop.domain.rules import Severity, evaluate
from desktop.domain.visit import IncidentKind, StaffSafetyIncident
from desktop.store.alerts import alert_counts, alerts_for, case_for, rule_config
from desktop.store.settings import FAILED_ATTEMPTS_THRESHOLD, UNSEEN_DAYS
from desktop.store.store import Store
from tests.conftest import PASSPHRASE


def _codes(store, pid, **kw):
    return [a.code for a in alerts_for(store, pid, **kw)]


def test_rule_config_comes_from_settings(store):
    assert rule_config(store).failed_attempts_threshold == 3
    store.settings.set(FAILED_ATTEMPTS_THRESHOLD, 5)
    store.settings.set(UNSEEN_DAYS, 10)
    cfg = rule_config(store)
    assert (cfg.failed_attempts_threshold, cfg.unseen_days) == (5, 10)


def test_three_failed_attempts_appear_and_clear_through_the_store(store, person):
    now = utc_now()
    for h in (30, 20, 10):
        store.attempts.log(person.id, M.HOME_VISIT, O.NO_ANSWER, at=now - timedelta(hours=h))
    assert "unsuccessful_attempts" in _codes(store, person.id)
    store.settings.set(FAILED_ATTEMPTS_THRESHOLD, 4)
    assert "unsuccessful_attempts" not in _codes(store, person.id)
    store.settings.set(FAILED_ATTEMPTS_THRESHOLD, 3)
    store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED, at=now - timedelta(hours=1))
    assert "unsuccessful_attempts" not in _codes(store, person.id)


def test_case_for_holds_every_kind_of_record(store, person):
    seen = store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED)
    store.visits.log(seen.id, observed="o")
    g = store.goals.new(person.id, "goal", steps=["a"])
    store.goals.record_progress(g.id, rating=3)
    case = case_for(store, person.id)
    assert (len(case.attempts), len(case.visits), len(case.goals), len(case.goal_progress)) == \
        (1, 1, 1, 1)
    assert case.person.id == person.id


def test_visit_of_a_deleted_attempt_raises_no_alert(store, person):
    seen = store.attempts.log(person.id, M.HOME_VISIT, O.SEEN_ENGAGED)
    store.visits.log(seen.id, incident=StaffSafetyIncident([IncidentKind.THREATS], "threats"))
    assert "staff_safety_debrief" in _codes(store, person.id)
    store.attempts.delete(seen.id)
    assert "staff_safety_debrief" not in _codes(store, person.id)
    assert alert_counts(store)[person.id][0] == len(alerts_for(store, person.id))


def test_children_alert_stays_until_a_referral_date_is_recorded(store, person):
    p = store.people.copy(person, dependants=Dependants(children=[Child(name="Ava")]))
    store.people.update(p)
    assert "children_no_referral" in _codes(store, person.id)
    p.dependants.children_referral_recorded_on = date.today()
    store.people.update(p)
    assert "children_no_referral" not in _codes(store, person.id)


def _random_caseload(store, seed: int, people: int = 6) -> None:
    rnd = random.Random(seed)
    now = utc_now()
    outcomes = list(O)
    for i in range(people):
        cap = Capacity(considered=True, date=date(2026, 1, 1)) if rnd.random() < .5 else Capacity()
        p = store.people.add(Person(name=f"P{i}", capacity=cap))
        with store.transaction():
            for _ in range(rnd.randint(0, 25)):
                at = now - timedelta(days=rnd.uniform(0, 120))
                method = rnd.choice(list(M))
                outcome = rnd.choice([o for o in outcomes if not dishonest_outcome(method, o)])
                a = store.attempts.log(
                    p.id, method, outcome, at=at,
                    advocacy_offered=rnd.random() < .3,
                    next_planned_at=at + timedelta(days=rnd.randint(1, 30)) if rnd.random() < .4
                    else None)
                if outcome.seen and rnd.random() < .4:
                    store.visits.log(a.id, joint_visit_needed_next=rnd.random() < .5,
                                     debrief_needed=rnd.random() < .3)
                if rnd.random() < .05:
                    store.attempts.delete(a.id)


def test_caseload_counts_match_one_person_at_a_time(store):
    """The badge query loads only what the rules need; the alerts must come out the same."""
    for seed in range(4):
        _random_caseload(store, seed)
    now = utc_now()
    counts = alert_counts(store, now=now)
    people = store.people.where()
    assert set(counts) == {p.id for p in people}
    for p in people:
        full = alerts_for(store, p.id, now=now)
        assert counts[p.id] == (len(full), max((a.severity for a in full), default=None)), p.name
    assert any(n for n, _ in counts.values())


def test_alert_counts_for_no_alerts_and_for_an_empty_store(store):
    assert alert_counts(store) == {}
    p = store.people.add(Person(name="Fine", capacity=Capacity(considered=True,
                                                               date=date(2026, 1, 1))))
    store.attempts.log(p.id, M.HOME_VISIT, O.SEEN_ENGAGED, advocacy_offered=True)
    assert alert_counts(store) == {p.id: (0, None)}
    case = case_for(store, p.id)
    assert evaluate(case) == []


def test_severity_reported_is_the_worst(store, person):
    store.people.update(store.people.copy(person, dependants=Dependants(children=[Child("A")])))
    count, worst = alert_counts(store)[person.id]
    assert worst is Severity.URGENT and count == len(alerts_for(store, person.id))


# -- drafts ----------------------------------------------------------------------------------------
def test_draft_save_load_replace_discard(store, person):
    d = store.drafts
    assert d.load("visit", person.id) is None
    d.save("visit", person.id, {"observed": "fridge emp"})
    d.save("visit", person.id, {"observed": "fridge empty", "mismatch": True})
    d.save("goal", None, {"title": "walk"})
    assert d.load("visit", person.id) == {"observed": "fridge empty", "mismatch": True}
    assert [(x.form_key, x.person_id) for x in d.list_pending()] == [("goal", ""),
                                                                     ("visit", person.id)]
    assert [x.form_key for x in d.list_pending(person.id)] == ["visit"]
    assert d.discard("visit", person.id) is True and d.discard("visit", person.id) is False
    assert d.load("visit", person.id) is None


def test_drafts_are_not_records_and_are_not_audited(store, person):
    before = store.db.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    heard = []
    store.add_listener(heard.append)
    for n in range(5):
        store.drafts.save("person_edit", person.id, {"notes": "x" * n})
    assert store.db.execute("SELECT count(*) FROM audit_event").fetchone()[0] == before
    assert store.db.execute("SELECT count(*) FROM change_log WHERE entity = 'draft'"
                            ).fetchone()[0] == 0
    assert heard == []


def test_draft_survives_a_crash_and_stays_encrypted(store_dir, tmp_path):
    s = Store.unlock(store_dir, PASSPHRASE)
    s.drafts.save("visit", "p1", {"observed": "UNIQUE-DRAFT-TEXT"})
    s._db = None           # simulate a crash: the connection is dropped, never closed cleanly
    again = Store.unlock(store_dir, PASSPHRASE)
    try:
        assert again.drafts.load("visit", "p1") == {"observed": "UNIQUE-DRAFT-TEXT"}
    finally:
        again.lock()
    for f in store_dir.iterdir():
        assert b"UNIQUE-DRAFT-TEXT" not in f.read_bytes()


def test_a_referral_record_clears_the_children_alert(store, person):
    from desktop.domain.referral import Referral, ReferralTo
    store.people.update(store.people.copy(person, dependants=Dependants(children=[Child("A")])))
    assert "children_no_referral" in _codes(store, person.id)
    ref = store.referrals.add(Referral(
        person_id=person.id, to_whom=ReferralTo.CHILDRENS_SERVICES_MASH, date=date.today(),
        reason="child in the household"))
    assert "children_no_referral" not in _codes(store, person.id)
    assert alert_counts(store)[person.id][0] == len(alerts_for(store, person.id))
    store.referrals.delete(ref.id)
    assert "children_no_referral" in _codes(store, person.id)
