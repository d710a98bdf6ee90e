"""Closure record (Nottingham s.12): why, the evidence that all options were exhausted, each
involved agency's agreement, the agencies informed and the keep-in-touch plan, with space for
senior managers' signatures. With a period, only a closure dated within it."""
from __future__ import annotations

from desktop.reports import flow
from desktop.reports.base import ReportMeta
from desktop.reports.data import CaseData, gather, no_progress
from desktop.reports.flow import Col, esc, fmt_date
from desktop.reports.parts import label, person_block
from desktop.reports.period import Period
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("Closure record")
KINDS = ("closure", "meeting", "escalation", "deescalation", "incoming_referral")


def build(store, person_id: str, *, since=None, until=None, progress=no_progress,
          width: float) -> tuple[list, ReportMeta]:
    period = Period(since, until, "as chosen" if since or until else "all records")
    data = gather(store, person_id, period, KINDS, progress=progress)
    progress(0.65, _("Laying out the closure record"))
    meta = ReportMeta(_(TITLE), data.person.display_name, period.label, data.generated_by,
                      keywords=["closure"])
    return story(data, width), meta


def current(data: CaseData):
    p = data.period
    closures = [c for c in data.of("closure")
                if (p.since is None and p.until is None) or p.contains(c.closed_on)]
    return max(closures, key=lambda c: (c.closed_on, c.created_at or 0), default=None)


