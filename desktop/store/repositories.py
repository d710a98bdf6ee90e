"""Repositories with queries of their own: people (the caseload) and contact attempts."""
from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import Iterable

from desktop.domain.contact import (
    ContactAttempt, ContactMethod, ContactOutcome, dishonest_outcome)
from desktop.domain.record import ValidationError
from desktop.domain.ids import from_iso, utc_now
from desktop.domain.person import CaseStatus, Person
from desktop.store.records import Repository
from desktop.i18n import _, ngettext  # noqa: F401


class CaseloadRow(tuple):
    """One caseload line, straight from the SQL row: the times are parsed when they are read
    (a screen shows thirty lines of ten thousand). ``*_iso`` give the stored text, which sorts
    in time order."""
    __slots__ = ()
    id = property(itemgetter(0))
    name = property(itemgetter(1))
    known_as = property(itemgetter(2))
    spoc = property(itemgetter(4))
    last_contact_iso = property(itemgetter(5))
    last_seen_iso = property(itemgetter(6))
    unsuccessful_since_seen = property(itemgetter(7))
    next_due_iso = property(itemgetter(8))

    @property
    def status(self) -> CaseStatus:
        return _STATUS.get(self[3]) or CaseStatus(self[3])

    @property
    def last_contact(self) -> datetime | None:
        return _dt(self[5])

    @property
    def last_seen(self) -> datetime | None:
        return _dt(self[6])

    @property
    def next_due(self) -> datetime | None:
        return _dt(self[8])


_STATUS = CaseStatus._value2member_map_     # a dict lookup, not an Enum call per row


# One row per person: the contact figures come from ``person_contact_summary``, which triggers
# keep in step with ``contact_attempt`` (migration 0005), so opening the caseload does not read
# the attempts at all.
CASELOAD_SQL = """
SELECT p.id, p.name, p.known_as, p.status, p.spoc, s.last_contact, s.last_seen,
       coalesce(s.unsuccessful, 0) AS unsuccessful, s.next_due
FROM person p LEFT JOIN person_contact_summary s ON s.person_id = p.id
WHERE p.deleted = 0
"""


class PersonRepository(Repository[Person]):
    def __init__(self, store):
        super().__init__(store, Person)

    def caseload(self, search: str = "", status: CaseStatus | None = None, *,
                 ids: Iterable[str] | None = None) -> list[CaseloadRow]:
        """The caseload rows, by name; ``ids`` limits them to some people (a refresh after
        a change)."""
        sql, params = CASELOAD_SQL, []
        if ids is not None:
            ids = list(ids)
            sql += f" AND p.id IN ({', '.join('?' * len(ids))})"
            params += ids
        if search:
            sql += " AND (p.name LIKE ? OR p.known_as LIKE ?)"
            like = f"%{search.strip()}%"
            params += [like, like]
        if status is not None:
            sql += " AND p.status = ?"
            params.append(status.value)
        sql += " ORDER BY p.name COLLATE NOCASE"
        return list(map(CaseloadRow, self.store.db.execute(sql, params)))


class AttemptRepository(Repository[ContactAttempt]):
    def __init__(self, store):
        super().__init__(store, ContactAttempt)

    def log(self, person_id: str, method: ContactMethod, outcome: ContactOutcome,
            note: str = "", at: datetime | None = None, **extra) -> ContactAttempt:
        """The quick-log path: one row, one change-log entry, one audit event, one commit."""
        if self.store.people.get(person_id) is None:
            raise LookupError(f"No person with id {person_id}.")
        why = dishonest_outcome(method, outcome)
        if why:
            raise ValidationError(why)
        attempt = ContactAttempt(person_id=person_id, at=at or utc_now(), method=method,
                                 outcome=outcome, note=note.strip(),
                                 worker=self.store.actor, **extra)
        return self.add(attempt)

    def correct(self, attempt_id: str, reason: str, *, outcome: ContactOutcome | None = None,
                method: ContactMethod | None = None, at: datetime | None = None,
                note: str | None = None) -> ContactAttempt:
        """Correct a logged attempt after the undo window: the new values and the reason; the
        original stays in the history (``versions``)."""
        from dataclasses import replace

        from desktop.domain.correction import check_reason
        reason = check_reason(reason)
        current = self.require(attempt_id)
        changes = {k: v for k, v in (("outcome", outcome), ("method", method), ("at", at),
                                     ("note", None if note is None else note.strip()))
                   if v is not None and v != getattr(current, k)}
        if not changes:
            raise ValidationError(_("The correction changes nothing: give the corrected values."))
        fixed = replace(current, **changes, correction_reason=reason, corrected_at=utc_now())
        why = dishonest_outcome(fixed.method, fixed.outcome)
        if why:
            raise ValidationError(why)
        return self.update(fixed)

    def versions(self, attempt_id: str) -> list[dict]:
        """Every version of the attempt, oldest first: values, the correction reason, who, when."""
        from desktop.domain.correction import attempt_versions
        if self.get(attempt_id, include_deleted=True) is None:
            raise LookupError(f"No contact attempt with id {attempt_id}.")
        return attempt_versions(self.history(attempt_id))

    def timeline(self, person_id: str, *, limit: int | None = None,
                 offset: int = 0) -> list[ContactAttempt]:
        """Newest first; ``limit``/``offset`` for one page of a long history."""
        return self.where("person_id = ?", (person_id,), order="at DESC, rowid DESC",
                          limit=limit, offset=offset)


def _dt(text: str | None) -> datetime | None:
    return from_iso(text) if text else None


def deleted_by_me(store, person_id: str) -> list[tuple[str, object]]:
    """What this worker deleted for a person and can restore: (kind, record), newest first."""
    found = []
    for kind, repo in (("Contact attempt", store.attempts), ("Visit", store.visits),
                       ("Goal", store.goals), ("Progress entry", store.goals.progress),
                       ("Barrier", store.barriers), ("Disengagement pattern", store.patterns)):
        found += [(kind, r) for r in repo.deleted_by_me(person_id)]
    return sorted(found, key=lambda kr: kr[1].updated_at, reverse=True)
