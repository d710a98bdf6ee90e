"""Every package that must not be applied is rejected with its reason, and nothing of it is."""
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.domain.person import Person
from desktop.sync import export_packages, identity, import_paths
from desktop.sync.identity import Identity, full_fingerprint
from desktop.sync.package import make_manifest, seal, sign
from tests.sync.helpers import enrol_pair, log_attempts, make_store, open_plain, reseal


@pytest.fixture
def sent(pair, tmp_path):
    """The field device has exported one package with a person and two attempts."""
    p = pair.field.people.add(Person(name="Ada"))
    log_attempts(pair.field, p.id, 2)
    (pkg,) = export_packages(pair.field, tmp_path / "box").packages
    return pair, pkg, p


def _rejected(lead, path, *words):
    s = import_paths(lead, [path])
    assert (s.rejected, s.imported, s.held) == (1, 0, 0), s.text()
    reason = s.packages[0].reason
    for w in words:
        assert w in reason, reason
    assert lead.people.where() == [] and lead.attempts.where() == []
    return reason


def _and_the_genuine_one_still_imports(lead, pkg, p):
    s = import_paths(lead, [pkg])
    assert s.imported == 1, s.text()
    assert len(lead.attempts.timeline(p.id)) == 2


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


@pytest.mark.parametrize("where", ["header", "payload", "last byte"])
def test_bit_flip_in_the_encrypted_file(sent, tmp_path, where):
    pair, pkg, p = sent
    data = pkg.read_bytes()
    at = {"header": 40, "payload": len(data) // 2 + 40, "last byte": len(data) - 1}[where]
    bad = tmp_path / "flipped.stkpkg"
    bad.write_bytes(_flip(data, at))
    _rejected(pair.lead, bad)
    _and_the_genuine_one_still_imports(pair.lead, pkg, p)


@pytest.mark.parametrize("cut", [0.1, 0.5, -1])
def test_truncated(sent, tmp_path, cut):
    pair, pkg, p = sent
    data = pkg.read_bytes()
    bad = tmp_path / "cut.stkpkg"
    bad.write_bytes(data[:int(len(data) * cut)] if cut > 0 else data[:cut])
    _rejected(pair.lead, bad)
    _and_the_genuine_one_still_imports(pair.lead, pkg, p)


def test_appended_junk(sent, tmp_path):
    pair, pkg, p = sent
    bad = tmp_path / "junk.stkpkg"
    bad.write_bytes(pkg.read_bytes() + b"\x00junk after the end")
    _rejected(pair.lead, bad, "damaged")
    _and_the_genuine_one_still_imports(pair.lead, pkg, p)


def test_not_a_package(pair, tmp_path):
    bad = tmp_path / "notes.stkpkg"
    bad.write_text("hello")
    _rejected(pair.lead, bad, "not a sync package")


@pytest.mark.parametrize("member", ["signature", "manifest.json", "changes.jsonl"])
def test_bit_flip_inside_the_archive_re_encrypted(sent, tmp_path, member):
    """Anyone with the lead's public age key can encrypt to it: the signature is what counts."""
    pair, pkg, p = sent
    parts = open_plain(pair.lead, pkg)
    blob = parts[member]
    parts[member] = _flip(blob, len(blob) // 2)
    bad = reseal(pair.lead, pkg, parts, tmp_path / "edited.stkpkg")
    reason = _rejected(pair.lead, bad)
    assert ("signature" in reason or "do not match" in reason or "JSON" in reason
            or "unsigned" in reason), reason
    _and_the_genuine_one_still_imports(pair.lead, pkg, p)


def test_edited_payload_with_valid_signature_on_old_manifest(sent, tmp_path):
    pair, pkg, p = sent
    parts = open_plain(pair.lead, pkg)
    parts["changes.jsonl"] = parts["changes.jsonl"].replace(b'"Ada"', b'"Eve"')
    bad = reseal(pair.lead, pkg, parts, tmp_path / "edited.stkpkg")
    _rejected(pair.lead, bad, "do not match its signed manifest")


def test_unsigned(sent, tmp_path):
    pair, pkg, p = sent
    parts = open_plain(pair.lead, pkg)
    del parts["signature"]
    bad = reseal(pair.lead, pkg, parts, tmp_path / "unsigned.stkpkg")
    _rejected(pair.lead, bad, "unsigned")


def _forge(sender: Identity, recipient, seq: int, prev, changes: list[dict], out):
    payload = b"".join(json.dumps(c).encode() + b"\n" for c in changes)
    rid = identity(recipient)
    m = make_manifest(package_id="x", sender=sender, sender_role="field",
                      recipient_id=recipient.device_id,
                      recipient_fingerprint=full_fingerprint(rid.signing_public,
                                                             rid.age_recipient),
                      sequence=seq, previous_hash=prev, created_at="2026-01-01T00:00:00+00:00",
                      payload=payload, changes=changes,
                      acknowledgement={"imported_through": 0, "missing": [], "held": []})
    out.write_bytes(seal(sign(sender, m, payload), rid.age_recipient))
    return out


def test_forged_with_another_key(sent, tmp_path):
    pair, pkg, p = sent
    real = identity(pair.field)
    impostor = Identity(pair.field.device_id, Ed25519PrivateKey.generate(), real.age)
    parts = open_plain(pair.lead, pkg)
    changes = [json.loads(x) for x in parts["changes.jsonl"].splitlines()]
    bad = _forge(impostor, pair.lead, 1, None, changes, tmp_path / "forged.stkpkg")
    _rejected(pair.lead, bad, "signature that does not match the enrolled key")
    _and_the_genuine_one_still_imports(pair.lead, pkg, p)


def test_unknown_device(pair, tmp_path):
    """A device that trusts the lead, but that the lead never enrolled."""
    from desktop.sync import enrol, export_enrolment, read_enrolment
    export_enrolment(pair.lead, tmp_path / "agency.json")
    e = read_enrolment(tmp_path / "agency.json")
    one_way = make_store(tmp_path / "oneway", "field", "One Way", "Nowhere")
    enrol(one_way, e, confirmed_fingerprint=e.fingerprint)
    one_way.people.add(Person(name="Ada"))
    (pkg,) = export_packages(one_way, tmp_path / "box").packages
    _rejected(pair.lead, pkg, "not enrolled", "enrolment file")
    one_way.lock()


def test_wrong_recipient(sent, tmp_path):
    """A package for lead A cannot be opened by lead B; and if A (who can) re-encrypts it
    for B, B sees it was addressed to someone else."""
    pair, pkg, p = sent
    lead_b = make_store(tmp_path / "leadb", "lead", "Bee", "Other Team")
    enrol_pair(lead_b, pair.field, tmp_path)
    s = import_paths(lead_b, [pkg])
    assert s.rejected == 1 and "addressed to another store" in s.packages[0].reason
    parts = open_plain(pair.lead, pkg)
    forwarded = reseal(lead_b, pkg, parts, tmp_path / "forwarded.stkpkg")
    s = import_paths(lead_b, [forwarded])
    assert s.rejected == 1 and "addressed to another store" in s.packages[0].reason
    assert lead_b.people.where() == []
    lead_b.lock()


def test_replayed_old_sequence(sent, tmp_path):
    """A second, different package under a sequence number already imported (e.g. from a
    device restored from an old backup, or a forgery by a stolen key) is refused."""
    pair, pkg, p = sent
    field, lead = pair.field, pair.lead
    assert import_paths(lead, [pkg]).imported == 1
    state_before = field.db.execute("SELECT out_sequence, out_last_hash, out_change_seq FROM "
                                    "sync_peer").fetchone()
    log_attempts(field, p.id, 1, "second")
    (second,) = export_packages(field, tmp_path / "box2").packages
    assert import_paths(lead, [second]).imported == 1
    # Roll the device's outbound state back to before the second package, then change more.
    field.db.execute("UPDATE sync_peer SET out_sequence = ?, out_last_hash = ?, "
                     "out_change_seq = ?", state_before)
    field.db.execute("DELETE FROM sync_sent WHERE sequence = 2")
    log_attempts(field, p.id, 1, "third")
    (replay,) = export_packages(field, tmp_path / "box3").packages
    assert replay.name == second.name
    s = import_paths(lead, [replay])
    assert s.rejected == 1 and "replays sequence 2" in s.packages[0].reason
    assert sorted(a.note for a in lead.attempts.timeline(p.id)) == \
        ["second 0", "try 0", "try 1"]
    # The exact same file again is not a replay: just "already imported".
    assert import_paths(lead, [second]).already_imported == 1


def test_broken_chain(sent, tmp_path):
    pair, pkg, p = sent
    assert import_paths(pair.lead, [pkg]).imported == 1
    bad = _forge(identity(pair.field), pair.lead, 2, "0" * 64, [], tmp_path / "chain.stkpkg")
    s = import_paths(pair.lead, [bad])
    assert s.rejected == 1 and "does not follow package 1" in s.packages[0].reason


def test_rejections_are_logged_without_personal_data(sent, tmp_path):
    pair, pkg, p = sent
    bad = tmp_path / "x.stkpkg"
    bad.write_bytes(pkg.read_bytes()[:100])
    import_paths(pair.lead, [bad])
    (event,) = pair.lead.db.execute("SELECT outcome, reason, file_name FROM sync_event "
                                    "WHERE outcome = 'rejected'").fetchall()
    assert event[2] == "x.stkpkg" and "Ada" not in event[1]
