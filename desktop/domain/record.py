"""The base every stored record shares: identity, provenance and soft deletion."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from desktop.domain.ids import new_id


class ValidationError(ValueError):
    """A record breaks a rule of the procedure; the message says what to do."""


@dataclass(kw_only=True)
class Record:
    #: table / sync entity name, e.g. "contact_attempt"
    ENTITY: ClassVar[str] = ""
    #: append-only records never conflict in sync (attempts, progress entries, chronology)
    APPEND_ONLY: ClassVar[bool] = False
    #: fields copied into the audit log's description (never free text about the person)
    id: str = field(default_factory=new_id)
    created_at: datetime | None = None
    created_by: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""
    origin_device: str = ""
    deleted: bool = False
    version: str = ""  # hybrid-logical-clock stamp of the last change

    META: ClassVar[tuple[str, ...]] = (
        "id", "created_at", "created_by", "updated_at", "updated_by", "origin_device",
        "deleted", "version",
    )

    def validate(self) -> None:
        """Raise ValidationError when the record breaks a rule. Subclasses extend."""
