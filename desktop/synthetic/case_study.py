"""Case study 1 (fictional, ``shared/scenarios/case-study-1.md``): six months of engagement
escalation for one adult, entered through the same store API the app uses.

It walks the Fife flow chart: trigger (steps 1-2), the first engagement-escalation meeting
(step 3), the SPOC's weeks of contact, visits and small goals (steps 4-5), and the review meeting
that de-escalates (step 6). Used by the demo store, the screenshots and an end-to-end test that
checks the app fits real work. Everything here is invented.
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from desktop.domain.contact import ContactMethod as M, ContactOutcome as O
from desktop.domain.person import (Advocacy, AgencyInvolvement, Capacity, CapacityOutcome,
                                   CaseStatus, Communication, Consent, ConsentStatus, Dependants,
                                   LawfulBasis, Person, SafeContact)

YEAR = 2026
NAME = "Morag Delacroix-Baird"


def d(month: int, day: int) -> date:
    return date(YEAR, month, day)


def at(month: int, day: int, hour: int = 11, minute: int = 0) -> datetime:
    return datetime.combine(d(month, day), time(hour, minute), tzinfo=timezone.utc)


AGENCIES = [
    AgencyInvolvement(agency="Social Work", lead_worker="Fiona Grant", contact="01592 000 101", role="Lead agency"),
    AgencyInvolvement(agency="Community Nursing", lead_worker="Sam Taylor", contact="01592 000 202", role="SPOC"),
    AgencyInvolvement(agency="Housing", lead_worker="Ravi Chandra", contact="01592 000 303", role="Housing officer"),
    AgencyInvolvement(agency="Fire and Rescue", lead_worker="Lorna McBride", contact="01592 000 404", role="Fire safety officer"),
    AgencyInvolvement(agency="Police Scotland", lead_worker="PC Alan Soutar", contact="101", role="Community officer"),
    AgencyInvolvement(agency="GP practice", lead_worker="Dr Helen Moir", contact="01592 000 505", role="GP"),
]


def seed(store) -> str:
    """Enter the whole case; returns the person's id."""
    from desktop.domain.barrier import (Barrier, BarrierCategory, DisengagementKind,
                                        DisengagementPattern, PatternExample)
    from desktop.domain.checklist import ChecklistStatus as CS
    from desktop.domain.chronology import ChronologyEntry, ChronologyKind as CK
    from desktop.domain.closure import KeepInTouch  # noqa: F401  (documented: not closed)
    from desktop.domain.meeting import Attendee, Decision, MeetingConsent, MeetingKind
    from desktop.domain.agenda import AgendaAnswer
    from desktop.domain.referral import Referral, ReferralTo
    from desktop.domain.risk import DomainEntry, Rara, RiskDomain, RiskLevel, RiskRow, \
        SupervisoryReview
    from desktop.domain.supervision import Supervision, SupervisionDecision
    from desktop.domain.visit import IncidentKind, StaffSafetyIncident

    person = store.people.add(Person(
        name=NAME, known_as="Morag", date_of_birth=date(1959, 3, 14),
        address="Flat 2, 14 Harbour Row, Kirkcaldy", status=CaseStatus.ESCALATED,
        lead_agency="Social Work", spoc="Sam Taylor (Community Nursing)",
        safe_contact=SafeContact(
            safe_number="", safe_message="Say it is the nurse about her leg; nothing else.",
            methods_to_avoid="Does not open brown envelopes. Does not answer the phone.",
            best_times="Late morning, weekdays"),
        communication=Communication(language="English",
                                    needs="Prefers short visits; answers the door to people "
                                          "she knows."),
        dependants=Dependants(children=[], pets="A cat (Bramble)"),
        capacity=Capacity(considered=True, date=d(3, 10),
                          outcome=CapacityOutcome.HAS_CAPACITY, by_whom="Dr Helen Moir (GP)",
                          note="Decision-specific: managing her home and finances."),
        advocacy=Advocacy(considered=True, considered_on=d(5, 2)),
        consent=Consent(status=ConsentStatus.REFUSED, lawful_basis=LawfulBasis.PUBLIC_TASK,
                        rationale="Risk of serious harm from self-neglect, fire and financial "
                                  "exploitation; sharing is necessary and proportionate.",
                        recorded_on=d(5, 12)),
        agencies=AGENCIES))
    pid = person.id

    # Steps 1-2: the trigger, and the chronology expanded with other agencies' entries.
    for when, agency, kind, summary, sig in [
        ((1, 18), "Housing", CK.REPORT_OF_HARM, "Neighbour reports hoarding and a smell from "
         "the flat; rent arrears of eight weeks.", "Self-neglect concern"),
        ((2, 6), "Fire and Rescue", CK.INCIDENT, "Kitchen fire (pan left on the hob); no "
         "injuries. Smoke alarm not working.", "Fire risk"),
        ((3, 2), "GP practice", CK.OTHER, "Missed diabetic reviews for a year; leg ulcer "
         "untreated.", "Health deteriorating"),
        ((3, 21), "Police Scotland", CK.REPORT_OF_HARM, "Call about a man ('Dougie') who "
         "stays some nights and takes her pension.", "Possible financial exploitation"),
        ((4, 14), "Police Scotland", CK.REPORT_OF_HARM, "Second call about Dougie; she "
         "declined to make a statement.", "Coercion suspected"),
        ((4, 28), "Social Work", CK.OTHER, "Second inter-agency referral discussion; she "
         "declined an adult protection inquiry. Protocol started.", "Escalation"),
    ]:
        store.chronology.add(ChronologyEntry(person_id=pid, event_date=d(*when), agency=agency,
                                             kind=kind, summary=summary, significance=sig))

    store.referrals.add(Referral(person_id=pid, to_whom=ReferralTo.ADULT_SAFEGUARDING,
                                 date=d(4, 28), reason="Three reports of harm in four months.",
                                 made_by="Fiona Grant", agency="Social Work",
                                 outcome="Inquiry declined by the adult; protocol started.",
                                 outcome_date=d(4, 30)))

    cl = store.checklist
    cl.set(pid, "7.gp", CS.REFERRED, "Letter and phone call to the practice.", d(5, 2),
           "GP to offer a home review", "Fiona Grant")
    cl.set(pid, "2.considered", CS.CONSIDERED, "Discussed with the team; to be offered by the "
           "nurse at each visit.", d(5, 2), by_whom="Fiona Grant")
    cl.set(pid, "9.considered", CS.CONSIDERED, "Threshold for MARAC not met (not an intimate "
           "partner); police lead on Dougie.", d(5, 2), by_whom="Fiona Grant")

    # Step 3: the first engagement-escalation meeting (12 May).
    meeting = store.meetings.add_meeting(
        pid, MeetingKind.ENGAGEMENT_ESCALATION, d(5, 12),
        chair="Service manager, Social Work", minute_taker="Team administrator",
        attendees=[Attendee("Fiona Grant", "Social Work", "Lead worker"),
                   Attendee("Ravi Chandra", "Housing", "Housing officer"),
                   Attendee("Sam Taylor", "Community Nursing", "Community nurse"),
                   Attendee("Lorna McBride", "Fire and Rescue", "Fire safety officer"),
                   Attendee("PC Alan Soutar", "Police Scotland", "Community officer")],
        apologies=[Attendee("Dr Helen Moir", "GP practice", "GP")],
        adult_informed_how="Told in person by the nurse at the dressing visit",
        adult_informed_by="Sam Taylor", adult_invited=True, adult_present=False,
        consent=MeetingConsent.REFUSED, lawful_basis=LawfulBasis.PUBLIC_TASK,
        sharing_rationale="Risk of serious harm; necessary, proportionate and relevant (NPR).",
        agenda=[AgendaAnswer("risk", "Financial exploitation and possible coercion by Dougie; "
                                     "fire risk; self-neglect (leg ulcer, diet)."),
                AgendaAnswer("wishes", "Wants to stay at home with her cat; does not want "
                                       "'the social' involved."),
                AgendaAnswer("best_placed", "The community nurse: she lets her in to dress "
                                            "her leg.")],
        decisions=[Decision("The community nurse is the single point of contact.",
                            "The only worker she lets in.", "The group; chair confirmed"),
                   Decision("Share information without consent under public task.",
                            "Risk of serious harm; NPR confirmed.", "Chair")],
        agreed_risk_level=RiskLevel.HIGH, spoc_agreed="Sam Taylor (Community Nursing)",
        next_review=d(8, 11), minutes_circulated_on=d(5, 15))

    ra = store.risk_assessments.new_version(
        pid, assessed_on=d(5, 12), assessed_by="Fiona Grant",
        agencies_involved=[a.agency for a in AGENCIES],
        circumstances="Lives alone in a ground-floor council flat; hoarding; rent arrears; "
                      "kitchen fire in February; missed diabetic reviews; leg ulcer.",
        consent=ConsentStatus.REFUSED, consent_note="Shared under public task; NPR confirmed.",
        entries=[DomainEntry(RiskDomain.CARERS_SIGNIFICANT_ADULTS, d(4, 14), "Police Scotland",
                             "Financial exploitation and possible coercion by 'Dougie'."),
                 DomainEntry(RiskDomain.OTHER, d(2, 6), "Fire and Rescue",
                             "Fire risk: cooking, hoarding, no working smoke alarm."),
                 DomainEntry(RiskDomain.OTHER, d(3, 2), "GP practice",
                             "Self-neglect: diabetes unmanaged, leg ulcer.")],
        summary="High risk of serious harm through fire, self-neglect and exploitation.",
        level=RiskLevel.HIGH,
        risks=[RiskRow("Fire", "Injury or death in a fire", "Neighbours in the block",
                       Rara.REDUCE, "", "None", "Hoarding around the cooker",
                       "Free smoke alarm and home safety visit", "Fire and Rescue", d(6, 9)),
               RiskRow("Letters unopened", "Misses appointments and arrears notices", "",
                       Rara.AVOID, "", "", "Does not open brown envelopes",
                       "No letters; visits late morning", "All agencies", d(5, 19)),
               RiskRow("Exploitation by Dougie", "Loses her pension; coercion", "",
                       Rara.REMOVE, "", "", "Fear of consequences from Dougie",
                       "Police check on Dougie", "Police Scotland", d(5, 26)),
               RiskRow("The cat's smell", "Complaints from neighbours", "",
                       Rara.ACCEPT, "Her choice; the cat matters greatly to her wellbeing.",
                       "", "", "", "", None)],
        review=SupervisoryReview(reviewer="Service manager", date=d(5, 13), npr_confirmed=True))
    del ra

    acts = store.actions
    advocacy = acts.add_action(pid, "Offer advocacy at each visit", "Sam Taylor",
                               "Community Nursing", d(5, 26), meeting.id)
    housing = acts.add_action(pid, "Pause arrears letters", "Ravi Chandra", "Housing",
                              d(5, 19), meeting.id)
    fire = acts.add_action(pid, "Home fire safety visit jointly with the nurse",
                           "Lorna McBride", "Fire and Rescue", d(6, 9), meeting.id)
    police = acts.add_action(pid, "Police check on 'Dougie'", "PC Alan Soutar",
                             "Police Scotland", d(5, 26), meeting.id)
    acts.mark_done(housing.id, d(5, 16))
    acts.mark_done(fire.id, d(6, 11))

    # Steps 4-5: the SPOC's weeks.
    log = store.attempts.log
    a = log(pid, M.HOME_VISIT, O.SEEN_ENGAGED, "Dressing done. Advocacy offered; declined.",
            at(5, 14), advocacy_offered=True)
    store.visits.log(a.id, present="Morag", observed="Fridge empty; cooker top covered.",
                     reported="Says she is 'eating fine'.", mismatch=True,
                     home_conditions="Cluttered; kitchen unusable.", wellbeing="Tired, low.",
                     risks_noticed="Fire risk at the cooker.")
    log(pid, M.HOME_VISIT, O.NOT_AT_HOME, "No answer; curtains open.", at(5, 21))
    log(pid, M.HOME_VISIT, O.NO_ANSWER, "Curtains drawn.", at(5, 28))
    a = log(pid, M.HOME_VISIT, O.ACCESS_REFUSED_BY_THIRD_PARTY,
            "Dougie at the door refused access. Safe message left with the neighbour.",
            at(6, 4))
    store.visits.log(a.id, present="Dougie (at the door)", observed="Dougie shouted and "
                     "filmed the nurse on his phone.", reported="",
                     incident=StaffSafetyIncident(
                         kinds=[IncidentKind.HOSTILITY, IncidentKind.FILMED],
                         description="Shouted at the nurse and filmed her on his phone."),
                     joint_visit_needed_next=True, debrief_needed=True,
                     debrief_done_on=d(6, 5), debrief_done_by="Nursing team manager")
    log(pid, M.PHONE, O.NO_ANSWER, "", at(6, 5, 14))
    a = log(pid, M.JOINT_VISIT, O.SEEN_ENGAGED, "Joint visit with the fire officer; smoke "
            "alarm fitted. Advocacy offered again.", at(6, 11), advocacy_offered=True)
    store.visits.log(a.id, present="Morag, fire safety officer",
                     observed="Cooker top partly cleared.", reported="Glad of the alarm.",
                     home_conditions="Kitchen a little clearer.")
    store.repo(Supervision).add(Supervision(
        person_id=pid, date=d(6, 5), manager="Nursing team manager", worker="Sam Taylor",
        discussion="Debrief after the hostile contact on 4 June.", debrief=True,
        decisions=[SupervisionDecision("Next visit to be joint.", "Staff safety.",
                                       "Nursing team manager", d(6, 5))]))

    leg = store.goals.new(pid, "Get my leg healed so I can walk to the shop",
                          why="So I can get my own messages and see folk.",
                          steps=["Let the nurse dress it weekly", "Go to the GP for bloods",
                                 "Walk to the corner"])
    kitchen = store.goals.new(pid, "Sort the kitchen so I can cook",
                              why="I used to love making soup.",
                              steps=["Clear the cooker top", "Get the cooker checked"])
    for (m, day), rating, step in [((5, 14), 2, 0), ((6, 11), 3, None), ((6, 25), 5, None),
                                   ((7, 9), 6, 1), ((7, 23), 7, None), ((8, 6), 8, None)]:
        store.goals.record_progress(leg.id, on_date=d(m, day), rating=rating, step_reached=step)
    for (m, day), rating, step in [((6, 11), 2, None), ((7, 9), 4, 0), ((8, 6), 5, None)]:
        store.goals.record_progress(kitchen.id, on_date=d(m, day), rating=rating,
                                    step_reached=step)

    for cat, note in [(BarrierCategory.CONTROL_AND_COERCION, "Dougie controls who comes in."),
                      (BarrierCategory.FEAR_OF_OTHERS, "Afraid of what Dougie will do."),
                      (BarrierCategory.SYSTEMS, "Letters unopened; appointments missed."),
                      (BarrierCategory.NOT_SEEN_AS_PROBLEM, "Does not see hoarding as a "
                                                             "problem.")]:
        store.barriers.add(Barrier(person_id=pid, category=cat, note=note, noted_on=d(5, 12),
                                   strategy_tried="Visits by the one worker she trusts.",
                                   what_happened="Seen on most weeks; access refused once."))
    store.patterns.add(DisengagementPattern(
        person_id=pid, kind=DisengagementKind.DISGUISED_COMPLIANCE,
        examples=[PatternExample(d(5, 14), "Says she is eating fine; the fridge is empty.")]))

    log(pid, M.HOME_VISIT, O.SEEN_ENGAGED, "Advocacy accepted (offered for the fourth time).",
        at(7, 23), advocacy_offered=True)
    acts.mark_done(advocacy.id, d(7, 23))
    acts.mark_done(police.id, d(7, 2))
    p = store.people.require(pid)
    p.advocacy = Advocacy(considered=True, considered_on=d(5, 2), offered=True,
                          offered_on=d(5, 14), accepted=True, accepted_on=d(7, 23),
                          advocate="Kirkcaldy Advocacy Project")
    store.people.update(p)

    # Step 6: the review meeting (11 August) and de-escalation.
    for code, status, evidence in [
        ("1", CS.CONSIDERED, "SPOC visits weekly since 14 May; seen on 4 of 7 attempts."),
        ("2.offered", CS.OFFERED, "Offered at each visit; accepted on 23 July."),
        ("3", CS.CONSIDERED, "Two IRDs without resolution (March, April)."),
        ("4", CS.CONSIDERED, "Capacity assessed by the GP in March: has capacity."),
        ("5", CS.TRIED_NOT_ENGAGED, "POSA attempted in May; declined."),
        ("6", CS.CONSIDERED, "Undue pressure considered; police bail condition in place."),
        ("7.gp", CS.REFERRED, "Attends the GP for bloods since July."),
        ("8.housing", CS.REFERRED, "Arrears letters paused; repayment plan agreed."),
        ("8.fire", CS.REFERRED, "Home fire safety visit 11 June; alarm fitted."),
        ("10", CS.CONSIDERED, "No children; a cat, cared for."),
        ("11", CS.REFERRED, "Police: Dougie on bail, not to attend the address."),
        ("12", CS.REFERRED, "Welfare benefits check booked with the advice service."),
        ("13", CS.CONSIDERED, "Legal advice not needed at this stage."),
        ("14", CS.TRIED_NOT_ENGAGED, "Niece in Dundee contacted; no reply."),
    ]:
        cl.set(pid, code, status, evidence, d(8, 11), by_whom="Fiona Grant")
    store.meetings.add_meeting(
        pid, MeetingKind.REVIEW, d(8, 11), chair="Service manager, Social Work",
        minute_taker="Team administrator",
        attendees=[Attendee("Fiona Grant", "Social Work", "Lead worker"),
                   Attendee("Sam Taylor", "Community Nursing", "SPOC"),
                   Attendee("Ravi Chandra", "Housing", "Housing officer"),
                   Attendee("Dr Helen Moir", "GP practice", "GP")],
        consent=MeetingConsent.GIVEN, agreed_risk_level=RiskLevel.MEDIUM,
        decisions=[Decision("De-escalate: she no longer meets the escalation criteria; standard "
                            "adult support and protection resumes.",
                            "Attends the GP, accepted an advocate, Dougie no longer stays.",
                            "Service manager (defensible decision recorded)"),
                   Decision("Keep-in-touch visit monthly by the nurse.", "Maintain trust.",
                            "The group")],
        next_review=d(11, 11), minutes_circulated_on=d(8, 14))
    p = store.people.require(pid)
    p.status = CaseStatus.DE_ESCALATED
    store.people.update(p)
    return pid
