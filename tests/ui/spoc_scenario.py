"""Case study 1 (fictional): Morag's record and the SPOC's weeks, for GUI tests and screenshots.
Dates are shifted so that the last contact is a few days before today."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from desktop.domain.barrier import (Barrier, BarrierCategory, DisengagementKind,
                                    DisengagementPattern, PatternExample)
from desktop.domain.contact import ContactMethod as M, ContactOutcome as O
from desktop.domain.person import (Advocacy, AgencyInvolvement, Capacity, CapacityOutcome,
                                   Communication, Consent, ConsentStatus, Dependants,
                                   LawfulBasis, Person, SafeContact)
from desktop.domain.visit import IncidentKind, StaffSafetyIncident


def build(store, today: date | None = None) -> dict:
    today = today or date.today()
    start = today - timedelta(days=31)            # "14 May"

    def day(n: int, hour: int = 11) -> datetime:
        d = start + timedelta(days=n)
        return datetime.combine(d, time(hour)).astimezone(timezone.utc)

    p = store.people.add(Person(
        name="Morag Delacroix-Baird", known_as="Morag", date_of_birth=date(1959, 3, 2),
        address="Flat 1, 12 Harbour Row", lead_agency="Social Work", spoc="Jo Reid (nurse)",
        safe_contact=SafeContact(safe_number="", safe_message="It's Jo from the nurses",
                                 methods_to_avoid="Does not open brown envelopes; will not "
                                 "answer the phone", best_times="Late morning"),
        communication=Communication(language="English", needs="Give her time; one thing at "
                                    "a time"),
        dependants=Dependants(pets="A cat"),
        capacity=Capacity(considered=True, date=start - timedelta(days=60),
                          outcome=CapacityOutcome.HAS_CAPACITY, by_whom="GP"),
        advocacy=Advocacy(considered=True, considered_on=start - timedelta(days=12)),
        consent=Consent(status=ConsentStatus.REFUSED, lawful_basis=LawfulBasis.PUBLIC_TASK,
                        rationale="Risk of serious harm (fire, exploitation); necessary and "
                        "proportionate", recorded_on=start - timedelta(days=2)),
        agencies=[AgencyInvolvement(agency="Housing", lead_worker="Pat Low", role="arrears"),
                  AgencyInvolvement(agency="Fire and Rescue", lead_worker="Sam Bell", role="home safety"),
                  AgencyInvolvement(agency="Police", lead_worker="PC Kerr", role="community officer")]))
    log = store.attempts.log
    a1 = log(p.id, M.HOME_VISIT, O.SEEN_ENGAGED, "Dressing done", at=day(0),
             advocacy_offered=True)
    store.visits.log(a1.id, present="Morag", observed="Fridge empty, kitchen cluttered",
                     reported="Says she is eating fine", mismatch=True,
                     home_conditions="Cluttered kitchen, cooker top covered",
                     wellbeing="Tired, leg painful", risks_noticed="Fire risk at the cooker")
    log(p.id, M.HOME_VISIT, O.NOT_AT_HOME, "", at=day(7))
    log(p.id, M.HOME_VISIT, O.NO_ANSWER, "Curtains drawn", at=day(14))
    door = log(p.id, M.HOME_VISIT, O.ACCESS_REFUSED_BY_THIRD_PARTY,
               "Dougie at the door; safe message left with the neighbour", at=day(21))
    store.visits.log(door.id, present="Dougie (visitor)",
                     observed="Man at the door refused access; shouted",
                     joint_visit_needed_next=True,
                     incident=StaffSafetyIncident([IncidentKind.HOSTILITY, IncidentKind.FILMED],
                                                  "Dougie shouted and filmed me on his phone"))
    log(p.id, M.PHONE, O.NO_ANSWER, "", at=day(22, 14))
    g1 = store.goals.new(p.id, "Get my leg healed so I can walk to the shop",
                         why="To get my own messages", steps=[
                             "Let the nurse dress it weekly", "Go to the GP for bloods",
                             "Walk to the corner"])
    g2 = store.goals.new(p.id, "Sort the kitchen so I can cook", why="To make soup again",
                         steps=["Clear the cooker top", "Get the cooker checked"])
    store.goals.record_progress(g1.id, on_date=day(0).date(), rating=3, step_reached=0,
                                note="Let me dress it")
    store.goals.record_progress(g1.id, on_date=day(14).date(), rating=2, note="No answer")
    store.goals.record_progress(g1.id, on_date=day(22).date(), rating=4,
                                note="Said on the phone to the GP she will go")
    store.goals.record_progress(g2.id, on_date=day(0).date(), rating=1, note="Not yet")
    for cat, note, strategy, happened in (
            (BarrierCategory.CONTROL_AND_COERCION, "Dougie stays some nights and takes her "
             "pension", "Visit when he is out (late morning)", "Seen alone once"),
            (BarrierCategory.FEAR_OF_OTHERS, "Afraid of what Dougie will do", "", ""),
            (BarrierCategory.SYSTEMS, "Does not open letters", "Housing paused arrears letters",
             "No letters since"),
            (BarrierCategory.NOT_SEEN_AS_PROBLEM, "Does not see the hoarding as a problem",
             "Start with the cooker (fire risk) only", "")):
        store.barriers.add(Barrier(person_id=p.id, category=cat, note=note,
                                   strategy_tried=strategy, what_happened=happened,
                                   noted_on=start))
    store.patterns.add(DisengagementPattern(
        person_id=p.id, kind=DisengagementKind.DISGUISED_COMPLIANCE,
        examples=[PatternExample(day(0).date(), "Says eating fine; fridge empty")]))
    store.patterns.add(DisengagementPattern(
        person_id=p.id, kind=DisengagementKind.ONLINE_BEHAVIOURS,
        examples=[PatternExample(day(21).date(), "Dougie filmed the nurse at the door")]))
    return {"person": p, "goals": [g1, g2], "door": door, "seen": a1}
