"""The SPOC report's sections about fieldwork and casework records (visits, goals, barriers,
risks, actions). Each returns flowables, or [] so the section says "None recorded."."""
from __future__ import annotations

from datetime import date, datetime

from desktop.reports import charts, flow
from desktop.reports.data import CaseData
from desktop.reports.flow import Col, esc, fmt_date
from desktop.reports.parts import label
from desktop.i18n import N_, _, ngettext  # noqa: F401


def _attempts_by_id(data: CaseData) -> dict:
    return {a.id: a for a in data.all_attempts}


def visits_in_period(data: CaseData) -> list[tuple]:
    """(attempt, visit) pairs whose contact falls in the period, oldest first."""
    attempts = _attempts_by_id(data)
    pairs = [(attempts[v.attempt_id], v) for v in data.of("visit")
             if v.attempt_id in attempts and data.period.contains(attempts[v.attempt_id].at)]
    return sorted(pairs, key=lambda p: p[0].at)


def visits(data: CaseData, width: float) -> list:
    pairs = visits_in_period(data)
    if not pairs:
        return []
    rows, flagged = [], []
    for i, (a, v) in enumerate(pairs):
        when = [flow.P(flow.fmt_datetime(a.at), "cell_bold"),
                flow.P(f"{a.method.label}, {a.worker}" if a.worker else a.method.label),
                flow.P(_('Present: {present}').format(present=v.present) if v.present else "")]
        observed, reported = v.observed or flow.DASH, v.reported or flow.DASH
        if v.mismatch:
            flagged.append(i)
            observed = [flow.M(_("\u26a0 Observed and reported disagree"), "cell_flag"),
                        flow.P(observed)]
        other = "\n".join(x for x in (
            v.home_conditions and f"Home: {v.home_conditions}",
            v.wellbeing and f"Wellbeing: {v.wellbeing}",
            v.joint_visit_needed_next and "Next visit to be a joint visit.") if x)
        rows.append([when, observed, reported, other])
    mismatches = len(flagged)
    intro = (f"{len(pairs)} visit{'s' if len(pairs) != 1 else ''} with details recorded"
             + (f"; in {mismatches} what was observed and what the adult reported disagree "
                f"(possible disguised compliance, shaded red)." if mismatches else "."))
    cols = (Col(N_("Visit"), 1.3), Col(N_("Observed"), 1.6), Col(N_("Adult reported"), 1.5),
            Col(N_("Home and wellbeing"), 1.6))
    return [flow.P(intro), flow.table(cols, rows, width=width, flagged=flagged, zebra=False)]


# ---------------------------------------------------------------- goals
def goals(data: CaseData, width: float) -> list:
    all_progress = data.of("goal_progress")
    out: list = []
    shown = 0
    for goal in data.of("goal"):
        entries = sorted((e for e in all_progress if e.goal_id == goal.id),
                         key=lambda e: (e.on_date, e.created_at or 0))
        in_period = [e for e in entries if data.period.contains(e.on_date)]
        if not goal.status.active and not in_period:
            continue
        shown += 1
        out += goal_block(goal, entries, in_period, data, width)
    if not shown:
        return []
    return [flow.M(_("Goals in the adult's own words, worked at their pace. "), "note"), *out]


def goal_block(goal, entries, in_period, data: CaseData, width: float) -> list:
    steps = "\n".join(
        f"{i}. {s.text}" + (f"  \u2714 done {fmt_date(s.done_on, '')}".rstrip() if s.done else "")
        for i, s in enumerate(goal.steps, 1)) or flow.DASH
    pairs = [("Status", label(goal.status)),
             ("Steps done", f"{goal.steps_done} of {len(goal.steps)}" if goal.steps else flow.DASH),
             ("Why it matters to them", goal.why_it_matters or flow.DASH),
             ("Target date", fmt_date(goal.target_date, "None (at the adult's pace)")),
             ("Steps", steps)]
    out: list = [flow.keep(flow.M(f"\u201c{esc(goal.title)}\u201d", "h2"),
                           flow.fields(pairs, width=width, columns=1, label_frac=0.2))]
    if in_period:
        first = data.period.since or in_period[0].on_date
        last = data.period.until or max(date.today(), in_period[-1].on_date)
        ratings = [(e.on_date, e.rating) for e in in_period if e.rating is not None]
        steps = [(e.on_date, e.step_reached + 1) for e in in_period
                 if e.step_reached is not None]
        if ratings:
            out.append(flow.keep(
                flow.M(_("Progress rating in this period (0 = nowhere, 10 = there)"), "chart_title"),
                charts.progress_over_time(ratings, width * 0.7, first=first, last=last)))
        elif steps and goal.steps:
            out.append(flow.keep(
                flow.M(_("Steps reached in this period"), "chart_title"),
                charts.progress_over_time(steps, width * 0.7, first=first, last=last,
                                          y_max=len(goal.steps), y_label="step reached")))
        rows = [[e.on_date, _step_text(goal, e.step_reached),
                 "" if e.rating is None else f"{e.rating} / 10", e.note] for e in in_period]
        out.append(flow.table((Col(N_("Date"), 0.9), Col(N_("Step reached"), 2.0),
                               Col(N_("Rating"), 0.6, "cell_center"), Col(N_("Note"), 3.0)),
                              rows, width=width))
    else:
        out.append(flow.none_recorded(_("No progress recorded in this period.")))
    return out


