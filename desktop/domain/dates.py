"""Calendar arithmetic the procedures use: "three months on", "within 5 working days".

Working days are Monday to Friday. Bank holidays are not known to the app (they differ between
England and Scotland and change every year), so a deadline that spans one is a day early: the
prompt errs on the side of reminding.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month
    (31 January + 1 month = 28 or 29 February)."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def is_working_day(d: date) -> bool:
    return d.weekday() < 5


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself never counts, even when a working
    day): a meeting on Friday with minutes due "within 5 working days" → the next Friday."""
    if n < 0:
        raise ValueError("n must not be negative")
    while n:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    if end <= start:
        return 0
    days = (end - start).days
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for i in range(1, rest + 1):
        if is_working_day(start + timedelta(days=full_weeks * 7 + i)):
            count += 1
    return count


def local_date(value: datetime | date) -> date:
    """The local calendar date of an aware datetime (a date is returned as it is)."""
    if isinstance(value, datetime):
        return value.astimezone().date()
    return value
