"""Conflicts a person can read (labels, readable values, who/where/when) and decide per field;
the decision is an edit in history that travels and closes the conflict everywhere."""
import json
from datetime import date

import pytest

from desktop.domain.person import SafeContact
from desktop.sync import export_packages, import_paths
from desktop.sync.conflicts import decide_conflict, describe_conflicts
from tests.sync.helpers import edit, make_trio


@pytest.fixture
def trio(tmp_path):
    t, pid = make_trio(tmp_path)
    yield t, pid
    t.lock()


def _send(src, dst, tmp, name):
    out = export_packages(src, tmp / name, for_device=dst.device_id)
    return import_paths(dst, out.packages)


def test_conflicts_read_like_a_person_would_and_decisions_travel(trio):
    t, pid = trio
    edit(t.a, pid, address="Flat 1, Quay Street", date_of_birth=date(1959, 3, 1),
         safe_contact=SafeContact(safe_number="07700 900999", safe_message="Library books"))
    edit(t.b, pid, address="The Hostel, 4 Mill Row", date_of_birth=date(1959, 1, 3),
         safe_contact=SafeContact(safe_number="07700 900111", safe_message="Library books"))
    _send(t.a, t.lead, t.tmp, "a")
    s = _send(t.b, t.lead, t.tmp, "b")
    assert s.conflicts == 3
    rows = {c["field"]: c for c in describe_conflicts(t.lead)}
    addr = rows["address"]
    assert addr["person_name"] == "Morag Delacroix-Baird" and addr["field_label"] == "Address"
    assert addr["ours"]["text"] == "Flat 1, Quay Street"
    assert addr["theirs"]["text"] == "The Hostel, 4 Mill Row"
    assert addr["ours"]["actor"] == "Ash Outreach" and addr["theirs"]["actor"] == "Bo Housing"
    assert addr["ours"]["device_name"] == "Ash Outreach's device"
    assert addr["theirs"]["device_name"] == "Bo Housing's device"
    assert addr["ours"]["at_text"] and addr["theirs"]["at_text"]
    assert addr["standing"] == "theirs" and addr["edit"] == "text"
    dob = rows["date_of_birth"]
    assert (dob["ours"]["text"], dob["theirs"]["text"]) == ("1 Mar 1959", "3 Jan 1959")
    safe = rows["safe_contact"]
    assert "{" not in safe["ours"]["text"] and "Safe number: 07700 900999" in safe["ours"]["text"]
    assert [p["label"] for p in safe["parts"]] == ["Safe number"]
    assert safe["edit"] is None

    decide_conflict(t.lead, addr["id"], "edit", "Flat 1, Quay Street (hostel until May)")
    decide_conflict(t.lead, dob["id"], "ours")
    decide_conflict(t.lead, safe["id"], "theirs")
    assert describe_conflicts(t.lead) == []
    p = t.lead.people.require(pid)
    assert p.address == "Flat 1, Quay Street (hostel until May)"
    assert p.date_of_birth == date(1959, 3, 1) and p.safe_contact.safe_number == "07700 900111"
    last = t.lead.people.history(pid)[-1]
    assert last.actor == "Lee Coordinator" and set(last.fields) == {"safe_contact"}

    for dev, name in ((t.a, "to-a"), (t.b, "to-b")):
        s = _send(t.lead, dev, t.tmp, name)
        assert s.rejected == 0 and s.quarantined == 0, s.reasons
        got = dev.people.require(pid)
        assert got.address == "Flat 1, Quay Street (hostel until May)", dev.actor
        assert got.date_of_birth == date(1959, 3, 1)
        assert got.safe_contact.safe_number == "07700 900111"
        assert describe_conflicts(dev) == [], dev.actor      # settled there too
    _send(t.a, t.lead, t.tmp, "a2")
    _send(t.b, t.lead, t.tmp, "b2")
    assert describe_conflicts(t.lead) == []


def test_cli_shows_conflicts_in_text_and_json(trio, capsys, monkeypatch):
    from desktop.cli import main
    from tests.conftest import PASSPHRASE
    t, pid = trio
    edit(t.a, pid, address="Flat 1")
    edit(t.b, pid, address="The Hostel")
    _send(t.a, t.lead, t.tmp, "a")
    _send(t.b, t.lead, t.tmp, "b")
    folder = t.lead.folder
    t.lead.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    assert main(["--store", str(folder), "sync", "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "Morag Delacroix-Baird — Address" in out
    assert "this store had:  Flat 1" in out and "Ash Outreach" in out
    assert "arrived:         The Hostel" in out and "Bo Housing's device" in out
    assert main(["--store", str(folder), "--json", "sync", "conflicts"]) == 0
    (c,) = json.loads(capsys.readouterr().out)["conflicts"]
    assert c["ours"]["text"] == "Flat 1" and c["theirs"]["actor"] == "Bo Housing"
    assert main(["--store", str(folder), "sync", "resolve-conflict", str(c["id"]),
                 "--choose", "edit", "--value", "Flat 1 (then the hostel)"]) == 0
    capsys.readouterr()
    assert main(["--store", str(folder), "--json", "sync", "conflicts"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == []
