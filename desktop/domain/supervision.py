"""Supervision: the worker's case discussion with their manager, with decisions signed off.

"Senior management oversight is required throughout the process. Staff ... should discuss the
case with their line manager following meetings and not carry risk on their own" (Nottingham
s.7); defensible decisions need a manager's sign-off (South Lanarkshire).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.domain.record import Record, ValidationError
from desktop.i18n import _, ngettext  # noqa: F401


@dataclass
class SupervisionDecision:
    decision: str = ""
    rationale: str = ""
    signed_off_by: str = ""
    signed_off_on: date | None = None
    #: South Lanarkshire: "the rationale for signing off decisions should be evident"
    sign_off_rationale: str = ""

    @property
    def signed_off(self) -> bool:
        return bool(self.signed_off_by.strip() and self.signed_off_on)


@dataclass(kw_only=True)
class Supervision(Record):
    ENTITY = "supervision"

    person_id: str
    date: date
    manager: str
    worker: str = ""
    discussion: str = ""
    decisions: list[SupervisionDecision] = field(default_factory=list)
    debrief: bool = False           # the session included a debrief (e.g. after an incident)

    @property
    def awaiting_sign_off(self) -> list[SupervisionDecision]:
        return [d for d in self.decisions if not d.signed_off]

    def sign_off(self, manager: str, on: date, rationale: str = "") -> list[SupervisionDecision]:
        """Sign off every decision awaiting it; the manager's rationale is required."""
        if not (rationale or "").strip():
            raise ValidationError(
                _("Signing off a decision needs the rationale: why the manager agrees with it."))
        if not (manager or "").strip():
            raise ValidationError(_("Name the manager signing off."))
        pending = self.awaiting_sign_off
        if not pending:
            raise ValidationError(_("Every decision of this supervision is already signed off."))
        for d in pending:
            d.signed_off_by, d.signed_off_on = manager.strip(), on
            d.sign_off_rationale = rationale.strip()
        return pending

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A supervision note must belong to a person."))
        if not isinstance(self.date, date):
            raise ValidationError(_("A supervision note needs the date of the session."))
        if not self.manager.strip():
            raise ValidationError(_("Name the manager who gave supervision."))
        if not self.discussion.strip() and not self.decisions:
            raise ValidationError(_("Record what was discussed or decided."))
        for i, d in enumerate(self.decisions, start=1):
            if not d.decision.strip():
                raise ValidationError(_('Decision {i}: say what was decided.').format(i=i))
            if bool(d.signed_off_by.strip()) != bool(d.signed_off_on):
                raise ValidationError(
                    _("Decision {i}: a sign-off needs both the manager's name and the date.").format(i=i))
            if d.signed_off and not (d.sign_off_rationale.strip() or d.rationale.strip()):
                raise ValidationError(
                    _('Decision {i}: a sign-off needs the rationale for signing it off.').format(i=i))
            if d.signed_off_on and d.signed_off_on < self.date:
                raise ValidationError(
                    _('Decision {i}: it cannot be signed off before the supervision session.').format(i=i))


def supervision_due(supervisions: list[Supervision], weeks: int, today: date,
                    since: date | None = None) -> date | None:
    """When the next supervision is due: ``weeks`` after the last one (or after ``since``,
    e.g. the case was opened, when there has been none)."""
    from datetime import timedelta
    live = [s for s in supervisions if not s.deleted]
    last = max((s.date for s in live), default=since)
    return last + timedelta(weeks=weeks) if last else None
