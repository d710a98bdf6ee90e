"""CLI: checklist, actions, meetings, chronology, referrals, supervision and closure."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop.cli import main
from tests.conftest import PASSPHRASE


@pytest.fixture
def cli(store_dir, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)

    def run(*args):
        code = main(["--store", str(store_dir), "--json", *args])
        out, err = capsys.readouterr()
        return code, (json.loads(out) if out.strip() else None), err
    return run


@pytest.fixture
def pid(cli):
    code, out, _ = cli("person", "add", "--name", "Morag Delacroix-Baird")
    assert code == 0
    return out["id"]


def test_checklist_set_and_list(cli, pid):
    code, out, _ = cli("checklist", "set", pid, "7.gp", "--status", "offered", "--evidence",
                       "Letter and call on 2 May", "--date", "2026-05-02", "--measure",
                       "GP letter", "--by", "Social worker")
    assert code == 0 and out["status"] == "offered" and out["by_whom"] == "Social worker"
    code, out, _ = cli("checklist", "list", pid)
    assert code == 0 and len(out["items"]) == 25
    gp = next(i for i in out["items"] if i["code"] == "7.gp")
    assert (gp["evidence"], gp["date"], gp["title"]) == ("Letter and call on 2 May",
                                                        "2026-05-02", "GP")
    assert next(i for i in out["items"] if i["code"] == "12")["status"] == "not_yet_considered"


def test_checklist_status_without_evidence_exits_1(cli, pid):
    code, out, err = cli("checklist", "set", pid, "9.considered", "--status", "considered",
                         "--date", "2026-05-02")
    assert code == 1 and out is None
    assert err.count("\n") == 1 and "A tick is not sufficient" in err and "no evidence" in err
    code, _, err = cli("checklist", "set", pid, "7", "--status", "considered", "--evidence",
                       "x", "--date", "2026-05-02")
    assert code == 1 and "7.gp" in err
    code, _, err = cli("checklist", "set", pid, "7.gp", "--status", "ticked")
    assert code == 1 and "allowed: not_yet_considered" in err
    code, out, _ = cli("checklist", "list", pid)
    assert all(i["status"] == "not_yet_considered" for i in out["items"])


def test_meeting_and_actions(cli, pid):
    code, out, _ = cli("meeting", "add", pid, "--kind", "engagement_escalation", "--date",
                       "2026-05-12", "--chair", "Service manager", "--risk-level", "high")
    assert code == 0 and out["next_review"] == "2026-08-12"
    mid = out["id"]
    code, out, _ = cli("meeting", "add", pid, "--kind", "review", "--date", "2026-08-11",
                       "--next-review", "2026-09-01")
    assert out["next_review"] == "2026-09-01"
    code, _, err = cli("meeting", "add", pid, "--kind", "coffee", "--date", "2026-08-11")
    assert code == 1 and "engagement_escalation" in err
    code, out, _ = cli("meeting", "circulated", mid, "--date", "2026-05-15")
    assert out["minutes_circulated_on"] == "2026-05-15"
    code, out, _ = cli("meeting", "list", pid)
    assert [m["kind"] for m in out["meetings"]] == ["review", "engagement_escalation"]

    past = (date.today() - timedelta(days=3)).isoformat()
    code, out, _ = cli("action", "add", pid, "--what", "Pause arrears letters", "--lead", "Kim",
                       "--agency", "Housing", "--due", past, "--meeting", mid)
    assert code == 0
    aid = out["id"]
    cli("action", "add", pid, "--what", "Home safety visit", "--lead", "Lee", "--agency",
        "Fire", "--due", "2099-06-09")
    code, out, _ = cli("action", "list", pid)
    assert [(a["what"], a["overdue"]) for a in out["actions"]] == [
        ("Pause arrears letters", True), ("Home safety visit", False)]
    assert out["actions"][0]["source_meeting_id"] == mid
    code, _, err = cli("action", "not-achievable", aid, "--reason", " ")
    assert code == 1 and "reason" in err
    code, out, _ = cli("action", "done", aid)
    assert out["status"] == "done"
    code, _, err = cli("action", "add", pid, "--what", "x", "--lead", "y", "--agency", "z",
                       "--due", "12/05/2026")
    assert code == 1 and "YYYY-MM-DD" in err


def test_chronology_add_and_list_with_filters(cli, pid):
    cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "not_at_home", "--at",
        "2026-05-21T11:00:00+00:00")
    cli("chronology", "add", pid, "--date", "2026-03-02", "--agency", "Police", "--kind",
        "report_of_harm", "--summary", "Call about a man taking her pension")
    cli("meeting", "add", pid, "--kind", "multi_agency", "--date", "2026-05-12")
    code, out, _ = cli("referral", "add", pid, "--to", "marac", "--date", "2026-05-13",
                       "--reason", "Coercion")
    assert code == 0
    code, out, _ = cli("chronology", "list", pid)
    assert code == 0
    assert [(e["date"], e["kind"]) for e in out["entries"]] == [
        ("2026-03-02", "report_of_harm"), ("2026-05-12", "meeting"), ("2026-05-13", "referral"),
        ("2026-05-21", "attempt")]
    assert {"date", "agency", "kind", "summary"} <= set(out["entries"][0])
    code, out, _ = cli("chronology", "list", pid, "--since", "2026-05-13")
    assert [e["kind"] for e in out["entries"]] == ["referral", "attempt"]
    code, out, _ = cli("chronology", "list", pid, "--agency", "police", "--until", "2026-12-31")
    assert [e["summary"] for e in out["entries"]] == ["Call about a man taking her pension"]
    code, out, _ = cli("chronology", "list", pid, "--kind", "meeting", "--kind", "attempt")
    assert [e["kind"] for e in out["entries"]] == ["meeting", "attempt"]
    code, _, err = cli("chronology", "add", pid, "--date", "2099-01-01", "--agency", "GP",
                       "--summary", "x")
    assert code == 1 and "future" in err
    code, out, _ = cli("referral", "list", pid)
    assert out["referrals"][0]["agency"] == "Community Nursing"


def test_supervision_add(cli, pid):
    code, out, _ = cli("supervision", "add", pid, "--date", "2026-06-05", "--manager", "Pat",
                       "--discussion", "Debrief after incident", "--decision",
                       "Joint visits only", "--signed-off")
    assert code == 1
    code, out, _ = cli("supervision", "add", pid, "--date", "2026-06-05", "--manager", "Pat",
                       "--discussion", "Debrief after incident", "--decision",
                       "Joint visits only", "--signed-off", "--rationale", "Staff safety first")
    assert code == 0 and out["awaiting_sign_off"] == 0


def test_close_refused_naming_missing_agencies_then_closed(cli, pid, store_dir):
    from dataclasses import replace

    from desktop.domain.person import AgencyInvolvement
    from desktop.store.store import Store
    s = Store.unlock(store_dir, PASSPHRASE)
    p = s.people.require(pid)
    s.people.update(replace(p, agencies=[AgencyInvolvement(agency="Housing"),
                                         AgencyInvolvement(agency="Police")]))
    s.lock()
    code, out, err = cli("close", pid, "--reason", "Risk reduced", "--evidence",
                         "All options tried", "--agreement", "Kim|Housing|2026-08-11")
    assert code == 1 and out is None and "Not agreed by: Police." in err
    assert "checklist items are not yet considered" in err
    code, _, err = cli("close", pid, "--reason", "r", "--evidence", "e", "--agreement", "Kim")
    assert code == 1 and "NAME|AGENCY|YYYY-MM-DD" in err
    code, out, _ = cli("close", pid, "--reason", "Risk reduced", "--evidence",
                       "All options tried", "--agreement", "Kim|Housing|2026-08-11",
                       "--agreement", "Sgt Reid|Police|2026-08-11", "--informed", "GP practice",
                       "--keep-in-touch-who", "Community nurse", "--keep-in-touch-months", "1",
                       "--keep-in-touch-reviewer", "Dee Senior",
                       "--date", "2026-08-11", "--override",
                       "Dee Senior|Social Work|2026-08-11|Moved out of the area; GP keeps in touch")
    assert code == 0 and out["keep_in_touch_due"] == "2026-09-11"
    assert any("checklist" in b for b in out["blockers_overridden"])
    assert out["involved_agencies"] == ["Housing", "Police"]
    code, out, _ = cli("person", "list")
    assert out["people"][0]["status"] == "closed"
    code, out, _ = cli("closure", "keep-in-touch")        # the senior manager's tracking list
    (row,) = out["cases"]
    assert (row["person_id"], row["who"], row["every_months"], row["reviewed_by"]) == (
        pid, "Community nurse", 1, "Dee Senior")
    assert row["next_due"] == "2026-09-11" and row["last_contact"] is None
    assert row["overdue"] is True
    code, out, err = cli("closure", "follow-up", pid, "--board-sent-on", "2026-08-01")
    assert code == 1 and "before the case closed" in err
    code, out, err = cli("closure", "follow-up", pid, "--shared-with", "SAB")
    assert code == 1 and "Write down the learning" in err
    code, out, _ = cli("closure", "follow-up", pid, "--board-sent-on", "2026-08-20",
                       "--learning", "Joint visits with the GP worked", "--shared-with",
                       "Safeguarding Adults Board", "--shared-on", "2026-08-21")
    assert code == 0 and out["outcome_to_board_on"] == "2026-08-20"
    assert out["learning_shared_with"] == "Safeguarding Adults Board"
    code, out, err = cli("closure", "follow-up", pid)
    assert code == 1 and "nothing to record" in err


def test_unknown_person_is_a_user_error(cli):
    code, _, err = cli("checklist", "list", "no-such-id")
    assert code == 1 and "No person" in err
