"""Oversight records: professional disagreements, agencies withdrawing, the referral received
(and its referrer's updates), decisions on worrying visits, and supervision sign-off.

``store.disagreements``, ``store.withdrawals``, ``store.incoming_referrals``,
``store.concern_decisions``; ``sign_off(store, supervision_id, rationale, on)``.
"""
from __future__ import annotations

import copy
from datetime import date

from desktop.domain.disagreement import AgencyWithdrawal, ProfessionalDisagreement
from desktop.domain.hostility import ConcernDecision
from desktop.domain.referrer import IncomingReferral, ReferrerUpdate
from desktop.store.records import Repository


class _PersonRecords(Repository):
    ORDER = "created_at DESC"

    def for_person(self, person_id: str, *, order: str = ""):
        return super().for_person(person_id, order=order or self.ORDER)

    def add(self, obj):
        self.store.people.require(obj.person_id)
        return super().add(obj)


class DisagreementRepository(_PersonRecords):
    ORDER = "raised_on DESC, created_at DESC"

    def __init__(self, store):
        super().__init__(store, ProfessionalDisagreement)


class WithdrawalRepository(_PersonRecords):
    ORDER = "withdrawn_on DESC, created_at DESC"

    def __init__(self, store):
        super().__init__(store, AgencyWithdrawal)


class IncomingReferralRepository(_PersonRecords):
    ORDER = "received_on DESC, created_at DESC"

    def __init__(self, store):
        super().__init__(store, IncomingReferral)

    def tell_referrer(self, referral_id: str, update: ReferrerUpdate) -> IncomingReferral:
        r = self.require(referral_id)
        r = copy.deepcopy(r)
        if not update.by.strip():
            update.by = self.store.actor
        r.updates.append(update)
        return self.update(r)


class ConcernDecisionRepository(_PersonRecords):
    ORDER = "decided_on DESC, created_at DESC"

    def __init__(self, store):
        super().__init__(store, ConcernDecision)


def sign_off(store, supervision_id: str, rationale: str, on: date | None = None,
             manager: str = ""):
    """Sign off the supervision's decisions awaiting it, with the manager's rationale
    (``ValidationError`` without one). The manager defaults to the session's manager."""
    s = copy.deepcopy(store.supervisions.require(supervision_id))
    s.sign_off(manager.strip() or s.manager, on or date.today(), rationale)
    return store.supervisions.update(s)


def register(store) -> None:
    store.disagreements = DisagreementRepository(store)
    store.withdrawals = WithdrawalRepository(store)
    store.incoming_referrals = IncomingReferralRepository(store)
    store.concern_decisions = ConcernDecisionRepository(store)
    from desktop.store.escalation import DeescalationRepository, EscalationRepository
    store.escalations = EscalationRepository(store)
    store.deescalations = DeescalationRepository(store)
    for repo in (store.disagreements, store.withdrawals, store.incoming_referrals,
                 store.concern_decisions, store.escalations, store.deescalations):
        store._repos[repo.cls] = repo


def _lead_case_fields(store, person_ids, brief, now, cfg) -> dict[str, dict]:
    """The lead procedure's records for the rules (one query per table). Risk assessments only
    for one person's full case: no caseload prompt reads them."""
    if person_ids is None:
        clause, params = "", []
    else:
        clause = f"person_id IN ({', '.join('?' * len(person_ids))})"
        params = list(person_ids)
    repos = [(store.supervisions, "supervisions"), (store.escalations, "escalations"),
             (store.deescalations, "deescalations"), (store.disagreements, "disagreements"),
             (store.withdrawals, "withdrawals"), (store.incoming_referrals, "incoming_referrals"),
             (store.concern_decisions, "concern_decisions")]
    if not brief:
        repos.append((store.risk_assessments, "risk_assessments"))
    out: dict[str, dict] = {}
    for repo, field_name in repos:
        for record in repo.where(clause, params):
            out.setdefault(record.person_id, {}).setdefault(field_name, []).append(record)
    return out


def _install_loader() -> None:
    from desktop.store.alerts import case_loader
    case_loader(_lead_case_fields)


_install_loader()
