"""The period a report covers: whole local days, ``since`` and ``until`` both included."""
from __future__ import annotations

from desktop.i18n import _

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


def _local_midnight(d: date) -> datetime:
    return datetime.combine(d, time.min).astimezone()


def _fmt(d: date) -> str:
    from desktop.reports.flow import fmt_date        # the report's language's month names
    return fmt_date(d)


@dataclass(frozen=True)
class Period:
    since: date | None = None
    until: date | None = None
    basis: str = ""          # why these dates, e.g. "since the last meeting on 12 May 2026"

    def __post_init__(self):
        if self.since and self.until and self.since > self.until:
            raise ValueError(_("The period starts ({start}) after it ends ({end}); swap the "
                               "dates.").format(start=_fmt(self.since), end=_fmt(self.until)))

    @property
    def start(self) -> datetime | None:
        return _local_midnight(self.since) if self.since else None

    @property
    def end(self) -> datetime | None:
        """Exclusive: midnight at the end of ``until``."""
        return _local_midnight(self.until + timedelta(days=1)) if self.until else None

    def contains(self, value: date | datetime | None) -> bool:
        if value is None:
            return False
        if isinstance(value, datetime):
            start, end = self.start, self.end
            return (start is None or value >= start) and (end is None or value < end)
        return (self.since is None or value >= self.since) and \
            (self.until is None or value <= self.until)

    @property
    def label(self) -> str:
        if self.since and self.until:
            return _("{start} to {end}").format(start=_fmt(self.since), end=_fmt(self.until))
        if self.since:
            return _("{start} to date").format(start=_fmt(self.since))
        if self.until:
            return _("up to {end}").format(end=_fmt(self.until))
        return _("All records")


def months_before(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    m += 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][m - 1]
    return date(y, m, min(d.day, last))
