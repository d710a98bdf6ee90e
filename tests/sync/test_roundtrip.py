"""Field → lead → field: exactly once, in order, acknowledged; the back-channel."""
import shutil
import subprocess

import pytest

from desktop.domain.person import Person
from desktop.store.syncstate import SyncState
from desktop.sync import (
    NotEnrolled, assign_case, export_packages, import_paths, sync_status)
from tests.sync.helpers import count, log_attempts, make_store, rows


def test_round_trip_with_acknowledgements(pair, tmp_path):
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Morag Delacroix-Baird"))
    attempts = log_attempts(field, p.id, 3)

    out = export_packages(field, tmp_path / "box")
    assert len(out.packages) == 1 and out.changes == 4
    summary = import_paths(lead, [tmp_path / "box"])
    assert (summary.imported, summary.rejected, summary.changes_applied) == (1, 0, 4)

    # The lead's attempt list shows the field attempts exactly once, with their provenance.
    timeline = lead.attempts.timeline(p.id)
    assert sorted(a.id for a in timeline) == sorted(a.id for a in attempts)
    assert {a.origin_device for a in timeline} == {field.device_id}
    assert lead.people.require(p.id).name == "Morag Delacroix-Baird"
    hist = lead.attempts.history(attempts[0].id)
    assert [(h.origin_device, h.actor) for h in hist] == [(field.device_id, "Sam Outreach")]
    assert lead.audit_verify().ok

    # Back-channel: the lead edits the case; the package carries it and the acknowledgement.
    person = lead.people.require(p.id)
    person.address = "Flat 2, 12 Harbour Row"
    lead.people.update(person)
    back = export_packages(lead, tmp_path / "back")
    assert len(back.packages) == 1 and back.changes == 1
    assert back.packages[0].parent.name == f"to-{field.device_id}"
    s2 = import_paths(field, back.packages)
    assert s2.imported == 1 and s2.changes_applied == 1
    assert field.people.require(p.id).address == "Flat 2, 12 Harbour Row"

    st = sync_status(field)["peers"][0]["sent"]
    assert st["acknowledged_through"] == 1 and st["unacknowledged_changes"] == 0
    kept = SyncState(field).sent(lead.device_id)[0]
    assert kept.acked_at and kept.payload is None       # dropped only once acknowledged

    # The field device acknowledges the lead's package in its next export.
    ack = export_packages(field, tmp_path / "box2")
    assert len(ack.packages) == 1 and ack.changes == 0
    assert import_paths(lead, ack.packages).imported == 1
    assert sync_status(lead)["peers"][0]["sent"]["acknowledged_through"] == 1
    # ... and then there is nothing more to say either way: no ping-pong of empty packages.
    for store, box in ((lead, "b3"), (field, "b4")):
        res = export_packages(store, tmp_path / box)
        assert res.packages == [] and res.message.startswith("Nothing new to send")
        assert not (tmp_path / box).exists() or not any((tmp_path / box).rglob("*"))
    assert len(lead.attempts.timeline(p.id)) == 3


def test_importing_twice_changes_nothing(pair, tmp_path):
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Ada"))
    log_attempts(field, p.id, 2)
    pkgs = export_packages(field, tmp_path / "box").packages
    assert import_paths(lead, pkgs).imported == 1
    before = (rows(lead, "person"), rows(lead, "contact_attempt"),
              count(lead, "SELECT count(*) FROM change_log"),
              count(lead, "SELECT count(*) FROM audit_event"))
    again = import_paths(lead, pkgs + [tmp_path / "box"])      # the same file, named twice
    assert (again.imported, again.already_imported, again.rejected) == (0, 1, 0)
    copy = tmp_path / "elsewhere" / pkgs[0].name
    copy.parent.mkdir()
    copy.write_bytes(pkgs[0].read_bytes())
    assert import_paths(lead, [copy]).already_imported == 1
    after = (rows(lead, "person"), rows(lead, "contact_attempt"),
             count(lead, "SELECT count(*) FROM change_log"),
             count(lead, "SELECT count(*) FROM audit_event"))
    assert before[:3] == after[:3]
    assert len(lead.attempts.timeline(p.id)) == 2


