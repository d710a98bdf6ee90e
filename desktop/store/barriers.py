"""Barriers to engagement and disengagement patterns: ``store.barriers``, ``store.patterns``."""
from __future__ import annotations

from desktop.domain.barrier import Barrier, DisengagementPattern
from desktop.store.records import PersonOwned


class BarrierRepository(PersonOwned):
    def __init__(self, store):
        super().__init__(store, Barrier)


class PatternRepository(PersonOwned):
    def __init__(self, store):
        super().__init__(store, DisengagementPattern)
