"""People and contact attempts: the core of every synthetic case.

All randomness comes from the ``random.Random`` passed in, so the same seed gives the same
records (ids included: they are UUIDv7 built from the event time and the seeded stream).
Fields a record class does not have (an older or newer domain) are left out by ``build``.
"""
from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, time, timedelta, timezone

from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain import person as P
from desktop.synthetic import names

M, O = ContactMethod, ContactOutcome

METHOD_WEIGHTS = {M.HOME_VISIT: 30, M.PHONE: 25, M.TEXT: 14, M.LETTER: 9, M.JOINT_VISIT: 5,
                  M.VIA_TRUSTED_WORKER: 5, M.DROP_IN_OUTREACH: 6, M.EMAIL: 3,
                  M.SOCIAL_MEDIA: 2, M.OTHER: 1}
# How likely the adult is seen by each method, relative to their own engagement.
SEEN_FACTOR = {M.HOME_VISIT: 1.0, M.JOINT_VISIT: 1.1, M.PHONE: 0.8, M.TEXT: 0.35,
               M.LETTER: 0.1, M.EMAIL: 0.2, M.SOCIAL_MEDIA: 0.25, M.VIA_TRUSTED_WORKER: 0.9,
               M.DROP_IN_OUTREACH: 0.7, M.OTHER: 0.5}
_VISIT = {O.NOT_AT_HOME: 38, O.NO_ANSWER: 35, O.ACCESS_REFUSED_BY_ADULT: 12,
          O.ACCESS_REFUSED_BY_THIRD_PARTY: 8, O.SAFE_MESSAGE_LEFT: 5, O.OTHER: 2}
_REMOTE = {O.NO_ANSWER: 72, O.SAFE_MESSAGE_LEFT: 22, O.OTHER: 6}
_ONE_WAY = {O.MESSAGE_SENT_NO_REPLY: 72, O.SAFE_MESSAGE_LEFT: 22, O.OTHER: 6}
_APPOINTMENT = {O.DID_NOT_ATTEND: 50, O.CANCELLED: 30, O.NO_ANSWER: 15, O.OTHER: 5}
UNSUCCESSFUL = {M.HOME_VISIT: _VISIT, M.JOINT_VISIT: _VISIT,
                M.PHONE: {O.NO_ANSWER: 70, O.SAFE_MESSAGE_LEFT: 15, O.CANCELLED: 8, O.OTHER: 7},
                M.TEXT: _ONE_WAY, M.EMAIL: _ONE_WAY, M.SOCIAL_MEDIA: _ONE_WAY,
                M.LETTER: {O.LETTER_SENT: 85, O.OTHER: 15},
                M.VIA_TRUSTED_WORKER: _APPOINTMENT, M.DROP_IN_OUTREACH: _APPOINTMENT,
                M.OTHER: _REMOTE}

NOTES = {
    O.SEEN_ENGAGED: ("Spoke at the door, then invited in.", "Talked about the heating and the "
                     "letters from the council.", "Agreed to meet again next week.",
                     "Walked to the shop together; talked on the way.", ""),
    O.SEEN_DECLINED: ("Seen at the window; said not today.", "Said they were fine and closed "
                      "the door.", "Declined to talk; accepted a leaflet.", ""),
    O.NO_ANSWER: ("Curtains drawn, no answer.", "Rang twice, voicemail full.", "No reply.", ""),
    O.NOT_AT_HOME: ("Neighbour said they had gone out early.", "Milk on the step.", ""),
    O.ACCESS_REFUSED_BY_ADULT: ("Told me through the door to go away.", ""),
    O.ACCESS_REFUSED_BY_THIRD_PARTY: ("A visitor answered and said they were asleep.",
                                      "Son said not convenient.", ""),
    O.CANCELLED: ("Cancelled by text in the morning.", ""),
    O.DID_NOT_ATTEND: ("Did not come to the drop-in.", "Not at the café as agreed.", ""),
    O.SAFE_MESSAGE_LEFT: ("Left the agreed safe message.", "Card through the door.", ""),
    O.LETTER_SENT: ("Letter sent suggesting a time to call.", "Easy-read letter posted.", ""),
    O.MESSAGE_SENT_NO_REPLY: ("Text sent, no reply yet.", "Message sent as agreed.", ""),
    O.OTHER: ("Letter returned unopened.", ""),
}


def build(cls, **values):
    """Make a dataclass from the values it has fields for (others are dropped)."""
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in known})


def synthetic_id(rng: random.Random, when: datetime) -> str:
    """A UUIDv7 for the event time, with random bits from the seeded stream."""
    ms = int(when.timestamp() * 1000) & ((1 << 48) - 1)
    rand = rng.getrandbits(74)
    value = ms << 80 | 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def at_time(day: date, rng: random.Random) -> datetime:
    """A working-hours time on ``day`` (UTC; minutes vary)."""
    minutes = rng.randint(8 * 60 + 30, 18 * 60)
    return datetime.combine(day, time(minutes // 60, minutes % 60, rng.randint(0, 59)),
                            tzinfo=timezone.utc)


def weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()), k=1)[0]


