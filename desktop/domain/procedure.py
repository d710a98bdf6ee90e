"""Which multi-agency procedure the agency follows, and the defaults each one sets.

Fife (Engagement Escalation Protocol), Nottingham City (Failure to Engage framework),
Oxfordshire (multi-agency guidance), Pan-Dorset ("Working Harder to Engage") and South
Lanarkshire. The procedure chosen in Settings sets: the unsuccessful-attempt threshold, the
review interval, the agencies every meeting must include, the chair's role, the supervision
interval and the words used for the coordinating agency ("primary agency" in Oxfordshire,
"lead agency" elsewhere). A worker's own setting, where made, wins over the default.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from desktop.i18n import _


class Procedure(enum.Enum):
    FIFE = "fife"
    NOTTINGHAM = "nottingham"
    OXFORDSHIRE = "oxfordshire"
    PAN_DORSET = "pan_dorset"
    SOUTH_LANARKSHIRE = "south_lanarkshire"

    @property
    def label(self) -> str:
        label = {"fife": "Fife Engagement Escalation Protocol",
                "nottingham": "Nottingham City Failure to Engage framework",
                "oxfordshire": "Oxfordshire multi-agency procedure",
                "pan_dorset": "Pan-Dorset Working Harder to Engage",
                "south_lanarkshire": "South Lanarkshire guidance"}[self.value]
        return _(label)


@dataclass(frozen=True)
class RequiredAgency:
    """An agency a meeting must include, and the words that identify it in an agency name."""
    name: str
    keywords: tuple[str, ...]

    def matches(self, agency: str) -> bool:
        text = " ".join(agency.lower().split())
        return bool(text) and any(k in text for k in self.keywords)


ADULT_SOCIAL_CARE = RequiredAgency(
    "Adult Social Care", ("adult social care", "social care", "social work", "asc"))
POLICE = RequiredAgency("Police", ("police",))
HEALTH = RequiredAgency("Health", ("health", "nhs", "gp", "nurs", "hospital", "clinical",
                                   "ccg", "icb", "psychiat", "mental"))


@dataclass(frozen=True)
class ProcedureSettings:
    procedure: Procedure
    failed_attempts_threshold: int = 3
    review_months: int = 3
    required_agencies: tuple[RequiredAgency, ...] = ()
    chair_role: str = ""            # the role that must chair, e.g. "service manager" (Fife)
    supervision_weeks: int = 4      # a prompt when no supervision for this long
    lead_term: str = "lead agency"
    chair_discusses_with_line_manager: bool = False   # Oxfordshire: "as a matter of course"
    # whose bank holidays working days skip (``dates.REGIONS``) unless the agency chooses
    # otherwise: the nation the procedure belongs to (a Welsh procedure would say "wales")
    holiday_region: str = "england"
    #: Oxfordshire: "A copy of the outcome documentation should be sent to the OSAB"
    outcome_to_board: bool = False

    @property
    def lead_term_title(self) -> str:
        return self.lead_term[:1].upper() + self.lead_term[1:]


SETTINGS: dict[Procedure, ProcedureSettings] = {
    Procedure.FIFE: ProcedureSettings(
        Procedure.FIFE, failed_attempts_threshold=3, review_months=3,
        chair_role="service manager", supervision_weeks=4, holiday_region="scotland"),
    Procedure.NOTTINGHAM: ProcedureSettings(
        Procedure.NOTTINGHAM, failed_attempts_threshold=3, review_months=3,
        supervision_weeks=4),
    Procedure.OXFORDSHIRE: ProcedureSettings(
        Procedure.OXFORDSHIRE, failed_attempts_threshold=3, review_months=3,
        required_agencies=(ADULT_SOCIAL_CARE, POLICE, HEALTH), supervision_weeks=4,
        lead_term="primary agency", chair_discusses_with_line_manager=True,
        outcome_to_board=True),
    Procedure.PAN_DORSET: ProcedureSettings(
        Procedure.PAN_DORSET, failed_attempts_threshold=3, review_months=3,
        supervision_weeks=4),
    Procedure.SOUTH_LANARKSHIRE: ProcedureSettings(
        Procedure.SOUTH_LANARKSHIRE, failed_attempts_threshold=3, review_months=3,
        supervision_weeks=4, holiday_region="scotland"),
}

DEFAULT_PROCEDURE = Procedure.FIFE


def settings_for(procedure: Procedure | str | None) -> ProcedureSettings:
    if isinstance(procedure, str):
        procedure = Procedure._value2member_map_.get(procedure)
    return SETTINGS[procedure or DEFAULT_PROCEDURE]


def chair_role_ok(required_role: str, chair_role: str) -> bool:
    """The chair's recorded role satisfies the procedure ("Service Manager, Adult Services"
    is a service manager; "Senior social worker" is not)."""
    if not required_role.strip():
        return True
    return " ".join(required_role.lower().split()) in " ".join(chair_role.lower().split())


def lead_term(store_or_settings) -> str:
    """"Lead agency", or what the store's procedure calls the coordinating agency ("Primary
    agency" in Oxfordshire). Takes a store (its ``settings``) or a procedure value."""
    settings = getattr(store_or_settings, "settings", None)
    value = settings.get("procedure") if settings is not None else store_or_settings
    return _(settings_for(value).lead_term_title)