def _step_text(goal, index) -> str:
    if index is None:
        return ""
    if 0 <= index < len(goal.steps):
        return f"{index + 1}. {goal.steps[index].text}"
    return f"Step {index + 1}"


# ---------------------------------------------------------------- barriers
def _noted(b) -> date | None:
    if getattr(b, "noted_on", None):
        return b.noted_on
    return b.created_at.astimezone().date() if b.created_at else None


def barriers(data: CaseData, width: float) -> list:
    new = sorted((b for b in data.of("barrier") if data.period.contains(_noted(b))),
                 key=lambda b: _noted(b) or date.min)
    out: list = []
    if new:
        rows = [[_noted(b), b.category.label, b.note, b.strategy_tried, b.what_happened,
                 "Resolved" if b.resolved else "Open"] for b in new]
        out.append(flow.table((Col(N_("Noted"), 0.8), Col(N_("Barrier"), 1.2), Col(N_("For this person"), 1.8),
                               Col(N_("Strategy tried"), 1.5), Col(N_("What happened"), 1.5),
                               Col(N_("Now"), 0.6)), rows, width=width))
    patterns = []
    for p in data.of("pattern"):
        examples = [e for e in p.examples if data.period.contains(e.on_date)]
        if examples:
            patterns.append((p, examples))
    if patterns:
        rows = [[p.kind.label, "\n".join(f"{fmt_date(e.on_date)}: {e.text}" for e in ex), p.note]
                for p, ex in patterns]
        out += [flow.heading(_("Ways the adult disengaged in this period"), 2),
                flow.table((Col(N_("Pattern"), 1.3), Col(N_("Examples"), 3.2), Col(N_("Note"), 1.9)), rows,
                           width=width)]
    return out


# ---------------------------------------------------------------- risks and incidents
def risks(data: CaseData, width: float) -> list:
    rows, flagged = [], []
    for a, v in visits_in_period(data):
        if v.risks_noticed:
            rows.append([a.at, "Risk noticed on a visit", v.risks_noticed, ""])
        if v.incident is not None:
            flagged.append(len(rows))
            kinds = ", ".join(k.label.lower() for k in v.incident.kinds)
            debrief = (f"Debrief held {fmt_date(v.debrief_done_on)} by {v.debrief_done_by}"
                       if v.debrief_done_on else "Debrief outstanding")
            next_joint = " Next visit to be joint." if v.joint_visit_needed_next else ""
            rows.append([a.at, f"Staff-safety incident: {kinds}", v.incident.description,
                         debrief + "." + next_joint])
    versions = sorted(data.of("risk_assessment"), key=lambda r: r.version_no)
    if versions:
        ra = versions[-1]
        for e in ra.entries_newest_first()[::-1]:
            if data.period.contains(e.date):
                rows.append([e.date, f"Risk domain: {e.domain.label}",
                             f"{e.detail}" + (f" ({e.agency})" if e.agency else ""), ""])
        for v in versions:
            if data.period.contains(v.assessed_on):
                rows.append([v.assessed_on, f"Risk assessment version {v.version_no}",
                             f"Level of risk: {label(v.level)}. {v.summary}".strip(),
                             "Supervisory review done" if v.review.done else
                             "Supervisory review not yet done"])
    if not rows:
        return []
    order = sorted(range(len(rows)), key=lambda i: _day(rows[i][0]))
    flagged = [order.index(i) for i in flagged]
    rows = [rows[i] for i in order]
    return [flow.table((Col(N_("Date"), 1.0), Col(N_("What"), 1.4), Col(N_("Details"), 2.8),
                        Col(N_("Follow-up"), 1.5)), rows, width=width, flagged=flagged,
                       zebra=False)]


def _day(value) -> tuple:
    if hasattr(value, "hour"):
        local = value.astimezone()
        return (local.date(), local.time())
    return (value or date.min, datetime.min.time())


def actions(data: CaseData, width: float, today: date | None = None) -> list:
    """Open actions overdue or due by the end of the period (or the next review, if later),
    and actions completed in the period."""
    from desktop.reports.plan import COLS, action_rows, meeting_label, ordered  # noqa: F401
    today = today or date.today()
    meetings = {m.id: m for m in data.of("meeting")}
    latest = max(meetings.values(), key=lambda m: m.date, default=None)
    horizon = max(d for d in (data.period.until or today, today,
                              latest.next_review if latest else None) if d)
    chosen = []
    for a in data.of("action"):
        status = a.status.value
        if status == "open" and (a.is_overdue(today) or (a.due and a.due <= horizon)):
            chosen.append(a)
        elif status != "open" and data.period.contains(a.completed_on):
            chosen.append(a)
    if not chosen:
        return []
    chosen = ordered(chosen, today)
    rows, flagged, _ignored = action_rows(chosen, meetings, today)
    overdue = len(flagged)
    intro = (f"Open actions due by {fmt_date(horizon)}"
             + (f" ({overdue} overdue as of {fmt_date(today)}, shaded red)" if overdue else "")
             + ", and actions completed in this period.")
    return [flow.P(intro), flow.table(COLS, rows, width=width, flagged=flagged)]