def story(data: CaseData, width: float) -> list:
    out = flow.title(_(TITLE), esc("Closing a case when all options to engage the adult have been "
                                "exhausted: every involved agency and its senior managers "
                                "agree that there are no further options."))
    out += person_block(data.person, width, safe_contact=False,
                        referral_on=data.children_referral_on,
                        lead_term=data.lead_term)
    c = current(data)
    if c is None:
        return out + flow.section(_("Closure"), None, empty="The case has not been closed.")
    meetings = {m.id: m for m in data.of("meeting")}
    m = meetings.get(c.meeting_id)
    out += [flow.heading(_("Decision")), flow.fields([
        ("Closed on", fmt_date(c.closed_on)),
        ("Agreed at", f"{label(m.kind)}, {fmt_date(m.date)}" if m else flow.DASH),
        ("Reason", c.reason),
        ("Evidence that all options were exhausted", c.evidence),
        ("Decision that the risks were addressed", c.risks_addressed or flow.DASH)],
        width=width, columns=1, label_frac=0.25)]
    if c.override.recorded:
        o = c.override
        out += [flow.heading(_("Management override")), flow.callout(
            esc(f"Closed despite {len(c.blockers_overridden)} blocker(s), on the authority of "
                f"{o.senior_manager} ({o.agency}) on {fmt_date(o.date)}. Rationale: "
                f"{o.rationale}"), width=width, flag=True)]
        if c.blockers_overridden:
            out.append(flow.table((Col(N_("Blocker at closure"), 6.0),),
                                  [[b] for b in c.blockers_overridden], width=width))
    esc_ = sorted(data.of("escalation"), key=lambda e: e.escalated_on)
    de = sorted(data.of("deescalation"), key=lambda d: d.decided_on)
    if esc_ or de:
        rows = [[e.escalated_on, "Escalated", f"{e.escalated_by}; IRDs: {e.ird_count}; "
                 + "; ".join(e.criteria.met())] for e in esc_]
        rows += [[d.decided_on, "De-escalated", f"{d.basis.label}: {d.decision} "
                  f"({d.decided_by}). Rationale: {d.rationale}"] for d in de]
        out += [flow.heading(_("Escalation history")),
                flow.table((Col(N_("Date"), 1.0), Col(N_("Status"), 1.1), Col(N_("Decision"), 4.0)),
                           sorted(rows, key=lambda r: r[0]), width=width)]
    told = [(r, u) for r in data.of("incoming_referral") for u in r.updates
            if u.reason.value == "closure"]
    referrers = data.of("incoming_referral")
    if referrers:
        rows, flagged = [], []
        for r in referrers:
            us = [u for rr, u in told if rr is r]
            if not us:
                flagged.append(len(rows))
                rows.append([f"{r.referrer} ({r.referrer_agency})", "Not yet told", ""])
            for u in us:
                rows.append([f"{r.referrer} ({r.referrer_agency})",
                             f"{fmt_date(u.on)} by {u.by}", u.strategies_tried])
        out += [flow.heading(_("Referrer told of the closure")),
                flow.table((Col(N_("Referrer"), 1.8), Col(N_("Told"), 1.4),
                            Col(N_("Strategies tried"), 3.0, empty="")), rows, width=width,
                           flagged=flagged)]
    missing = set(a.lower() for a in c.missing_agreements())
    agreements = {a.agency.strip().lower(): a for a in c.agreements}
    rows, flagged = [], []
    names = list(dict.fromkeys([*c.involved_agencies, *(a.agency for a in c.agreements)]))
    for agency in names:
        a = agreements.get(agency.strip().lower())
        if agency.strip().lower() in missing or a is None:
            flagged.append(len(rows))
            rows.append([agency, "No agreement recorded", ""])
        else:
            rows.append([agency, a.name, a.date])
    out += [flow.heading(_("Agreement of each agency")),
            flow.table((Col(N_("Agency"), 1.8), Col(N_("Agreed by"), 2.0), Col(N_("Date agreed"), 1.0,
                                                                           empty="")),
                       rows, width=width, flagged=flagged)
            if rows else flow.none_recorded()]
    if flagged and not c.override.recorded:
        out.append(flow.callout("Not every involved agency has agreed: the case cannot be "
                                "closed until they do.", width=width, flag=True))
    seniors = {a.agency.strip().lower(): a for a in c.senior_agreements}
    srows, sflag = [], []
    for agency in names:
        a = seniors.get(agency.strip().lower())
        if a is None:
            sflag.append(len(srows))
            srows.append([agency, "No senior manager's agreement recorded", ""])
        else:
            srows.append([agency, a.name, a.date])
    out += [flow.heading(_("Senior managers' agreement recorded")),
            flow.table((Col(N_("Agency"), 1.8), Col(N_("Senior manager"), 2.0),
                        Col(N_("Date agreed"), 1.0, empty="")), srows, width=width, flagged=sflag)
            if srows else flow.none_recorded()]
    informed = c.agencies_informed
    out += flow.section(_("Agencies informed"),
                        [flow.P(", ".join(informed))] if informed else None)
    kit = c.keep_in_touch
    last = _last_contact_after(data, c.closed_on)
    due = c.keep_in_touch_due(last)
    out += flow.section(_("Keeping in touch"), [flow.fields([
        ("Who keeps in touch", kit.who),
        ("How often", f"Every {kit.every_months} month{'s' if kit.every_months != 1 else ''}"),
        ("Last contact since closure", fmt_date(last, "None yet")),
        ("Next contact due", fmt_date(due)),
        ("Tracked by (senior manager)", kit.reviewed_by or "Not recorded")], width=width)]
        if kit.planned else None,
        empty="No keep-in-touch plan was agreed.")
    out += flow.section(_("After closure"), [flow.fields([
        ("Outcome sent to the Safeguarding Adults Board",
         fmt_date(c.outcome_to_board_on, "Not recorded")),
        ("Learning and good practice", c.learning or "None recorded"),
        ("Shared with", c.learning_shared_with or "Not recorded"),
        ("Shared on", fmt_date(c.learning_shared_on, "Not recorded"))], width=width)])
    out += [flow.keep(
        flow.M(esc("Senior managers' agreement"), "h1"),
        flow.M(_("Each agency's senior manager confirms that there are no further options "
               "available (Nottingham s.12)."), "note"),
        flow.table((Col(N_("Name"), 1.6, empty=""), Col(N_("Agency"), 1.6, empty=""),
                    Col(N_("Signature"), 1.8, empty=""), Col(N_("Date"), 0.9, empty="")),
                   [[flow.gap(9), "", "", ""] for _ignored in range(max(3, len(names)))],
                   width=width, zebra=False))]
    return out


def _last_contact_after(data: CaseData, closed_on):
    seen = [a.at.astimezone().date() for a in data.all_attempts
            if a.outcome.seen and a.at.astimezone().date() >= closed_on]
    return max(seen, default=None)
