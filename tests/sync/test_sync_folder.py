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


def test_packages_are_found_anywhere_in_the_folder_and_put_away(tmp_path):
    """Top level, ``to-<device>/`` and a subfolder someone made; what is addressed elsewhere is
    skipped and said; imported packages move to ``imported/`` and are not opened again."""
    import shutil

    from desktop.store.settings import MOVE_IMPORTED
    from desktop.sync import export_packages, import_paths
    from tests.sync.helpers import make_trio
    t, pid = make_trio(tmp_path)
    usb = tmp_path / "usb"
    log_attempts(t.a, pid, 2, "a")
    (top,) = export_packages(t.a, usb, for_device=t.lead.device_id).packages
    assert top.parent == usb                                   # a field device: top level
    log_attempts(t.b, pid, 1, "b")
    (b_pkg,) = export_packages(t.b, tmp_path / "b-out").packages
    (usb / "from Bo's laptop" / "copy").mkdir(parents=True)
    shutil.move(b_pkg, usb / "from Bo's laptop" / "copy" / b_pkg.name)
    log_attempts(t.a, pid, 1, "a later")
    (second,) = export_packages(t.a, tmp_path / "a-out").packages
    (usb / f"to-{t.lead.device_id}").mkdir()
    shutil.move(second, usb / f"to-{t.lead.device_id}" / second.name)
    (usb / f"to-{t.b.device_id}").mkdir()                      # for someone else
    log_attempts(t.lead, pid, 1, "lead")
    export_packages(t.lead, usb / f"to-{t.b.device_id}", for_device=t.b.device_id)

    s = import_paths(t.lead, [usb], put_away=True)     # as "Sync with folder" does
    assert s.imported == 3 and s.rejected == 0, s.text()
    assert s.skipped == 1 and f"addressed to Bo Housing (device {t.b.device_id})" in s.text()
    notes = sorted(a.note for a in t.lead.attempts.timeline(pid))
    assert notes == ["a 0", "a 1", "a later 0", "b 0", "lead 0"]
    put = sorted(p.name for p in (usb / "imported").iterdir())
    assert put == sorted([top.name, b_pkg.name, second.name])
    assert not top.exists() and list((usb / f"to-{t.b.device_id}").iterdir())
    again = import_paths(t.lead, [usb], put_away=True)          # nothing opened again
    assert again.imported == again.already_imported == 0 and again.skipped == 1

    # Field device A sees B's package and the lead's package for B: skipped, nothing lost.
    s = import_paths(t.a, [usb])
    assert s.imported == 0 and s.rejected == 0 and s.skipped == 1

    # With the setting off, "Sync with folder" leaves packages where they are.
    t.b.settings.set(MOVE_IMPORTED, False)
    t.b.settings.set(SYNC_FOLDER, str(usb))
    s, _ = sync_with_folder(t.b)
    assert s.imported == 1 and list((usb / f"to-{t.b.device_id}").iterdir())
    t.lock()


def test_field_packages_at_the_top_level_reach_the_lead_by_one_click(pair, tmp_path):
    from desktop.sync import export_packages
    lead, field = pair.lead, pair.field
    shared = tmp_path / "shared"
    shared.mkdir()
    lead.settings.set(SYNC_FOLDER, str(shared))
    p = field.people.add(Person(name="Ada"))
    export_packages(field, shared)                  # "Export to folder": the top level
    summary, _ = sync_with_folder(lead)
    assert summary.imported == 1 and lead.people.get(p.id) is not None
    assert [x.name for x in (shared / "imported").iterdir()] == [f"{field.device_id}-1.stkpkg"]
