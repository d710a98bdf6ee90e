"""Multi-agency risk assessments, versioned: ``store.risk_assessments``."""
from __future__ import annotations

from dataclasses import replace

from desktop.domain.record import ValidationError
from desktop.domain.risk import RiskAssessment
from desktop.store.records import Repository
from desktop.i18n import _, ngettext  # noqa: F401


class RiskAssessmentRepository(Repository[RiskAssessment]):
    """Versions are kept: a new assessment starts from the last one; older versions are
    history and are not edited."""

    def __init__(self, store):
        super().__init__(store, RiskAssessment)

    def versions(self, person_id: str) -> list[RiskAssessment]:
        """Newest version first."""
        return self.where("person_id = ?", (person_id,), order="version_no DESC")

    def current(self, person_id: str) -> RiskAssessment | None:
        found = self.where("person_id = ?", (person_id,), order="version_no DESC", limit=1)
        return found[0] if found else None

    def draft_version(self, person_id: str) -> RiskAssessment:
        """An unsaved next version: a copy of the current one, or a first assessment that lists
        the person's agencies."""
        last = self.current(person_id)
        if last is not None:
            return last.next_version()
        person = self.store.people.require(person_id)
        return RiskAssessment(person_id=person_id, agencies_involved=[
            a.agency for a in person.agencies if a.agency.strip()])

    def new_version(self, person_id: str, **changes) -> RiskAssessment:
        """Save a new version that starts from the last (with ``changes`` applied)."""
        draft = self.draft_version(person_id)
        return self.add(replace(draft, **changes) if changes else draft)

    def add(self, obj: RiskAssessment) -> RiskAssessment:
        with self.store.transaction():
            last = self.current(obj.person_id)
            expected_no, expected_prev = (last.version_no + 1, last.id) if last else (1, "")
            if (obj.version_no, obj.previous_id) != (expected_no, expected_prev):
                raise ValidationError(
                    _('Version {value} was saved after this assessment was started. Start a new version from the latest one.').format(value=expected_no - 1))
            return super().add(obj)

    def update(self, obj: RiskAssessment) -> RiskAssessment:
        with self.store.transaction():
            last = self.current(obj.person_id)
            if last is not None and last.id != obj.id:
                raise ValidationError(
                    _('Version {version_no} is kept as history. Start a new version to change the assessment.').format(version_no=obj.version_no))
            return super().update(obj)
