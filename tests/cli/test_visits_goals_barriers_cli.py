"""CLI round trips for fieldwork: visits, goals, barriers, patterns, alerts, person show/edit."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from desktop.cli import main


def _ago(days: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat()


def test_visit_add_with_mismatch_and_incident_then_debrief(cli, pid):
    seen = cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "seen_engaged",
               "--at", _ago(2), "--json")["id"]
    v = cli("visit", "add", seen, "--observed", "fridge empty", "--reported", "eating fine",
            "--mismatch", "--incident", "hostility,filmed", "--incident-description",
            "Dougie shouted and filmed", "--joint-next", "--present", "Morag, Dougie", "--json")
    assert v["mismatch"] is True and v["debrief_needed"] is True
    listed = cli("visit", "list", pid, "--json")["visits"]
    assert listed[0]["id"] == v["id"] and listed[0]["incident"]["kinds"] == ["hostility", "filmed"]
    assert listed[0]["present"] == "Morag, Dougie"
    codes = [a["code"] for a in cli("alerts", pid, "--json")["alerts"]]
    assert "staff_safety_debrief" in codes and "joint_visit_next" in codes
    today = datetime.now().date().isoformat()
    cli("visit", "debrief", v["id"], "--on", today, "--by", "Team manager", "--json")
    codes = [a["code"] for a in cli("alerts", pid, "--json")["alerts"]]
    assert "staff_safety_debrief" not in codes


def test_visit_errors_exit_1_with_clear_messages(cli, pid):
    missed = cli("attempt", "log", pid, "--method", "phone", "--outcome", "no_answer", "--json")
    err = cli("visit", "add", missed["id"], "--observed", "x", expect=1)
    assert "only be added to a contact where the adult was seen, or to a home" in err
    seen = cli("attempt", "log", pid, "--method", "phone", "--outcome", "seen_declined",
               "--json")["id"]
    err = cli("visit", "add", seen, "--incident", "shouting", expect=1)
    assert "allowed: threats, hostility, violence, filmed" in err
    err = cli("visit", "add", seen, "--mismatch", "--observed", "x", expect=1)
    assert "record both" in err
    assert "No contact attempt" in cli("visit", "add", "nope", expect=1)
    assert err.count("\n") == 1


def test_goal_add_progress_list(cli, pid):
    g = cli("goal", "add", pid, "--title", "get my leg healed so I can walk to the shop",
            "--why", "to get my messages", "--step", "let nurse dress it weekly",
            "--step", "go to GP for bloods", "--step", "walk to the corner", "--json")
    assert g["steps"][1] == "go to GP for bloods" and g["status"] == "proposed"
    e = cli("goal", "progress", g["id"], "--rating", "4", "--note", "let me in", "--json")
    assert e["rating"] == 4 and e["id"]
    e = cli("goal", "progress", g["id"], "--step", "2", "--rating", "6", "--json")
    assert e["step_reached"] == 1 and e["step_number"] == 2
    cli("goal", "status", g["id"], "paused", "--json")
    goals = cli("goal", "list", pid, "--json")["goals"]
    assert goals[0]["status"] == "paused"
    assert [s["done"] for s in goals[0]["steps"]] == [True, True, False]
    assert [p["rating"] for p in goals[0]["progress"]] == [4, 6]
    text = cli("goal", "list", pid)
    assert "2. [x] go to GP for bloods" in text and "3. [ ] walk to the corner" in text


@pytest.mark.parametrize("args, message", [
    (("--rating", "11"), "use a whole number from 0 to 10"),
    (("--rating", "lots"), "use a whole number from 0 to 10"),
    (("--step", "0"), "use a whole number from 1"),
    (("--step", "4"), "choose a step from 1 to 1"),
    ((), "give --rating 0-10, --step N, or both"),
    (("--rating", "3", "--on", "2999-01-01"), "future"),
])
def test_goal_progress_bad_values(cli, pid, args, message):
    g = cli("goal", "add", pid, "--title", "x", "--step", "only step", "--json")["id"]
    assert message in cli("goal", "progress", g, *args, expect=1)


def test_goal_bad_status_lists_allowed(cli, pid):
    err = cli("goal", "add", pid, "--title", "x", "--status", "done", expect=1)
    assert "allowed: proposed, agreed, in_progress, achieved, paused, dropped" in err


def test_barriers_and_patterns(cli, pid):
    b = cli("barrier", "add", pid, "--category", "control_and_coercion", "--note",
            "Dougie answers the door", "--strategy", "visit when he is out", "--json")
    err = cli("barrier", "add", pid, "--category", "fear", "--note", "x", expect=1)
    assert "allowed: systems, perceived_ideas" in err and "mobility_financial_geographic" in err
    assert cli("barrier", "list", pid, "--json")["barriers"][0]["id"] == b["id"]
    d = cli("pattern", "add", pid, "--kind", "online_behaviours", "--example",
            "filmed the nurse", "--on", "2026-06-04", "--json")
    pats = cli("pattern", "list", pid, "--json")["patterns"]
    assert pats[0]["id"] == d["id"] and pats[0]["examples"][0]["on_date"] == "2026-06-04"
    assert "allowed: not_enabling_contact" in cli("pattern", "add", pid, "--kind", "x",
                                                  "--example", "y", expect=1)


def test_three_failed_attempts_alert_via_cli(cli, pid):
    for d in (3, 2, 1):
        cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "no_answer",
            "--at", _ago(d))
    found = cli("alerts", pid, "--json")["alerts"]
    assert any(a["code"] == "unsuccessful_attempts" and a["message"] for a in found)
    cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "seen_engaged",
        "--advocacy-offered", "--next",
        (datetime.now(timezone.utc) + timedelta(days=7)).isoformat())
    codes = [a["code"] for a in cli("alerts", pid, "--json")["alerts"]]
    assert "unsuccessful_attempts" not in codes and "advocacy_not_offered" not in codes
    assert "No alerts." not in cli("alerts", pid)
    assert "No person" in cli("alerts", "missing", expect=1)


def test_person_show_and_edit_round_trip(cli, pid):
    shown = cli("person", "show", pid, "--json")
    assert shown["id"] == pid and shown["capacity"]["considered"] is False
    assert "safe_contact" in shown and "disengagement_shared_on" in shown
    edited = cli("person", "edit", pid, "--known-as", "Morag", "--safe-number", "07700 900123",
                 "--avoid", "does not open brown envelopes", "--best-times", "late morning",
                 "--capacity-on", "2026-03-10", "--capacity-outcome", "has_capacity",
                 "--capacity-by", "GP", "--advocacy-offered-on", "2026-05-14",
                 "--consent", "refused", "--lawful-basis", "public_task",
                 "--consent-rationale", "risk of serious harm", "--child", "Ava",
                 "--children-referral-on", "2026-05-02", "--agency", "Housing:Pat",
                 "--agency", "Police", "--interpreter", "--status", "escalated",
                 "--neurodivergence", "one question at a time", "--json")
    again = cli("person", "show", pid, "--json")
    assert edited == again
    assert again["capacity"] == {"considered": True, "date": "2026-03-10",
                                 "outcome": "has_capacity", "by_whom": "GP", "note": ""}
    assert again["advocacy"]["offered"] is True and again["consent"]["lawful_basis"] == \
        "public_task"
    assert again["agencies"][0] == {"agency": "Housing", "lead_worker": "Pat", "contact": "",
                                    "role": ""}
    assert again["communication"]["interpreter_needed"] is True
    assert again["dependants"]["children"][0]["name"] == "Ava"
    assert again["status"] == "escalated"
    cli("person", "edit", pid, "--child", "none", "--dob", "none", "--no-interpreter")
    again = cli("person", "show", pid, "--json")
    assert again["dependants"]["children"] == [] and not again["communication"][
        "interpreter_needed"]
    assert "safe_contact:" in cli("person", "show", pid)


@pytest.mark.parametrize("args, message", [
    (("--status", "open-ish"), "allowed: open, escalated, de_escalated, closed"),
    (("--lawful-basis", "consent"), "allowed: none, vital_interests, public_task"),
    (("--capacity-outcome", "ok"), "allowed: not_assessed, has_capacity"),
    (("--dob", "31/12/1960"), "use YYYY-MM-DD"),
    (("--consent", "refused", "--lawful-basis", "vital_interests"), "needs a rationale"),
    (("--capacity-outcome", "has_capacity"), "mark capacity as considered"),
    ((), "nothing to change"),
])
def test_person_edit_bad_values_exit_1_and_change_nothing(cli, pid, args, message):
    before = cli("person", "show", pid, "--json")
    assert message in cli("person", "edit", pid, *args, expect=1)
    assert cli("person", "show", pid, "--json") == before


def test_usage_errors_exit_2(cli, pid):
    with pytest.raises(SystemExit) as exc:
        main(["visit", "add"])
    assert exc.value.code == 2
