"""Validation of the fieldwork records and the completed Person."""
from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import codec
from desktop.domain.barrier import (Barrier, BarrierCategory, DisengagementKind,
                                    DisengagementPattern, PatternExample)
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.goal import Goal, GoalProgress, GoalStatus, GoalStep
from desktop.domain.person import (Advocacy, Capacity, CapacityOutcome, Child, Dependants,
                                   AgencyInvolvement, Person)
from desktop.domain.record import ValidationError
from desktop.domain.visit import IncidentKind, StaffSafetyIncident, Visit
from tests.samples import (full_attempt, full_barrier, full_goal, full_pattern,
                                     full_person, full_progress, full_visit, unset_fields)

TOMORROW = date.today() + timedelta(days=1)


def test_samples_set_every_field():
    p = full_person()
    a = full_attempt("p")
    g = full_goal("p")
    for obj in (p, a, full_visit(a), g, full_progress(g), full_barrier("p"), full_pattern("p")):
        assert unset_fields(obj) == [], type(obj).__name__
        obj.validate()


def test_codec_round_trips_every_sample():
    a = full_attempt("p")
    g = full_goal("p")
    for obj in (full_person(), full_visit(a), g, full_progress(g), full_barrier("p"),
                full_pattern("p")):
        again = codec.from_fields(type(obj), codec.to_fields(obj))
        assert again == obj


# -- Person ------------------------------------------------------------------------------------
@pytest.mark.parametrize("change, message", [
    (lambda p: setattr(p, "capacity", Capacity(outcome=CapacityOutcome.HAS_CAPACITY,
                                               by_whom="GP")), "mark capacity as considered"),
    (lambda p: setattr(p, "capacity", Capacity(considered=True)), "when capacity was considered"),
    (lambda p: setattr(p, "capacity", Capacity(considered=True, date=date(2026, 3, 1),
                                               outcome=CapacityOutcome.LACKS_CAPACITY)),
     "who assessed"),
    (lambda p: setattr(p, "advocacy", Advocacy(offered=True)), "when advocacy was offered"),
    (lambda p: setattr(p, "advocacy", Advocacy(accepted=True, accepted_on=date(2026, 1, 1))),
     "once it has been offered"),
    (lambda p: setattr(p, "advocacy", Advocacy(offered=True, offered_on=date(2026, 5, 1),
                                               accepted=True, accepted_on=date(2026, 4, 1))),
     "before it was first offered"),
    (lambda p: setattr(p, "dependants", Dependants(children=[Child()])), "name or a note"),
    (lambda p: setattr(p, "dependants", Dependants(children_referral_recorded_on=TOMORROW)),
     "future"),
    (lambda p: setattr(p, "agencies", [AgencyInvolvement(lead_worker="Pat")]), "agency's name"),
    (lambda p: setattr(p, "disengagement_shared_on", TOMORROW), "future"),
    (lambda p: setattr(p, "name", "   "), "needs a name"),
])
def test_person_rules(change, message):
    p = full_person()
    change(p)
    with pytest.raises(ValidationError, match=message):
        p.validate()


def test_person_minimal_is_valid_and_child_with_note_only_is_fine():
    p = Person(name=" Morag ")
    p.dependants.children.append(Child(note="boy, about 8"))
    p.validate()
    assert p.name == "Morag"


# -- Visit ------------------------------------------------------------------------------------
def _visit(**kw) -> Visit:
    return Visit(**{"attempt_id": "a", "person_id": "p", **kw})


def test_mismatch_needs_both_observation_and_report():
    with pytest.raises(ValidationError, match="record both"):
        _visit(mismatch=True, observed="fridge empty").validate()
    _visit(mismatch=True, observed="fridge empty", reported="eating fine").validate()


def test_incident_needs_kind_and_description_and_forces_debrief():
    with pytest.raises(ValidationError, match="threats, hostility, violence, being filmed"):
        _visit(incident=StaffSafetyIncident([], "shouting")).validate()
    with pytest.raises(ValidationError, match="Describe"):
        _visit(incident=StaffSafetyIncident([IncidentKind.THREATS], " ")).validate()
    v = _visit(incident=StaffSafetyIncident([IncidentKind.FILMED, IncidentKind.FILMED], "phone"))
    v.validate()
    assert v.debrief_needed and v.incident.kinds == [IncidentKind.FILMED]
    assert v.debrief_outstanding


def test_debrief_needs_date_and_person_together():
    with pytest.raises(ValidationError, match="who held"):
        _visit(debrief_done_on=date(2026, 6, 5)).validate()
    with pytest.raises(ValidationError, match="when the debrief"):
        _visit(debrief_done_by="manager").validate()
    with pytest.raises(ValidationError, match="future"):
        _visit(debrief_done_on=TOMORROW, debrief_done_by="manager").validate()
    v = _visit(debrief_needed=True, debrief_done_on=date(2026, 6, 5), debrief_done_by="manager")
    v.validate()
    assert not v.debrief_outstanding


