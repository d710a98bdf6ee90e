"""Calendar arithmetic the procedures use: "three months on", "within 5 working days".

Working days are Monday to Friday except the bank holidays of the agency's part of the UK
(``REGIONS``: England, Wales, Scotland, Northern Ireland; from the ``holidays`` package, which
also knows the one-off ones such as a coronation). The region is the ``holiday_region`` setting;
a function given no region uses ``DEFAULT_REGION``.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from desktop.i18n import N_

# setting value -> (label, the ``holidays`` package's subdivision of GB)
REGIONS: dict[str, tuple[str, str]] = {
    "england": (N_("England"), "ENG"),
    "wales": (N_("Wales"), "WLS"),
    "scotland": (N_("Scotland"), "SCT"),
    "northern_ireland": (N_("Northern Ireland"), "NIR"),
}
DEFAULT_REGION = "england"


def _subdivision(region: str) -> str:
    try:
        return REGIONS[region][1]
    except KeyError:
        raise ValueError(f"unknown holiday region {region!r}; "
                         f"one of {', '.join(REGIONS)}") from None


@lru_cache(maxsize=256)
def _year(region: str, year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("GB", subdiv=_subdivision(region), years=year))


def bank_holiday(d: date, region: str = DEFAULT_REGION) -> str:
    """The name of the bank holiday on ``d`` in ``region`` ('' when it is not one)."""
    return _year(region, d.year).get(d, "")


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month
    (31 January + 1 month = 28 or 29 February)."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def is_working_day(d: date, region: str = DEFAULT_REGION) -> bool:
    return d.weekday() < 5 and d not in _year(region, d.year)


def add_working_days(d: date, n: int, region: str = DEFAULT_REGION) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself never counts, even when a working
    day): a meeting on Friday with minutes due "within 5 working days" → the next Friday."""
    if n < 0:
        raise ValueError("n must not be negative")
    while n:
        d += timedelta(days=1)
        if is_working_day(d, region):
            n -= 1
    return d


def working_days_between(start: date, end: date, region: str = DEFAULT_REGION) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for i in range(1, rest + 1):
        if (start + timedelta(days=full_weeks * 7 + i)).weekday() < 5:
            count += 1
    count -= sum(1 for y in range(start.year, end.year + 1) for h in _year(region, y)
                 if start < h <= end and h.weekday() < 5)
    return count


def local_date(value: datetime | date) -> date:
    """The local calendar date of an aware datetime (a date is returned as it is)."""
    if isinstance(value, datetime):
        return value.astimezone().date()
    return value
