"""Visit details for a seen contact attempt: ``store.visits``."""
from __future__ import annotations

from desktop.domain.contact import ContactAttempt
from desktop.domain.record import ValidationError
from desktop.domain.visit import Visit
from desktop.store.records import PersonOwned
from desktop.i18n import _, ngettext  # noqa: F401


class VisitRepository(PersonOwned):
    def __init__(self, store):
        super().__init__(store, Visit)

    def _check(self, visit: Visit) -> None:
        attempt = self.store.attempts.get(visit.attempt_id)
        if attempt is None:
            raise LookupError(f"No contact attempt with id {visit.attempt_id}.")
        visit.check_attempt(attempt)
        other = self.for_attempt(visit.attempt_id)
        if other is not None and other.id != visit.id:
            raise ValidationError(_("This contact already has visit details: edit those instead."))

    def log(self, attempt_id: str, **fields) -> Visit:
        """Add visit details to a seen contact attempt (the person comes from the attempt)."""
        attempt = self.store.attempts.get(attempt_id)
        if attempt is None:
            raise LookupError(f"No contact attempt with id {attempt_id}.")
        return self.add(Visit(attempt_id=attempt_id, person_id=attempt.person_id, **fields))

    def for_attempt(self, attempt_id: str) -> Visit | None:
        found = self.where("attempt_id = ?", (attempt_id,), limit=1)
        return found[0] if found else None

    def by_attempt(self, person_id: str) -> dict[str, Visit]:
        """The person's visits keyed by attempt id (for the contacts timeline)."""
        return {v.attempt_id: v for v in self.for_person(person_id)}

    def with_attempts(self, person_id: str) -> list[tuple[ContactAttempt, Visit]]:
        """(attempt, visit) pairs, newest attempt first."""
        # only the attempts that have a visit (a long history has thousands without one)
        attempts = {a.id: a for a in self.store.attempts.where(
            "person_id = ? AND id IN (SELECT attempt_id FROM visit WHERE person_id = ? "
            "AND deleted = 0)", (person_id, person_id))}
        pairs = [(attempts[v.attempt_id], v) for v in self.for_person(person_id)
                 if v.attempt_id in attempts]
        return sorted(pairs, key=lambda p: p[0].at, reverse=True)
