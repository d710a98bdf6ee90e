"""`--json sync import` keeps its summary fields and adds `not_permitted`; `sync quarantine`
shows the reason "not permitted: …"."""
import json

from desktop.cli import main
from tests.conftest import PASSPHRASE
from tests.sync.attacker import change, forge
from tests.sync.helpers import make_trio

FIELDS = {"imported", "already_imported", "held", "rejected", "quarantined", "conflicts",
          "duplicates", "skipped", "changes_applied", "missing", "names", "reasons",
          "packages", "cancelled"}


def _cli(capsys, *argv):
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def test_json_summary_counts_changes_not_permitted(tmp_path, capsys, monkeypatch):
    t, pid = make_trio(tmp_path)
    dev = t.a
    forged = forge(dev, t.lead, [
        change("person", pid, {"status": "closed"}, origin=dev.device_id, actor=dev.actor,
               old={"status": "open"}),
        change("person", pid, {"known_as": "Mo"}, origin=dev.device_id, actor=dev.actor,
               old={"known_as": ""}),
    ], tmp_path / "forged")
    folder = t.lead.folder
    t.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    code, out = _cli(capsys, "--store", folder, "--json", "sync", "import", forged)
    assert code == 0, out
    summary = json.loads(out)
    assert FIELDS <= set(summary)
    assert (summary["imported"], summary["not_permitted"], summary["quarantined"],
            summary["changes_applied"]) == (1, 1, 1, 1)
    code, out = _cli(capsys, "--store", folder, "sync", "quarantine")
    assert code == 0
    assert "not permitted: it changes the person's status; these are the lead agency's" in out


def test_sync_unassign_takes_a_case_back(tmp_path, capsys, monkeypatch):
    from desktop.store.store import Store
    from desktop.sync.cases import released_from
    t, pid = make_trio(tmp_path)
    lead_dir, a_dir, a_id = t.lead.folder, t.a.folder, t.a.device_id
    t.lock()
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)
    code, out = _cli(capsys, "--store", lead_dir, "--json", "sync", "unassign", pid,
                     "--device", a_id)
    assert code == 0 and json.loads(out) == {"unassigned": pid, "device_id": a_id}
    try:
        code = main(["--store", str(a_dir), "sync", "unassign", pid, "--device", a_id])
    except SystemExit as exc:
        code = exc.code
    assert code == 1 and "only the lead agency" in capsys.readouterr().err
    lead = Store.unlock(lead_dir, PASSPHRASE)
    assert released_from(lead, a_id) == [pid]
    lead.lock()
