"""Meeting record / minutes: attendees and apologies, how the adult was told, consent and the
rationale for sharing without it, the standing agenda with answers, decisions with rationale and
who made them, actions agreed, the agreed risk level and the next review; minutes circulation
(Oxfordshire: within 5 working days)."""
from __future__ import annotations

from desktop.domain.dates import DEFAULT_REGION
from desktop.reports import flow
from desktop.reports.base import ReportError, ReportMeta
from desktop.reports.data import generated_by, load, no_progress, record_class, require_person
from desktop.reports.flow import Col, esc, fmt_date, yes_no
from desktop.reports.parts import label, person_block
from desktop.reports.plan import action_rows, ordered
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("Meeting record")


def build(store, meeting_id: str, *, progress=no_progress, width: float,
          today=None) -> tuple[list, ReportMeta]:
    from datetime import date
    cls = record_class("meeting")
    progress(0.1, _("Reading the meeting"))
    meeting = store.repo(cls).get(meeting_id) if cls is not None else None
    if meeting is None:
        raise ReportError(_('No meeting with id {meeting_id} in this store.').format(meeting_id=meeting_id))
    person = require_person(store, meeting.person_id)
    progress(0.4, _("Reading the actions agreed"))
    actions = [a for a in load(store, "action", person.id) if a.source_meeting_id == meeting.id]
    progress(0.65, _("Laying out the minutes"))
    title = f"{_(TITLE)}: {label(meeting.kind)}"
    meta = ReportMeta(title, person.display_name, _('Meeting on {fmt_date}').format(fmt_date=fmt_date(meeting.date)),
                      generated_by(store), keywords=["minutes", "meeting record"])
    from desktop.domain.meeting import required_agencies_missing
    from desktop.domain.procedure import settings_for
    procedure = settings_for(store.settings.get("procedure"))
    missing = required_agencies_missing(meeting, procedure.required_agencies)
    from desktop.reports.data import children_referral_on
    region = store.settings.get("holiday_region")
    return story(person, meeting, actions, width, today or date.today(), missing,
                 children_referral_on(store, person), region,
                 lead_term=procedure.lead_term_title), meta


def _people(attendees) -> list:
    return [[a.name, a.agency, a.role] for a in attendees]


