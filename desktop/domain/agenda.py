"""The standing agenda of a multi-agency meeting, as data with stable codes.

Nottingham s.9 gives the standing agenda of every support and engagement meeting; Oxfordshire
adds the options for mitigating the risk; Fife adds, for engagement escalation meetings, the
engagement opportunities not yet explored, undue pressure and the single point of contact;
Nottingham s.10 gives the review meeting's own questions.
"""
from __future__ import annotations

from dataclasses import dataclass

ALL_KINDS = ("multi_agency", "engagement_escalation", "review", "case_conference")


@dataclass(frozen=True)
class AgendaQuestion:
    code: str
    text: str
    source: str
    kinds: tuple[str, ...] = ALL_KINDS


@dataclass
class AgendaAnswer:
    code: str = ""
    answer: str = ""

    @property
    def question(self) -> str:
        q = BY_CODE.get(self.code)
        return q.text if q else self.code


_NOTTS, _OXON, _FIFE = "Nottingham s.9", "Oxfordshire", "Fife"
_REVIEW = "Nottingham s.10"

STANDING_AGENDA: tuple[AgendaQuestion, ...] = (
    AgendaQuestion("risk", "What is the risk / concern?", _NOTTS),
    AgendaQuestion("wishes", "Do we know what the service user wants and why they cannot "
                             "engage at this time?", _NOTTS),
    AgendaQuestion("in_place", "What is already in place to reduce the risk?", _NOTTS),
    AgendaQuestion("options", "What are the options for mitigating the risk?", _OXON),
    AgendaQuestion("barriers", "What are the barriers for removing risk?", _NOTTS),
    AgendaQuestion("action_needed", "What action needs to be taken?", _NOTTS),
    AgendaQuestion("safety_increased", "Where has safety increased and risk reduced?", _NOTTS),
    AgendaQuestion("empowering", "Ways / means of empowering her/him.", _NOTTS),
    AgendaQuestion("statutory_powers", "Are statutory powers being considered?", _NOTTS),
    AgendaQuestion("action_plan", "Agree action plan, with timescales and named leads.", _NOTTS),
    AgendaQuestion("review_date", "Agree a review meeting date.", _NOTTS),
    AgendaQuestion("best_placed", "Identify who is best placed to engage with the person and "
                                  "inform her/him of the decisions that have been made.", _NOTTS),
    AgendaQuestion("opportunity_gaps", "Engagement opportunities not yet explored (inter-agency "
                                       "chronology and engagement checklist).", _FIFE,
                   ("engagement_escalation",)),
    AgendaQuestion("undue_pressure", "Undue pressure: is another person influencing the adult "
                                     "to decline support?", _FIFE, ("engagement_escalation",)),
    AgendaQuestion("contact_loop", "Single point of contact and the contact loop with the group "
                                   "between meetings.", _FIFE, ("engagement_escalation",)),
    AgendaQuestion("new_information", "Agencies share any new information.", _REVIEW,
                   ("review",)),
    AgendaQuestion("actions_reviewed", "Review actions and agree a revised action plan, with "
                                       "named leads and timescales.", _REVIEW, ("review",)),
    AgendaQuestion("risk_updated", "Update the risk assessment.", _REVIEW, ("review",)),
    AgendaQuestion("alternative_approach", "If insufficient progress: reflect on the "
                                           "interactions and consider an alternative approach.",
                   _REVIEW, ("review",)),
    AgendaQuestion("timescales", "Can support timescales be increased if required?", _REVIEW,
                   ("review",)),
    AgendaQuestion("another_meeting", "At what point may another meeting be required (if "
                                      "issues change significantly or there are new concerns)?",
                   _REVIEW, ("review",)),
)

BY_CODE: dict[str, AgendaQuestion] = {q.code: q for q in STANDING_AGENDA}


def agenda_for(kind) -> list[AgendaQuestion]:
    """The questions for a meeting kind (a ``MeetingKind`` or its value), in agenda order."""
    value = getattr(kind, "value", kind)
    return [q for q in STANDING_AGENDA if value in q.kinds]
