"""The caseload summary table (migration 0005) always agrees with the attempts it summarises,
however they were written: in order, out of order (sync), edited, deleted, restored."""
import random
from datetime import datetime, timedelta, timezone

import pytest

from desktop.domain.contact import SEEN_OUTCOMES, ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store import migrations

_SEEN = ", ".join(f"'{o}'" for o in SEEN_OUTCOMES)

# The caseload figures computed straight from the attempts (the query before migration 0005).
REFERENCE = f"""
WITH stats AS (
    SELECT person_id, max(at) AS last_contact,
           max(CASE WHEN outcome IN ({_SEEN}) THEN at END) AS last_seen
    FROM contact_attempt WHERE deleted = 0 GROUP BY person_id)
SELECT p.id, s.last_contact, s.last_seen,
       (SELECT count(*) FROM contact_attempt a WHERE a.person_id = p.id AND a.deleted = 0
          AND a.outcome NOT IN ({_SEEN}) AND a.at > coalesce(s.last_seen, '')),
       (SELECT a.next_planned_at FROM contact_attempt a WHERE a.person_id = p.id
          AND a.deleted = 0 ORDER BY a.at DESC, a.rowid DESC LIMIT 1)
FROM person p LEFT JOIN stats s ON s.person_id = p.id WHERE p.deleted = 0 ORDER BY p.id
"""
SUMMARY = """
SELECT p.id, s.last_contact, s.last_seen, coalesce(s.unsuccessful, 0), s.next_due
FROM person p LEFT JOIN person_contact_summary s ON s.person_id = p.id
WHERE p.deleted = 0 ORDER BY p.id
"""
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)


def _agree(store):
    assert store.db.execute(SUMMARY).fetchall() == store.db.execute(REFERENCE).fetchall()


def test_summary_follows_every_kind_of_write(store):
    rng = random.Random(5)
    people = [store.people.add(Person(name=f"Case {i}")).id for i in range(4)]
    attempts = []
    for step in range(160):
        action = rng.random()
        if action < 0.65 or not attempts:
            # mostly forwards in time, sometimes an older one (as a sync import brings)
            when = T0 + timedelta(hours=step * 5 - (rng.randint(0, 400) if rng.random() < 0.25
                                                    else 0))
            nxt = when + timedelta(days=rng.randint(1, 9)) if rng.random() < 0.5 else None
            a = store.attempts.add(ContactAttempt(
                person_id=rng.choice(people), at=when, method=ContactMethod.PHONE,
                outcome=rng.choice(list(ContactOutcome)), next_planned_at=nxt))
            attempts.append(a.id)
        elif action < 0.8:
            store.attempts.delete(rng.choice(attempts))
        elif action < 0.9:
            rid = rng.choice(attempts)
            if store.attempts.get(rid, include_deleted=True).deleted:
                store.db.execute("UPDATE contact_attempt SET deleted = 0 WHERE id = ?", (rid,))
        else:
            a = store.attempts.get(rng.choice(attempts), include_deleted=True)
            store.db.execute("UPDATE contact_attempt SET outcome = ?, at = ? WHERE id = ?",
                             (rng.choice(list(ContactOutcome)).value,
                              (a.at - timedelta(days=rng.randint(-3, 3))).isoformat(), a.id))
        if step % 20 == 0:
            _agree(store)
    _agree(store)
    rows = {r.id: r for r in store.people.caseload()}
    assert sum(r.unsuccessful_since_seen for r in rows.values()) > 0
    assert all(r.last_contact is not None for r in rows.values())


def test_caseload_rows_for_some_people_only(store):
    ids = [store.people.add(Person(name=n)).id for n in ("Ann Ash", "Bo Birch", "Cy Cedar")]
    store.attempts.log(ids[1], ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    rows = store.people.caseload(ids=ids[1:])
    assert [r.name for r in rows] == ["Bo Birch", "Cy Cedar"]
    assert rows[0].unsuccessful_since_seen == 1 and rows[1].last_contact is None
    assert store.people.caseload(ids=[]) == []


def test_migration_fills_the_summary_for_an_existing_store(store):
    if store.is_hub:
        pytest.skip("rewinds SQLite's user_version and drops its triggers; the hub's summary "
                    "triggers are covered by the other tests of this file")
    pid = store.people.add(Person(name="Dee Elm")).id
    for i, outcome in enumerate([ContactOutcome.SEEN_ENGAGED, ContactOutcome.NO_ANSWER,
                                 ContactOutcome.NOT_AT_HOME]):
        store.attempts.add(ContactAttempt(person_id=pid, at=T0 + timedelta(days=i),
                                          outcome=outcome))
    # as a store written before migration 0005 would be
    store.db.execute("BEGIN IMMEDIATE")
    for name in ("contact_summary_append", "contact_summary_insert_older",
                 "contact_summary_update", "contact_summary_delete"):
        store.db.execute(f"DROP TRIGGER {name}")
    store.db.execute("DROP TABLE person_contact_summary")
    store.db.execute("PRAGMA user_version = 4")
    store.db.execute("COMMIT")
    assert migrations.migrate(store.db) == list(range(5, migrations.LATEST + 1))
    _agree(store)
    row = store.people.caseload(ids=[pid])[0]
    assert row.unsuccessful_since_seen == 2 and row.last_seen == T0
