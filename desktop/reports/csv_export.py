"""CSV exports for agencies that keep the chronology or the action plan in a spreadsheet.

UTF-8 with a byte-order mark, so Excel opens names such as "Siân Ó Ceallaigh" correctly; one
row per entry, ISO dates (a spreadsheet sorts them), a header row. A cell that a spreadsheet
would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or carriage return) is written
with a leading apostrophe, as OWASP advises. Written atomically: a failed export leaves no file.

``write_chronology(store, person_id, path)`` and ``write_action_plan(store, person_id, path)``
return the number of rows.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

from desktop.reports.chronology import _from_merged
from desktop.reports.data import load, require_person
from desktop.reports.parts import label
from desktop.reports.plan import ordered

CHRONOLOGY_HEADER = ("Date", "Time", "Agency", "Worker", "Kind", "What happened",
                     "Significance", "Flagged")
PLAN_HEADER = ("No", "Action", "Lead", "Lead agency", "Due", "Status", "Completed",
               "Why not achievable", "Note", "Agreed at meeting")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone().strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, bool):
        value = "yes" if value else ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _write(path: Path, header, rows) -> int:
    from desktop.store.atomic import write_atomic
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        count += 1
    write_atomic(Path(path), buffer.getvalue().encode("utf-8-sig"))
    return count


def chronology_rows(store, person_id: str, *, agency: str | None = None, since=None,
                    until=None):
    require_person(store, person_id)
    for merged in store.chronology.merged(person_id, agency=agency or None, since=since,
                                          until=until):
        r = _from_merged(merged)
        when = r.when
        day = when.astimezone().date() if isinstance(when, datetime) else when
        time = when.astimezone().strftime("%H:%M") if isinstance(when, datetime) else ""
        yield (day, time, r.agency, r.worker, r.kind, r.summary, r.significance, r.flagged)


def action_rows(store, person_id: str, today: date | None = None):
    require_person(store, person_id)
    today = today or date.today()
    meetings = {m.id: m for m in load(store, "meeting", person_id)}
    for n, a in enumerate(ordered(load(store, "action", person_id), today), 1):
        status = label(a.status)
        if a.is_overdue(today):
            status = f"Overdue by {a.days_overdue(today)} days"
        m = meetings.get(a.source_meeting_id)
        agreed = f"{label(m.kind)} {m.date.isoformat()}" if m is not None else ""
        yield (n, a.what, a.lead_person, a.lead_agency, a.due, status, a.completed_on,
               a.reason if a.status.value == "not_achievable" else "", a.note, agreed)


def write_chronology(store, person_id: str, path, **filters) -> int:
    return _write(Path(path), CHRONOLOGY_HEADER, chronology_rows(store, person_id, **filters))


def write_action_plan(store, person_id: str, path, today: date | None = None) -> int:
    return _write(Path(path), PLAN_HEADER, action_rows(store, person_id, today))
