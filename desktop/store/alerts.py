"""Alerts from the store: the pure domain rules (``desktop.domain.rules``) run over one person's
records (the Overview) or over the whole caseload at once (the badge column).

- ``rule_config(store)`` — ``RuleConfig`` with every field that has a setting of the same key in
  the settings registry (``failed_attempts_threshold``, ``unseen_days``, …) taken from the store.
- ``case_for(store, person_id) -> Case`` — all of one person's live records.
- ``alerts_for(store, person_id, brief=False) -> list[Alert]`` — most severe first.
- ``alerts_by_person(store) -> {person_id: [Alert, ...]}`` — every live person, most severe
  first, with one query per table (not one per person): the caseload's Alerts column.
- ``alert_counts(store) -> {person_id: (count, max_severity or None)}`` — the same, counted.

Areas whose records feed ``Case`` register a loader with ``@case_loader``: a function
``(store, person_ids | None, brief, now, cfg) -> {person_id: {case_field: value}}``; ``None``
means every person; ``brief`` means "for the caseload badge": a loader may then leave out rows no
rule can need (as the attempts loader does), provided the alerts come out the same.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Callable

from desktop.domain.contact import SEEN_OUTCOMES
from desktop.domain.ids import to_iso, utc_now
from desktop.domain.rules import Alert, Case, RuleConfig, Severity, evaluate
from desktop.store.settings import REGISTRY

Loader = Callable[..., dict]
LOADERS: list[Loader] = []


def case_loader(fn: Loader) -> Loader:
    LOADERS.append(fn)
    return fn


def rule_config(store) -> RuleConfig:
    values = {f.name: store.settings.get(f.name) for f in dataclasses.fields(RuleConfig)
              if f.name in REGISTRY}
    return RuleConfig(**values)


def case_for(store, person_id: str, *, now: datetime | None = None,
             cfg: RuleConfig | None = None) -> Case:
    person = store.people.require(person_id)
    return _cases(store, [person], brief=False, now=now or utc_now(),
                  cfg=cfg or rule_config(store))[person_id]


def alerts_for(store, person_id: str, *, now: datetime | None = None,
               cfg: RuleConfig | None = None, brief: bool = False) -> list[Alert]:
    """``brief=True`` reads only the rows a rule can need (as the caseload badge does; the
    alerts are the same): what a screen uses, where a person may have 5,000 attempts."""
    cfg, now = cfg or rule_config(store), now or utc_now()
    if brief:
        person = store.people.require(person_id)
        case = _cases(store, [person], brief=True, now=now, cfg=cfg)[person_id]
    else:
        case = case_for(store, person_id, now=now, cfg=cfg)
    return evaluate(case, cfg, now)


def alerts_by_person(store, *, now: datetime | None = None, cfg: RuleConfig | None = None,
                     person_ids=None) -> dict[str, list[Alert]]:
    """Every live person's alerts, or only ``person_ids``'s (a refresh after a commit, the
    rows on screen: a few people's records are read instead of the whole store's)."""
    cfg, now = cfg or rule_config(store), now or utc_now()
    if person_ids is not None and len(person_ids) <= SCOPED_MAX:
        ids = list(person_ids)
        people = store.people.where(f"id IN ({', '.join('?' * len(ids))})", ids) if ids else []
        cases = _cases(store, people, brief=True, now=now, cfg=cfg)
    else:
        people = store.people.where()
        cases = _cases(store, people, brief=True, now=now, cfg=cfg)
    return {pid: evaluate(case, cfg, now) for pid, case in cases.items()}


#: up to this many people, loaders read only their records (``person_id IN (…)``)
SCOPED_MAX = 50


def alert_counts(store, *, now: datetime | None = None,
                 cfg: RuleConfig | None = None) -> dict[str, tuple[int, Severity | None]]:
    return {pid: (len(alerts), max((a.severity for a in alerts), default=None))
            for pid, alerts in alerts_by_person(store, now=now, cfg=cfg).items()}


def _cases(store, people, *, brief: bool, now: datetime, cfg: RuleConfig) -> dict[str, Case]:
    ids = [p.id for p in people]
    scope = ids if len(ids) <= SCOPED_MAX else None
    parts: dict[str, dict] = {pid: {} for pid in ids}
    for loader in LOADERS:
        for pid, fields in loader(store, scope, brief, now, cfg).items():
            if pid in parts:
                parts[pid].update(fields)
    return {p.id: Case(person=p, **parts[p.id]) for p in people}


def _grouped(records, field_name: str) -> dict[str, dict[str, list]]:
    grouped: dict[str, list] = defaultdict(list)
    for r in records:
        grouped[r.person_id].append(r)
    return {pid: {field_name: rs} for pid, rs in grouped.items()}


def _in(person_ids) -> tuple[str, list]:
    if person_ids is None:
        return "", []
    return f"person_id IN ({', '.join('?' * len(person_ids))})", list(person_ids)


_SEEN = ", ".join(f"'{o}'" for o in SEEN_OUTCOMES)


@case_loader
def _attempts(store, person_ids, brief, now, cfg):
    repo = store.attempts
    if not brief:
        clause, params = _in(person_ids)
        return _grouped(repo.where(clause, params, order="at"), "attempts")
    # The badge needs only: attempts since the last time the adult was seen (runs, overdue,
    # advocacy at the last contact), the engagement windows, and the attempts that have visits.
    # For a few people (the rows on screen) the same, from the (person_id, at) index.
    since = to_iso(now - timedelta(weeks=2 * cfg.engagement_weeks))
    cols = ", ".join(f"a.{n}" for n in repo.cols.names)
    scope, ids = "", []
    if person_ids is not None:
        marks = ", ".join("?" * len(person_ids))
        scope, ids = f" AND person_id IN ({marks})", list(person_ids)
    sql = (f"WITH ls AS (SELECT person_id, max(at) AS at FROM contact_attempt "
           f"WHERE deleted = 0 AND outcome IN ({_SEEN}){scope} GROUP BY person_id) "
           f"SELECT {cols} FROM contact_attempt a LEFT JOIN ls ON ls.person_id = a.person_id "
           f"WHERE a.deleted = 0{scope.replace('person_id', 'a.person_id')} "
           f"AND (ls.at IS NULL OR a.at >= ls.at OR a.at > ? "
           f"OR a.id IN (SELECT attempt_id FROM visit WHERE deleted = 0{scope})) "
           f"ORDER BY a.at")
    return _grouped([repo._from(r) for r in store.db.execute(sql, (*ids, *ids, since, *ids))],
                    "attempts")


@case_loader
def _visits(store, person_ids, brief, now, cfg):
    clause, params = _in(person_ids)
    # a primary-key look-up per visit, not a list of every live attempt in the store
    live = ("EXISTS (SELECT 1 FROM contact_attempt a WHERE a.id = visit.attempt_id "
            "AND a.deleted = 0)")
    clause = f"{clause} AND {live}" if clause else live
    return _grouped(store.visits.where(clause, params, order="created_at"), "visits")


@case_loader
def _goals_barriers_patterns_referrals(store, person_ids, brief, now, cfg):
    clause, params = _in(person_ids)
    out: dict[str, dict] = defaultdict(dict)
    for repo, name, order in ((store.goals, "goals", "created_at"),
                              (store.goals.progress, "goal_progress", "on_date, created_at"),
                              (store.barriers, "barriers", "created_at"),
                              (store.patterns, "patterns", "created_at"),
                              (store.referrals, "referrals", "date")):
        for pid, fields in _grouped(repo.where(clause, params, order=order), name).items():
            out[pid].update(fields)
    return out


@case_loader
def _meetings_actions_checklist_closures(store, person_ids, brief, now, cfg) -> dict[str, dict]:
    """Meetings, actions, checklist rows and closures for the procedure's rules (one query per
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
