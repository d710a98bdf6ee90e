"""Enrolment: fingerprints compared by phone, the right file on the right side."""
import json

import pytest

from desktop.sync import EnrolmentError, enrol, export_enrolment, identity, read_enrolment
from desktop.sync.identity import short_fingerprint
from tests.sync.helpers import make_store


@pytest.fixture
def two(tmp_path):
    lead = make_store(tmp_path / "lead", "lead", "Lee", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam", "Community Nursing")
    yield lead, field, tmp_path
    lead.lock()
    field.lock()


def test_keys_live_in_the_store_and_fingerprint_is_short(two):
    lead, _, tmp = two
    ident = identity(lead)
    assert identity(lead).fingerprint == ident.fingerprint           # stable
    assert len(ident.fingerprint) == 19 and ident.fingerprint.count("-") == 3
    assert short_fingerprint(ident.fingerprint_full) == ident.fingerprint
    doc = export_enrolment(lead, tmp / "agency.json")
    text = (tmp / "agency.json").read_text()
    assert "AGE-SECRET-KEY" not in text and doc["age_recipient"].startswith("age1")
    assert doc["kind"] == "agency" and doc["agency"] == "Social Work Team"


def test_wrong_fingerprint_is_refused(two):
    lead, field, tmp = two
    export_enrolment(lead, tmp / "agency.json")
    e = read_enrolment(tmp / "agency.json")
    with pytest.raises(EnrolmentError, match="does not match"):
        enrol(field, e, confirmed_fingerprint="AAAA-BBBB-CCCC-DDDD")
    assert enrol(field, e, confirmed_fingerprint=e.fingerprint.lower().replace("-", " "))
    assert not enrol(field, e, confirmed_fingerprint=e.fingerprint)   # again: no change


def test_each_side_takes_the_other_kind_of_file(two):
    lead, field, tmp = two
    other_field = make_store(tmp / "f2", "field", "Bo", "Housing")
    other_lead = make_store(tmp / "l2", "lead", "Lou", "Other Team")
    export_enrolment(other_field, tmp / "device.json")
    export_enrolment(other_lead, tmp / "agency.json")
    export_enrolment(lead, tmp / "own.json")
    d, a = read_enrolment(tmp / "device.json"), read_enrolment(tmp / "agency.json")
    with pytest.raises(EnrolmentError, match="Import it at the lead agency"):
        enrol(field, d, confirmed_fingerprint=d.fingerprint)
    with pytest.raises(EnrolmentError, match="field worker's device"):
        enrol(lead, a, confirmed_fingerprint=a.fingerprint)
    own = read_enrolment(tmp / "own.json")
    with pytest.raises(EnrolmentError, match="own enrolment file"):
        enrol(lead, own, confirmed_fingerprint=own.fingerprint)
    other_field.lock()
    other_lead.lock()


def test_altered_enrolment_file_is_refused(two):
    lead, field, tmp = two
    export_enrolment(lead, tmp / "agency.json")
    doc = json.loads((tmp / "agency.json").read_text())
    doc["agency"] = "Impostor Team"
    (tmp / "agency.json").write_text(json.dumps(doc))
    with pytest.raises(EnrolmentError, match="altered"):
        read_enrolment(tmp / "agency.json")
    (tmp / "junk.json").write_text("{not json")
    with pytest.raises(EnrolmentError, match="not a Stickability enrolment file"):
        read_enrolment(tmp / "junk.json")


def test_same_device_with_new_keys_is_refused(two, tmp_path):
    lead, field, tmp = two
    export_enrolment(field, tmp / "device.json")
    e = read_enrolment(tmp / "device.json")
    enrol(lead, e, confirmed_fingerprint=e.fingerprint)
    impostor = make_store(tmp / "impostor", "field", "Sam", "Community Nursing")
    doc = export_enrolment(impostor, tmp / "impostor.json")
    doc = {k: v for k, v in doc.items() if k != "signature"}
    doc["device_id"] = field.device_id                       # same id, different keys
    from desktop.sync.identity import b64, canonical
    doc["signature"] = b64(identity(impostor).sign(canonical(doc)))
    (tmp / "impostor.json").write_text(json.dumps(doc))
    e2 = read_enrolment(tmp / "impostor.json")
    with pytest.raises(EnrolmentError, match="already enrolled with different keys"):
        enrol(lead, e2, confirmed_fingerprint=e2.fingerprint)
    impostor.lock()


def test_fingerprints_are_crockford_and_read_the_crockford_way(two):
    from desktop.sync.identity import (
        CROCKFORD, fingerprint_matches, legacy_short_fingerprint, normalise_fingerprint)
    lead, field, tmp = two
    ident = identity(lead)
    fp = ident.fingerprint
    assert set(fp.replace("-", "")) <= set(CROCKFORD)
    assert not set(fp) & set("ILOU")
    full = ident.fingerprint_full
    assert fingerprint_matches(fp, full)
    spoken = fp.lower().replace("0", "O").replace("1", "l").replace("-", " ")
    assert fingerprint_matches(spoken, full)
    assert normalise_fingerprint("o1-il") == "0111"
    # a fingerprint read out from an earlier version still verifies
    assert fingerprint_matches(legacy_short_fingerprint(full), full)
    assert not fingerprint_matches("0000-0000-0000-0000", full)
    export_enrolment(lead, tmp / "agency.json")
    e = read_enrolment(tmp / "agency.json")
    assert enrol(field, e, confirmed_fingerprint=legacy_short_fingerprint(e.fingerprint_full))
