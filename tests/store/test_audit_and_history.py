"""The hash-chained audit log and per-record history."""
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person


def test_every_change_is_audited_and_chain_verifies(store):
    p = store.people.add(Person(name="Ada"))
    store.attempts.log(p.id, ContactMethod.LETTER, ContactOutcome.LETTER_SENT)
    p.address = "1 High St"
    store.people.update(p)
    store.people.delete(p.id)
    actions = [r[0] for r in store.db.execute("SELECT action FROM audit_event ORDER BY seq")]
    assert actions == ["create", "create", "update", "delete"]
    result = store.audit_verify()
    assert result.ok and result.checked == 4


def test_edited_audit_row_is_caught(store):
    p = store.people.add(Person(name="Ada"))
    for _ in range(3):
        store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    store.db.execute("UPDATE audit_event SET actor = 'someone else' WHERE seq = 2")
    result = store.audit_verify()
    assert not result.ok and result.bad_seq == 2 and "altered" in result.reason


def test_removed_audit_row_is_caught(store):
    p = store.people.add(Person(name="Ada"))
    for _ in range(3):
        store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    store.db.execute("DELETE FROM audit_event WHERE seq = 3")
    result = store.audit_verify()
    assert not result.ok and result.bad_seq == 3


def test_truncated_audit_tail_is_caught(store):
    p = store.people.add(Person(name="Ada"))
    store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    store.db.execute("DELETE FROM audit_event WHERE seq = 2")
    assert not store.audit_verify().ok


def test_history_keeps_old_values_and_soft_delete_restores(store):
    p = store.people.add(Person(name="Ada", address="Old Road"))
    p.address = "New Road"
    store.people.update(p)
    hist = store.people.history(p.id)
    assert hist[-1].fields == {"address": "New Road"} and hist[-1].old == {"address": "Old Road"}
    store.people.delete(p.id)
    assert store.people.get(p.id) is None
    assert store.people.get(p.id, include_deleted=True).deleted
    restored = store.people.restore(p.id)
    assert restored.address == "New Road" and not restored.deleted


def test_unchanged_update_writes_nothing(store):
    p = store.people.add(Person(name="Ada"))
    n = store.db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    store.people.update(store.people.require(p.id))
    assert store.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == n


def test_listener_hears_committed_changes_only(store):
    heard = []
    store.add_listener(heard.append)
    p = store.people.add(Person(name="Ada"))
    store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    try:
        with store.transaction():
            store.people.add(Person(name="Rolled back"))
            raise RuntimeError("abandon")
    except RuntimeError:
        pass
    assert [sorted(c.entities) for c in heard] == [["person"], ["contact_attempt"]]
    assert p.id in heard[1].person_ids
    assert [x.name for x in store.people.where()] == ["Ada"]
