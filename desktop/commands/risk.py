"""``risk add|show|review|versions``: the multi-agency risk assessment (Oxfordshire stages 1-5,
Appendix B) from the command line. ``risk add`` saves a new version that starts from the last."""
from __future__ import annotations

from datetime import date

from desktop.commands import UserError, command, enum_value, parse_date
from desktop.commands.escalation import record_json
from desktop.i18n import _, ngettext  # noqa: F401


def register(sub, group):
    risk = group("risk", _("the multi-agency risk assessment (versioned)"))
    p = command(risk, "add", risk_add,
                _("save a new version, starting from the last one; prints its id"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("assessed on (default: today)"))
    p.add_argument("--by", default="", metavar="NAME", help=_("assessed by (default: you)"))
    p.add_argument("--agency", action="append", default=[], metavar="NAME",
                   help=_("an agency involved (repeat; replaces the list)"))
    p.add_argument("--circumstances", metavar="TEXT", help=_("stage 1"))
    p.add_argument("--consent", metavar="STATUS", help=_("stage 1: not_sought, given, refused"))
    p.add_argument("--consent-note", metavar="TEXT")
    p.add_argument("--entry", action="append", default=[],
                   metavar="DOMAIN|YYYY-MM-DD|AGENCY|DETAIL", help=_("stage 2 entry (repeat)"))
    p.add_argument("--offer-hostility", action="store_true",
                   help=_("stage 2: add staff-safety incidents and disengagement patterns"))
    p.add_argument("--summary", metavar="TEXT", help=_("stage 3"))
    p.add_argument("--level", metavar="LEVEL", help=_("stage 3: low, medium, high, very_high"))
    p.add_argument("--risk", action="append", default=[],
                   metavar="RISK|TO_PERSON|TO_OTHERS|RARA|RATIONALE|IN_PLACE|BARRIERS|ACTION|"
                           "BY_WHOM|BY_WHEN", help=_("stage 4 row (repeat; replaces the rows)"))
    p.add_argument("--told", action="append", default=[], metavar="WHO|AGENCY|YYYY-MM-DD|HOW",
                   help=_("who was told about the risk, and when (repeat)"))
    p = command(risk, "show", risk_show, _("the current assessment (or --version N)"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--version", type=int, metavar="N")
    p = command(risk, "versions", risk_versions, _("every version, newest first"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p = command(risk, "review", risk_review,
                _("stage 5: the supervisory review of the current version"))
    p.add_argument("person_id", metavar="PERSON_ID")
    p.add_argument("--reviewer", required=True, metavar="NAME")
    p.add_argument("--date", metavar="YYYY-MM-DD", help=_("default: today"))
    p.add_argument("--npr", action="store_true",
                   help=_("information shared is necessary, proportionate and relevant"))
    p.add_argument("--gaps", default="", metavar="TEXT", help=_("intelligence gaps signposted"))
    p.add_argument("--comments", default="", metavar="TEXT")


def _pipe(text: str, n: int, what: str, usage: str) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    if len(parts) > n:
        parts = parts[: n - 1] + ["|".join(parts[n - 1:])]
    if not parts[0]:
        raise UserError(_('bad {what} \'{text}\'; use "{usage}"').format(what=what, text=text, usage=usage))
    return parts + [""] * (n - len(parts))


def _opt_date(text: str, what: str):
    return parse_date(text, what) if text else None


def risk_add(ctx):
    from desktop.domain.hostility import hostility_entries
    from desktop.domain.person import ConsentStatus
    from desktop.domain.risk import DomainEntry, Rara, RiskDomain, RiskLevel, RiskNotice, RiskRow
    a = ctx.args
    store = ctx.store()
    draft = store.risk_assessments.draft_version(a.person_id)
    draft.assessed_on = parse_date(a.date) if a.date else date.today()
    draft.assessed_by = a.by.strip() or store.actor
    if a.agency:
        draft.agencies_involved = [x.strip() for x in a.agency if x.strip()]
    if a.circumstances is not None:
        draft.circumstances = a.circumstances
    if a.consent:
        draft.consent = enum_value(ConsentStatus, a.consent, "consent")
    if a.consent_note is not None:
        draft.consent_note = a.consent_note
    for t in a.entry:
        dom, when, agency, detail = _pipe(t, 4, "--entry", "DOMAIN|YYYY-MM-DD|AGENCY|DETAIL")
        draft.entries.append(DomainEntry(enum_value(RiskDomain, dom, "risk domain"),
                                         _opt_date(when, "entry date"), agency, detail))
    if a.offer_hostility:
        draft.entries += hostility_entries(store.visits.for_person(a.person_id),
                                           store.patterns.for_person(a.person_id),
                                           store.attempts.timeline(a.person_id), draft.entries)
    if a.summary is not None:
        draft.summary = a.summary
    if a.level:
        draft.level = enum_value(RiskLevel, a.level, "risk level")
    if a.risk:
        rows = []
        for t in a.risk:
            (risk, to_p, to_o, rara, why, in_place, barriers, action, who,
             when) = _pipe(t, 10, "--risk", "RISK|TO_PERSON|TO_OTHERS|RARA|…|BY_WHEN")
            rows.append(RiskRow(risk, to_p, to_o, enum_value(Rara, rara, "RARA") if rara
                                else None, why, in_place, barriers, action, who,
                                _opt_date(when, "by when")))
        draft.risks = rows
    for t in a.told:
        who, agency, when, how = _pipe(t, 4, "--told", "WHO|AGENCY|YYYY-MM-DD|HOW")
        draft.told.append(RiskNotice(who, agency, _opt_date(when, "date told"), how))
    saved = store.risk_assessments.add(draft)
    ctx.emit({"id": saved.id, "version_no": saved.version_no}, saved.id)


def risk_json(r) -> dict:
    out = record_json(r)
    out["entries_newest_first"] = [
        {"domain": e.domain.value, "date": e.date.isoformat() if e.date else None,
         "agency": e.agency, "detail": e.detail} for e in r.entries_newest_first()]
    out["review_done"] = r.review.done
    return out


def _find(store, person_id, version):
    store.people.require(person_id)
    versions = store.risk_assessments.versions(person_id)
    if not versions:
        raise UserError(_("no risk assessment is recorded for this person"))
    if version is None:
        return versions[0]
    for v in versions:
        if v.version_no == version:
            return v
    raise UserError(_('there is no version {version}').format(version=version))


def risk_show(ctx):
    r = _find(ctx.store(), ctx.args.person_id, ctx.args.version)
    text = (f"Version {r.version_no} ({r.assessed_on or 'undated'}, {r.assessed_by}): "
            f"level {r.level.label}; {len(r.entries)} stage-2 entries; {len(r.risks)} risks; "
            f"supervisory review: {'done' if r.review.done else 'not done'}")
    ctx.emit(risk_json(r), text)


def risk_versions(ctx):
    store = ctx.store()
    store.people.require(ctx.args.person_id)
    rows = store.risk_assessments.versions(ctx.args.person_id)
    out = [{"id": r.id, "version_no": r.version_no, "level": r.level.value,
            "assessed_on": r.assessed_on.isoformat() if r.assessed_on else None,
            "review_done": r.review.done} for r in rows]
    ctx.emit({"versions": out}, "\n".join(
        f"v{x['version_no']}  {x['assessed_on']}  {x['level']}  review "
        f"{'done' if x['review_done'] else 'missing'}" for x in out) or "No risk assessment.")


def risk_review(ctx):
    import copy

    from desktop.domain.risk import SupervisoryReview
    a = ctx.args
    store = ctx.store()
    r = copy.deepcopy(_find(store, a.person_id, None))
    r.review = SupervisoryReview(a.reviewer.strip(), parse_date(a.date) if a.date
                                 else date.today(), a.npr, a.gaps, a.comments)
    r = store.risk_assessments.update(r)
    ctx.emit({"id": r.id, "version_no": r.version_no, "review_done": r.review.done},
             _('Version {version_no} reviewed by {reviewer}.').format(version_no=r.version_no, reviewer=r.review.reviewer))
