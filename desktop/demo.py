"""The training store for ``stickability --demo``: a throwaway store full of invented cases, so
a new worker can practise without real data. No Qt.

It holds case study 1 (``desktop.synthetic.case_study``: one adult's six months of engagement
escalation, with visits, goals, meetings, the checklist and the chronology) and a caseload of
synthetic people (``desktop.synthetic``: invented names in several scripts, years of contact
attempts, visits, goals, meetings, actions, other agencies' chronology entries), all entered
through the store's repositories like a worker's own records. Everything is fictional. The app
deletes the folder on exit.
"""
from __future__ import annotations

from pathlib import Path

DEMO_PASSPHRASE = "demo passphrase"
DEMO_WORKER = "Sam Taylor"
DEMO_AGENCY = "Community Nursing (demo)"
DEMO_SEED = 1959            # the same practice caseload every time (dated up to today)
DEMO_PEOPLE = 30            # a modest caseload: the store is built in a second or two
DEMO_ATTEMPTS_PER_PERSON = 20.0


def build_demo_store(folder: Path, *, log2_n: int = 14, people: int = DEMO_PEOPLE):
    """Create an unlocked demo store in ``folder`` (which must not hold a store yet).
    Returns ``(store, passphrase)``."""
    from desktop.store.store import Store
    from desktop.synthetic import Spec, populate

    store, _code = Store.create(Path(folder), DEMO_PASSPHRASE, role="field", worker=DEMO_WORKER,
                                agency=DEMO_AGENCY, log2_n=log2_n)
    try:
        try:
            from desktop.synthetic import case_study
        except ImportError:          # pragma: no cover - the case study ships with the app
            case_study = None
        if case_study is not None:
            with store.transaction():
                case_study.seed(store)
        populate(store, Spec(people=people, attempts_per_person=DEMO_ATTEMPTS_PER_PERSON,
                             years=2, seed=DEMO_SEED))
    except BaseException:
        store.lock()
        raise
    return store, DEMO_PASSPHRASE
