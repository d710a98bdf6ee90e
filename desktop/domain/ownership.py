"""Who may write what: the owner role of each record kind (docs/sync-format.md, "Who may
change what").

A field device (SPOC / outreach worker) writes the records of its work with a person; the lead
agency keeps the case (meetings, risk, checklist, plan, referrals, supervision, closure) and
the person's status, lead agency and SPOC. The person record itself is shared field by field.
A record kind not listed here (added later) is the lead's until it says otherwise with
``SYNC_OWNER = "field"`` on its class.
"""
from __future__ import annotations

LEAD, FIELD, SHARED = "lead", "field", "shared"

#: record kind → the role that writes it
OWNER = {
    "contact_attempt": FIELD,
    "visit": FIELD,
    "goal": FIELD,
    "goal_progress": FIELD,
    "barrier": FIELD,
    "disengagement_pattern": FIELD,
    "chronology_entry": FIELD,      # each device its own entries
    "person": SHARED,
    "meeting": LEAD,
    "risk_assessment": LEAD,
    "checklist_item": LEAD,
    "action": LEAD,
    "referral": LEAD,
    "supervision": LEAD,
    "closure": LEAD,
    # the lead agency's procedure (desktop/domain/escalation.py, disagreement.py, referrer.py,
    # hostility.py): its decisions
    "escalation": LEAD,
    "deescalation": LEAD,
    "professional_disagreement": LEAD,
    "agency_withdrawal": LEAD,
    "incoming_referral": LEAD,
    "concern_decision": LEAD,
}

#: person fields only the lead agency changes
PERSON_LEAD_FIELDS = ("status", "lead_agency", "spoc")
#: ... except these, on a person the device created, until the lead agency has written them
PERSON_SET_BY_CREATOR = ("lead_agency", "spoc")

#: fields that move a record to another person: re-pointing (a merge of two people) is the
#: lead's, whoever owns the record
REPOINT_FIELDS = ("person_id",)


def owner(entity: str, cls: type | None = None) -> str:
    """The role that writes records of this kind (the lead's when nobody says)."""
    declared = getattr(cls, "SYNC_OWNER", None) if cls is not None else None
    return declared or OWNER.get(entity, LEAD)
