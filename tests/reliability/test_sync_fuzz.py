"""Packages under attack (hypothesis): mutated, truncated, extended, re-encrypted, re-signed and
replayed packages never crash the importer, are never applied in part, never duplicate a
record, and every rejection carries a reason. ``bench/soak_fuzz.py`` runs 10,000 cases.
(``tests/sync/test_rejections.py`` has the hand-picked cases; the campaigns are in
``tests/reliability/fuzzcases.py``.)"""
from __future__ import annotations

from collections import Counter

import pytest

from tests.reliability.crash import assert_store_sound
from tests.reliability.fuzzcases import (hostile, mutated_files, replays, sender_signed,
                                         tampered_members)
from tests.reliability.syncfuzz import make_world


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Shared by the two rejection campaigns: nothing may ever be applied to its lead."""
    w = make_world(tmp_path_factory.mktemp("fuzz"))
    yield w
    w.lead.lock()
    w.field.lock()


@pytest.fixture
def fresh_world(tmp_path):
    w = make_world(tmp_path / "w")
    yield w
    w.lead.lock()
    w.field.lock()


def _reasons(tally: Counter) -> int:
    return sum(1 for k in tally if k.startswith("reason: "))


def test_mutated_files_are_rejected_with_a_reason(world, figures):
    tally = Counter()
    mutated_files(world, 50, tally)
    assert_store_sound(world.lead)
    figures(f"fuzz bytes: {tally['bytes: rejected']} mutated files rejected, nothing applied; "
            f"{_reasons(tally)} distinct reasons")
    assert tally["bytes: rejected"] > 30


def test_tampered_re_encrypted_and_re_signed_are_rejected(world, figures):
    tally = Counter()
    tampered_members(world, 50, tally)
    assert_store_sound(world.lead)
    rejected = sum(n for k, n in tally.items() if k.startswith("members"))
    figures(f"fuzz re-encrypted/re-signed: {rejected} tampered packages rejected, nothing "
            f"applied; {_reasons(tally)} distinct reasons")
    assert rejected > 30


def test_sender_signed_garbage_is_applied_or_quarantined_never_crashes(fresh_world, figures):
    tally = Counter()
    sender_signed(fresh_world, 30, tally)
    assert_store_sound(fresh_world.lead)
    figures(f"fuzz sender-signed: {tally['signed: packages imported']} packages with "
            f"{tally['signed: changes']} arbitrary changes imported whole: "
            f"{tally['signed: changes applied']} applied, "
            f"{tally['signed: changes quarantined']} quarantined with reasons; "
            f"{tally['signed: copies and replays refused']} second copies and replays changed "
            "nothing")
    assert tally["signed: changes applied"] > 0 and tally["signed: changes quarantined"] > 0


def test_replays_in_any_order_import_each_package_once(fresh_world, figures):
    tally = Counter()
    replays(fresh_world, 30, tally)
    figures(f"fuzz replay: {tally['replay: orders']} orders and batchings, "
            f"{tally['replay: files offered']} files offered, every package imported exactly "
            "once, no duplicate")
    assert tally["replay: orders"] > 10


def test_hostile_nesting_numbers_archives_and_signed_content_never_crash(fresh_world, figures):
    tally = Counter()
    hostile(fresh_world, 60, tally)
    assert_store_sound(fresh_world.lead)
    outcomes = {k.split(": ")[1]: 0 for k in tally if k.startswith("hostile ")}
    for k, n in tally.items():
        if k.startswith("hostile ") and ": " in k:
            outcomes[k.split(": ")[1]] += n
    figures(f"fuzz hostile: {tally['hostile: cases']} nested / huge-number / archive-trick / "
            f"signed-malicious files, no crash, {tally['hostile: partial applies']} partial "
            f"applies; outcomes {dict(sorted(outcomes.items()))}")
    assert tally["hostile: cases"] > 40 and tally["hostile: partial applies"] == 0


def test_wrongly_typed_value_is_quarantined_not_a_crash(fresh_world):
    """Found by bench/soak_fuzz.py: a signed change giving a person's name as a number made
    the import raise (AttributeError in validation) instead of quarantining the change."""
    import time

    from tests.reliability.syncfuzz import import_bytes, signed_package
    w = fresh_world
    stamp = f"{time.time_ns() // 1_000_000:013d}-0000-{w.field_id}"
    bad = {"entity": "person", "id": "01a20a09-6d44-74b3-9490-297779b3f632", "stamp": stamp,
           "op": "upsert", "fields": {"name": 1}, "old": None, "actor": "", "at": "",
           "origin_device": w.field_id}
    outcome = import_bytes(w, signed_package(w, [bad]))
    assert outcome.outcome == "imported"
    [reason] = [r[0] for r in w.lead.db.execute("SELECT reason FROM sync_quarantine")]
    assert "cannot be read" in reason and w.lead.people.where() == []
