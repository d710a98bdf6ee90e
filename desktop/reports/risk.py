"""Multi-agency risk assessment in the Oxfordshire Appendix A layout (stages 1 to 5), followed
by the Appendix B recording sheet on a landscape page.

The version printed is the latest one (or, with ``until``, the latest assessed by then). With a
period, stage 2 lists only the entries dated within it.
"""
from __future__ import annotations

from datetime import date

from desktop.reports import flow
from desktop.reports.base import ReportMeta, frame_width, turn_page
from desktop.reports.data import CaseData, gather, no_progress
from desktop.reports.flow import Col, esc, fmt_date
from desktop.reports.parts import label, person_block
from desktop.reports.period import Period
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("Multi-agency risk assessment")
KINDS = ("risk_assessment",)
SAFEGUARDING_NOTE = ("If there are child protection or adult safeguarding issues they should go "
                     "to the MASH or adult safeguarding service respectively.")


def build(store, person_id: str, *, since=None, until=None, progress=no_progress,
          width: float) -> tuple[list, ReportMeta]:
    period = Period(since, until, "as chosen" if since or until else "all records")
    data = gather(store, person_id, period, KINDS, progress=progress)
    progress(0.65, _("Laying out the assessment"))
    versions = sorted(data.of("risk_assessment"), key=lambda r: r.version_no, reverse=True)
    if until:
        versions = [v for v in versions if (_assessed(v) or date.min) <= until]
    current = versions[0] if versions else None
    meta = ReportMeta(_(TITLE), data.person.display_name, period.label, data.generated_by,
                      keywords=["risk assessment", "Oxfordshire Appendix A", "Appendix B"])
    return story(data, current, versions, width), meta


def _assessed(ra) -> date | None:
    if ra.assessed_on:
        return ra.assessed_on
    return ra.created_at.astimezone().date() if ra.created_at else None


def story(data: CaseData, ra, versions: list, width: float) -> list:
    p, period = data.person, data.period
    sub = ("Oxfordshire multi-agency procedure, Appendix A (stages 1 to 5), with the Appendix B "
           "recording sheet. ")
    sub += (f"Version {ra.version_no}, assessed {fmt_date(_assessed(ra))}"
            f"{' by ' + ra.assessed_by if ra.assessed_by else ''}." if ra else
            "No risk assessment has been recorded yet.")
    out = flow.title(_(TITLE), esc(sub))
    out += person_block(p, width, safe_contact=False, referral_on=data.children_referral_on,
                        lead_term=data.lead_term)
    if ra is None:
        for name in ("Stage 1. Circumstances of incident/s leading to enquiry",
                     "Stage 2. 8 risk domains", "Stage 3. Summary and assessment of risk",
                     "Stage 4. Evaluation of harm and control / intervention measures",
                     "Stage 5. Supervisory review"):
            out += flow.section(name, None)
        return out + appendix_b(p, None)
    out += [flow.gap(2), flow.fields([
        ("Date of this assessment", fmt_date(_assessed(ra))),
        ("Assessed by", ra.assessed_by or flow.DASH),
        ("Version", f"{ra.version_no} of {max(v.version_no for v in versions)}"),
        ("Risk level (stage 3)", label(ra.level)),
        ("Agencies involved", ", ".join(ra.agencies_involved) or flow.DASH),
        ("Supervisory review", "Done" if ra.review.done else "Not yet done")], width=width)]
    out += stage1(ra, width) + stage2(ra, period, width) + stage3(ra, width)
    out += stage4(ra, width) + stage5(ra, width) + told(ra, width) + history(versions, width)
    return out + appendix_b(p, ra)


def told(ra, width: float) -> list:
    rows = [[t.who, t.agency, t.told_on, t.how] for t in getattr(ra, "told", [])]
    return flow.section(_("Who was told about the risk"), [flow.table(
        (Col(N_("Who"), 1.6), Col(N_("Agency"), 1.6, empty=""), Col(N_("When"), 0.9),
         Col(N_("How"), 1.6, empty="")), rows, width=width)] if rows else None)


def _guide(text: str):
    return flow.M(esc(text), "note")


def stage1(ra, width: float) -> list:
    body = [flow.P(ra.circumstances)] if ra.circumstances.strip() else []
    consent = label(ra.consent) + (f". {ra.consent_note}" if ra.consent_note else "")
    return [flow.heading(_("Stage 1. Circumstances of incident/s leading to enquiry")),
            _guide("The current issue in the context of previous concerns that prompted the "
                   "request for information, including whether consent has been obtained."),
            *(body or [flow.none_recorded()]),
            flow.fields([("Consent", consent)], width=width, columns=1, label_frac=0.2)]


def stage2(ra, period: Period, width: float) -> list:
    out = [flow.heading(_("Stage 2. 8 risk domains")),
           _guide("Information under the most appropriate heading, in date order: the last "
                  "incident or episode first." + ("" if period.since is None and
                                                  period.until is None else
                                                  f" Only entries dated {period.label}.")),
           flow.callout(esc(SAFEGUARDING_NOTE.upper()), width=width, flag=True)]
    for domain, entries in ra.by_domain().items():
        entries = [e for e in entries if _in_period(e.date, period)]
        title = f"{domain.number}. {domain.label}"
        out.append(flow.heading(title, 2, room_mm=18))
        if domain.hint:
            out.append(_guide(domain.hint[0].upper() + domain.hint[1:]))
        if entries:
            out.append(flow.table((Col(N_("Date"), 0.9), Col(N_("Agency"), 1.3), Col(N_("Incident / episode"),
                                                                              4.8)),
                                  [[e.date, e.agency, e.detail] for e in entries], width=width))
        else:
            out.append(flow.none_recorded())
    return out


