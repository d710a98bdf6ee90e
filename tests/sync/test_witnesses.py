"""Witnessed audit heads (issue 18, item 4): rewriting history is evident even to someone
holding the key, once another store has seen it — on this side (`audit verify` exits 1) and on
the other side (the next package shows it).

The insider here does everything the store itself could: edits with the database key and
recomputes the *keyed* chain with the chain key read from the store.
"""
import json

from desktop.cli import main
from desktop.domain.person import Person
from desktop.store import audit
from desktop.store.syncstate import SyncState
from desktop.sync import export_packages, import_paths
from tests.conftest import PASSPHRASE
from tests.sync.helpers import log_attempts


def _keyed_rechain(db, from_seq: int) -> None:
    key = audit.chain_key(db)
    prev = db.execute("SELECT hash FROM audit_event WHERE seq = ?", (from_seq - 1,)).fetchone()
    prev = prev[0] if prev else audit.GENESIS
    rows = db.execute("SELECT seq, at, actor, device, action, entity, record_id, detail, "
                      "change_seq, content_hash FROM audit_event WHERE seq >= ? ORDER BY seq",
                      (from_seq,)).fetchall()
    last = from_seq - 1
    for seq, *rest in rows:
        h = audit._keyed_digest(key, seq, *rest, prev)
        db.execute("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
        prev, last = h, seq
    db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{last}:{prev}",))
    db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_tag'",
               (audit._head_tag(key, last, prev),))


def _exchange(pair, n: int = 0):
    """Field → lead, lead → field: each side now witnesses the other's head."""
    s = import_paths(pair.lead, export_packages(pair.field, pair.tmp / f"f{n}").packages)
    assert s.rejected == 0, s.text()
    s = import_paths(pair.field, export_packages(pair.lead, pair.tmp / f"l{n}").packages)
    assert s.rejected == 0, s.text()


def _start(pair):
    p = pair.field.people.add(Person(name="Morag", address="12 Harbour Row"))
    log_attempts(pair.field, p.id, 3)
    pair.lead.people.add(Person(name="Lead's own", address="x"))
    _exchange(pair)
    return p


def test_packages_carry_heads_and_acknowledgements_carry_them_back(pair):
    _start(pair)
    db = pair.field.db
    own = db.execute("SELECT audit_seq, audit_hash FROM audit_witness WHERE subject = 'own'"
                     ).fetchall()
    assert own and own[-1][0] >= 4
    assert pair.field.audit_verify().ok and pair.field.audit_verify().witnesses >= 1
    peer = pair.lead.db.execute("SELECT count(*) FROM audit_witness WHERE subject = 'peer'"
                                ).fetchone()[0]
    assert peer >= 1 and pair.lead.audit_verify().ok


def test_rewritten_history_recomputed_with_the_key_is_caught_by_the_witness(pair, capsys,
                                                                            monkeypatch):
    _start(pair)
    db = pair.field.db
    db.execute("UPDATE audit_event SET actor = 'Someone Else' WHERE seq = 2")
    _keyed_rechain(db, 2)
    result = pair.field.audit_verify()
    assert not result.ok and "Social Work Team saw" in result.reason
    assert "rewritten" in result.reason
    # … and the other side sees it with the next package
    pair.field.people.add(Person(name="Another", address="y"))
    summary = import_paths(pair.lead, export_packages(pair.field, pair.tmp / "after").packages)
    assert summary.imported == 1
    assert any("tampering" in r and "rewritten" in r for r in summary.reasons)
    lead_dir = pair.lead.url or pair.lead.folder
    pair.lead.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    assert main(["--store", str(lead_dir), "--json", "audit", "verify"]) == 1
    assert "rewritten" in capsys.readouterr().err


def test_cut_events_recomputed_with_the_key_are_caught_by_the_witness(pair):
    _start(pair)
    db = pair.field.db
    (witnessed,) = db.execute("SELECT max(audit_seq) FROM audit_witness WHERE subject = 'own'"
                              ).fetchone()
    db.execute("DELETE FROM audit_event WHERE seq >= ?", (witnessed - 1,))
    db.execute("DELETE FROM change_log WHERE seq > (SELECT coalesce(max(change_seq), 0) FROM "
               "audit_event)")
    _keyed_rechain(db, witnessed - 2)
    result = pair.field.audit_verify()
    assert not result.ok and f"saw event {witnessed}" in result.reason
    pair.field.people.add(Person(name="Another", address="y"))
    summary = import_paths(pair.lead, export_packages(pair.field, pair.tmp / "after").packages)
    assert any("tampering" in r and "cut" in r for r in summary.reasons)
    assert not pair.lead.audit_verify().ok


def test_what_is_not_detected_events_after_the_last_exchange(pair):
    """Precisely the limit documented in docs/security.md: events nobody has witnessed yet,
    cut by someone who recomputes the keyed chain with the key, leave no trace."""
    p = _start(pair)
    log_attempts(pair.field, p.id, 1)           # made after the last exchange
    db = pair.field.db
    n, _ = audit.head(db)
    change = db.execute("SELECT change_seq FROM audit_event WHERE seq = ?", (n,)).fetchone()[0]
    db.execute("DELETE FROM audit_event WHERE seq = ?", (n,))
    db.execute("DELETE FROM change_log WHERE seq = ?", (change,))
    db.execute("DELETE FROM contact_attempt WHERE id = (SELECT id FROM contact_attempt "
               "ORDER BY created_at DESC LIMIT 1)")
    _keyed_rechain(db, n - 1)
    assert pair.field.audit_verify().ok


def test_an_unreadable_audit_head_in_a_signed_manifest_is_rejected(pair):
    from tests.sync.test_hostile_files import _import_one
    from desktop.sync.identity import identity
    from desktop.sync.package import make_manifest, sign
    from tests.sync.test_hostile_files import _encrypt_to
    ident, lead = identity(pair.field), identity(pair.lead)
    m = make_manifest(package_id="p", sender=ident, sender_role="field",
                      recipient_id=pair.lead.device_id, recipient_fingerprint=lead.fingerprint_full,
                      sequence=1, previous_hash=None, created_at="2026-11-23T10:00:00+00:00",
                      payload=b"", changes=[], acknowledgement={"imported_through": 0})
    m["audit_head"] = {"sequence": 5, "hash": "zz"}
    signed = sign(ident, m, b"")
    outcome = _import_one(pair, _encrypt_to(pair.lead, [
        ("manifest.json", signed.manifest), ("changes.jsonl", b""),
        ("signature", signed.signature)]))
    assert outcome.outcome == "rejected" and "audit head" in outcome.reason
    assert SyncState(pair.lead).peer(pair.field.device_id).in_through == 0
    assert json.loads(signed.manifest)["audit_head"]["hash"] == "zz"
