"""SPOC between-meeting report (Fife protocol: the SPOC's contact loop with the group).

For a period (default: since the last meeting, else the last three months): contact attempts
by date and outcome with a weekly chart, visits with observed-vs-reported mismatches
highlighted, small-goal progress with a chart per goal, new barriers, risks and staff-safety
incidents, actions due and overdue, open alerts, and space for the group's questions.
"""
from __future__ import annotations

from datetime import date

from desktop.reports import charts, flow
from desktop.reports.base import ReportMeta
from desktop.reports.data import CaseData, default_period, gather, no_progress
from desktop.reports.flow import esc
from desktop.reports import parts
from desktop.reports import spoc_sections as sec
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("SPOC between-meeting report")
KINDS = ("visit", "goal", "goal_progress", "barrier", "pattern", "risk_assessment", "action",
         "meeting")


def build(store, person_id: str, *, since=None, until=None, progress=no_progress,
          width: float) -> tuple[list, ReportMeta]:
    period = default_period(store, person_id, since, until)
    data = gather(store, person_id, period, KINDS, progress=progress, alerts=True)
    progress(0.7, _("Laying out the report"))
    meta = ReportMeta(_(TITLE), data.person.display_name, period.label, data.generated_by,
                      keywords=["SPOC report", "between-meeting report"])
    return story(data, width), meta


def story(data: CaseData, width: float) -> list:
    p, period = data.person, data.period
    out = flow.title(_(TITLE), _('For the engagement escalation group. Period: {esc} ({esc2}).').format(esc=esc(period.label), esc2=esc(period.basis)))
    out += parts.person_block(p, width, referral_on=data.children_referral_on,
                        lead_term=data.lead_term)
    out += flow.section(_("Open alerts"), parts.alerts_block(data.alerts, width),
                        empty="No alerts are open for this person.")
    out += attempts_section(data, width)
    out += flow.section(_("Visits"), sec.visits(data, width))
    out += flow.section(_("Small goals and progress"), sec.goals(data, width))
    out += flow.section(_("New barriers to engagement"), sec.barriers(data, width))
    out += flow.section(_("Risks and staff-safety incidents"), sec.risks(data, width))
    out += flow.section(_("Actions due and overdue"), sec.actions(data, width))
    out += [flow.heading(_("Questions for the group")),
            flow.M(_("For the SPOC to raise at the meeting, and for the group's answers."), "note"),
            flow.writing_space("Questions and answers", width=width, lines=8)]
    return out


def attempts_section(data: CaseData, width: float) -> list:
    attempts = data.attempts
    body: list = [flow.P(parts.attempts_summary(attempts))]
    if attempts:
        first = data.period.since or attempts[0].at.astimezone().date()
        last = data.period.until or max(date.today(), attempts[-1].at.astimezone().date())
        body += [flow.M(_("Contact attempts per week, by outcome"), "chart_title"),
                 charts.attempts_per_week(attempts, first, last, width),
                 flow.gap(2), parts.attempts_table(attempts, width),
                 parts.legend_note("Shaded amber: the adult was seen. Shaded red: access was "
                                   "refused.")]
    return [flow.heading(_("Contact attempts")), *body]
