"""The record kinds beyond people and attempts: visits, goals with progress, barriers,
meetings with actions, chronology entries from other agencies, checklist items.

Each kind is planned only when its domain module exists in this build (``_load``), so the
generator keeps working while record kinds are added. Each planner returns records in the
order they must be written (a goal before its progress, a meeting before its actions).
"""
from __future__ import annotations

import importlib
import random
from datetime import date, timedelta

from desktop.synthetic import names
from desktop.synthetic.cases import at_time, build, synthetic_id, weighted


def _load(module: str, *attrs: str):
    try:
        mod = importlib.import_module(module)
        return [getattr(mod, a) for a in attrs]
    except (ImportError, AttributeError):
        return None


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


# ----------------------------------------------------------------------------- fieldwork
MISMATCHES = (("Kitchen bare, fridge empty, smell of damp.", "Says she is eating well and the "
               "flat is fine."),
              ("Bruising on the forearm, flinched when the door banged.", "Says he fell on "
               "the stairs; nothing is wrong at home."),
              ("Several unopened medication boxes.", "Says she takes her tablets every day."))
OBSERVED = ("Flat warm and tidy.", "Heating off, wearing a coat indoors.", "Post piled behind "
            "the door.", "Looked tired; engaged well once sat down.")
REPORTED = ("Feeling a bit better this week.", "Worried about the rent arrears.", "Sleeping "
            "badly; neighbours noisy.", "Would like help with the gas bill.")


def plan_visits(rng, person, attempts, end):
    loaded = _load("desktop.domain.visit", "Visit", "StaffSafetyIncident", "IncidentKind")
    if not loaded:
        return []
    Visit, Incident, Kind = loaded
    out = []
    for a in attempts:
        if not a.outcome.seen or a.method.value not in ("home_visit", "joint_visit") \
                or rng.random() > 0.6:
            continue
        mismatch = rng.random() < 0.12
        observed, reported = rng.choice(MISMATCHES) if mismatch else (
            rng.choice(OBSERVED), rng.choice(REPORTED))
        incident, debrief_on, debrief_by = None, None, ""
        if rng.random() < 0.03:
            incident = build(Incident, kinds=[rng.choice(list(Kind))],
                             description="A visitor shouted at the worker and filmed on a phone.")
            if rng.random() < 0.7:
                debrief_on = min(end, a.at.date() + timedelta(days=rng.randint(0, 5)))
                debrief_by = "Team manager"
        out.append(build(Visit, id=synthetic_id(rng, a.at), attempt_id=a.id,
                         person_id=person.id, present=rng.choice(("Adult only", "Adult and "
                                                                  "partner", "Adult and son")),
                         observed=observed, reported=reported, mismatch=mismatch,
                         home_conditions=rng.choice(("Cluttered", "Clean", "Cold", "")),
                         wellbeing=rng.choice(("Low mood", "Brighter", "Anxious", "")),
                         incident=incident, debrief_needed=incident is not None,
                         debrief_done_on=debrief_on, debrief_done_by=debrief_by,
                         joint_visit_needed_next=incident is not None))
    return out


GOALS = (("Get my heating back on", ("Find the gas letter", "Phone the supplier together",
                                     "Engineer visit")),
         ("Go to the GP about my leg", ("Agree a day", "Book the appointment", "Go, with Sam")),
         ("Sort out the rent arrears", ("Open the housing letters", "Meet the housing officer",
                                        "Agree a payment plan")),
         ("See my grandchildren again", ("Talk about what went wrong", "Write a card")),
         ("Clear the front room", ("One bag a week", "Skip booked", "Room usable")))


def plan_goals(rng, person, attempts, end):
    loaded = _load("desktop.domain.goal", "Goal", "GoalProgress", "GoalStep", "GoalStatus")
    seen = [a for a in attempts if a.outcome.seen]
    if not loaded or not seen:
        return []
    Goal, Progress, Step, Status = loaded
    out = []
    for title, steps in rng.sample(GOALS, rng.randint(0, 3)):
        start = rng.choice(seen).at
        goal = build(Goal, id=synthetic_id(rng, start), person_id=person.id, title=title,
                     why_it_matters=rng.choice(("So I can stay in my own home.", "I'm cold.",
                                                "I miss them.", "")),
                     steps=[build(Step, text=s) for s in steps],
                     status=weighted(rng, {Status.IN_PROGRESS: 50, Status.AGREED: 20,
                                           Status.ACHIEVED: 15, Status.PAUSED: 10,
                                           Status.DROPPED: 5}))
        out.append(goal)
        step, day = -1, start.date()
        for _ in range(rng.randint(0, 6)):
            day = min(end, day + timedelta(days=rng.randint(3, 40)))
            step = min(len(steps) - 1, step + rng.randint(0, 1))
            out.append(build(Progress, id=synthetic_id(rng, at_time(day, rng)),
                             goal_id=goal.id, person_id=person.id, on_date=day,
                             step_reached=step if step >= 0 else None,
                             rating=rng.randint(0, 10), note=rng.choice(
                                 ("Pleased with this.", "Hard week.", "", "Did it together."))))
    return out


def plan_barriers(rng, person, attempts, end):
    loaded = _load("desktop.domain.barrier", "Barrier", "BarrierCategory")
    if not loaded or not attempts:
        return []
    Barrier, Category = loaded
    out = []
    for category in rng.sample(list(Category), rng.randint(0, 2)):
        day = _day_between(rng, attempts[0].at.date(), end)
        tried = rng.random() < 0.6
        out.append(build(Barrier, id=synthetic_id(rng, at_time(day, rng)), person_id=person.id,
                         category=category, noted_on=day,
                         note="Letters from agencies are left unopened; trusts few workers.",
                         strategy_tried="Visits by the same worker on the same weekday."
                         if tried else "",
                         what_happened="Answered the door on the third week." if tried else ""))
    return out


