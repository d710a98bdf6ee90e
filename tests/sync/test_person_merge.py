"""Merging two person records travels: field device → lead (merge) → every device holding
either record; later changes for the merged-away id are re-pointed; unmerge puts all back."""
from datetime import date

import pytest

from desktop.domain.goal import Goal, GoalProgress
from desktop.domain.person import Person
from desktop.domain.person_merge import PersonMerge
from desktop.store.person_merge import merge_people, redirect_of, unmerge_people
from desktop.sync import export_packages, import_paths, list_duplicates
from tests.sync.helpers import log_attempts, make_trio


@pytest.fixture
def trio(tmp_path):
    t, pid = make_trio(tmp_path)
    yield t, pid
    t.lock()


def _send(src, dst, tmp, name):
    out = export_packages(src, tmp / name, for_device=dst.device_id)
    return import_paths(dst, out.packages)


def _attempt_people(store, ids):
    return {a.id: a.person_id for a in store.attempts.where(
        f"id IN ({', '.join('?' * len(ids))})", ids, include_deleted=True)}


def test_merge_round_trip_field_lead_second_field(trio):
    t, keep = trio
    # Field device A records the same adult again, under a name written differently.
    q = t.a.people.add(Person(name="Morag Delacroix Baird", address="12 Harbour Row"))
    first = [x.id for x in log_attempts(t.a, q.id, 3, "door")]
    goal = t.a.goals.add(Goal(person_id=q.id, title="Get the boiler fixed"))
    t.a.repo(GoalProgress).add(GoalProgress(goal_id=goal.id, person_id=q.id,
                                            on_date=date.today(), rating=3))
    s = _send(t.a, t.lead, t.tmp, "a1")
    assert s.imported == 1 and s.duplicates == 1
    (d,) = list_duplicates(t.lead)
    assert {d["record_id"], d["other_id"]} == {keep, q.id}
    assert "hyphen" in d["reason"]

    result = merge_people(t.lead, keep, q.id, "same adult, name written without the hyphen")
    assert result.moved == {"contact_attempt": 3, "goal": 1, "goal_progress": 1}
    assert t.lead.people.get(q.id) is None and redirect_of(t.lead, q.id) == keep
    assert set(_attempt_people(t.lead, first).values()) == {keep}

    # Meanwhile A, not yet told, logs one more attempt for the merged-away id.
    late = log_attempts(t.a, q.id, 1, "late")[0].id
    s = _send(t.a, t.lead, t.tmp, "a2")
    assert s.imported == 1 and s.quarantined == 0
    assert t.lead.attempts.get(late).person_id == keep           # re-pointed at the lead

    for dev, name in ((t.a, "to-a"), (t.b, "to-b")):
        s = _send(t.lead, dev, t.tmp, name)
        assert s.rejected == 0 and s.quarantined == 0, s.reasons
        assert dev.people.get(q.id) is None                          # a redirect tombstone
        got = _attempt_people(dev, [*first, late])
        assert got == {i: keep for i in [*first, late]}, dev.actor   # B had none of them
        assert dev.goals.get(goal.id).person_id == keep
        assert dev.repo(PersonMerge).where("other_id = ?", (q.id,))
        assert [p.id for p in dev.people.caseload()] == [keep]
    assert t.lead.audit_verify().ok

    # Undo at the lead: every record goes back, on every device.
    back = unmerge_people(t.lead, keep, q.id, "different people after all")
    assert back.moved["contact_attempt"] == 4
    assert set(_attempt_people(t.lead, [*first, late]).values()) == {q.id}
    for dev, name in ((t.a, "undo-a"), (t.b, "undo-b")):
        s = _send(t.lead, dev, t.tmp, name)
        assert s.rejected == 0 and s.quarantined == 0, s.reasons
        assert dev.people.get(q.id) is not None
        assert set(_attempt_people(dev, [*first, late]).values()) == {q.id}
        assert dev.goals.get(goal.id).person_id == q.id


def test_merge_keeps_the_survivors_checklist_and_copies_what_it_lacks(trio):
    from desktop.domain.checklist import ChecklistStatus
    t, keep = trio
    other = t.lead.people.add(Person(name="M Delacroix-Baird")).id
    lead = t.lead
    lead.checklist.set(keep, "1", ChecklistStatus.CONSIDERED, "talked it through",
                       date.today())
    lead.checklist.set(other, "1", ChecklistStatus.CONSIDERED, "offered", date.today())
    lead.checklist.set(other, "3", ChecklistStatus.CONSIDERED, "offered", date.today())
    r = merge_people(lead, keep, other, "same adult")
    assert r.copied == {"checklist_item": 1} and r.kept_apart == {"checklist_item": 1}
    current = lead.checklist.current(keep)
    assert current["1"].evidence == "talked it through" and current["3"].evidence == "offered"
    unmerge_people(lead, keep, other)
    assert set(lead.checklist.current(keep)) == {"1"}
    assert set(lead.checklist.current(other)) == {"1", "3"}


def test_a_merge_is_refused_without_a_reason_or_twice(trio):
    from desktop.domain.record import ValidationError
    t, keep = trio
    other = t.lead.people.add(Person(name="Morag Delacroix Baird"))
    with pytest.raises(ValidationError):
        merge_people(t.lead, keep, other.id, "  ")
    with pytest.raises(ValidationError):
        merge_people(t.lead, keep, keep, "same")
    merge_people(t.lead, keep, other.id, "same adult")
    with pytest.raises(ValidationError, match="already merged"):
        merge_people(t.lead, keep, other.id, "again")
    with pytest.raises(LookupError):
        unmerge_people(t.lead, other.id, keep)
