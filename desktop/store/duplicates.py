"""Possible duplicate people in this store: the rules of ``desktop.domain.duplicates`` over
the caseload, less the pairs a person already decided are different people."""
from __future__ import annotations

from datetime import date
from typing import Iterable

from desktop.domain.duplicates import Match, PersonFacts, candidates, matches_for


def people_facts(store) -> list[PersonFacts]:
    """Name, known-as, date of birth and address of every person not deleted (one query)."""
    cur = store.db.execute("SELECT id, name, known_as, date_of_birth, address FROM person "
                           "WHERE deleted = 0")
    return [PersonFacts(i, n or "", k or "", date.fromisoformat(d) if d else None, a or "")
            for i, n, k, d, a in cur]


def decided_different(store) -> set[tuple[str, str]]:
    cur = store.db.execute("SELECT record_id, other_id FROM sync_duplicate WHERE entity = "
                           "'person' AND status = 'different_people'")
    return {tuple(sorted(r)) for r in cur}


def find_duplicates(store, only: Iterable[str] | None = None) -> list[Match]:
    """Possible duplicate pairs, highest score first (``only``: pairs with one of these)."""
    return candidates(people_facts(store), only=only, exclude=decided_different(store))


def possible_matches(store, name: str, known_as: str = "", date_of_birth: date | None = None,
                     address: str = "") -> list[tuple[Match, PersonFacts]]:
    """People who may be the person about to be added: ``(match, the person on file)``."""
    people = people_facts(store)
    by_id = {p.id: p for p in people}
    new = PersonFacts("", name, known_as, date_of_birth, address)
    out = []
    for m in matches_for(new, people):
        other = m.b if m.a == "" else m.a
        if other in by_id:
            out.append((m, by_id[other]))
    return out


def flag_new_duplicates(store, tx, person_ids: Iterable[str]) -> int:
    """List pairs involving these people for review (after an import). Returns how many are
    new on the list."""
    from desktop.store.syncstate import SyncState
    ids = set(person_ids)
    if not ids:
        return 0
    state, n = SyncState(store), 0
    for m in find_duplicates(store, only=ids):
        why = "; ".join(m.why)
        if state.add_duplicate(tx.now_iso, "person", m.a, m.b,
                               f"score {m.score:.2f}: {why}"):
            n += 1
    return n


def record_decision(store, a: str, b: str, same_person: bool, note: str = "") -> None:
    """A person decided about a pair (listed for review or not): kept on the review list as
    decided, so the pair is not offered again when they are different people."""
    from desktop.store.syncstate import SyncState
    state = SyncState(store)
    lo, hi = sorted((a, b))
    status = "same_person" if same_person else "different_people"
    with store.transaction() as tx:
        state.add_duplicate(tx.now_iso, "person", lo, hi, "decided when the person was added"
                            if not same_person else "decided on review")
        row = store.db.execute("SELECT id FROM sync_duplicate WHERE entity = 'person' AND "
                               "record_id = ? AND other_id = ?", (lo, hi)).fetchone()
        state.close_duplicate(row[0], status, tx.now_iso, store.actor, note.strip())
        state.audit(tx, "duplicate-reviewed", "person", lo, f"{hi}:{status}")
