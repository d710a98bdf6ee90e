"""Multi-agency meetings: MDT / multi-agency, engagement escalation, review, case conference.

Everything the minutes must show (Oxfordshire, Nottingham s.9-10, Fife): who was there and who
sent apologies, how the adult was told about the meeting and by whom, whether they (or a
representative) were invited and present, consent and the rationale for sharing without it, the
standing agenda with answers, decisions with their rationale and who made them, the agreed risk
level, the next review date (three months on unless agreed otherwise) and when the minutes went
out (Oxfordshire: within 5 working days).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.agenda import AgendaAnswer, agenda_for  # noqa: F401  (re-exported)
from desktop.domain.dates import DEFAULT_REGION, add_months, add_working_days
from desktop.domain.person import LawfulBasis
from desktop.domain.record import Record, ValidationError
from desktop.domain.risk import RiskLevel
from desktop.i18n import _

DEFAULT_REVIEW_MONTHS = 3
MINUTES_WORKING_DAYS = 5


class MeetingKind(enum.Enum):
    MULTI_AGENCY = "multi_agency"
    ENGAGEMENT_ESCALATION = "engagement_escalation"
    REVIEW = "review"
    CASE_CONFERENCE = "case_conference"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {
    MeetingKind.MULTI_AGENCY: "Multi-agency / MDT meeting",
    MeetingKind.ENGAGEMENT_ESCALATION: "Engagement escalation meeting",
    MeetingKind.REVIEW: "Review meeting",
    MeetingKind.CASE_CONFERENCE: "Case conference",
}


class MeetingConsent(enum.Enum):
    """Whether the adult consented to information being shared for this meeting."""
    NOT_RECORDED = "not_recorded"
    GIVEN = "given"
    REFUSED = "refused"
    NOT_SOUGHT = "not_sought"   # seeking it would put the adult or others at further risk

    @property
    def label(self) -> str:
        label = {"not_recorded": "Not recorded yet", "given": "Given", "refused": "Refused",
                "not_sought": "Not sought (would increase risk)"}[self.value]
        return _(label)


@dataclass
class Attendee:
    name: str = ""
    agency: str = ""
    role: str = ""


@dataclass
class Decision:
    decision: str = ""
    rationale: str = ""
    made_by: str = ""           # who made it (names, or "the group" plus the chair)


@dataclass
class Invitation:
    name: str = ""
    agency: str = ""
    role: str = ""
    invited_on: date | None = None
    how: str = ""               # letter, email, phone, at the last meeting …


@dataclass
class Distribution:
    """Who the minutes went to, and when (Oxfordshire: all invited, within 5 working days)."""
    name: str = ""
    agency: str = ""
    sent_on: date | None = None


@dataclass(kw_only=True)
class Meeting(Record):
    ENTITY = "meeting"

    person_id: str
    kind: MeetingKind = MeetingKind.MULTI_AGENCY
    date: date
    location: str = ""
    chair: str = ""
    minute_taker: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    apologies: list[Attendee] = field(default_factory=list)
    # the adult
    adult_informed_how: str = ""
    adult_informed_by: str = ""
    adult_invited: bool = False
    adult_present: bool = False
    representative: str = ""
    representative_invited: bool = False
    representative_present: bool = False
    # information sharing
    consent: MeetingConsent = MeetingConsent.NOT_RECORDED
    lawful_basis: LawfulBasis = LawfulBasis.NONE
    sharing_rationale: str = ""
    # the meeting itself
    agenda: list[AgendaAnswer] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    agreed_risk_level: RiskLevel = RiskLevel.NOT_SET
    spoc_agreed: str = ""       # Fife: the single point of contact agreed at the meeting
    next_review: date | None = None
    minutes_circulated_on: date | None = None
    notes: str = ""
    # invitations, the chair's role, the minutes' distribution (Oxfordshire, Fife)
    invitations: list[Invitation] = field(default_factory=list)
    chair_role: str = ""
    chair_agency: str = ""
    distribution: list[Distribution] = field(default_factory=list)
    risk_assessment_id: str = ""        # the risk assessment version discussed
    #: Oxfordshire: "The chair ... should discuss the case with their line manager following
    #: this meeting as a matter of course"
    chair_line_manager_on: date | None = None
    chair_line_manager_note: str = ""

    def invited_agencies(self) -> list[str]:
        return [i.agency for i in self.invitations if i.agency.strip()]

    def present_agencies(self) -> list[str]:
        return [a.agency for a in self.attendees if a.agency.strip()]

    def not_sent_minutes(self, by: date | None = None) -> list[str]:
        """Invitees (name, agency) the minutes have not gone to (by ``by``, when given)."""
        sent = {(_key(d.name), _key(d.agency)) for d in self.distribution
                if d.sent_on and (by is None or d.sent_on <= by)}
        sent_agencies = {_key(d.agency) for d in self.distribution
                         if d.sent_on and (by is None or d.sent_on <= by) and not d.name.strip()}
        out = []
        for i in self.invitations:
            if (_key(i.name), _key(i.agency)) in sent or _key(i.agency) in sent_agencies:
                continue
            out.append(", ".join(x for x in (i.name.strip(), i.agency.strip()) if x))
        return out

    @property
    def minutes_due_by(self) -> date:
        """In England; ``minutes_due(region)`` for the agency's own bank holidays."""
        return self.minutes_due(DEFAULT_REGION)

    def minutes_due(self, region: str) -> date:
        return add_working_days(self.date, MINUTES_WORKING_DAYS, region)

    def answer(self, code: str) -> str:
        for a in self.agenda:
            if a.code == code:
                return a.answer
        return ""

    def set_answer(self, code: str, answer: str) -> None:
        for a in self.agenda:
            if a.code == code:
                a.answer = answer
                return
        self.agenda.append(AgendaAnswer(code=code, answer=answer))

    def validate(self) -> None:
        if not self.person_id:
            raise ValidationError(_("A meeting must belong to a person."))
        if not isinstance(self.date, date):
            raise ValidationError(_("A meeting needs a date."))
        if self.chair.strip() and self.chair.strip().lower() == \
                self.minute_taker.strip().lower():
            raise ValidationError(_("The minute taker should be someone other than the chair."))
        for i, a in enumerate(self.attendees, start=1):
            if not a.name.strip() or not a.agency.strip():
                raise ValidationError(_('Attendee {i}: give their name and agency.').format(i=i))
        for i, a in enumerate(self.apologies, start=1):
            if not a.name.strip() and not a.agency.strip():
                raise ValidationError(_('Apologies {i}: give a name or an agency.').format(i=i))
        if self.adult_present and not self.adult_invited:
            self.adult_invited = True
        if self.representative_present and not self.representative_invited:
            self.representative_invited = True
        if (self.representative_invited or self.representative_present) and \
                not self.representative.strip():
            raise ValidationError(_("Name the adult's representative."))
        if self.consent in (MeetingConsent.REFUSED, MeetingConsent.NOT_SOUGHT) and \
                not self.sharing_rationale.strip():
            raise ValidationError(
                _("Consent was not given: the minutes must record the rationale for sharing "
                "information without it."))
        for i, d in enumerate(self.decisions, start=1):
            if not d.decision.strip():
                raise ValidationError(_('Decision {i}: say what was decided.').format(i=i))
            if not d.rationale.strip() or not d.made_by.strip():
                raise ValidationError(
                    _('Decision {i}: record the rationale and who made the decision (defensible decision making needs both).').format(i=i))
        if self.next_review is not None and self.next_review <= self.date:
            raise ValidationError(_("The next review must be after the meeting."))
        if self.minutes_circulated_on is not None and self.minutes_circulated_on < self.date:
            raise ValidationError(_("The minutes cannot be circulated before the meeting."))
        for i, inv in enumerate(self.invitations, start=1):
            if not (inv.name.strip() or inv.agency.strip()):
                raise ValidationError(_('Invitation {i}: give a name or an agency.').format(i=i))
            if inv.invited_on and inv.invited_on > self.date:
                raise ValidationError(_('Invitation {i}: it is dated after the meeting.').format(i=i))
        for i, dist in enumerate(self.distribution, start=1):
            if not (dist.name.strip() or dist.agency.strip()) or dist.sent_on is None:
                raise ValidationError(
                    _('Minutes sent {i}: give who they went to and the date they were sent.').format(i=i))
            if dist.sent_on < self.date:
                raise ValidationError(
                    _('Minutes sent {i}: the minutes cannot go out before the meeting.').format(i=i))
        if self.distribution and self.minutes_circulated_on is None:
            self.minutes_circulated_on = min(d.sent_on for d in self.distribution)
        if self.chair_line_manager_on and self.chair_line_manager_on < self.date:
            raise ValidationError(
                _("The chair's discussion with their line manager follows the meeting."))


def _key(text: str) -> str:
    return " ".join((text or "").lower().split())


def required_agencies_missing(meeting: "Meeting", required) -> list[str]:
    """Required agencies (``RequiredAgency``) neither invited nor present at the meeting."""
    names = meeting.invited_agencies() + meeting.present_agencies()
    return [r.name for r in required if not any(r.matches(n) for n in names)]


def default_next_review(meeting_date: date, months: int = DEFAULT_REVIEW_MONTHS) -> date:
    """Three months on (Fife: in line with the 3-monthly case conference cycle)."""
    return add_months(meeting_date, months)
