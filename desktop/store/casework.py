"""Repositories for lead-agency casework, reached from the store front object:

``store.risk_assessments`` (versioned), ``store.checklist`` (one current row per item per
person), ``store.meetings``, ``store.actions``, ``store.referrals``, ``store.supervisions``,
``store.closures`` and ``store.chronology`` (manual entries + the merged view, see
``desktop/store/chronology.py``). Every write goes through the generic ``Repository`` (validated,
versioned in the change log, audited, one transaction).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.domain.action import Action, ActionStatus
from desktop.domain.checklist import (
    RECORDABLE, ChecklistItem, ChecklistStatus, checklist_item_id, lookup)
from desktop.domain.closure import Agreement, Closure, KeepInTouch
from desktop.domain.meeting import Meeting, MeetingKind, default_next_review
from desktop.domain.person import CaseStatus
from desktop.domain.record import ValidationError
from desktop.domain.referral import Referral
from desktop.domain.risk import RiskAssessment
from desktop.domain.supervision import Supervision
from desktop.store.alerts import case_loader
from desktop.store.chronology import ChronologyRepository  # noqa: F401  (re-exported)
from desktop.store.records import Repository
from desktop.store.settings import REVIEW_MONTHS


class RiskAssessmentRepository(Repository[RiskAssessment]):
    """Versions are kept: a new assessment starts from the last one; older versions are
    history and are not edited."""

    def __init__(self, store):
        super().__init__(store, RiskAssessment)

    def versions(self, person_id: str) -> list[RiskAssessment]:
        """Newest version first."""
        return self.where("person_id = ?", (person_id,), order="version_no DESC")

    def current(self, person_id: str) -> RiskAssessment | None:
        found = self.where("person_id = ?", (person_id,), order="version_no DESC", limit=1)
        return found[0] if found else None

    def draft_version(self, person_id: str) -> RiskAssessment:
        """An unsaved next version: a copy of the current one, or a first assessment that lists
        the person's agencies."""
        last = self.current(person_id)
        if last is not None:
            return last.next_version()
        person = self.store.people.require(person_id)
        return RiskAssessment(person_id=person_id, agencies_involved=[
            a.agency for a in person.agencies if a.agency.strip()])

    def new_version(self, person_id: str, **changes) -> RiskAssessment:
        """Save a new version that starts from the last (with ``changes`` applied)."""
        draft = self.draft_version(person_id)
        return self.add(replace(draft, **changes) if changes else draft)

    def add(self, obj: RiskAssessment) -> RiskAssessment:
        with self.store.transaction():
            last = self.current(obj.person_id)
            expected_no, expected_prev = (last.version_no + 1, last.id) if last else (1, "")
            if (obj.version_no, obj.previous_id) != (expected_no, expected_prev):
                raise ValidationError(
                    f"Version {expected_no - 1} was saved after this assessment was started. "
                    "Start a new version from the latest one.")
            return super().add(obj)

    def update(self, obj: RiskAssessment) -> RiskAssessment:
        with self.store.transaction():
            last = self.current(obj.person_id)
            if last is not None and last.id != obj.id:
                raise ValidationError(
                    f"Version {obj.version_no} is kept as history. Start a new version to "
                    "change the assessment.")
            return super().update(obj)


class ChecklistRepository(Repository[ChecklistItem]):
    """The Fife engagement checklist: one current row per item per person (the record id is
    derived from the person and the item code, so two devices cannot start two rows)."""

    def __init__(self, store):
        super().__init__(store, ChecklistItem)

    def current(self, person_id: str) -> dict[str, ChecklistItem]:
        return {i.code: i for i in self.where("person_id = ?", (person_id,))}

    def rows(self, person_id: str) -> list[ChecklistItem]:
        """Every recordable item of the catalogue in template order: the stored row, or an
        unsaved 'not yet considered' row."""
        stored = self.current(person_id)
        return [stored.get(c.code) or ChecklistItem(
            id=checklist_item_id(person_id, c.code), person_id=person_id, code=c.code)
            for c in RECORDABLE]

    def set(self, person_id: str, code: str, status: ChecklistStatus, evidence: str = "",
            date: date | None = None, measure: str = "", by_whom: str = "") -> ChecklistItem:
        """Record the status of one item (a new row, or an update that keeps the old values in
        history). Raises ``ValidationError`` for a status without evidence and a date."""
        try:
            code = lookup(code).code
        except KeyError as exc:
            raise ValidationError(str(exc.args[0])) from None
        self.store.people.require(person_id)
        if status is not ChecklistStatus.NOT_YET_CONSIDERED and not by_whom.strip():
            by_whom = self.store.actor
        item = ChecklistItem(id=checklist_item_id(person_id, code), person_id=person_id,
                             code=code, status=status, evidence=evidence.strip(),
                             measure=measure.strip(), date=date, by_whom=by_whom.strip())
        from desktop.domain.checklist_rules import status_not_allowed
        why = status_not_allowed(item)
        if why:
            raise ValidationError(why)
        item.validate()
        with self.store.transaction():
            existing = self.get(item.id, include_deleted=True)
            if existing is None:
                return self.add(item)
            if existing.deleted:
                self._set_deleted(item.id, False)
            return self.update(item)

    def row_history(self, person_id: str, code: str):
        """Each update of one row (date, who, what changed), oldest first."""
        from desktop.domain.checklist_rules import row_history
        return row_history(self.history(checklist_item_id(person_id, lookup(code).code)))

    def missing_evidence(self, person_id: str) -> list[ChecklistItem]:
        return [i for i in self.current(person_id).values() if i.missing_evidence]


