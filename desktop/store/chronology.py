"""The inter-agency chronology: one merged, date-ordered view of everything known about a person.

``store.chronology(person_id, agency=None, kinds=None, since=None, until=None)`` merges, in date
order (oldest first; ``newest_first=True`` reverses):

- contact attempts (``contact_attempt``) — kind ``attempt``;
- visits — an attempt with visit details (the ``visit`` table) shows once, as kind
  ``visit``; a staff-safety incident recorded on a visit adds an ``incident`` line. Without a
  ``visit`` table (older schema) attempts are all shown as attempts;
- meetings, referrals;
- entries typed for other agencies (``chronology_entry``: reports of harm, incidents, …).

Nothing is retyped: the rows are read from their own records. ``store.chronology.add(entry)``
adds a manual entry; entries are append-only (a mistake is corrected by a further entry).
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Iterable

from desktop.domain.chronology import ChronologyEntry, ChronologyKind, ChronologyRow
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.dates import local_date
from desktop.domain.ids import from_iso
from desktop.domain.meeting import MeetingKind
from desktop.domain.record import ValidationError
from desktop.domain.risk import RiskLevel
from desktop.store.records import Repository
from desktop.i18n import _, ngettext  # noqa: F401

K = ChronologyKind


class ChronologyRepository(Repository[ChronologyEntry]):
    def __init__(self, store):
        super().__init__(store, ChronologyEntry)

    def update(self, obj: ChronologyEntry) -> ChronologyEntry:
        raise ValidationError(_("Chronology entries are not edited: add a further entry that "
                              "corrects or adds to it."))

    def add_entry(self, person_id: str, event_date: date, agency: str, kind: ChronologyKind,
                  summary: str, worker: str = "", significance: str = "") -> ChronologyEntry:
        self.store.people.require(person_id)
        return self.add(ChronologyEntry(person_id=person_id, event_date=event_date,
                                        agency=agency.strip(), kind=kind, summary=summary.strip(),
                                        worker=worker.strip() or self.store.actor,
                                        significance=significance.strip()))

    # ------------------------------------------------------------------ the merged view
    def __call__(self, person_id: str, agency: str | None = None,
                 kinds: Iterable[ChronologyKind | str] | None = None,
                 since: date | None = None, until: date | None = None,
                 newest_first: bool = False) -> list[ChronologyRow]:
        return self.merged(person_id, agency, kinds, since, until, newest_first)

    def merged(self, person_id: str, agency: str | None = None,
               kinds: Iterable[ChronologyKind | str] | None = None,
               since: date | None = None, until: date | None = None,
               newest_first: bool = False) -> list[ChronologyRow]:
        person = self.store.people.require(person_id)
        wanted = {ChronologyKind(getattr(k, "value", k)) for k in kinds} if kinds else set(K)
        ctx = _Context(self.store, person)
        rows: list[ChronologyRow] = []
        if wanted & {K.ATTEMPT, K.VISIT, K.INCIDENT}:
            rows += self._attempts(ctx, since, until)
        if K.MEETING in wanted:
            rows += self._meetings(ctx, since, until)
        if K.REFERRAL in wanted:
            rows += self._referrals(ctx, since, until)
        if K.DECISION in wanted:
            from desktop.store.decisions_chronology import decision_rows
            rows += decision_rows(self.store, ctx, since, until)
        rows += self._entries(person_id, wanted, since, until)
        key = agency.strip().lower() if agency and agency.strip() else None
        rows = [r for r in rows if r.kind in wanted
                and (since is None or r.date >= since) and (until is None or r.date <= until)
                and (key is None or r.agency.strip().lower() == key)]
        rows.sort(key=lambda r: r.sort_key, reverse=newest_first)
        return rows

    def agencies(self, person_id: str) -> list[str]:
        """Every agency named in the person's chronology (for filters), sorted."""
        names = {r.agency for r in self.merged(person_id) if r.agency}
        return sorted(names, key=str.lower)

    # ------------------------------------------------------------------ sources
    def _entries(self, person_id, wanted, since, until) -> list[ChronologyRow]:
        sql, params = _bounded("person_id = ?", [person_id], "event_date", since, until)
        return [ChronologyRow(e.event_date, None, e.agency, e.worker, e.kind, e.summary,
                              e.significance, "chronology_entry", e.id)
                for e in self.where(sql, params) if e.kind in wanted]

    def _attempts(self, ctx: "_Context", since, until) -> list[ChronologyRow]:
        db = self.store.db
        visit_cols = _columns(db, "visit")
        vsel = [c for c in ("observed", "reported", "mismatch", "incident", "present")
                if c in visit_cols]
        join = ""
        if "attempt_id" in visit_cols:
            join = "LEFT JOIN visit v ON v.attempt_id = a.id AND v.deleted = 0"
            vfields = ", v.id" + "".join(f", v.{c}" for c in vsel)
        else:
            vsel, vfields = [], ", NULL"
        # attempts are stored in UTC; widen the bounds by a day and filter on local dates later
        conds, params = ["a.person_id = ?", "a.deleted = 0"], [ctx.person.id]
        if since:
            conds.append("a.at >= ?")
            params.append((since - timedelta(days=1)).isoformat())
        if until:
            conds.append("a.at < ?")
            params.append((until + timedelta(days=2)).isoformat())
        corr = ", a.correction_reason" if "correction_reason" in _columns(db, "contact_attempt") \
            else ", ''"
        sql = (f"SELECT a.id, a.at, a.worker, a.method, a.outcome, a.note, a.origin_device"
               f"{corr}{vfields} FROM contact_attempt a {join} WHERE {' AND '.join(conds)}")
        rows = []
        for r in db.execute(sql, params):
            aid, at_text, worker, method, outcome, note, device, correction, visit_id = r[:9]
            visit = dict(zip(vsel, r[9:]))
            at = from_iso(at_text)
            agency = ctx.agency_for(worker, device)
            what = f"{_method(method)} – {_outcome(outcome)}"
            if correction:
                what += f" [corrected: {correction}]"
            if visit_id:
                parts = [what]
                if visit.get("present"):
                    parts.append(f"Present: {visit['present']}")
                if visit.get("observed"):
                    parts.append(f"Observed: {visit['observed']}")
                if visit.get("reported"):
                    parts.append(f"Reported: {visit['reported']}")
                if note:
                    parts.append(note)
                significance = "Observation and report disagree (possible disguised " \
                               "compliance)." if visit.get("mismatch") else ""
                rows.append(ChronologyRow(local_date(at), at, agency, worker, K.VISIT,
                                          ". ".join(parts), significance, "visit", visit_id))
                incident = _json(visit.get("incident"))
                if incident:
                    kinds = ", ".join(str(k).replace("_", " ") for k in incident.get("kinds", []))
                    text = f"Staff-safety incident ({kinds})" if kinds else "Staff-safety incident"
                    desc = incident.get("description", "")
                    rows.append(ChronologyRow(
                        local_date(at), at, agency, worker, K.INCIDENT,
                        f"{text}: {desc}" if desc else text, "Debrief needed; plan joint visits.",
                        "visit", visit_id))
            else:
                rows.append(ChronologyRow(local_date(at), at, agency, worker, K.ATTEMPT,
                                          f"{what}. {note}" if note else what, "",
                                          "contact_attempt", aid))
        return rows

    def _meetings(self, ctx: "_Context", since, until) -> list[ChronologyRow]:
        sql, params = _bounded("person_id = ?", [ctx.person.id], "date", since, until)
        rows = []
        for m in self.store.meetings.where(sql, params):
            parts = [_label(MeetingKind, m.kind)]
            if m.chair:
                parts[0] += f" (chair: {m.chair})"
            if m.agreed_risk_level is not RiskLevel.NOT_SET:
                parts.append(f"Risk level agreed: {m.agreed_risk_level.label}")
            if m.decisions:
                parts.append("Decisions: " + "; ".join(d.decision for d in m.decisions))
            if m.next_review:
                parts.append(f"Next review {m.next_review:%d %b %Y}")
            agency = ctx.lead_agency
            rows.append(ChronologyRow(m.date, None, agency, m.chair, K.MEETING,
                                      ". ".join(parts), "", "meeting", m.id))
        return rows

    def _referrals(self, ctx: "_Context", since, until) -> list[ChronologyRow]:
        sql, params = _bounded("person_id = ?", [ctx.person.id], "date", since, until)
        rows = []
        for r in self.store.referrals.where(sql, params):
            text = f"Referral to {r.label}: {r.reason.rstrip('. ')}"
            if r.outcome:
                text += f". Outcome: {r.outcome}"
            rows.append(ChronologyRow(r.date, None, r.agency or ctx.lead_agency, r.made_by,
                                      K.REFERRAL, text, "", "referral", r.id))
        return rows


