"""A risk assessment as rich text, stage by stage (Oxfordshire Appendix A; the stage 4 table
follows the Appendix B recording sheet). Plain HTML without colours: it takes the palette."""
from __future__ import annotations

from html import escape

from desktop.domain.person import ConsentStatus
from desktop.domain.risk import RiskAssessment, RiskLevel
from desktop.ui.forms.common import format_date

CONSENT = {ConsentStatus.GIVEN: "Consent obtained",
           ConsentStatus.REFUSED: "Consent refused",
           ConsentStatus.NOT_SOUGHT: "Consent not sought"}


def _p(text: str, empty: str = "Not recorded.") -> str:
    text = (text or "").strip()
    if not text:
        return f"<p><i>{empty}</i></p>"
    return "".join(f"<p>{escape(para)}</p>" for para in text.split("\n\n")).replace("\n", "<br>")


def risk_html(ra: RiskAssessment, current: bool = True) -> str:
    out = [f"<h2>Multi-agency risk assessment — version {ra.version_no}"
           f"{' (current)' if current else ' (history)'}</h2>"]
    facts = [f"Date of this assessment: {format_date(ra.assessed_on, 'not recorded')}"]
    if ra.assessed_by:
        facts.append(f"by {escape(ra.assessed_by)}")
    if ra.agencies_involved:
        facts.append("Agencies involved: " + escape(", ".join(ra.agencies_involved)))
    if ra.version_no > 1:
        facts.append(f"Starts from version {ra.version_no - 1}")
    out.append("<p>" + " · ".join(facts) + "</p>")

    out.append("<h3>Stage 1. Circumstances of the incidents leading to the enquiry</h3>")
    out.append(_p(ra.circumstances))
    consent = CONSENT[ra.consent] + (f": {escape(ra.consent_note)}" if ra.consent_note else "")
    out.append(f"<p><b>Consent:</b> {consent}</p>")

    out.append("<h3>Stage 2. The 8 risk domains</h3><p><i>Most recent first.</i></p>")
    for domain, entries in ra.by_domain().items():
        title = f"<b>{domain.number}. {escape(domain.label)}</b>"
        if not entries:
            out.append(f"<p>{title} <i>— nothing recorded</i></p>")
            continue
        hint = f" <i>({escape(domain.hint)})</i>" if domain.hint else ""
        out.append(f"<p>{title}{hint}</p>")
        out.append("<ul>" + "".join(
            f"<li><b>{format_date(e.date, 'undated')}</b>"
            f"{' — ' + escape(e.agency) if e.agency else ''}: {escape(e.detail)}</li>"
            for e in entries) + "</ul>")

    out.append("<h3>Stage 3. Summary and assessment of risk</h3>")
    level = ra.level.label if ra.level is not RiskLevel.NOT_SET else "not set"
    out.append(f"<p><b>Level of risk:</b> {level}</p>")
    out.append(_p(ra.summary))

    out.append("<h3>Stage 4. Evaluation of harm and control measures</h3>")
    if not ra.risks:
        out.append("<p><i>No risks evaluated yet.</i></p>")
    else:
        head = ("What is the risk? (to the person and to others)", "Reduce, Avoid, Remove, "
                "Accept", "What is already in place?", "Barriers to removing the risk",
                "What action needs to be taken? By who? By when?")
        rows = ["<tr>" + "".join(f"<th align='left'>{h}</th>" for h in head) + "</tr>"]
        for r in ra.risks:
            risk = f"<b>{escape(r.risk)}</b>"
            if r.risk_to_person:
                risk += f"<br>To the person: {escape(r.risk_to_person)}"
            if r.risk_to_others:
                risk += f"<br>To others: {escape(r.risk_to_others)}"
            rara = r.rara.label if r.rara else "<i>not chosen</i>"
            if r.rationale:
                rara += f"<br><i>{escape(r.rationale)}</i>"
            action = escape(r.action_needed)
            if r.by_whom or r.by_when:
                action += f"<br>By {escape(r.by_whom) or '?'}, by {format_date(r.by_when, '?')}"
            rows.append("<tr>" + "".join(f"<td valign='top'>{c}</td>" for c in (
                risk, rara, escape(r.in_place), escape(r.barriers), action)) + "</tr>")
        out.append("<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                   + "".join(rows) + "</table>")

    out.append("<h3>Stage 5. Supervisory review</h3>")
    rv = ra.review
    if not rv.done:
        out.append("<p><i>Not reviewed yet.</i></p>")
    else:
        npr = "confirmed" if rv.npr_confirmed else "<b>not confirmed</b>"
        out.append(f"<p>Reviewed by {escape(rv.reviewer)} on {format_date(rv.date)}. Information "
                   f"shared is necessary, proportionate and relevant: {npr}.</p>")
        if rv.intelligence_gaps:
            out.append(f"<p><b>Intelligence gaps:</b> {escape(rv.intelligence_gaps)}</p>")
        if rv.comments:
            out.append(_p(rv.comments))
    return "\n".join(out)


