"""What each engagement-checklist row may say, where its answer already lives elsewhere in the
record, and the history of its updates (Fife: "Include date of update of decisions").

- ``allowed_statuses(code)``: a "Considered" row cannot be "Offered", a "Referred" row cannot be
  "Considered" …: each row offers only the statuses that answer its question.
- ``unconsidered_with_evidence(item)``: evidence typed under "Not yet considered" is refused
  (the status the evidence shows was not chosen).
- ``linked_suggestion(code, person, referrals)``: row 2 from the advocacy record, rows 9 from
  MARAC referrals, row 4 from the capacity record; ``link_disagreement`` flags a row that says
  something else.
- ``row_history(entries)``: each update of a row (date, who, what changed), oldest first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.checklist import STATUS_LABELS, ChecklistItem, ChecklistStatus

S = ChecklistStatus
_QUESTION = (S.NOT_YET_CONSIDERED, S.CONSIDERED, S.NOT_APPLICABLE)
_ALL = tuple(ChecklistStatus)

ALLOWED: dict[str, tuple[ChecklistStatus, ...]] = {
    "1": (S.NOT_YET_CONSIDERED, S.CONSIDERED, S.TRIED_NOT_ENGAGED),
    "2.considered": _QUESTION,
    "2.offered": (S.NOT_YET_CONSIDERED, S.OFFERED, S.TRIED_NOT_ENGAGED, S.NOT_APPLICABLE),
    "3": _QUESTION,
    "4": (S.NOT_YET_CONSIDERED, S.CONSIDERED, S.REFERRED, S.NOT_APPLICABLE),
    "5": (S.NOT_YET_CONSIDERED, S.OFFERED, S.TRIED_NOT_ENGAGED, S.NOT_APPLICABLE),
    "6": _QUESTION,
    "9.considered": _QUESTION,
    "9.referred": (S.NOT_YET_CONSIDERED, S.REFERRED, S.NOT_APPLICABLE),
    "10": (S.NOT_YET_CONSIDERED, S.CONSIDERED, S.REFERRED, S.NOT_APPLICABLE),
    "11": (S.NOT_YET_CONSIDERED, S.CONSIDERED, S.REFERRED, S.NOT_APPLICABLE),
    "12": (S.NOT_YET_CONSIDERED, S.CONSIDERED, S.OFFERED, S.REFERRED, S.NOT_APPLICABLE),
    "13": (S.NOT_YET_CONSIDERED, S.CONSIDERED, S.REFERRED, S.NOT_APPLICABLE),
}


def allowed_statuses(code: str) -> tuple[ChecklistStatus, ...]:
    return ALLOWED.get(code, _ALL)


def status_not_allowed(item: ChecklistItem) -> str:
    """Why the row's status does not answer its question ("" when it does)."""
    allowed = allowed_statuses(item.code)
    if item.status in allowed:
        return ""
    names = ", ".join(f"'{s.label}'" for s in allowed)
    return (f"'{item.status.label}' does not answer this row ({item.catalogue.short_label}); "
            f"choose one of {names}.")


def unconsidered_with_evidence(item: ChecklistItem) -> str:
    """Evidence typed under "Not yet considered": the status was not chosen ("" when fine)."""
    if item.status is not S.NOT_YET_CONSIDERED or not item.evidence.strip():
        return ""
    from desktop.domain.checklist_catalogue import describe
    names = ", ".join(f"'{s.label}'" for s in allowed_statuses(item.code)
                      if s is not S.NOT_YET_CONSIDERED)
    return (f"{describe(item.code)} still says 'Not yet considered', but evidence is typed. "
            f"Choose the status the evidence shows ({names}), or clear the evidence.")


@dataclass(frozen=True)
class Suggestion:
    status: ChecklistStatus
    evidence: str
    date: date | None
    source: str                     # where it comes from, e.g. "the advocacy record"


def linked_suggestion(code: str, person, referrals=()) -> Suggestion | None:
    """The answer the rest of the record already gives for a row, if any."""
    if code == "2.considered" and person.advocacy.considered:
        return Suggestion(S.CONSIDERED, "Advocacy considered (advocacy record)"
                          + (f"; advocate: {person.advocacy.advocate}"
                             if person.advocacy.advocate else ""),
                          person.advocacy.considered_on, "the advocacy record")
    if code == "2.offered" and person.advocacy.offered:
        a = person.advocacy
        if a.declined_on and not a.accepted:
            return Suggestion(S.TRIED_NOT_ENGAGED, "Advocacy offered, declined "
                              f"{a.declined_on:%d/%m/%Y} (advocacy record)", a.declined_on,
                              "the advocacy record")
        return Suggestion(S.OFFERED, "Advocacy offered (advocacy record)"
                          + ("; accepted" if a.accepted else ""), a.offered_on,
                          "the advocacy record")
    if code in ("9.considered", "9.referred"):
        marac = [r for r in referrals if not r.deleted and r.to_whom.value == "marac"]
        if marac:
            r = max(marac, key=lambda r: r.date)
            status = S.REFERRED if code == "9.referred" else S.CONSIDERED
            return Suggestion(status, f"MARAC referral {r.date:%d/%m/%Y}: {r.reason}", r.date,
                              "the MARAC referral")
    if code == "4" and person.capacity.considered:
        c = person.capacity
        return Suggestion(S.CONSIDERED, f"Capacity considered: {c.outcome.label.lower()}"
                          + (f" ({c.by_whom})" if c.by_whom else ""), c.date,
                          "the capacity record")
    return None


def link_disagreement(item: ChecklistItem, suggestion: Suggestion | None) -> str:
    """A flag when a saved row says something else than the record it is linked to."""
    if suggestion is None or item.status is S.NOT_YET_CONSIDERED:
        return ""
    if item.status is S.NOT_APPLICABLE or item.status is not suggestion.status:
        return (f"The row says '{item.status.label}' but {suggestion.source} says "
                f"'{suggestion.status.label}'.")
    return ""


FIELD_LABELS = {"status": "status", "evidence": "evidence", "measure": "measure",
                "date": "date", "by_whom": "by whom"}


@dataclass(frozen=True)
class RowUpdate:
    at: str                     # when it was recorded (ISO)
    by: str
    changes: tuple[str, ...]    # "status: Not yet considered → Offered", …
    decided_on: str | None      # the row's own date after this update


def row_history(entries) -> list[RowUpdate]:
    """Each write of a checklist row, oldest first, from its change-log entries."""
    out = []
    for e in entries:
        if e.op != "upsert":
            continue
        old = e.old or {}
        changes = []
        for k, label in FIELD_LABELS.items():
            if k not in e.fields:
                continue
            before, after = old.get(k), e.fields[k]
            if k == "status":
                before = STATUS_LABELS[S(before)] if before else None
                after = STATUS_LABELS[S(after)] if after else None
            if before in (None, "") and after in (None, "") or before == after:
                continue
            changes.append(f"{label}: {before} → {after}" if before not in (None, "")
                           else f"{label}: {after}")
        if changes:
            out.append(RowUpdate(e.at, e.actor, tuple(changes), e.fields.get("date")))
    return out