class _Context:
    """Per-call lookups: which agency a worker belongs to."""

    def __init__(self, store, person):
        self.store, self.person = store, person
        self.own_device, self.own_agency = store.device_id, store.agency or ""
        self.lead_agency = person.lead_agency or self.own_agency
        self.by_worker = {a.lead_worker.strip().lower(): a.agency
                          for a in person.agencies if a.lead_worker.strip() and a.agency}
        # Records that came by sync: the agency the sending device was enrolled with.
        self.by_device = {}
        if "sync_peer" in _tables(store.db):
            self.by_device = {d: a for d, a in store.db.execute(
                "SELECT device_id, agency FROM sync_peer WHERE agency != ''")}

    def agency_for(self, worker: str, device: str) -> str:
        found = self.by_worker.get((worker or "").strip().lower())
        if found:
            return found
        if device == self.own_device:
            return self.own_agency
        return self.by_device.get(device, "")


def _bounded(clause: str, params: list, column: str, since, until) -> tuple[str, list]:
    if since:
        clause += f" AND {column} >= ?"
        params.append(since.isoformat())
    if until:
        clause += f" AND {column} <= ?"
        params.append(until.isoformat())
    return clause, params


def _tables(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _columns(db, table: str) -> set[str]:
    return {r[1] for r in db.execute(f"PRAGMA table_info({table})")}


def _json(value):
    if not value:
        return None
    try:
        return json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None


def _label(enum_cls, value) -> str:
    try:
        return enum_cls(getattr(value, "value", value)).label
    except ValueError:
        return str(value).replace("_", " ").capitalize()


def _method(value: str) -> str:
    return _label(ContactMethod, value)


def _outcome(value: str) -> str:
    return _label(ContactOutcome, value).lower() if value else ""

