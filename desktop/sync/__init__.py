"""Sync between devices by files (no Qt): enrolment, signed and encrypted packages
(``stickability-sync/1``, docs/sync-format.md), exactly-once import, conflicts, duplicates,
the back-channel from the lead agency.

The UI calls these off the GUI thread; each takes ``progress(done, total, label)`` and
``cancelled() -> bool`` callbacks where it can take long:

- ``export_packages(store, out_dir, for_device=None, progress=None, cancelled=None,
  resend=False) -> ExportResult``
- ``import_paths(store, paths, progress=None, cancelled=None) -> ImportSummary``
- ``sync_with_folder(store, progress=None, cancelled=None) -> (ImportSummary, ExportResult)``
- ``sync_status(store) -> dict``
- enrolment: ``export_enrolment(store, path)``, ``read_enrolment(path) -> Enrolment``
  (``.fingerprint`` to show), ``enrol(store, enrolment, confirmed_fingerprint=...)``
- review: ``list_conflicts`` / ``resolve_conflict``, ``list_duplicates`` /
  ``resolve_duplicate``, ``list_quarantine`` / ``dismiss_quarantined``, ``assign_case``
"""
from desktop.sync.errors import (  # noqa: F401
    EnrolmentError, NotEnrolled, PackageRejected, SyncError)
from desktop.sync.export import ExportResult, export_packages  # noqa: F401
from desktop.sync.identity import (  # noqa: F401
    Enrolment, age_identity_text, enrol, export_enrolment, identity, read_enrolment)
from desktop.sync.importer import ImportSummary, import_paths  # noqa: F401
from desktop.sync.review import (  # noqa: F401
    assign_case, dismiss_quarantined, list_conflicts, list_duplicates, list_quarantine,
    resolve_conflict, resolve_duplicate)
from desktop.sync.status import status_text, sync_status, sync_with_folder  # noqa: F401
