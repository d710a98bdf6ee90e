"""Action (protection) plan: every action with its named lead, agency, due date and status;
overdue actions first and highlighted. With a period, only actions due within it.

"Agree action plan, with timescales and named leads" (Nottingham s.9, Oxfordshire); an action
that is not achievable says why (Nottingham s.10).
"""
from __future__ import annotations

from datetime import date

from desktop.reports import flow
from desktop.reports.base import ReportMeta
from desktop.reports.data import CaseData, gather, no_progress
from desktop.reports.flow import Col, esc, fmt_date
from desktop.reports.parts import label, person_block
from desktop.reports.period import Period
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("Action plan")
KINDS = ("action", "meeting")


def build(store, person_id: str, *, since=None, until=None, progress=no_progress,
          width: float, today: date | None = None) -> tuple[list, ReportMeta]:
    period = Period(since, until, "as chosen" if since or until else "every action")
    data = gather(store, person_id, period, KINDS, progress=progress)
    progress(0.65, _("Laying out the plan"))
    meta = ReportMeta(_(TITLE), data.person.display_name, period.label, data.generated_by,
                      keywords=["action plan", "protection plan"])
    return story(data, width, today or date.today()), meta


def _filtered(data: CaseData) -> list:
    p = data.period
    if p.since is None and p.until is None:
        return list(data.of("action"))
    return [a for a in data.of("action") if p.contains(a.due)]


def ordered(actions: list, today: date) -> list:
    """Overdue first (most overdue first), then open by due date, then done / not achievable."""
    def key(a):
        status = a.status.value
        group = 0 if a.is_overdue(today) else 1 if status == "open" else 2
        return (group, a.due or date.max, a.what.lower())
    return sorted(actions, key=key)


def meeting_label(meetings: dict, meeting_id: str) -> str:
    m = meetings.get(meeting_id)
    if m is None:
        return ""
    return f"{label(m.kind)}, {fmt_date(m.date)}"


COLS = (Col(N_("No"), 0.45, "cell_bold"), Col(N_("Action"), 2.6), Col(N_("Named lead"), 1.5),
        Col(N_("Due"), 0.85), Col(N_("Status"), 1.15), Col(N_("Notes"), 1.5, empty=""),
        Col(N_("Agreed at"), 1.3, empty=""))


def action_rows(actions: list, meetings: dict, today: date) -> tuple[list, list, list]:
    rows, flagged, done = [], [], []
    for n, a in enumerate(actions, 1):
        status = label(a.status)
        if a.is_overdue(today):
            days = a.days_overdue(today)
            status = f"Overdue by {days} day{'s' if days != 1 else ''}"
            flagged.append(n - 1)
        elif a.status.value == "done":
            status = f"Done {fmt_date(a.completed_on, '')}".strip()
            done.append(n - 1)
        notes = "\n".join(x for x in (a.status.value == "not_achievable" and a.reason and
                                      f"Why not achievable: {a.reason}", a.note) if x)
        lead = [flow.P(a.lead_person, "cell_bold"), flow.P(a.lead_agency, "cell")]
        rows.append([str(n), a.what, lead, a.due, status, notes,
                     meeting_label(meetings, a.source_meeting_id)])
    return rows, flagged, done


def story(data: CaseData, width: float, today: date) -> list:
    out = flow.title(_(TITLE), esc("Agreed actions with named leads and timescales. Overdue "
                                "actions come first."))
    out += person_block(data.person, width, safe_contact=False,
                        referral_on=data.children_referral_on,
                        lead_term=data.lead_term)
    meetings = {m.id: m for m in data.of("meeting")}
    latest = max(data.of("meeting"), key=lambda m: m.date, default=None)
    if latest is not None:
        out += [flow.gap(2), flow.fields([
            ("Last meeting", f"{label(latest.kind)}, {fmt_date(latest.date)}"),
            ("Next review", fmt_date(latest.next_review, "Not agreed")),
            ("Risk level agreed", label(latest.agreed_risk_level)),
            ("SPOC agreed", latest.spoc_agreed or flow.DASH)], width=width)]
    actions = ordered(_filtered(data), today)
    if not actions:
        return out + flow.section(_("Actions"), None)
    overdue = sum(1 for a in actions if a.is_overdue(today))
    open_ = sum(1 for a in actions if a.status.value == "open")
    summary = (f"{len(actions)} action{'s' if len(actions) != 1 else ''}: {open_} open"
               f"{f' ({overdue} overdue)' if overdue else ''}, "
               f"{sum(1 for a in actions if a.status.value == 'done')} done, "
               f"{sum(1 for a in actions if a.status.value == 'not_achievable')} not achievable. "
               f"Overdue as of {fmt_date(today)}.")
    rows, flagged, done = action_rows(actions, meetings, today)
    out += [flow.heading(_("Actions")), flow.P(summary),
            flow.table(COLS, rows, width=width, flagged=flagged, amber=(), zebra=True),
            flow.M(_("Shaded red: overdue."), "note")]
    return out
