"""Fieldwork records with every field set to a non-default value (round-trip tests)."""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

from desktop.domain.barrier import (Barrier, BarrierCategory, DisengagementKind,
                                    DisengagementPattern, PatternExample)
from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.goal import Goal, GoalProgress, GoalStatus, GoalStep
from desktop.domain.person import (Advocacy, AgencyInvolvement, Capacity, CapacityOutcome, ChildElsewhere, OtherAdult,
                                   CaseStatus, Child, Communication, Consent, ConsentStatus,
                                   Dependants, LawfulBasis, Person, SafeContact)
from desktop.domain.record import Record
from desktop.domain.visit import IncidentKind, StaffSafetyIncident, Visit

D = date(2026, 5, 14)
T = datetime(2026, 5, 14, 10, 30, tzinfo=timezone.utc)


def full_person() -> Person:
    return Person(
        name="Morag Delacroix-Baird", known_as="Morag", date_of_birth=date(1959, 2, 1),
        address="12 Harbour Row, flat 1", status=CaseStatus.ESCALATED,
        lead_agency="Social Work", spoc="Community nurse (Jo)",
        safe_contact=SafeContact(safe_number="07700 900123", safe_message="It's Jo about your leg",
                                 methods_to_avoid="does not open brown envelopes",
                                 best_times="late morning, Tue-Thu"),
        communication=Communication(language="English", interpreter_needed=True, easy_read=True,
                                    needs="needs time to answer",
                                    neurodivergence_adjustments="one question at a time"),
        dependants=Dependants(children=[Child(name="Ava", date_of_birth=date(2018, 3, 3),
                                              note="stays weekends")],
                              pets="a cat", children_referral_recorded_on=date(2026, 5, 2),
                              children_referral_note="MASH, ref 123",
                              children_elsewhere=[ChildElsewhere(
                                  "Leo", date(2012, 1, 5), "his father", "weekends")],
                              other_adults=[OtherAdult("Dougie", "brother", "alcohol use",
                                                       "adult safeguarding concern raised")]),
        capacity=Capacity(considered=True, date=date(2026, 3, 10),
                          outcome=CapacityOutcome.HAS_CAPACITY, by_whom="GP", note="March"),
        advocacy=Advocacy(considered=True, considered_on=date(2026, 5, 2), offered=True,
                          offered_on=date(2026, 5, 14), accepted=True,
                          accepted_on=date(2026, 7, 23), declined_on=date(2026, 6, 11),
                          advocate="Ann (Advocacy Fife)", note="fourth offer accepted"),
        consent=Consent(status=ConsentStatus.REFUSED, rationale="risk of serious harm",
                        lawful_basis=LawfulBasis.PUBLIC_TASK, recorded_on=date(2026, 5, 12)),
        agencies=[AgencyInvolvement(agency="Housing", lead_worker="Pat", contact="01592 000",
                                    role="arrears")],
        disengagement_shared_on=date(2026, 6, 5), notes="known to fire service")


def full_attempt(person_id: str, **kw) -> ContactAttempt:
    base = dict(person_id=person_id, at=T, worker="Jo", method=ContactMethod.JOINT_VISIT,
                outcome=ContactOutcome.SEEN_ENGAGED, note="dressing done",
                next_planned_at=T + timedelta(days=7), advocacy_offered=True,
                correction_reason="logged against the wrong day", corrected_at=T)
    return ContactAttempt(**{**base, **kw})


def full_visit(attempt: ContactAttempt) -> Visit:
    return Visit(attempt_id=attempt.id, person_id=attempt.person_id, present="Morag, Dougie",
                 observed="fridge empty", reported="eating fine", mismatch=True,
                 home_conditions="cluttered kitchen", wellbeing="low mood",
                 risks_noticed="cooker blocked",
                 incident=StaffSafetyIncident([IncidentKind.HOSTILITY, IncidentKind.FILMED],
                                              "Dougie shouted and filmed"),
                 joint_visit_needed_next=True, debrief_needed=True,
                 debrief_done_on=date(2026, 5, 15), debrief_done_by="Team manager")


def full_goal(person_id: str) -> Goal:
    return Goal(person_id=person_id, title="get my leg healed so I can walk to the shop",
                why_it_matters="to get my own messages",
                steps=[GoalStep("let nurse dress it weekly", True, date(2026, 5, 14)),
                       GoalStep("go to GP for bloods")],
                status=GoalStatus.IN_PROGRESS, target_date=date(2026, 9, 1), note="her pace")


def full_progress(goal: Goal) -> GoalProgress:
    return GoalProgress(goal_id=goal.id, person_id=goal.person_id, on_date=date(2026, 5, 21),
                        step_reached=0, rating=3, note="let me in")


def full_barrier(person_id: str) -> Barrier:
    return Barrier(person_id=person_id, category=BarrierCategory.CONTROL_AND_COERCION,
                   note="Dougie answers the door", strategy_tried="visit when he is out",
                   what_happened="seen alone once", noted_on=date(2026, 5, 12), resolved=True)


def full_pattern(person_id: str) -> DisengagementPattern:
    return DisengagementPattern(
        person_id=person_id, kind=DisengagementKind.DISGUISED_COMPLIANCE,
        examples=[PatternExample(date(2026, 5, 14), "says eating fine, fridge empty")],
        note="discuss at review")


def unset_fields(obj) -> list[str]:
    """Fields (outside the record metadata) still at their default value."""
    out = []
    for f in dataclasses.fields(obj):
        if f.name in Record.META:
            continue
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            continue
        if getattr(obj, f.name) == default:
            out.append(f.name)
    return out
