"""The closure gate: what stands between a case and its closure, each blocker named.

Nottingham s.12: a case is closed only when "it has been evidenced that all options have been
exhausted ... All members of the multi-agency / multi-disciplinary meeting and their senior
managers must agree". South Lanarkshire: "where risks are evident, the case should not be closed
until the identified risks are addressed". Closing is refused while any blocker stands, unless a
senior manager records a management override with the rationale (``Closure.override``).

``closure_blockers(case, closure, today)`` is pure: ``case`` is the person's records
(``desktop.domain.rules.Case``), ``closure`` the closure being prepared (its agreements, senior
managers' agreements and the decision that the risks were addressed).
"""
from __future__ import annotations

from datetime import date

from desktop.domain.action import ActionStatus
from desktop.domain.checklist import RECORDABLE, ChecklistStatus, describe
from desktop.domain.closure import Closure
from desktop.domain.risk import RiskLevel

HIGH_LEVELS = (RiskLevel.HIGH, RiskLevel.VERY_HIGH)


def _live(records) -> list:
    return [r for r in records if not getattr(r, "deleted", False)]


def _norm(agency: str) -> str:
    return " ".join(agency.lower().split())


def involved_agencies(case) -> list[str]:
    """Every agency involved: the person's agencies, meeting attendees' agencies and action
    leads' agencies, in that order, each once. An agency that has formally ended its own
    involvement (and informed the others) is no longer counted."""
    withdrawn = {_norm(w.agency) for w in _live(getattr(case, "withdrawals", []))
                 if w.informed_complete}
    names: list[str] = [a.agency for a in case.person.agencies]
    for m in sorted(_live(case.meetings), key=lambda m: m.date):
        names += [a.agency for a in m.attendees]
    for a in _live(case.actions):
        names.append(a.lead_agency)
    seen, out = set(), []
    for n in names:
        key = _norm(n or "")
        if key and key not in seen and key not in withdrawn:
            seen.add(key)
            out.append(" ".join(n.split()))
    return out


def agreed_risk_level(case) -> RiskLevel:
    """The level agreed at the latest meeting that agreed one; else the latest assessment's."""
    meetings = [m for m in _live(case.meetings) if m.agreed_risk_level is not RiskLevel.NOT_SET]
    if meetings:
        return max(meetings, key=lambda m: m.date).agreed_risk_level
    latest = latest_assessment(case)
    return latest.level if latest else RiskLevel.NOT_SET


def latest_assessment(case):
    versions = _live(getattr(case, "risk_assessments", []))
    return max(versions, key=lambda r: r.version_no) if versions else None


def not_yet_considered(case) -> list[str]:
    stored = {i.code: i for i in _live(case.checklist)}
    return [c.code for c in RECORDABLE
            if c.code not in stored or stored[c.code].status is ChecklistStatus.NOT_YET_CONSIDERED]


def closure_blockers(case, closure: Closure | None = None,
                     today: date | None = None) -> list[str]:
    """Each reason the case cannot be closed yet, in the words the coordinator acts on."""
    today = today or date.today()
    blockers: list[str] = []
    # the action plan
    for a in sorted(_live(case.actions), key=lambda a: (a.due or today, a.what)):
        if a.status is ActionStatus.OPEN:
            late = " (overdue)" if a.is_overdue(today) else ""
            blockers.append(f"Action still open{late}: {a.what} — {a.lead_person}, "
                            f"{a.lead_agency}. Mark it done, or not achievable with the reason.")
    # the risk assessment
    latest = latest_assessment(case)
    if latest is None:
        blockers.append("No risk assessment is recorded.")
    elif not latest.review.done:
        blockers.append(f"Risk assessment version {latest.version_no} has no stage-5 "
                        "supervisory review (reviewer and date).")
    level = agreed_risk_level(case)
    if level in HIGH_LEVELS and not (closure and closure.risks_addressed.strip()):
        blockers.append(f"The agreed risk level is {level.label.lower()}: record the decision "
                        "that the risks were addressed.")
    # the checklist
    pending = not_yet_considered(case)
    if pending:
        shown = ", ".join(describe(c) for c in pending[:6])
        more = f" and {len(pending) - 6} more" if len(pending) > 6 else ""
        blockers.append(f"{len(pending)} of {len(RECORDABLE)} checklist items are not yet "
                        f"considered: {shown}{more}. Record each, or mark it not applicable "
                        "with the reason.")
    # agreement of every agency and of its senior manager
    agencies = involved_agencies(case)
    if not agencies:
        blockers.append("No involved agencies are recorded.")
    probe = closure or Closure(person_id=case.person.id, closed_on=today, reason="", evidence="")
    probe_agencies = probe.involved_agencies
    probe.involved_agencies = agencies
    try:
        missing = probe.missing_agreements()
        missing_senior = probe.missing_senior_agreements()
    finally:
        probe.involved_agencies = probe_agencies
    if missing:
        blockers.append("Not agreed by: " + ", ".join(missing) + ".")
    if missing_senior:
        blockers.append("No senior manager's agreement (name, agency, date) for: "
                        + ", ".join(missing_senior) + ".")
    # open professional disagreements
    for d in _live(getattr(case, "disagreements", [])):
        if d.is_open:
            blockers.append(f"A professional disagreement raised by {d.raised_by} "
                            f"({d.agency}) is unresolved: {d.about}.")
    return blockers


def can_close(blockers: list[str], closure: Closure | None) -> bool:
    return not blockers or bool(closure and closure.override.recorded)
