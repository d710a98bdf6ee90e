"""Referrals (adult safeguarding, children's services, …): ``store.referrals``."""
from __future__ import annotations

from desktop.domain.referral import Referral
from desktop.store.records import Repository


class ReferralRepository(Repository[Referral]):
    def __init__(self, store):
        super().__init__(store, Referral)

    def for_person(self, person_id: str, *, order: str = "date DESC, created_at DESC"):
        return super().for_person(person_id, order=order)