class MeetingRepository(Repository[Meeting]):
    def __init__(self, store):
        super().__init__(store, Meeting)

    def for_person(self, person_id: str, *, order: str = "date DESC, created_at DESC"):
        """Newest meeting first."""
        return super().for_person(person_id, order=order)

    def new(self, person_id: str, kind: MeetingKind, on: date, **fields) -> Meeting:
        """An unsaved meeting with the next review set to the configured gap (3 months)."""
        months = self.store.settings.get(REVIEW_MONTHS)
        fields.setdefault("next_review", default_next_review(on, months))
        return Meeting(person_id=person_id, kind=kind, date=on, **fields)

    def add_meeting(self, person_id: str, kind: MeetingKind, on: date, **fields) -> Meeting:
        self.store.people.require(person_id)
        return self.add(self.new(person_id, kind, on, **fields))

    def latest(self, person_id: str) -> Meeting | None:
        found = self.where("person_id = ?", (person_id,), order="date DESC, created_at DESC",
                           limit=1)
        return found[0] if found else None


class ActionRepository(Repository[Action]):
    def __init__(self, store):
        super().__init__(store, Action)

    def plan(self, person_id: str) -> list[Action]:
        """The action plan: open actions first, each group by due date."""
        return self.where("person_id = ?", (person_id,),
                          order="status <> 'open', due IS NULL, due, created_at")

    def for_meeting(self, meeting_id: str) -> list[Action]:
        return self.where("source_meeting_id = ?", (meeting_id,), order="due, created_at")

    def overdue(self, person_id: str, today: date) -> list[Action]:
        return [a for a in self.plan(person_id) if a.is_overdue(today)]

    def add_action(self, person_id: str, what: str, lead_person: str, lead_agency: str,
                   due: date, source_meeting_id: str = "", note: str = "") -> Action:
        self.store.people.require(person_id)
        if source_meeting_id:
            self.store.meetings.require(source_meeting_id)
        return self.add(Action(person_id=person_id, what=what, lead_person=lead_person,
                               lead_agency=lead_agency, due=due,
                               source_meeting_id=source_meeting_id, note=note))

    def mark_done(self, action_id: str, on: date) -> Action:
        a = self.require(action_id)
        return self.update(replace(a, status=ActionStatus.DONE, completed_on=on, reason=""))

    def mark_not_achievable(self, action_id: str, reason: str, on: date | None = None) -> Action:
        a = self.require(action_id)
        return self.update(replace(a, status=ActionStatus.NOT_ACHIEVABLE, reason=reason,
                                   completed_on=on))

    def reopen(self, action_id: str) -> Action:
        a = self.require(action_id)
        return self.update(replace(a, status=ActionStatus.OPEN, completed_on=None, reason=""))


class ReferralRepository(Repository[Referral]):
    def __init__(self, store):
        super().__init__(store, Referral)

    def for_person(self, person_id: str, *, order: str = "date DESC, created_at DESC"):
        return super().for_person(person_id, order=order)


class SupervisionRepository(Repository[Supervision]):
    def __init__(self, store):
        super().__init__(store, Supervision)

    def for_person(self, person_id: str, *, order: str = "date DESC, created_at DESC"):
        return super().for_person(person_id, order=order)


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



def register(store) -> None:
    """Make ``store.repo(cls)`` return the specialised casework repositories."""
    for repo in (store.risk_assessments, store.checklist, store.meetings, store.actions,
                 store.chronology, store.referrals, store.supervisions, store.closures):
        store._repos[repo.cls] = repo


@case_loader
def _casework_case_fields(store, person_ids, brief, now, cfg) -> dict[str, dict]:
    """Meetings, actions, checklist rows and closures for the casework rules (one query per
    table, for one person or the whole caseload)."""
    if person_ids is None:
        clause, params = "", []
    else:
        clause = f"person_id IN ({', '.join('?' * len(person_ids))})"
        params = list(person_ids)
    out: dict[str, dict] = {}
    for repo, field_name in ((store.meetings, "meetings"), (store.actions, "actions"),
                             (store.checklist, "checklist"), (store.closures, "closures")):
        for record in repo.where(clause, params):
            out.setdefault(record.person_id, {}).setdefault(field_name, []).append(record)
    return out