# ----------------------------------------------------------------------------- casework
HARM_SUMMARIES = (("report_of_harm", "Neighbour reported shouting and a fall in the close."),
                  ("incident", "Police attended a disturbance; no arrests."),
                  ("report_of_harm", "Ambulance crew: adult found on the floor, declined "
                                     "hospital."),
                  ("other", "Housing: gas safety check refused."),
                  ("referral", "GP referred to the community mental health team."),
                  ("incident", "Fire service fitted smoke alarms after a pan fire."))


def plan_chronology(rng, person, attempts, end):
    loaded = _load("desktop.domain.chronology", "ChronologyEntry", "ChronologyKind")
    if not loaded or not attempts:
        return []
    Entry, Kind = loaded
    out = []
    for _ in range(rng.randint(1, 12)):
        day = _day_between(rng, attempts[0].at.date(), end)
        kind, summary = rng.choice(HARM_SUMMARIES)
        agency = rng.choice(names.AGENCIES)
        out.append(build(Entry, id=synthetic_id(rng, at_time(day, rng)), person_id=person.id,
                         event_date=day, agency=agency, kind=Kind(kind), summary=summary,
                         worker=rng.choice(names.WORKERS),
                         significance=rng.choice(("Risk increased.", "Shows isolation.", ""))))
    out.sort(key=lambda e: e.event_date)
    return out


def plan_meetings(rng, person, attempts, end):
    loaded = _load("desktop.domain.meeting", "Meeting", "MeetingKind", "Attendee", "Decision",
                   "MeetingConsent")
    risk = _load("desktop.domain.risk", "RiskLevel")
    action = _load("desktop.domain.action", "Action", "ActionStatus")
    if not loaded or not attempts or person.status.value == "open":
        return []
    Meeting, Kind, Attendee, Decision, Consent = loaded
    out = []
    day = attempts[len(attempts) // 3].at.date()
    for n in range(rng.randint(1, 4)):
        if day > end:
            break
        chair, minutes = rng.sample(names.WORKERS, 2)
        kind = Kind.ENGAGEMENT_ESCALATION if n == 0 else Kind.REVIEW
        review = day + timedelta(days=91)
        circulated = day + timedelta(days=rng.choice((2, 4, 6, 9)))
        meeting = build(
            Meeting, id=synthetic_id(rng, at_time(day, rng)), person_id=person.id, kind=kind,
            date=day, chair=chair, minute_taker=minutes, location="Eastmuir Resource Centre",
            attendees=[build(Attendee, name=w, agency=a, role="")
                       for w, a in zip(rng.sample(names.WORKERS, 4),
                                       rng.sample(names.AGENCIES, 4))],
            adult_informed_how="Letter and a visit", adult_informed_by=person.spoc,
            adult_invited=True, consent=Consent.GIVEN,
            decisions=[build(Decision, decision="Continue weekly visits by the SPOC.",
                             rationale="The adult answers the door to the same worker.",
                             made_by="The group; chair agreed")],
            **({"agreed_risk_level": rng.choice(list(risk[0])[1:])} if risk else {}),
            spoc_agreed=person.spoc, next_review=review,
            minutes_circulated_on=circulated if circulated <= end else None)
        out.append(meeting)
        if action:
            Action, Status = action
            for what in rng.sample(("Joint visit with the housing officer",
                                    "Ask the GP for a home visit", "Offer advocacy again",
                                    "Fit a key safe", "Check benefits entitlement"),
                                   rng.randint(1, 3)):
                due = day + timedelta(days=rng.randint(7, 60))
                done = due < end and rng.random() < 0.6
                out.append(build(Action, id=synthetic_id(rng, at_time(day, rng)),
                                 person_id=person.id, what=what,
                                 lead_person=rng.choice(names.WORKERS),
                                 lead_agency=rng.choice(names.AGENCIES), due=due,
                                 status=Status.DONE if done else Status.OPEN,
                                 completed_on=due if done else None,
                                 source_meeting_id=meeting.id))
        day = review
    return out


CHECKLIST_EVIDENCE = {"considered": "Discussed at the escalation meeting.",
                      "offered": "Offered at the visit; adult will think about it.",
                      "referred": "Referral sent; acknowledgement received.",
                      "tried_not_engaged": "Two appointments offered, neither attended.",
                      "not_applicable": "No concerns in this area."}


def plan_checklist(rng, person, attempts, end):
    loaded = _load("desktop.domain.checklist", "ChecklistItem", "ChecklistStatus",
                   "RECORDABLE_CODES")
    if not loaded or not attempts:
        return []
    Item, Status, codes = loaded
    ids = _load("desktop.domain.checklist", "checklist_item_id")
    out = []
    for code in rng.sample(list(codes), min(len(codes), rng.randint(0, 8))):
        from desktop.domain.checklist_rules import allowed_statuses
        allowed = {st.value for st in allowed_statuses(code)}
        status = Status(rng.choice([k for k in CHECKLIST_EVIDENCE if k in allowed]
                                   or list(CHECKLIST_EVIDENCE)))
        day = _day_between(rng, attempts[0].at.date(), end)
        rid = ids[0](person.id, code) if ids else synthetic_id(rng, at_time(day, rng))
        out.append(build(Item, id=rid, person_id=person.id, code=code, status=status,
                         evidence=CHECKLIST_EVIDENCE[status.value], date=day,
                         by_whom=rng.choice(names.WORKERS)))
    return out


PLANNERS = (("visit", plan_visits), ("goal", plan_goals), ("barrier", plan_barriers),
            ("meeting", plan_meetings), ("chronology_entry", plan_chronology),
            ("checklist_item", plan_checklist))
