"""Repositories with queries of their own: people (the caseload) and contact attempts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.domain.contact import SEEN_OUTCOMES, ContactAttempt, ContactMethod, ContactOutcome
from desktop.domain.ids import from_iso, utc_now
from desktop.domain.person import CaseStatus, Person
from desktop.store.records import Repository


@dataclass(frozen=True)
class CaseloadRow:
    id: str
    name: str
    known_as: str
    status: CaseStatus
    spoc: str
    last_contact: datetime | None
    last_seen: datetime | None
    unsuccessful_since_seen: int
    next_due: datetime | None


_SEEN = ", ".join(f"'{o}'" for o in SEEN_OUTCOMES)

# One pass over each person's attempts through the (person_id, at) index.
CASELOAD_SQL = f"""
WITH stats AS (
    SELECT person_id,
           max(at) AS last_contact,
           max(CASE WHEN outcome IN ({_SEEN}) THEN at END) AS last_seen
    FROM contact_attempt WHERE deleted = 0 GROUP BY person_id
)
SELECT p.id, p.name, p.known_as, p.status, p.spoc, s.last_contact, s.last_seen,
       (SELECT count(*) FROM contact_attempt a
         WHERE a.person_id = p.id AND a.deleted = 0 AND a.outcome NOT IN ({_SEEN})
           AND a.at > coalesce(s.last_seen, '')) AS unsuccessful,
       (SELECT a.next_planned_at FROM contact_attempt a
         WHERE a.person_id = p.id AND a.deleted = 0 ORDER BY a.at DESC LIMIT 1) AS next_due
FROM person p LEFT JOIN stats s ON s.person_id = p.id
WHERE p.deleted = 0
"""


class PersonRepository(Repository[Person]):
    def __init__(self, store):
        super().__init__(store, Person)

    def caseload(self, search: str = "", status: CaseStatus | None = None) -> list[CaseloadRow]:
        sql, params = CASELOAD_SQL, []
        if search:
            sql += " AND (p.name LIKE ? OR p.known_as LIKE ?)"
            like = f"%{search.strip()}%"
            params += [like, like]
        if status is not None:
            sql += " AND p.status = ?"
            params.append(status.value)
        sql += " ORDER BY p.name COLLATE NOCASE"
        rows = self.store.db.execute(sql, params).fetchall()
        return [CaseloadRow(r[0], r[1], r[2], CaseStatus(r[3]), r[4], _dt(r[5]), _dt(r[6]),
                            r[7], _dt(r[8])) for r in rows]


class AttemptRepository(Repository[ContactAttempt]):
    def __init__(self, store):
        super().__init__(store, ContactAttempt)

    def log(self, person_id: str, method: ContactMethod, outcome: ContactOutcome,
            note: str = "", at: datetime | None = None, **extra) -> ContactAttempt:
        """The quick-log path: one row, one change-log entry, one audit event, one commit."""
        if self.store.people.get(person_id) is None:
            raise LookupError(f"No person with id {person_id}.")
        attempt = ContactAttempt(person_id=person_id, at=at or utc_now(), method=method,
                                 outcome=outcome, note=note.strip(),
                                 worker=self.store.actor, **extra)
        return self.add(attempt)

    def timeline(self, person_id: str) -> list[ContactAttempt]:
        """Newest first."""
        return self.where("person_id = ?", (person_id,), order="at DESC")


def _dt(text: str | None) -> datetime | None:
    return from_iso(text) if text else None