def story(person, m, actions: list, width: float, today, required_missing=(),
          referral_on=None, region: str = DEFAULT_REGION,
          lead_term: str = "Lead agency") -> list:
    out = flow.title(f"{_(TITLE)}: {label(m.kind)}",
                     esc(f"{fmt_date(m.date)}" + (f", {m.location}" if m.location else "")))
    out += person_block(person, width, safe_contact=False, referral_on=referral_on,
                        lead_term=lead_term)
    out += [flow.heading(_("The meeting")), flow.fields([
        ("Date", fmt_date(m.date)), ("Kind", label(m.kind)),
        ("Chair", ", ".join(x for x in (m.chair, m.chair_role, m.chair_agency) if x)
         or flow.DASH), ("Minute taker", m.minute_taker or flow.DASH),
        ("Location", m.location or flow.DASH),
        ("Minutes circulated", _circulation(m, today, region))], width=width)]
    cols = (Col(N_("Name"), 1.6), Col(N_("Agency"), 1.7), Col(N_("Role"), 1.7))
    inv = [[i.name, i.agency, i.role, fmt_date(i.invited_on, ""), i.how] for i in m.invitations]
    out += flow.section(_("Invited"), [flow.table(
        (Col(N_("Name"), 1.4), Col(N_("Agency"), 1.5), Col(N_("Role"), 1.3), Col(N_("Invited on"), 0.9, empty=""),
         Col(N_("How"), 0.9, empty="")), inv, width=width)] if inv else None, level=2)
    if required_missing:
        out.append(flow.callout(esc("Required agencies neither invited nor present: "
                                    + ", ".join(required_missing) + "."), width=width,
                                flag=True))
    out += flow.section(_("Present"), [flow.table(cols, _people(m.attendees), width=width)]
                        if m.attendees else None, level=2)
    out += flow.section(_("Apologies"), [flow.table(cols, _people(m.apologies), width=width)]
                        if m.apologies else None, level=2)
    out += [flow.heading(_("The adult")), flow.fields([
        ("Told about the meeting", m.adult_informed_how or flow.DASH),
        ("Told by", m.adult_informed_by or flow.DASH),
        ("Invited", yes_no(m.adult_invited)), ("Present", yes_no(m.adult_present)),
        ("Representative", m.representative or flow.DASH),
        ("Representative present", yes_no(m.representative_present)
         if m.representative else flow.DASH)], width=width)]
    basis = label(m.lawful_basis) if getattr(m.lawful_basis, "value", "none") != "none" else ""
    out += [flow.heading(_("Consent and information sharing")), flow.fields([
        ("Consent to share", label(m.consent)),
        ("Lawful basis", basis or flow.DASH),
        ("Rationale for sharing without consent", m.sharing_rationale or flow.DASH)],
        width=width, columns=1, label_frac=0.3)]
    out += [flow.heading(_("Standing agenda")), *agenda(m, width)]
    rows = [[d.decision, d.rationale, d.made_by] for d in m.decisions]
    out += flow.section(_("Decisions"), [flow.table(
        (Col(N_("Decision"), 2.2), Col(N_("Rationale"), 2.6), Col(N_("Made by"), 1.2)), rows, width=width)]
        if rows else None)
    out += [flow.heading(_("Outcome")), flow.fields([
        ("Risk level agreed", label(m.agreed_risk_level)),
        ("Single point of contact", m.spoc_agreed or flow.DASH),
        ("Next review meeting", fmt_date(m.next_review, "Not agreed"))], width=width)]
    if actions:
        arows, flagged, _ignored = action_rows(ordered(actions, today), {}, today)
        acols = (Col(N_("No"), 0.45, "cell_bold"), Col(N_("Action"), 2.6), Col(N_("Named lead"), 1.5),
                 Col(N_("Due"), 0.85), Col(N_("Status"), 1.15), Col(N_("Notes"), 1.7, empty=""))
        out += [flow.heading(_("Actions agreed")),
                flow.table(acols, [r[:6] for r in arows], width=width, flagged=flagged)]
    else:
        out += flow.section(_("Actions agreed"), None)
    if m.invitations or m.distribution:
        due = m.minutes_due_by
        rows, flagged = [], []
        for d in m.distribution:
            late = d.sent_on > due
            if late:
                flagged.append(len(rows))
            rows.append([d.name, d.agency, fmt_date(d.sent_on) + (" (late)" if late else "")])
        for who in m.not_sent_minutes():
            flagged.append(len(rows))
            rows.append([who, "", f"Not sent (due by {fmt_date(due)})"])
        out += [flow.heading(_("Minutes sent to")),
                flow.table((Col(N_("Name"), 1.8), Col(N_("Agency"), 1.8, empty=""), Col(N_("Sent"), 1.6)),
                           rows, width=width, flagged=flagged) if rows else flow.none_recorded()]
    out += [flow.heading(_("After the meeting")), flow.fields([
        ("Chair discussed the case with their line manager",
         fmt_date(m.chair_line_manager_on, "Not yet recorded")
         + (f": {m.chair_line_manager_note}" if m.chair_line_manager_note else ""))],
        width=width, columns=1, label_frac=0.35)]
    if m.notes:
        out += [flow.heading(_("Other notes")), flow.P(m.notes)]
    return out


def agenda(m, width: float) -> list:
    """Every question of the standing agenda for this kind of meeting, with the answer (or
    "None recorded."), then any answers to questions outside it."""
    try:
        from desktop.domain.agenda import BY_CODE, agenda_for
        questions = [(q.code, q.text, q.source) for q in agenda_for(m.kind)]
    except ImportError:
        BY_CODE, questions = {}, []
    answers = {a.code: a.answer for a in m.agenda}
    codes = {c for c, _ignored, _ignored in questions}
    for code in answers:
        if code not in codes:
            q = BY_CODE.get(code)
            questions.append((code, q.text if q else code, q.source if q else ""))
    rows = []
    for n, (code, text, source) in enumerate(questions, 1):
        answer = answers.get(code, "").strip()
        rows.append([str(n), [flow.P(text, "cell_bold"), flow.P(source, "note")] if source
                     else flow.P(text, "cell_bold"),
                     flow.P(answer, "cell") if answer else flow.M(_("None recorded."), "none")])
    if not rows:
        return [flow.none_recorded()]
    return [flow.table((Col(N_("No"), 0.4, "cell_bold"), Col(N_("Question"), 2.3), Col(N_("Answer"), 3.4)),
                       rows, width=width)]


def _circulation(m, today, region: str = DEFAULT_REGION) -> str:
    due = m.minutes_due(region) if hasattr(m, "minutes_due") else None
    if m.minutes_circulated_on:
        late = due is not None and m.minutes_circulated_on > due
        return f"{fmt_date(m.minutes_circulated_on)}" + (
            f" (late: due by {fmt_date(due)})" if late else " (within 5 working days)")
    if due is None:
        return "Not yet"
    return f"Not yet: due by {fmt_date(due)}" + (" (overdue)" if due < today else "")
