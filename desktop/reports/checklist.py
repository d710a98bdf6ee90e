"""Engagement checklist (Fife protocol, items 1 to 15 and their parts): every item's status,
evidence, measure, date and by whom. "A tick is not sufficient."

Without a period the whole current checklist prints. With a period, an item last updated
outside it shows its status but not its evidence ("not updated in this period").
"""
from __future__ import annotations

from collections import Counter

from desktop.reports import flow
from desktop.reports.base import ReportMeta
from desktop.reports.data import CaseData, gather, no_progress
from desktop.reports.flow import Col, esc, fmt_date
from desktop.reports.parts import label, person_block
from desktop.reports.period import Period
from desktop.reports.styles import AMBER_BG
from desktop.i18n import N_, _, ngettext  # noqa: F401

TITLE = N_("Engagement checklist")
KINDS = ("checklist_item",)
GUIDANCE = ("Include date of update of decisions. List evidence and measures. "
            "A tick is not sufficient.")


def build(store, person_id: str, *, since=None, until=None, progress=no_progress,
          width: float) -> tuple[list, ReportMeta]:
    period = Period(since, until, "as chosen" if since or until else "the whole checklist")
    data = gather(store, person_id, period, KINDS, progress=progress)
    progress(0.55, _("Reading each item's updates"))
    history = updates_by_code(store, data.of("checklist_item"))
    progress(0.65, _("Laying out the checklist"))
    meta = ReportMeta(_(TITLE), data.person.display_name, period.label, data.generated_by,
                      keywords=["engagement checklist", "Fife"])
    return story(data, width, history), meta


def updates_by_code(store, items) -> dict:
    """Each stored row's updates (date, who, what changed), from the store's history."""
    from desktop.domain.checklist_rules import row_history
    return {i.code: row_history(store.checklist.history(i.id)) for i in items}


def _catalogue():
    try:
        from desktop.domain import checklist_catalogue
    except ImportError:
        return None
    return checklist_catalogue


COLS = (Col(N_("No"), 0.4, "cell_bold", empty=""), Col(N_("Engagement opportunity"), 2.25),
        Col(N_("Status"), 1.05), Col(N_("Evidence"), 2.3, empty=""), Col(N_("Measure"), 1.15, empty=""),
        Col(N_("Date"), 0.8, empty=""), Col(N_("By whom"), 0.95, empty=""))


def story(data: CaseData, width: float, history: dict | None = None) -> list:
    period = data.period
    out = flow.title(_(TITLE), esc("Fife Engagement Escalation Protocol. " + GUIDANCE))
    out += person_block(data.person, width, safe_contact=False,
                        referral_on=data.children_referral_on,
                        lead_term=data.lead_term)
    cat = _catalogue()
    stored = {i.code: i for i in data.of("checklist_item")}
    if cat is None or not stored:
        return out + flow.section(_("Checklist"), None,
                                  empty="No checklist items have been recorded yet.")
    filtered = period.since is not None or period.until is not None
    rows, flagged, amber, groups = [], [], [], []   # amber: the status cell only
    counts: Counter = Counter()
    for item in cat.CATALOGUE:
        parts = item.sub_items or (item,)
        if item.sub_items:
            groups.append(len(rows))
            rows.append([str(item.number), _item_text(item)] + [""] * 5)
        for part in parts:
            rec = stored.get(part.code)
            name = (f"\u2013 {part.title}" if part.parent else _item_text(item))
            number = "" if part.parent else str(item.number)
            status = rec.status if rec else None
            counts[label(status) if status else "Not yet considered"] += 1
            if rec is None or status.value == "not_yet_considered":
                amber.append(len(rows))
                rows.append([number, name, "Not yet considered", "", "", "", ""])
                continue
            if filtered and not period.contains(rec.date):
                rows.append([number, name, label(status),
                             f"Not updated in this period (last updated "
                             f"{fmt_date(rec.date, 'undated')}).", "", "", ""])
                continue
            if rec.missing_evidence:
                flagged.append(len(rows))
            rows.append([number, name, label(status), _evidence(rec), rec.measure,
                         rec.date, rec.by_whom])
    order = [label(s) for s in _statuses()] or list(counts)
    summary = ", ".join(f"{counts[k]} {k.lower()}" for k in order if counts.get(k))
    out += [flow.heading(_("Summary")), flow.P(f"{sum(counts.values())} items and parts: {summary}.")]
    missing = [r for r in stored.values() if r.missing_evidence]
    if missing:
        out.append(flow.callout(esc(f"{len(missing)} item(s) have a status but no evidence or "
                                    f"date (shaded red): a tick is not sufficient."),
                                width=width, flag=True))
    out += [flow.heading(_("Checklist")),
            flow.table(COLS, rows, width=width, flagged=flagged, zebra=False,
                       group_rows=groups,
                       extra=[("BACKGROUND", (2, i), (2, i), AMBER_BG) for i in amber]),
            flow.M(_("Amber status: not yet considered (an engagement opportunity still open). "
                   "Shaded red: a status without evidence or a date."), "note")]
    if history:
        hrows = []
        for c in (c for item in cat.CATALOGUE for c in (item.sub_items or (item,))):
            for u in history.get(c.code, []):
                if filtered and not period.contains(_day(u.decided_on) or _day(u.at)):
                    continue
                hrows.append([cat.describe(c.code), _when(u.at), u.by, "; ".join(u.changes)])
        if hrows:
            out += [flow.heading(_("Date of update of decisions")),
                    flow.table((Col(N_("Item"), 1.5), Col(N_("Updated"), 0.9), Col(N_("By"), 1.0),
                                Col(N_("What changed"), 3.6)), hrows, width=width)]
    return out


def _day(iso):
    from datetime import date

    from desktop.domain.ids import from_iso
    if not iso:
        return None
    try:
        return date.fromisoformat(iso) if len(iso) == 10 else from_iso(iso).astimezone().date()
    except (ValueError, TypeError):
        return None


def _when(iso: str) -> str:
    from desktop.domain.ids import from_iso
    try:
        return fmt_date(from_iso(iso).astimezone().date())
    except (ValueError, TypeError):
        return iso


def _statuses() -> list:
    try:
        from desktop.domain.checklist import ChecklistStatus
    except ImportError:
        return []
    return list(ChecklistStatus)


def _item_text(item) -> list:
    out = [flow.P(item.title, "cell_bold" if item.sub_items else "cell")]
    out += [flow.P(f"\u2022 {p}", "cell") for p in item.prompts]
    if item.note:
        out.append(flow.P(item.note, "note"))
    return out


def _evidence(rec) -> str:
    if rec.missing_evidence:
        return (rec.evidence + "\n" if rec.evidence else "") + \
            "Evidence or date missing: a tick is not sufficient."
    return rec.evidence
