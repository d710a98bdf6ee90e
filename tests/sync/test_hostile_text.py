"""Control characters and ANSI escapes arriving by sync, with a field device's real key, or in
an enrolment file: never stored, never printed raw (issue 18, item 7)."""
import json

import pytest

from desktop.cli import main
from desktop.domain import codec
from desktop.domain.person import Person
from desktop.sync import import_paths, list_quarantine, read_enrolment
from desktop.sync.errors import EnrolmentError
from tests.conftest import PASSPHRASE
from tests.sync.attacker import change, forge
from tests.sync.helpers import make_trio

ANSI = "Mo\x1b]0;pwned\x07\x1b[2J\x1b[1;31mrag"


def test_a_synced_name_with_ansi_escapes_is_quarantined_and_printed_escaped(tmp_path, capsys,
                                                                           monkeypatch):
    t, pid = make_trio(tmp_path)
    p = Person(name=ANSI, notes="bell\x07")
    renamed = change("person", pid, {"known_as": ANSI}, origin=t.a.device_id, actor=t.a.actor,
                     old={"known_as": ""})
    forged = forge(t.a, t.lead, [change("person", p.id, codec.to_fields(p),
                                        origin=t.a.device_id, actor=t.a.actor), renamed],
                   tmp_path / "forged")
    s = import_paths(t.lead, [forged])
    assert (s.imported, s.quarantined, s.changes_applied) == (1, 2, 0), s.text()
    assert t.lead.people.get(p.id) is None
    assert t.lead.people.require(pid).known_as == ""
    reasons = [q["reason"] for q in list_quarantine(t.lead)]
    assert all("contains a control character (U+001B)" in r for r in reasons), reasons
    folder = t.lead.folder
    t.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    for argv in (["sync", "quarantine"], ["--json", "sync", "quarantine"]):
        assert main(["--store", str(folder), *argv]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out
    assert main(["--store", str(folder), "--json", "sync", "quarantine"]) == 0
    rows = json.loads(capsys.readouterr().out)["quarantined"]
    assert any(r["change"]["fields"].get("name") == ANSI for r in rows)   # kept for review


def test_an_enrolment_file_with_escapes_in_its_names_is_refused(tmp_path):
    from desktop.sync import export_enrolment, identity
    from desktop.sync.identity import b64, canonical
    from tests.sync.helpers import make_store
    s = make_store(tmp_path / "f", "field", "Sam Outreach", "Street Team")
    path = tmp_path / "device.json"
    export_enrolment(s, path)
    doc = json.loads(path.read_text())
    doc["worker"] = "Sam\x1b[8m"       # signed again with the device's own key
    body = {k: v for k, v in doc.items() if k != "signature"}
    doc["signature"] = b64(identity(s).sign(canonical(body)))
    path.write_text(json.dumps(doc))
    with pytest.raises(EnrolmentError, match="holds control characters in its worker name"):
        read_enrolment(path)
    s.lock()
