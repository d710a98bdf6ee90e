"""Fills the caseload's Alerts column (``desktop.ui.caseload.model.set_alert_provider``) from
``desktop.store.alerts.alerts_by_person``: every person's alerts in one pass over the store.
Imported by ``desktop/ui/person/tabs.py``, which is where areas plug into the person screens."""
from __future__ import annotations

from desktop.store.alerts import alerts_by_person
from desktop.ui.caseload.model import set_alert_provider


def provide(store, rows) -> dict:
    """The alerts of ``rows``' people (all of them on a reload, a few after a commit)."""
    return alerts_by_person(store, person_ids=[r.id for r in rows])


set_alert_provider(provide)
