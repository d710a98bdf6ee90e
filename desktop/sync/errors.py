"""Sync errors. Each message is a sentence a worker can act on."""
from desktop.store.errors import StoreError


class SyncError(StoreError):
    """Something the user can fix (enrolment missing, wrong file, …)."""


class NotEnrolled(SyncError):
    pass


class EnrolmentError(SyncError):
    pass


class PackageRejected(Exception):
    """A package that must not be applied; ``reason`` says why (no personal data)."""

    def __init__(self, reason: str, *, sender: str = "", sequence: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.sender = sender
        self.sequence = sequence
