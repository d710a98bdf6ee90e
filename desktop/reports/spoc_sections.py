"""The SPOC report's sections about fieldwork and casework records (visits, goals, barriers,
risks, actions). Each returns flowables, or [] so the section says "None recorded."."""
from __future__ import annotations

from desktop.reports.data import CaseData


def visits(data: CaseData, width: float) -> list:
    return []


def goals(data: CaseData, width: float) -> list:
    return []


def barriers(data: CaseData, width: float) -> list:
    return []


def risks(data: CaseData, width: float) -> list:
    return []


def actions(data: CaseData, width: float) -> list:
    return []