def test_out_of_order_arrival_is_held_then_applied(pair, tmp_path):
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Ada"))
    files = [export_packages(field, tmp_path / "box").packages[0]]
    for i in range(3):
        log_attempts(field, p.id, 1, f"round {i}")
        files += export_packages(field, tmp_path / "box").packages
    assert [f.name.rsplit("-", 1)[1] for f in files] == ["1.stkpkg", "2.stkpkg", "3.stkpkg",
                                                        "4.stkpkg"]
    s = import_paths(lead, [files[3]])
    assert (s.imported, s.held) == (0, 1)
    assert s.missing == {field.device_id: [1, 2, 3]}
    assert lead.people.get(p.id) is None                      # nothing applied yet
    s = import_paths(lead, [files[2], files[0]])
    assert s.imported == 1 and s.held == 1 and s.missing == {field.device_id: [2]}
    assert lead.people.get(p.id) is not None
    s = import_paths(lead, [files[1]])
    assert s.imported == 3 and s.held == 0 and s.missing == {}   # the gap filled: 2, 3, 4
    assert sorted(a.note for a in lead.attempts.timeline(p.id)) == \
        ["round 0 0", "round 1 0", "round 2 0"]
    assert sync_status(lead)["peers"][0]["received"] == {
        "last_sequence": 4, "last_import_at": lead.db.execute(
            "SELECT in_last_at FROM sync_peer").fetchone()[0], "held": [], "missing": []}


def test_large_export_is_split_and_reassembles_in_any_order(pair, tmp_path):
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Ada"))
    log_attempts(field, p.id, 30, "a fairly long note to make the payload grow " * 3)
    out = export_packages(field, tmp_path / "box", max_payload=4000)
    assert len(out.packages) > 3 and out.changes == 31
    s = import_paths(lead, list(reversed(out.packages)))
    assert s.imported == len(out.packages) and s.held == 0
    assert len(lead.attempts.timeline(p.id)) == 30


def test_lost_package_is_written_again_when_reported_missing(pair, tmp_path):
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Ada"))
    lost = export_packages(field, tmp_path / "box").packages[0]
    log_attempts(field, p.id, 1)
    second = export_packages(field, tmp_path / "box").packages[0]
    lost.unlink()                                  # the USB stick went through the wash
    assert import_paths(lead, [second]).held == 1
    # The lead's next package says what is missing; the device writes it again by itself.
    back = export_packages(lead, tmp_path / "back").packages
    assert import_paths(field, back).imported == 1
    again = export_packages(field, tmp_path / "box2")
    assert [f.name for f in again.packages] == [lost.name] and again.rewritten == 1
    s = import_paths(lead, again.packages)
    assert s.imported == 2 and len(lead.attempts.timeline(p.id)) == 1


def test_resend_writes_unacknowledged_packages_again(pair, tmp_path):
    lead, field = pair.lead, pair.field
    field.people.add(Person(name="Ada"))
    first = export_packages(field, tmp_path / "a").packages
    again = export_packages(field, tmp_path / "b", resend=True).packages
    assert [f.name for f in again] == [f.name for f in first]
    assert import_paths(lead, again + first).imported == 1   # same package: once


def test_back_channel_sends_only_the_devices_cases(pair, tmp_path):
    lead, field = pair.lead, pair.field
    mine = field.people.add(Person(name="Ada"))
    import_paths(lead, export_packages(field, tmp_path / "box").packages)
    other = lead.people.add(Person(name="Someone Else"))
    log_attempts(lead, other.id, 2)
    log_attempts(lead, mine.id, 1, "lead tried")
    assigned = lead.people.add(Person(name="Bea Assigned"))
    log_attempts(lead, assigned.id, 1, "before assignment")
    export_packages(lead, tmp_path / "back1")           # Bea not yet assigned: not sent
    assign_case(lead, field.device_id, assigned.id)
    pkgs = sorted((tmp_path / "back1").rglob("*.stkpkg")) + \
        export_packages(lead, tmp_path / "back2").packages
    s = import_paths(field, pkgs)
    assert s.rejected == 0 and s.held == 0
    assert field.people.get(other.id) is None
    assert [a.note for a in field.attempts.timeline(mine.id)] == ["lead tried 0"]
    assert field.people.require(assigned.id).name == "Bea Assigned"
    assert [a.note for a in field.attempts.timeline(assigned.id)] == ["before assignment 0"]


