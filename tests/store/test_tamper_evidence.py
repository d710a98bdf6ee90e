"""Insider tampering is evident (issue 18, item 4), each attack made as an insider holding the
passphrase (and so the database key) would make it, on the store's own connection.

Detected in the store alone: a record row edited directly; an audit event rewritten and the
plain SHA-256 chain recomputed; the last event cut and the head moved back; a change-log entry
edited. Detected only through witnesses (tests/sync/test_witnesses.py): the same done by
someone who also recomputes the keyed chain with the key from the store.
"""
import hashlib
import json

from desktop.cli import main
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import Person
from desktop.store import audit
from desktop.store.checks import check_store
from tests.conftest import PASSPHRASE


def _some_history(store):
    p = store.people.add(Person(name="Ada Lovelace", address="1 High St"))
    for _ in range(3):
        store.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER)
    p.address = "2 Low Rd"
    store.people.update(p)
    return p


def _plain_rechain(db, from_seq: int) -> None:
    """What the reported attack did: recompute a plain SHA-256 chain after an edit."""
    prev = db.execute("SELECT hash FROM audit_event WHERE seq = ?", (from_seq - 1,)).fetchone()
    prev = prev[0] if prev else audit.GENESIS
    rows = db.execute("SELECT seq, at, actor, device, action, entity, record_id, detail "
                      "FROM audit_event WHERE seq >= ? ORDER BY seq", (from_seq,)).fetchall()
    for seq, *rest in rows:
        blob = json.dumps([seq, *rest, prev], ensure_ascii=False, separators=(",", ":"))
        h = hashlib.sha256(blob.encode()).hexdigest()
        db.execute("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
        prev = h
    db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{rows[-1][0]}:{prev}",))


def test_row_edited_directly_is_found_by_check(store):
    p = _some_history(store)
    assert check_store(store).ok
    store.db.execute("UPDATE person SET name = 'Someone Else' WHERE id = ?", (p.id,))
    assert store.audit_verify().ok          # the audit log itself was not touched …
    report = check_store(store)             # … but the row no longer says what history says
    assert not report.ok
    assert any("person" in x and p.id in x and "name" in x for x in report.problems)
    assert "Someone Else" not in " ".join(report.problems)      # no personal data in reports


def test_row_edited_directly_makes_the_check_command_exit_1(store_dir, monkeypatch, capsys):
    from desktop.store.store import Store
    s = Store.unlock(store_dir, PASSPHRASE)
    p = _some_history(s)
    s.db.execute("UPDATE contact_attempt SET outcome = 'seen_engaged' WHERE person_id = ?",
                 (p.id,))
    s.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    assert main(["--store", str(store_dir), "--json", "check"]) == 1
    assert "contact attempt" in capsys.readouterr().err


def test_row_inserted_outside_the_app_is_found(store):
    _some_history(store)
    store.db.execute("INSERT INTO person (id, name) VALUES ('planted', 'Nobody')")
    assert any("planted" in x and "no history" in x for x in check_store(store).problems)


def test_rewritten_event_with_plain_sha256_chain_recomputed_is_found(store):
    _some_history(store)
    assert store.audit_verify().ok
    store.db.execute("UPDATE audit_event SET actor = 'Someone Else' WHERE seq = 2")
    _plain_rechain(store.db, 2)
    result = store.audit_verify()
    assert not result.ok and result.bad_seq == 2 and "altered" in result.reason
    assert not check_store(store).ok


def test_last_event_cut_and_head_moved_back_is_found(store):
    _some_history(store)
    n, _ = audit.head(store.db)
    prev = store.db.execute("SELECT hash FROM audit_event WHERE seq = ?", (n - 1,)).fetchone()[0]
    store.db.execute("DELETE FROM audit_event WHERE seq = ?", (n,))
    store.db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{n - 1}:{prev}",))
    result = store.audit_verify()
    assert not result.ok
    assert "moved" in result.reason or "removed" in result.reason


def test_change_log_entry_edited_is_found(store):
    p = _some_history(store)
    store.db.execute("UPDATE change_log SET fields = ? WHERE record_id = ? AND op = 'upsert' "
                     "AND fields LIKE '%address%' AND old IS NOT NULL",
                     (json.dumps({"address": "9 Elsewhere"}), p.id))
    result = store.audit_verify()
    assert not result.ok and "altered after it was recorded" in result.reason


def test_change_log_entry_added_or_removed_outside_the_app_is_found(store):
    p = _some_history(store)
    store.db.execute("DELETE FROM change_log WHERE seq = (SELECT max(seq) FROM change_log)")
    assert "removed from the change log" in store.audit_verify().reason
    store.db.execute("INSERT INTO change_log (stamp, entity, record_id, op, fields, actor, at, "
                     "origin_device) VALUES ('9', 'person', ?, 'upsert', '{}', 'x', 'x', 'x')",
                     (p.id,))
    assert not store.audit_verify().ok


def test_a_clean_store_passes_every_check(store):
    _some_history(store)
    p = store.people.where()[0]
    store.people.delete(p.id)
    store.people.restore(p.id)
    result = store.audit_verify()
    assert result.ok, result.reason
    assert check_store(store).ok


def test_unlock_api_does_not_hand_out_the_database_key(store):
    assert not hasattr(store, "raw_key")
    assert not any(isinstance(getattr(store, n, None), (bytes, bytearray))
                   for n in dir(store) if not n.startswith("_"))


def test_a_purge_through_the_audit_log_passes_and_a_silent_one_does_not(store):
    """For the purge of closed cases: removing history on purpose goes through
    ``audit.purge_changes`` (bound by a keyed 'purge' event); removing it quietly does not."""
    p = _some_history(store)
    seqs = [r[0] for r in store.db.execute(
        "SELECT seq FROM change_log WHERE record_id = ? OR fields LIKE ?", (p.id, f"%{p.id}%"))]
    with store.transaction() as tx:
        audit.purge_changes(store.db, at=tx.now_iso, actor=store.actor, device=store.device_id,
                            entity="person", record_id=p.id, seqs=seqs)
        store.db.execute("DELETE FROM contact_attempt WHERE person_id = ?", (p.id,))
        store.db.execute("UPDATE person SET name = '', address = '', deleted = 1 WHERE id = ?",
                         (p.id,))
    result = store.audit_verify()
    assert result.ok, result.reason
    assert check_store(store).ok
    store.db.execute("DELETE FROM change_purged WHERE seq = ?", (seqs[0],))
    assert not store.audit_verify().ok
