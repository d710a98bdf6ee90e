"""A risk assessment as rich text, stage by stage (Oxfordshire Appendix A; the stage 4 table
follows the Appendix B recording sheet). Plain HTML without colours: it takes the palette."""
from __future__ import annotations

from html import escape

from desktop.domain.person import ConsentStatus
from desktop.domain.risk import RiskAssessment, RiskLevel
from desktop.ui.forms.common import format_date
from desktop.i18n import N_, _, ngettext  # noqa: F401

CONSENT = {ConsentStatus.GIVEN: N_("Consent obtained"),
           ConsentStatus.REFUSED: N_("Consent refused"),
           ConsentStatus.NOT_SOUGHT: N_("Consent not sought")}


def _p(text: str, empty: str = N_("Not recorded.")) -> str:
    text = (text or "").strip()
    if not text:
        return f"<p><i>{_(empty)}</i></p>"
    return "".join(f"<p>{escape(para)}</p>" for para in text.split("\n\n")).replace("\n", "<br>")


def risk_html(ra: RiskAssessment, current: bool = True) -> str:
    out = ["<h2>" + (_("Multi-agency risk assessment — version {n} (current)") if current else
                     _("Multi-agency risk assessment — version {n} (history)")).format(
        n=ra.version_no) + "</h2>"]
    facts = [_("Date of this assessment: {date}").format(
        date=format_date(ra.assessed_on, _("not recorded")))]
    if ra.assessed_by:
        facts.append(_("by {who}").format(who=escape(ra.assessed_by)))
    if ra.agencies_involved:
        facts.append(_("Agencies involved: ") + escape(", ".join(ra.agencies_involved)))
    if ra.version_no > 1:
        facts.append(_('Starts from version {value}').format(value=ra.version_no - 1))
    out.append("<p>" + " · ".join(facts) + "</p>")

    out.append("<h3>Stage 1. Circumstances of the incidents leading to the enquiry</h3>")
    out.append(_p(ra.circumstances))
    consent = _(CONSENT[ra.consent]) + (f": {escape(ra.consent_note)}" if ra.consent_note else "")
    out.append(_('<p><b>Consent:</b> {consent}</p>').format(consent=consent))

    out.append("<h3>Stage 2. The 8 risk domains</h3><p><i>Most recent first.</i></p>")
    for domain, entries in ra.by_domain().items():
        title = f"<b>{domain.number}. {escape(domain.label)}</b>"
        if not entries:
            out.append(_('<p>{title} <i>— nothing recorded</i></p>').format(title=title))
            continue
        hint = f" <i>({escape(domain.hint)})</i>" if domain.hint else ""
        out.append(f"<p>{title}{hint}</p>")
        out.append("<ul>" + "".join(
            f"<li><b>{format_date(e.date, 'undated')}</b>"
            f"{' — ' + escape(e.agency) if e.agency else ''}: {escape(e.detail)}</li>"
            for e in entries) + "</ul>")

    out.append("<h3>Stage 3. Summary and assessment of risk</h3>")
    level = ra.level.label if ra.level is not RiskLevel.NOT_SET else _("not set")
    out.append(_('<p><b>Level of risk:</b> {level}</p>').format(level=level))
    out.append(_p(ra.summary))

    out.append("<h3>Stage 4. Evaluation of harm and control measures</h3>")
    if not ra.risks:
        out.append("<p><i>No risks evaluated yet.</i></p>")
    else:
        head = (_("What is the risk? (to the person and to others)"), _("Reduce, Avoid, Remove, "
                "Accept"), _("What is already in place?"), _("Barriers to removing the risk"),
                _("What action needs to be taken? By who? By when?"))
        rows = ["<tr>" + "".join(f"<th align='left'>{h}</th>" for h in head) + "</tr>"]
        for r in ra.risks:
            risk = f"<b>{escape(r.risk)}</b>"
            if r.risk_to_person:
                risk += _('<br>To the person: {escape}').format(escape=escape(r.risk_to_person))
            if r.risk_to_others:
                risk += _('<br>To others: {escape}').format(escape=escape(r.risk_to_others))
            rara = r.rara.label if r.rara else "<i>not chosen</i>"
            if r.rationale:
                rara += f"<br><i>{escape(r.rationale)}</i>"
            action = escape(r.action_needed)
            if r.by_whom or r.by_when:
                action += "<br>" + _("By {who}, by {when}").format(
                    who=escape(r.by_whom) or "?", when=format_date(r.by_when, "?"))
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
        out.append(_("<p>Reviewed by {escape} on {format_date}. Information shared is "
                     "necessary, proportionate and relevant: {npr}.</p>").format(
            escape=escape(rv.reviewer), format_date=format_date(rv.date), npr=npr))
        if rv.intelligence_gaps:
            out.append(_('<p><b>Intelligence gaps:</b> {escape}</p>').format(escape=escape(rv.intelligence_gaps)))
        if rv.comments:
            out.append(_p(rv.comments))
    return "\n".join(out)