def _in_period(d, period: Period) -> bool:
    if period.since is None and period.until is None:
        return True
    return period.contains(d)


def stage3(ra, width: float) -> list:
    return [flow.heading(_("Stage 3. Summary and assessment of risk")),
            _guide("Previous episodes of risk, domestic abuse assessments, and how the presenting "
                   "issue affects the risk to the person and to others."),
            flow.P(ra.summary) if ra.summary.strip() else flow.none_recorded(),
            flow.M(f"<b>Level of risk: {esc(label(ra.level))}</b>", "body")]


RISK_COLS = (Col(N_("What is the risk? (to the person and to others)"), 2.3),
             Col(N_("RARA and why"), 1.3), Col(N_("Already in place"), 1.5),
             Col(N_("Barriers to removing the risk"), 1.4),
             Col(N_("Action needed, by whom, by when"), 1.9))


def _risk_cell(r) -> list:
    parts = [flow.P(r.risk, "cell_bold")]
    if r.risk_to_person:
        parts.append(flow.P(_('To the person: {risk_to_person}').format(risk_to_person=r.risk_to_person), "cell"))
    if r.risk_to_others:
        parts.append(flow.P(_('To others: {risk_to_others}').format(risk_to_others=r.risk_to_others), "cell"))
    return parts


def _action_cell(r) -> str:
    if not r.action_needed:
        return ""
    who = f"\nBy: {r.by_whom}" if r.by_whom else ""
    when = f"\nBy when: {fmt_date(r.by_when)}" if r.by_when else ""
    return r.action_needed + who + when


def stage4(ra, width: float) -> list:
    rows = [[_risk_cell(r), [flow.P(label(r.rara), "cell_bold"), flow.P(r.rationale or "", "cell")],
             r.in_place, r.barriers, _action_cell(r)] for r in ra.risks]
    body = [flow.table(RISK_COLS, rows, width=width)] if rows else []
    return [flow.heading(_("Stage 4. Evaluation of harm and control / intervention measures")),
            _guide("RARA: Reduce, Avoid, Remove, Accept (the risk)."),
            *(body or [flow.none_recorded()])]


def stage5(ra, width: float) -> list:
    r = ra.review
    return [flow.heading(_("Stage 5. Supervisory review")),
            _guide("Information shared must be lawful: is it NPR (necessary, proportionate, "
                   "relevant)? Apply professional judgement and signpost intelligence gaps."),
            flow.fields([("Reviewer", r.reviewer or flow.DASH),
                         ("Date", fmt_date(r.date)),
                         ("NPR confirmed", "Yes" if r.npr_confirmed else "No"),
                         ("Intelligence gaps", r.intelligence_gaps or flow.DASH),
                         ("Comments", r.comments or flow.DASH)], width=width, columns=1,
                        label_frac=0.2)]


def history(versions: list, width: float) -> list:
    if len(versions) < 2:
        return []
    rows = [[v.version_no, fmt_date(_assessed(v)), v.assessed_by, label(v.level),
             f"{v.review.reviewer}, {fmt_date(v.review.date)}" if v.review.done else "Not done"]
            for v in versions]
    return [flow.heading(_("Earlier versions"), 2),
            flow.table((Col(N_("Version"), 0.6, "cell_center"), Col(N_("Assessed"), 1.0),
                        Col(N_("By"), 1.8), Col(N_("Level"), 0.9), Col(N_("Supervisory review"), 1.8)),
                       rows, width=width)]


SHEET_COLS = (Col(N_("What is the risk? Consider risk to the person AND to others"), 2.6, empty=""),
              Col(N_("Risk: Reduce, Avoid, Remove, Accept"), 1.3, empty=""),
              Col(N_("What action has already been taken?"), 2.2, empty=""),
              Col(N_("What action needs to be taken? By who? By when?"), 2.6, empty=""))


def appendix_b(person, ra) -> list:
    width = frame_width("landscape")
    agencies = ", ".join(ra.agencies_involved) if ra else ""
    out = [*turn_page("landscape"),
           flow.M(_("Appendix B: Multi-Agency Risk Assessment Recording Sheet"), "title"),
           flow.fields([("Person", person.name), ("Date of this assessment",
                                                  fmt_date(_assessed(ra)) if ra else ""),
                        ("Address", person.address or ""), ("Agencies involved", agencies)],
                       width=width, label_frac=0.3), flow.gap(3)]
    rows = []
    for r in (ra.risks if ra else []):
        rara = label(r.rara) + (f": {r.rationale}" if r.rationale else "")
        rows.append([_risk_cell(r), rara, r.in_place, _action_cell(r)])
    for _ignored in range(2 if rows else 4):              # room to add risks in the meeting
        rows.append([flow.gap(14), "", "", ""])
    out.append(flow.table(SHEET_COLS, rows, width=width, zebra=False))
    out.append(_guide("Blank rows are for risks added in the meeting."))
    return out
