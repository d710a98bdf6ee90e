"""Closing a case when every option is exhausted: ``store.closures``."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.domain.closure import Agreement, Closure, KeepInTouch
from desktop.domain.person import CaseStatus
from desktop.domain.record import ValidationError
from desktop.store.records import Repository
from desktop.i18n import _, ngettext  # noqa: F401


class ClosureRepository(Repository[Closure]):
    def __init__(self, store):
        super().__init__(store, Closure)

    def current(self, person_id: str) -> Closure | None:
        found = self.where("person_id = ?", (person_id,), order="closed_on DESC, created_at DESC",
                           limit=1)
        return found[0] if found else None

    def draft(self, person_id: str, **fields) -> Closure:
        """An unsaved closure listing the person's involved agencies (from ``Person.agencies``)."""
        person = self.store.people.require(person_id)
        fields.setdefault("closed_on", date.today())
        fields.setdefault("reason", "")
        fields.setdefault("evidence", "")
        involved = [a.agency.strip() for a in person.agencies if a.agency.strip()]
        return Closure(person_id=person_id, involved_agencies=involved, **fields)

    def close(self, person_id: str, *, reason: str, evidence: str,
              agreements: list[Agreement] = (), agencies_informed: list[str] = (),
              keep_in_touch: KeepInTouch | None = None, closed_on: date | None = None,
              meeting_id: str = "") -> Closure:
        """Close the case: the closure record and the person's status in one transaction.
        Refused (``ValidationError`` naming who is missing) without every involved agency's
        agreement."""
        closure = self.draft(person_id, reason=reason, evidence=evidence,
                             agreements=list(agreements),
                             agencies_informed=[a.strip() for a in agencies_informed if a.strip()],
                             keep_in_touch=keep_in_touch or KeepInTouch(),
                             closed_on=closed_on or date.today(), meeting_id=meeting_id)
        return self.save_closure(closure)

    def save_closure(self, closure: Closure) -> Closure:
        closure.validate()
        with self.store.transaction():
            saved = self.add(closure)
            person = self.store.people.require(closure.person_id)
            if person.status is not CaseStatus.CLOSED:
                self.store.people.update(replace(person, status=CaseStatus.CLOSED))
        return saved

    def record_follow_up(self, person_id: str, **fields) -> Closure:
        """After closure: the outcome sent to the Safeguarding Adults Board, the learning
        shared (``outcome_to_board_on``, ``learning``, ``learning_shared_with``,
        ``learning_shared_on``; only those given change). The closure's other fields stay."""
        unknown = set(fields) - set(Closure.FOLLOW_UP)
        if unknown:
            raise ValueError(f"not follow-up fields: {', '.join(sorted(unknown))}")
        closure = self.current(person_id)
        if closure is None:
            raise ValidationError(_("The case has not been closed: there is no closure record."))
        updated = replace(closure, **fields)
        updated.check_follow_up()
        return self.update(updated)

    def keep_in_touch_cases(self) -> list[dict]:
        """Closed cases with a keep-in-touch plan, next contact due first (Nottingham s.12:
        tracked and regularly reviewed by a senior manager): person, closure, who keeps in
        touch, how often, the last contact since closure and when the next is due."""
        from desktop.domain.dates import local_date
        from desktop.domain.person import CaseStatus
        rows = []
        for row in self.store.people.caseload(status=CaseStatus.CLOSED):
            closure = self.current(row.id)
            if closure is None or not closure.keep_in_touch.planned:
                continue
            last = row.last_contact
            last_day = local_date(last) if last is not None else None
            if last_day is not None and last_day < closure.closed_on:
                last_day = None
            rows.append({"person_id": row.id, "name": row.name, "closed_on": closure.closed_on,
                         "who": closure.keep_in_touch.who,
                         "every_months": closure.keep_in_touch.every_months,
                         "reviewed_by": closure.keep_in_touch.reviewed_by,
                         "last_contact": last_day,
                         "next_due": closure.keep_in_touch_due(last_day)})
        return sorted(rows, key=lambda r: (r["next_due"], r["name"].casefold()))

