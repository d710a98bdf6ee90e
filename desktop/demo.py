"""A throwaway demo store with invented people, for ``stickability --demo`` and screenshots.

``build_demo_store(folder)`` is the one hook: a later issue fills it from the case study (goals,
visits, meetings, chronology …). Everything here is fictional. No Qt.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

DEMO_PASSPHRASE = "demo passphrase"
DEMO_WORKER = "Sam Taylor"
DEMO_AGENCY = "Community Nursing (demo)"

# (name, known as, address, status, spoc, [(days ago, method, outcome, note)])
_PEOPLE = [
    ("Morag Delacroix-Baird", "Morag", "Flat 2, 14 Harbour Row", "escalated", "Community nurse", [
        (21, "home_visit", "seen_engaged", "Dressing done. Says she is eating fine; fridge empty."),
        (14, "home_visit", "not_at_home", "Curtains open, no answer."),
        (7, "home_visit", "no_answer", "Curtains drawn."),
        (6, "home_visit", "access_refused_by_third_party",
         "Man at the door said she was asleep. Safe message left with neighbour."),
        (5, "phone", "no_answer", ""),
    ]),
    ("Peter Okonkwo", "", "27 Mill Lane", "open", "Housing officer", [
        (30, "letter", "other", "Appointment letter sent."),
        (12, "home_visit", "seen_declined", "Spoke on the doorstep; did not want to talk today."),
    ]),
    ("Agnieszka Nowak", "Aga", "3/1 Canal Street", "open", "Sam Taylor", [
        (3, "drop_in_outreach", "seen_engaged", "Met at the drop-in; interpreter booked next time."),
    ]),
    ("Thomas Reilly", "Tam", "Caravan 4, Riverside Park", "de_escalated", "Sam Taylor", [
        (40, "joint_visit", "seen_engaged", "Joint visit with the fire officer; alarm fitted."),
        (9, "phone", "safe_message_left", "Left the agreed message."),
    ]),
    ("Jean Whitlock", "", "11 Orchard Close", "open", "", []),
]


def build_demo_store(folder: Path, *, log2_n: int = 14):
    """Create an unlocked demo store in ``folder`` (which must not hold a store yet).
    Returns ``(store, passphrase)``."""
    from desktop.domain.contact import ContactMethod, ContactOutcome
    from desktop.domain.ids import utc_now
    from desktop.domain.person import CaseStatus, Person
    from desktop.store.store import Store

    store, _code = Store.create(Path(folder), DEMO_PASSPHRASE, role="field", worker=DEMO_WORKER,
                                agency=DEMO_AGENCY, log2_n=log2_n)
    now = utc_now().replace(second=0, microsecond=0)
    with store.transaction():
        for name, known_as, address, status, spoc, attempts in _PEOPLE:
            person = store.people.add(Person(name=name, known_as=known_as, address=address,
                                             status=CaseStatus(status), spoc=spoc))
            for i, (days, method, outcome, note) in enumerate(attempts):
                at = now - timedelta(days=days, hours=days % 5)
                last = i == len(attempts) - 1
                next_at = now + timedelta(days=(days % 6) + 1) if last and days < 10 else None
                store.attempts.log(person.id, ContactMethod(method), ContactOutcome(outcome),
                                   note, at, next_planned_at=next_at)
    return store, DEMO_PASSPHRASE