def make_person(rng: random.Random, opened: date, end: date, culture=None) -> P.Person:
    culture = culture or names.pick_culture(rng)
    name, known_as = names.person_name(rng, culture)
    dob = date(rng.randint(1938, 2004), rng.randint(1, 12), rng.randint(1, 28))
    recorded = opened + timedelta(days=rng.randint(0, max(0, min(30, (end - opened).days))))
    status = weighted(rng, {P.CaseStatus.OPEN: 55, P.CaseStatus.ESCALATED: 22,
                            P.CaseStatus.DE_ESCALATED: 12, P.CaseStatus.CLOSED: 11})
    agencies = rng.sample(names.AGENCIES, rng.randint(1, 4))
    involved = [build(P.AgencyInvolvement, agency=a, lead_worker=rng.choice(names.WORKERS),
                      role=rng.choice(("lead agency", "support", "health", "safety")))
                for a in agencies]
    safe = build(P.SafeContact) if rng.random() < 0.5 else build(
        P.SafeContact, safe_number=f"07700 9{rng.randint(0, 99999):05d}",
        safe_message=rng.choice(("Calling about your library books.", "It's the surgery: "
                                 "please call back.", "Message from the housing office.")),
        methods_to_avoid=rng.choice(("Does not open letters.", "No calls before noon.",
                                     "Do not leave voicemails.", "")),
        best_times=rng.choice(("Weekday mornings", "Tuesday afternoons", "After 2 pm", "")))
    comm = build(P.Communication, language=culture.language,
                 interpreter_needed=rng.random() < culture.interpreter_share,
                 easy_read=rng.random() < 0.1,
                 needs=rng.choice(("", "", "Needs time to answer.", "Prefers short visits.")))
    children = [build(P.Child, name=names.child_name(rng, culture),
                      date_of_birth=date(rng.randint(end.year - 16, end.year - 1),
                                         rng.randint(1, 12), rng.randint(1, 28)))
                for _ in range(rng.randint(1, 3))] if rng.random() < 0.15 else []
    dependants = build(P.Dependants, children=children,
                       pets=rng.choice(("", "", "", "Dog (friendly)", "Two cats")))
    if children and rng.random() < 0.7:
        dependants = dataclasses.replace(dependants, **_only(
            P.Dependants, children_referral_recorded_on=recorded,
            children_referral_note="Referred to children's services (MASH)."))
    capacity = build(P.Capacity)
    if rng.random() < 0.4:
        capacity = build(P.Capacity, considered=True, date=recorded,
                         outcome=weighted(rng, {P.CapacityOutcome.HAS_CAPACITY: 70,
                                                P.CapacityOutcome.FLUCTUATING: 20,
                                                P.CapacityOutcome.LACKS_CAPACITY: 10}),
                         by_whom=rng.choice(names.WORKERS))
    advocacy = build(P.Advocacy)
    if rng.random() < 0.3:
        accepted = rng.random() < 0.4
        advocacy = build(P.Advocacy, considered=True, considered_on=recorded, offered=True,
                         offered_on=recorded, accepted=accepted,
                         accepted_on=recorded if accepted else None,
                         advocate="Advocacy Project" if accepted else "")
    consent = build(P.Consent)
    if rng.random() < 0.6:
        given = rng.random() < 0.6
        consent = build(P.Consent, status=P.ConsentStatus.GIVEN if given
                        else P.ConsentStatus.REFUSED, recorded_on=recorded,
                        lawful_basis=P.LawfulBasis.NONE if given else P.LawfulBasis.VITAL_INTERESTS,
                        rationale="" if given else "Serious risk of harm from self-neglect; "
                        "sharing is necessary and proportionate.")
    when = at_time(opened, rng)
    return build(P.Person, id=synthetic_id(rng, when), name=name, known_as=known_as,
                 date_of_birth=dob, address=names.address(rng), status=status,
                 lead_agency=agencies[0], spoc=rng.choice(names.WORKERS), safe_contact=safe,
                 communication=comm, dependants=dependants, capacity=capacity,
                 advocacy=advocacy, consent=consent, agencies=involved)


def _only(cls, **values) -> dict:
    known = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in values.items() if k in known}


def make_attempts(rng: random.Random, person: P.Person, n: int, start: date,
                  end: date) -> list[ContactAttempt]:
    """``n`` attempts between ``start`` and ``end``, oldest first. Engagement drifts: each
    person has a propensity to be seen that wanders as the case goes on."""
    span = max(1, (end - start).days)
    days = sorted(rng.randrange(span + 1) for _ in range(n))
    engagement = rng.betavariate(1.5, 3.0)
    spoc = person.spoc or rng.choice(names.WORKERS)
    out = []
    for d in days:
        engagement = min(0.95, max(0.02, engagement + rng.gauss(0, 0.03)))
        method = weighted(rng, METHOD_WEIGHTS)
        if rng.random() < engagement * SEEN_FACTOR[method]:
            outcome = O.SEEN_ENGAGED if rng.random() < 0.7 else O.SEEN_DECLINED
        else:
            outcome = weighted(rng, UNSUCCESSFUL[method])
        at = at_time(start + timedelta(days=d), rng)
        nxt = None
        if rng.random() < 0.5:
            nxt = at + timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 4))
        worker = spoc if rng.random() < 0.8 else rng.choice(names.WORKERS)
        out.append(build(ContactAttempt, id=synthetic_id(rng, at), person_id=person.id, at=at,
                         worker=worker, method=method, outcome=outcome,
                         note=rng.choice(NOTES[outcome]), next_planned_at=nxt,
                         advocacy_offered=outcome.seen and rng.random() < 0.3))
    out.sort(key=lambda a: a.at)      # two attempts on one day: in time order
    return out
