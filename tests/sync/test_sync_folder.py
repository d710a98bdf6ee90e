"""The one-click sync folder: a shared folder both sides use, in both directions."""
import pytest

from desktop.domain.person import Person
from desktop.store.settings import SYNC_FOLDER
from desktop.sync import SyncError, sync_status, sync_with_folder
from tests.sync.helpers import log_attempts


def test_two_stores_exchange_through_one_folder(pair, tmp_path):
    lead, field = pair.lead, pair.field
    shared = tmp_path / "shared"
    shared.mkdir()
    for s in (lead, field):
        s.settings.set(SYNC_FOLDER, str(shared))
    p = field.people.add(Person(name="Ada"))
    log_attempts(field, p.id, 2)
    _, out = sync_with_folder(field)
    assert [f.parent.name for f in out.packages] == [f"to-{lead.device_id}"]
    summary, back = sync_with_folder(lead)
    assert summary.imported == 1 and len(lead.attempts.timeline(p.id)) == 2
    assert [f.parent.name for f in back.packages] == [f"to-{field.device_id}"]   # the ack
    log_attempts(lead, p.id, 1, "lead")
    summary, _ = sync_with_folder(lead)                # the lead's own files are not re-read
    assert summary.imported == 0 and summary.rejected == 0
    summary, _ = sync_with_folder(field)
    assert summary.imported == 2 and summary.rejected == 0
    assert sorted(a.note for a in field.attempts.timeline(p.id)) == ["lead 0", "try 0", "try 1"]
    assert sync_status(field)["peers"][0]["sent"]["unacknowledged_changes"] == 0
    # Once more on each side: everything already done.
    s1, _ = sync_with_folder(lead)
    s2, o2 = sync_with_folder(field)
    assert len(lead.attempts.timeline(p.id)) == 3 and len(field.attempts.timeline(p.id)) == 3
    assert s2.imported == 0


def test_sync_folder_must_be_set_and_present(pair, tmp_path):
    with pytest.raises(SyncError, match="No sync folder"):
        sync_with_folder(pair.field)
    pair.field.settings.set(SYNC_FOLDER, str(tmp_path / "unplugged"))
    with pytest.raises(SyncError, match="not available"):
        sync_with_folder(pair.field)
