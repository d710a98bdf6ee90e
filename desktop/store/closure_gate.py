"""The closure gate over the store: ``blockers(store, person_id, closure)`` and ``close(...)``.

Closing is refused (``ClosureBlocked``, naming each blocker) while any blocker of
``desktop.domain.closure_gate`` stands, unless the closure carries a management override (senior
manager, agency, date, rationale); the blockers then overridden are kept on the closure record
and printed on its PDF.
"""
from __future__ import annotations

from datetime import date

from desktop.domain.closure import Agreement, Closure, KeepInTouch, ManagementOverride
from desktop.domain.closure_gate import closure_blockers, involved_agencies
from desktop.domain.record import ValidationError


class ClosureBlocked(ValidationError):
    def __init__(self, blockers: list[str]):
        self.blockers = list(blockers)
        super().__init__("The case cannot be closed yet:\n" + "\n".join(
            f"- {b}" for b in self.blockers)
            + "\nA senior manager may close it despite these only by recording a management "
              "override with the rationale.")


def _case(store, person_id: str):
    from desktop.store.alerts import case_for
    return case_for(store, person_id)


def agencies(store, person_id: str) -> list[str]:
    return involved_agencies(_case(store, person_id))


def blockers(store, person_id: str, closure: Closure | None = None,
             today: date | None = None) -> list[str]:
    return closure_blockers(_case(store, person_id), closure, today or date.today())


def draft(store, person_id: str, **fields) -> Closure:
    """An unsaved closure listing every involved agency (person, meetings, action leads)."""
    store.people.require(person_id)
    fields.setdefault("closed_on", date.today())
    fields.setdefault("reason", "")
    fields.setdefault("evidence", "")
    return Closure(person_id=person_id, involved_agencies=agencies(store, person_id), **fields)


def close(store, person_id: str, *, reason: str, evidence: str,
          agreements: list[Agreement] = (), senior_agreements: list[Agreement] = (),
          agencies_informed: list[str] = (), keep_in_touch: KeepInTouch | None = None,
          closed_on: date | None = None, meeting_id: str = "", risks_addressed: str = "",
          override: ManagementOverride | None = None) -> Closure:
    closure = draft(store, person_id, reason=reason, evidence=evidence,
                    agreements=list(agreements), senior_agreements=list(senior_agreements),
                    agencies_informed=[a.strip() for a in agencies_informed if a.strip()],
                    keep_in_touch=keep_in_touch or KeepInTouch(),
                    closed_on=closed_on or date.today(), meeting_id=meeting_id,
                    risks_addressed=risks_addressed.strip(),
                    override=override or ManagementOverride())
    return save(store, closure)


def save(store, closure: Closure) -> Closure:
    """Save a prepared closure through the gate (refused with the blockers named)."""
    with store.transaction():
        found = blockers(store, closure.person_id, closure, closure.closed_on)
        if found and not closure.override.recorded:
            raise ClosureBlocked(found)
        closure.blockers_overridden = found
        if not closure.involved_agencies:
            closure.involved_agencies = agencies(store, closure.person_id)
        return store.closures.save_closure(closure)