@pytest.mark.parametrize("outcome", list(ContactOutcome))
@pytest.mark.parametrize("method", list(ContactMethod))
def test_visit_on_a_seen_contact_or_an_in_person_visit(outcome, method):
    attempt = full_attempt("p", outcome=outcome, method=method)
    v = _visit(attempt_id=attempt.id)
    in_person = method in (ContactMethod.HOME_VISIT, ContactMethod.JOINT_VISIT,
                           ContactMethod.DROP_IN_OUTREACH)
    if outcome.seen or in_person:
        v.check_attempt(attempt)
    else:
        with pytest.raises(ValidationError, match="only be added to a contact where"):
            v.check_attempt(attempt)


def test_visit_and_attempt_must_be_the_same_person_and_debrief_not_before():
    attempt = full_attempt("someone else")
    with pytest.raises(ValidationError, match="different people"):
        _visit().check_attempt(attempt)
    attempt = full_attempt("p")
    early = _visit(debrief_done_on=attempt.at.date() - timedelta(days=1), debrief_done_by="m")
    with pytest.raises(ValidationError, match="before the visit"):
        early.check_attempt(attempt)


# -- Goals ------------------------------------------------------------------------------------
def test_goal_needs_a_title_and_no_empty_steps():
    with pytest.raises(ValidationError, match="own words"):
        Goal(person_id="p", title="  ").validate()
    with pytest.raises(ValidationError, match="Step 2 is empty"):
        Goal(person_id="p", title="x", steps=[GoalStep("a"), GoalStep(" ")]).validate()


def test_mark_reached_keeps_earlier_dates_and_starts_the_goal():
    g = Goal(person_id="p", title="x", status=GoalStatus.AGREED,
             steps=[GoalStep("a", True, date(2026, 5, 1)), GoalStep("b"), GoalStep("c")])
    g.mark_reached(1, date(2026, 5, 20))
    assert [(s.done, s.done_on) for s in g.steps] == [
        (True, date(2026, 5, 1)), (True, date(2026, 5, 20)), (False, None)]
    assert g.status is GoalStatus.IN_PROGRESS
    g.status = GoalStatus.PAUSED
    g.mark_reached(2, date(2026, 5, 27))
    assert g.status is GoalStatus.PAUSED        # a paused goal is not restarted silently


@given(st.integers(-5, 15))
def test_rating_bounds(rating):
    entry = GoalProgress(goal_id="g", person_id="p", on_date=date(2026, 5, 1), rating=rating)
    if 0 <= rating <= 10:
        entry.validate()
    else:
        with pytest.raises(ValidationError, match="0 to 10"):
            entry.validate()


def test_progress_needs_step_or_rating_and_a_real_step():
    with pytest.raises(ValidationError, match="step reached, a rating"):
        GoalProgress(goal_id="g", person_id="p", on_date=date(2026, 5, 1)).validate()
    with pytest.raises(ValidationError, match="future"):
        GoalProgress(goal_id="g", person_id="p", on_date=TOMORROW, rating=1).validate()
    goal = Goal(person_id="p", title="x", steps=[GoalStep("a"), GoalStep("b")])
    entry = GoalProgress(goal_id=goal.id, person_id="p", on_date=date(2026, 5, 1), step_reached=2)
    with pytest.raises(ValidationError, match="from 1 to 2"):
        entry.check_goal(goal)
    with pytest.raises(ValidationError, match="no steps yet"):
        entry.check_goal(Goal(person_id="p", title="y"))


# -- Barriers and patterns ------------------------------------------------------------------------
def test_barrier_categories_cover_nottingham_and_the_extras():
    assert len(BarrierCategory) == 12
    assert all(c.label and c.hint for c in BarrierCategory)
    assert len(DisengagementKind) == 5 and all(k.label and k.hint for k in DisengagementKind)


def test_barrier_rules():
    with pytest.raises(ValidationError, match="Describe the barrier"):
        Barrier(person_id="p", category=BarrierCategory.TRAUMA).validate()
    with pytest.raises(ValidationError, match="which strategy"):
        Barrier(person_id="p", category=BarrierCategory.TRAUMA, note="x",
                what_happened="y").validate()
    with pytest.raises(ValidationError, match="Choose a barrier"):
        Barrier(person_id="p", category="trauma", note="x").validate()


def test_pattern_needs_an_example_and_drops_blank_rows():
    with pytest.raises(ValidationError, match="at least one example of online"):
        DisengagementPattern(person_id="p", kind=DisengagementKind.ONLINE_BEHAVIOURS,
                             examples=[PatternExample()]).validate()
    with pytest.raises(ValidationError, match="description"):
        DisengagementPattern(person_id="p", kind=DisengagementKind.ONLINE_BEHAVIOURS,
                             examples=[PatternExample(date(2026, 6, 4), " ")]).validate()
    p = DisengagementPattern(person_id="p", kind=DisengagementKind.ONLINE_BEHAVIOURS,
                             examples=[PatternExample(text="filmed"), PatternExample()])
    p.validate()
    assert len(p.examples) == 1


def test_records_are_kw_only_dataclasses_with_entities():
    for cls in (Visit, Goal, GoalProgress, Barrier, DisengagementPattern):
        assert cls.ENTITY and dataclasses.is_dataclass(cls)
    assert GoalProgress.APPEND_ONLY and not Visit.APPEND_ONLY
