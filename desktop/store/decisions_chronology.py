"""Decisions in the inter-agency chronology (kind ``decision``): escalation and de-escalation,
supervision with its signed-off decisions, professional disagreements and escalation to the
Safeguarding Adults Board, an agency ending its involvement, the referral received and the
referrer told, decisions after worrying visits, and the closure (with any management override).
Read from their own records; nothing is retyped."""
from __future__ import annotations

from desktop.domain.chronology import ChronologyKind, ChronologyRow

K = ChronologyKind


def _in(d, since, until) -> bool:
    return d is not None and (since is None or d >= since) and (until is None or d <= until)


def decision_rows(store, ctx, since, until) -> list[ChronologyRow]:
    pid, lead = ctx.person.id, ctx.lead_agency
    rows: list[ChronologyRow] = []

    def add(day, agency, worker, text, significance, source, rid):
        if _in(day, since, until):
            rows.append(ChronologyRow(day, None, agency or lead, worker, K.DECISION, text,
                                      significance, source, rid))

    for e in store.escalations.for_person(pid):
        irds = ", ".join(f"{i.date:%d %b %Y} (option {i.outcome_option})" for i in e.irds)
        add(e.escalated_on, e.agency, e.escalated_by,
            f"Escalated to the engagement escalation procedure. Criteria: "
            f"{'; '.join(e.criteria.met())}. IRDs ({e.ird_count}): {irds}"
            + (f". Rationale: {e.rationale}" if e.rationale else ""),
            "Status: escalated", "escalation", e.id)
        for i in e.irds:
            if i.adult_told_on:
                add(i.adult_told_on, e.agency, i.adult_told_by,
                    f"The adult was told the outcome of the IRD of {i.date:%d %b %Y} "
                    f"(option {i.outcome_option})" + (f": {i.adult_told_how}"
                                                      if i.adult_told_how else ""),
                    "", "escalation", e.id)
    for d in store.deescalations.for_person(pid):
        add(d.decided_on, "", d.decided_by,
            f"De-escalation ({d.basis.label.lower()}): {d.decision}. Rationale: {d.rationale}"
            + (f". Continuing support: {d.continuing_support}" if d.continuing_support else ""),
            "Status: de-escalated", "deescalation", d.id)
    for s in store.supervisions.for_person(pid):
        parts = [f"Supervision with {s.manager}" + (f": {s.discussion}" if s.discussion else "")]
        for d in s.decisions:
            if d.signed_off:
                parts.append(f"Decision signed off by {d.signed_off_by} "
                             f"({d.signed_off_on:%d %b %Y}): {d.decision} — rationale: "
                             f"{d.sign_off_rationale or d.rationale}")
            else:
                parts.append(f"Decision awaiting sign-off: {d.decision}")
        add(s.date, "", s.manager, ". ".join(parts), "Debrief" if s.debrief else "",
            "supervision", s.id)
    for d in store.disagreements.for_person(pid):
        add(d.raised_on, d.agency, d.raised_by,
            f"Professional disagreement raised: {d.about} (route: {d.route.label.lower()})"
            + (f". Meanwhile: {d.meanwhile}" if d.meanwhile else ""), "", 
            "professional_disagreement", d.id)
        if d.sab_escalated_on:
            add(d.sab_escalated_on, d.agency, d.raised_by,
                f"Disagreement escalated to the Safeguarding Adults Board"
                + (f" (ref. {d.sab_reference})" if d.sab_reference else "") + f": {d.about}",
                "", "professional_disagreement", d.id)
        if d.resolved_on:
            add(d.resolved_on, d.agency, d.raised_by,
                f"Disagreement resolved: {d.outcome}", "", "professional_disagreement", d.id)
    for w in store.withdrawals.for_person(pid):
        told = ", ".join(f"{i.agency} ({i.on:%d %b %Y})" for i in w.informed if i.on)
        add(w.withdrawn_on, w.agency, w.worker,
            f"{w.agency} ended its involvement: {w.reason}"
            + (f". Ongoing support: {w.ongoing_support}" if w.ongoing_support else "")
            + (f". Informed: {told}" if told else ". Other agencies not yet informed"),
            "", "agency_withdrawal", w.id)
    for r in store.incoming_referrals.for_person(pid):
        add(r.received_on, r.referrer_agency, r.referrer,
            f"Referral received from {r.referrer}"
            + (f" ({r.referrer_agency})" if r.referrer_agency else "")
            + (f": {r.concern}" if r.concern else ""), "", "incoming_referral", r.id)
        for u in r.updates:
            add(u.on, "", u.by, f"Referrer {r.referrer} told: {u.reason.label.lower()}"
                + (f". Strategies tried: {u.strategies_tried}" if u.strategies_tried else ""),
                "", "incoming_referral", r.id)
    for c in store.concern_decisions.for_person(pid):
        add(c.decided_on, "", c.decided_by,
            ("Adult safeguarding concern to be raised" if c.raise_concern
             else "Decision not to raise an adult safeguarding concern")
            + f": {c.rationale}", "", "concern_decision", c.id)
    for c in store.closures.for_person(pid):
        text = f"Case closed: {c.reason}"
        significance = ""
        if c.override.recorded:
            o = c.override
            significance = (f"Closed under a management override by {o.senior_manager} "
                            f"({o.agency}): {o.rationale}")
        add(c.closed_on, "", c.created_by, text, significance, "closure", c.id)
    return rows
