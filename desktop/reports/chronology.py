"""Inter-agency chronology (Fife protocol): every agency's significant events in date order,
with contact attempts, visits and meetings taken from the record without retyping.

Filterable by period and by agency (its name, case-insensitive).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from desktop.reports import flow
from desktop.reports.base import ReportMeta
from desktop.reports.data import CaseData, gather, no_progress
from desktop.reports.flow import Col, esc
from desktop.reports.parts import label, person_block
from desktop.reports.period import Period
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("Inter-agency chronology")
ORIENTATION = "landscape"


@dataclass(frozen=True)
class Row:
    when: datetime | date
    agency: str
    worker: str
    kind: str
    summary: str
    significance: str = ""
    flagged: bool = False

    @property
    def sort_key(self):
        if isinstance(self.when, datetime):
            return self.when.astimezone().replace(tzinfo=None)
        return datetime(self.when.year, self.when.month, self.when.day)


def build(store, person_id: str, *, since=None, until=None, agency: str | None = None,
          progress=no_progress, width: float) -> tuple[list, ReportMeta]:
    period = Period(since, until, _("as chosen") if since or until else _("all records"))
    data = gather(store, person_id, period, (), progress=progress)
    progress(0.5, _("Merging the chronology"))
    rows = [_from_merged(r) for r in store.chronology.merged(
        person_id, agency=agency or None, since=since, until=until)]
    progress(0.65, _("Laying out the chronology"))
    period_label = period.label + (_("; agency: {agency}").format(agency=agency) if agency
                                   else "")
    meta = ReportMeta(_(TITLE), data.person.display_name, period_label, data.generated_by,
                      keywords=["chronology"])
    return story(data, rows, width, agency), meta


_SIGNIFICANT = {"report_of_harm", "incident"}


def _from_merged(r) -> "Row":
    """A row of the store's merged chronology (``ChronologyRow``)."""
    kind = getattr(r.kind, "value", r.kind)
    refused = kind == "attempt" and "refused" in r.summary.lower()
    flagged = kind in _SIGNIFICANT or refused or (kind == "visit" and bool(r.significance))
    significance = r.significance or (_("Access refused") if refused else "")
    summary = re.sub(r"\.\.(\s|$)", r".\1", r.summary)
    return Row(r.at or r.date, r.agency, r.worker, label(r.kind), summary, significance,
               flagged)


COLS = (Col(N_("Date"), 0.95), Col(N_("Agency"), 1.05), Col(N_("Worker"), 0.95), Col(N_("Kind"), 0.85),
        Col(N_("What happened"), 4.2), Col(N_("Significance"), 1.6, empty=""))


def story(data: CaseData, rows: list[Row], width: float, agency: str | None) -> list:
    intro = ngettext("{n} entry, oldest first. Contact attempts, visits, meetings and "
                     "referrals come from the record; other agencies' entries are added or "
                     "imported.",
                     "{n} entries, oldest first. Contact attempts, visits, meetings and "
                     "referrals come from the record; other agencies' entries are added or "
                     "imported.", len(rows)).format(n=len(rows))
    if agency:
        intro += " " + _("Only entries from {agency}.").format(agency=agency)
    out = flow.title(_(TITLE), esc(intro))
    out += person_block(data.person, width * 0.7, safe_contact=False,
                        referral_on=data.children_referral_on,
                        lead_term=data.lead_term)
    table_rows = [[_when(r.when), r.agency, r.worker, r.kind, r.summary, r.significance]
                  for r in rows]
    flagged = [i for i, r in enumerate(rows) if r.flagged]
    body = [flow.table(COLS, table_rows, width=width, flagged=flagged),
            flow.M(_("Shaded red: reports of harm, incidents (including staff-safety incidents), "
                   "access refused, and visits where what was observed and what the adult "
                   "reported disagree."), "note")] \
        if rows else []
    out += flow.section(_("Chronology"), body, empty=_("No entries in this period."))
    return out


def _when(value) -> str:
    if isinstance(value, datetime):
        local = value.astimezone()
        return f"{flow.fmt_date(local)} {local:%H:%M}"
    return flow.fmt_date(value)