def test_export_needs_enrolment(tmp_path):
    lone = make_store(tmp_path / "lone", "field", "Sam", "CN")
    with pytest.raises(NotEnrolled, match="lead agency's enrolment file"):
        export_packages(lone, tmp_path / "out")
    lone.lock()


def test_deletion_travels(pair, tmp_path):
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Ada"))
    (a,) = log_attempts(field, p.id, 1)
    import_paths(lead, export_packages(field, tmp_path / "1").packages)
    field.attempts.delete(a.id)
    import_paths(lead, export_packages(field, tmp_path / "2").packages)
    assert lead.attempts.timeline(p.id) == []
    assert lead.attempts.get(a.id, include_deleted=True).deleted


@pytest.mark.skipif(shutil.which("age") is None,
                    reason="the `age` command-line tool is not installed (Debian package "
                           "`age`; ./scripts/test installs it)")
def test_standard_age_tool_opens_a_package(pair, tmp_path):
    import io
    import json
    import tarfile

    from desktop.sync import age_identity_text
    lead, field = pair.lead, pair.field
    field.people.add(Person(name="Ada"))
    pkg = export_packages(field, tmp_path / "box").packages[0]
    key = tmp_path / "agency-identity.txt"
    key.write_text(age_identity_text(lead))
    plain = subprocess.run(["age", "-d", "-i", str(key), str(pkg)], check=True,
                           capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        assert sorted(tar.getnames()) == ["changes.jsonl", "manifest.json", "signature"]
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["format"] == "stickability-sync/1"
    assert manifest["sender_device_id"] == field.device_id
    assert manifest["recipient_device_id"] == lead.device_id
    assert manifest["sequence"] == 1 and manifest["counts"]["changes"] == 1


def test_unwritable_folder_loses_nothing(pair, tmp_path):
    from desktop.sync import SyncError
    lead, field = pair.lead, pair.field
    field.people.add(Person(name="Ada"))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(SyncError, match="Nothing is lost"):
        export_packages(field, blocked)
    again = export_packages(field, tmp_path / "usb")
    assert again.rewritten == 1 and len(again.packages) == 1
    assert import_paths(lead, again.packages).imported == 1
    assert lead.people.where()[0].name == "Ada"


def test_device_restored_from_an_old_backup_loses_nothing(pair, tmp_path):
    """The laptop is restored from last week's backup after sending more packages: its next
    package re-uses a sequence number and is refused, but the lead agency's acknowledgement
    puts it back in step and everything recorded since arrives, once."""
    from desktop.store.store import Store, copy_store
    from tests.conftest import PASSPHRASE
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Ada"))
    import_paths(lead, export_packages(field, tmp_path / "1").packages)
    folder = field.folder
    field.lock()
    copy_store(folder, tmp_path / "backup")                 # last week's backup
    field = Store.unlock(folder, PASSPHRASE)
    log_attempts(field, p.id, 2, "before restore")
    import_paths(lead, export_packages(field, tmp_path / "2").packages)
    field.lock()
    for name in ("store.db", "store.key"):
        (folder / name).unlink()
    for extra in folder.glob("store.db-*"):
        extra.unlink()
    copy_store(tmp_path / "backup", folder)                 # restored
    field = pair.field = Store.unlock(folder, PASSPHRASE)
    log_attempts(field, p.id, 1, "after restore")
    s = import_paths(lead, export_packages(field, tmp_path / "3").packages)
    assert s.rejected == 1 and "replays sequence 2" in s.packages[0].reason
    assert import_paths(field, export_packages(lead, tmp_path / "back").packages).imported == 1
    s = import_paths(lead, export_packages(field, tmp_path / "4").packages)
    assert (s.imported, s.rejected) == (1, 0), s.text()
    assert sorted(a.note for a in lead.attempts.timeline(p.id)) == \
        ["after restore 0", "before restore 0", "before restore 1"]
