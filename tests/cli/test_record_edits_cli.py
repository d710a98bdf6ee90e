"""CLI parity for the lead's edits: visit edit, referral update, checklist history and the
household lists of ``person edit`` (children elsewhere, other adults at risk)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone


def test_visit_edit_changes_only_what_is_given_and_keeps_history(cli, pid):
    at = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    seen = cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "seen_engaged",
               "--at", at, "--json")["id"]
    v = cli("visit", "add", seen, "--observed", "fridge empty", "--reported", "eating fine",
            "--json")["id"]
    out = cli("visit", "edit", v, "--mismatch", "--risks", "unsafe wiring", "--incident",
              "hostility", "--incident-description", "Dougie shouted", "--json")
    assert out["mismatch"] is True and out["risks_noticed"] == "unsafe wiring"
    assert out["observed"] == "fridge empty"            # untouched
    assert out["incident"]["kinds"] == ["hostility"]
    listed = cli("visit", "list", pid, "--json")["visits"][0]
    assert listed["incident"]["description"] == "Dougie shouted"
    cli("visit", "edit", v, "--incident", "none", "--no-mismatch")
    listed = cli("visit", "list", pid, "--json")["visits"][0]
    assert listed["incident"] is None and listed["mismatch"] is False
    assert "nothing to change" in cli("visit", "edit", v, expect=1)
    assert "incident kind" in cli("visit", "edit", v, "--incident", "shouting", expect=1)
    assert cli("visit", "edit", "nope", "--observed", "x", expect=1)


def test_referral_update_records_the_outcome(cli, pid):
    rid = cli("referral", "add", pid, "--to", "adult_safeguarding", "--date", "2026-11-02",
              "--reason", "worrying visit", "--json")["id"]
    out = cli("referral", "update", rid, "--outcome", "Section 42 enquiry opened",
              "--outcome-date", "2026-11-09", "--json")
    assert out["outcome"] == "Section 42 enquiry opened" and out["outcome_date"] == "2026-11-09"
    listed = cli("referral", "list", pid, "--json")["referrals"][0]
    assert listed["outcome"] == "Section 42 enquiry opened" and listed["reason"] == "worrying visit"
    err = cli("referral", "update", rid, "--outcome-date", "2026-10-01", expect=1)
    assert "before the referral" in err
    assert "nothing to change" in cli("referral", "update", rid, expect=1)


def test_checklist_history_lists_each_update_oldest_first(cli, pid):
    cli("checklist", "set", pid, "4", "--status", "considered", "--evidence", "GP asked",
        "--date", "2026-11-01")
    cli("checklist", "set", pid, "4", "--status", "not_applicable", "--evidence",
        "no GP registration", "--date", "2026-11-20")
    out = cli("checklist", "history", pid, "4", "--json")
    assert len(out["versions"]) == 2
    first, second = out["versions"]
    assert first["date"] == "2026-11-01" and second["date"] == "2026-11-20"
    assert any("GP asked" in c for c in first["changes"])
    assert any("no GP registration" in c for c in second["changes"])
    assert "has not been recorded" in cli("checklist", "history", pid, "5")
    assert cli("checklist", "history", pid, "no-such-item", expect=1)


def test_person_edit_household_lists(cli, pid):
    out = cli("person", "edit", pid, "--child-elsewhere", "Kyle|his father|2015-04-02",
              "--other-adult", "Dougie|brother|controls her money|adult safeguarding concern",
              "--child", "Amy|2019-01-05|at school", "--json")
    d = out["dependants"]
    assert d["children_elsewhere"][0]["name"] == "Kyle"
    assert d["children_elsewhere"][0]["lives_with"] == "his father"
    assert d["children_elsewhere"][0]["date_of_birth"] == "2015-04-02"
    assert d["other_adults"][0]["risk"] == "controls her money"
    assert d["children"][0]["note"] == "at school"
    codes = [a["code"] for a in cli("alerts", pid, "--json")["alerts"]]
    assert any("child" in c for c in codes)
    out = cli("person", "edit", pid, "--child-elsewhere", "none", "--json")
    assert out["dependants"]["children_elsewhere"] == []
    err = cli("person", "edit", pid, "--other-adult", "a|b|c|d|e", expect=1)
    assert "at most 4 parts" in err
    err = cli("person", "edit", pid, "--child-elsewhere", "Kyle||05/04/2015", expect=1)
    assert "YYYY-MM-DD" in err
