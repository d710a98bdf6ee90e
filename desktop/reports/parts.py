"""Pieces several reports share: the opening block about the person, the attempts table, the
open alerts, and enum labels."""
from __future__ import annotations

import enum
from datetime import date

from reportlab.lib.units import mm

from desktop.domain.contact import ContactOutcome
from desktop.domain.fields import summary
from desktop.domain.person import Person
from desktop.reports import flow
from desktop.reports.flow import Col, esc, fmt_date
from desktop.i18n import N_, _, ngettext  # noqa: F401


def label(value) -> str:
    """A readable label for an enum (its ``label`` if it has one), a bool or a value."""
    if value is None:
        return flow.DASH
    if isinstance(value, enum.Enum):
        lab = getattr(value, "label", None)
        if isinstance(lab, str):
            return lab
        return str(value.value).replace("_", " ").capitalize()
    if isinstance(value, bool):
        return flow.yes_no(value)
    return str(value)


def _text(value) -> str:
    if isinstance(value, date):
        return fmt_date(value)
    return label(value)


def person_block(person: Person, width: float, *, extra: list[tuple[str, object]] = (),
                 safe_contact: bool = True, referral_on=None,
                 lead_term: str = "Lead agency") -> list:
    """Who the report is about, and how to reach them safely. ``lead_term``: what the
    procedure calls the coordinating agency ("Primary agency" in Oxfordshire)."""
    p = person
    # every field the Person declares as a summary field (desktop/domain/person.py), in order
    pairs: list[tuple[str, object]] = [
        *((lead_term if name == "Lead agency" else _(name), value)
          for name, value in summary(p, _text, empty=flow.DASH)),
        (_("Consent to share"), consent_text(p)), *extra]
    out = [flow.fields(pairs, width=width)]
    if safe_contact:
        sc = p.safe_contact
        lines = [(n, v) for n, v in (("Safe number", sc.safe_number),
                                     ("Safe message", sc.safe_message),
                                     ("Avoid", sc.methods_to_avoid),
                                     ("Best days and times", sc.best_times)) if v]
        comm = p.communication
        needs = [x for x in (comm.language and f"Language: {comm.language}",
                             comm.interpreter_needed and "interpreter needed",
                             comm.easy_read and "easy read", comm.needs) if x]
        if needs:
            lines.append(("Communication", "; ".join(needs)))
        if lines:
            out += [flow.gap(2), flow.fields(lines, width=width, columns=2)]
    if p.dependants.has_children:
        d = p.dependants
        parts = []
        if d.children:
            parts.append("Children in the household: "
                         + ", ".join(c.name or "unnamed child" for c in d.children))
        if d.children_elsewhere:
            parts.append("Children elsewhere with the adult's parental responsibility: "
                         + ", ".join(c.name or "unnamed child" for c in d.children_elsewhere))
        text = esc(". ".join(parts)) + ". "
        if referral_on is not None or d.children_referral_recorded_on:
            when = referral_on or d.children_referral_recorded_on
            out += [flow.gap(2), flow.callout(
                text + esc(f"Referral to children's services recorded on {when:%d %b %Y}"
                           + (f" ({d.children_referral_note})" if d.children_referral_note
                              else "") + "."), width=width)]
        else:
            out += [flow.gap(2), flow.callout(
                text + "A referral to children's services (MASH) must be recorded.",
                width=width, flag=True)]
    if p.dependants.other_adults:
        others = "; ".join(", ".join(x for x in (a.name, a.relationship, a.risk) if x)
                           for a in p.dependants.other_adults)
        out += [flow.gap(2), flow.callout(esc(f"Other adults at risk: {others}."),
                                          width=width, flag=True)]
    return out


def consent_text(p: Person) -> str:
    c = p.consent
    text = label(c.status)
    if c.lawful_basis.value != "none":
        text += _("; shared under {basis}").format(basis=label(c.lawful_basis).lower())
    if c.rationale:
        text += _(". Rationale: {rationale}").format(rationale=c.rationale)
    return text


ATTEMPT_COLS = (Col(N_("Date and time"), 1.25), Col(N_("Method"), 1.0), Col(N_("Outcome"), 1.35),
                Col(N_("Worker"), 0.95), Col(N_("Note"), 2.6, empty=""), Col(N_("Next planned"), 1.0, empty=""))


def attempts_table(attempts, width: float):
    """Attempts oldest first; refusals of access highlighted, the adult being seen shaded."""
    rows, flagged, amber = [], [], []
    for i, a in enumerate(attempts):
        rows.append([a.at, a.method.label, a.outcome.label, a.worker, a.note,
                     flow.fmt_date(a.next_planned_at, "")])
        if a.outcome in (ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY,
                         ContactOutcome.ACCESS_REFUSED_BY_ADULT):
            flagged.append(i)
        elif a.outcome.seen:
            amber.append(i)
    return flow.table(ATTEMPT_COLS, rows, width=width, flagged=flagged, amber=amber,
                      zebra=False)


def attempts_summary(attempts) -> str:
    if not attempts:
        return "No contact attempts in this period."
    seen = sum(1 for a in attempts if a.outcome.seen)
    engaged = sum(1 for a in attempts if a.outcome is ContactOutcome.SEEN_ENGAGED)
    return (f"{len(attempts)} contact attempt{'s' if len(attempts) != 1 else ''}; "
            f"the adult was seen {seen} time{'s' if seen != 1 else ''} "
            f"(engaged {engaged}), not seen {len(attempts) - seen}.")


def alerts_block(alerts, width: float) -> list:
    if not alerts:
        return []
    rows = [[a.severity.name.capitalize(), a.message, a.action] for a in alerts]
    flagged = [i for i, a in enumerate(alerts) if a.severity.name == "URGENT"]
    return [flow.table((Col(N_("Priority"), 0.7), Col(N_("Alert"), 2.4), Col(N_("What clears it"), 2.9)),
                       rows, width=width, flagged=flagged, zebra=False)]


def legend_note(text: str) -> object:
    return flow.M(esc(text), "note")


SPACE = 3 * mm
