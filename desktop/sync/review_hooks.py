"""What an import does after a package's changes are applied, in the same transaction:
records that arrived for a person merged away elsewhere are re-pointed to the survivor, and
the people it created or changed are checked against the caseload for possible duplicates."""
from __future__ import annotations

from desktop.store.duplicates import flag_new_duplicates
from desktop.store.person_merge import repoint_late_arrivals


def after_changes(store, tx, result) -> None:
    if not result.applied:
        return
    moved = repoint_late_arrivals(store, tx)
    if moved:
        result.reasons.append(f"{moved} record(s) for a merged-away person were moved to the "
                              "person they were merged into")
    live = [pid for pid in result.people if store.people.get(pid) is not None]
    result.duplicates += flag_new_duplicates(store, tx, live)
