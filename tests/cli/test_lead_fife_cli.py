"""Fife steps 1-6 by the command line, one case end to end, every PDF showing what was recorded.

1 escalation with its criteria and two IRDs (the status comes from the record); 2 the
chronology expanded and the checklist started; 3 the engagement-escalation meeting (invited,
present, apologies, decisions, chair and role) with the risk assessment discussed and reviewed;
4-5 contact attempts (one corrected with a reason), supervision signed off with a rationale,
the referrer told when the adult begins to disengage; 6 de-escalation by consensus, then the
closure gate: refused naming each blocker until they are cleared, then closed."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop.cli import main
from desktop.domain.checklist import RECORDABLE, ChecklistStatus
from desktop.domain.checklist_rules import allowed_statuses
from tests.conftest import PASSPHRASE

D0 = date.today() - timedelta(days=120)


def d(n: int) -> str:
    return (D0 + timedelta(days=n)).isoformat()


@pytest.fixture
def cli(store_dir, monkeypatch, capsys):
    monkeypatch.setenv("STICKABILITY_PASSPHRASE", PASSPHRASE)

    def run(*args, expect=0):
        code = main(["--store", str(store_dir), "--json", *args])
        out, err = capsys.readouterr()
        assert code == expect, (args, out, err)
        return json.loads(out) if out.strip() else err
    return run


def _pdf_text(path) -> str:
    from pypdf import PdfReader
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_fife_steps_one_to_six_by_cli(cli, tmp_path):
    pid = cli("person", "add", "--name", "Morag Delacroix-Baird")["id"]
    cli("person", "edit", pid, "--lead-agency", "Social Work", "--agency", "Housing:Pat Low",
        "--agency", "Police:PC Grant")
    ref = cli("referrer", "add", pid, "--referrer", "Dr Shah", "--agency", "GP practice",
              "--contact", "01234 567890", "--received", d(0), "--concern", "Self-neglect",
              "--services-to-date", "District nurse visits, declined", "--known-risks",
              "Hostile to unannounced visitors", "--triggers", "Uniforms",
              "--strategies-tried", "Letters, phone calls")["id"]

    # -- step 1: escalation, counted IRDs, the status from the record ------------------------
    cli("escalation", "record", pid, "--date", d(10), "--by", "Lee Coordinator",
        "--three-point-test", "--declined", "--capacity", expect=1)        # no serious harm
    out = cli("escalation", "record", pid, "--date", d(10), "--by", "Lee Coordinator",
              "--three-point-test", "--serious-harm", "--declined", "--capacity",
              "--ird", f"{d(1)}|2|first IRD", "--ird", f"{d(9)}|3|option 3: escalate")
    assert out["ird_count"] == 2 and out["two_or_more_irds"] is True
    assert cli("person", "show", pid)["status"] == "escalated"
    # the adult is told the IRD outcome before the first meeting (a prompt until recorded)
    assert out["adult_not_told"] == 1
    assert "ird_outcome_not_told" in [a["code"] for a in cli("alerts", pid)["alerts"]]
    told = cli("escalation", "adult-told", out["id"], "--on", d(11), "--by", "Jo Reid",
               "--how", "home visit with the SPOC")
    assert told["adult_not_told"] == 0 and told["irds"][1]["adult_told_by"] == "Jo Reid"
    assert "ird_outcome_not_told" not in [a["code"] for a in cli("alerts", pid)["alerts"]]
    assert "told the outcome of the IRD" in " ".join(
        e["summary"] for e in cli("chronology", "list", pid)["entries"])

    # -- step 2: chronology expanded, checklist started --------------------------------------
    cli("chronology", "add", pid, "--date", d(2), "--agency", "Fire and Rescue", "--kind",
        "report_of_harm", "--summary", "Kitchen fire, no injuries")
    cli("checklist", "set", pid, "7.gp", "--status", "offered", "--evidence",
        "Letter and call to the practice", "--date", d(11))
    err = cli("checklist", "set", pid, "2.considered", "--status", "offered", "--evidence", "x",
              "--date", d(11), expect=1)
    assert "does not answer this row" in err

    # -- step 3: the meeting, the risk assessment discussed and reviewed ------------------------
    risk = cli("risk", "add", pid, "--date", d(12), "--circumstances",
               "Three reports of harm in four months", "--entry",
               f"other|{d(2)}|Fire and Rescue|Kitchen fire", "--summary", "Fire risk, self-neglect",
               "--level", "high", "--risk",
               f"Fire in the kitchen|Burns|Neighbours|reduce||Alarm fitted|Declines visits|"
               f"Home safety visit|Fire and Rescue|{d(40)}",
               "--told", f"Sam Bell|Fire and Rescue|{d(12)}|phone")
    shown = cli("risk", "show", pid)
    assert shown["level"] == "high" and shown["review_done"] is False
    assert shown["told"][0]["who"] == "Sam Bell"
    meeting = cli("meeting", "add", pid, "--kind", "engagement_escalation", "--date", d(14),
                  "--chair", "Kim Chair", "--chair-role", "Service manager",
                  "--attendee", "Alex Grant|Housing|Housing officer",
                  "--attendee", "PC Grant|Police|Officer",
                  "--attendee", "Sam Bell|Fire and Rescue|Watch manager",
                  "--apology", "Dr Shah|GP practice",
                  "--decision", "Jo Reid is the SPOC|Known to Morag for years|the group",
                  "--invite", f"Dr Shah|GP practice|GP|{d(7)}|email",
                  "--risk-assessment", risk["id"], "--risk-level", "high")["id"]
    (m,) = cli("meeting", "list", pid)["meetings"]
    assert [a["agency"] for a in m["attendees"]] == ["Housing", "Police", "Fire and Rescue"]
    assert m["decisions"][0]["rationale"] == "Known to Morag for years"
    assert m["chair_role"] == "Service manager" and m["apologies"][0]["name"] == "Dr Shah"
    cli("meeting", "minutes-sent", m["id"], "--to", "Dr Shah|GP practice", "--date", d(16))
    cli("risk", "review", pid, "--reviewer", "Pat Manager", "--date", d(15), "--npr")
    action = cli("action", "add", pid, "--what", "Home fire safety visit", "--lead", "Sam Bell",
                 "--agency", "Fire and Rescue", "--due", d(40), "--meeting", meeting)["id"]

    # -- steps 4-5: attempts, a correction, supervision, the referrer told -----------------------
    first = cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "no_answer",
                "--at", f"{d(20)}T10:00:00+00:00")["id"]
    cli("attempt", "correct", first, "--outcome", "letter_sent", expect=1)      # no reason
    cli("attempt", "correct", first, "--method", "letter", "--outcome", "letter_sent",
        "--reason", "It was a letter, not a visit")
    versions = cli("attempt", "history", first)["versions"]
    assert [v["values"]["outcome"] for v in versions] == ["no_answer", "letter_sent"]
    assert versions[1]["reason"] == "It was a letter, not a visit"
    cli("attempt", "log", pid, "--method", "home_visit", "--outcome", "seen_engaged",
        "--at", f"{d(25)}T10:00:00+00:00")
    sup = cli("supervision", "add", pid, "--date", d(26), "--manager", "Pat Manager",
              "--discussion", "Support for the SPOC", "--decision", "Joint visits only")["id"]
    cli("supervision", "sign-off", sup, expect=1)
    cli("supervision", "sign-off", sup, "--rationale", "Hostility at the door", "--on", d(27))
    (s,) = cli("supervision", "list", pid)["supervisions"]
    assert s["decisions"][0]["sign_off_rationale"] == "Hostility at the door"
    cli("referrer", "tell", ref, "--reason", "disengaging", "--date", d(28), "--how", "phone",
        "--strategies-tried", "Joint visits, letters")
    cli("referrer", "tell", ref, "--reason", "invitation", "--date", d(1), "--how",
        "welcoming letter and a call via the district nurse; GP informed in writing")
    shown = cli("referrer", "show", pid)
    reasons = [u["reason"] for r in shown["referrals"] for u in r["updates"]]
    assert "invitation" in reasons and "disengaging" in reasons
    cli("disagreement", "add", pid, "--raised-by", "Sam Bell", "--agency", "Fire and Rescue",
        "--about", "Ending the protocol too early", "--date", d(29),
        "--meanwhile", "Meetings continue")

    # -- step 6: de-escalation, then the closure gate ----------------------------------------------
    cli("deescalation", "record", pid, "--date", d(60), "--by", "Kim Chair", "--decision",
        "End the protocol", "--rationale", "Engaging with the GP", expect=1)   # no consensus
    cli("deescalation", "record", pid, "--date", d(60), "--by", "Kim Chair", "--decision",
        "End the protocol", "--rationale", "Engaging with the GP weekly", "--consensus")
    assert cli("person", "show", pid)["status"] == "de_escalated"
    check = cli("closure", "check", pid)
    assert check["can_close"] is False
    text = "\n".join(check["blockers"])
    for expected in ("Home fire safety visit", "checklist items are not yet considered",
                     "risks were addressed", "Not agreed by", "senior manager",
                     "professional disagreement"):
        assert expected in text
    err = cli("close", pid, "--reason", "Risks reduced", "--evidence", "checklist complete",
              expect=1)
    assert "Home fire safety visit" in err and "not yet considered" in err
    assert cli("person", "show", pid)["status"] == "de_escalated"

    cli("action", "done", action, "--on", d(61))
    cli("disagreement", "resolve", cli("disagreement", "list", pid)["disagreements"][0]["id"],
        "--outcome", "Agreed at the review", "--date", d(61))
    for c in RECORDABLE:
        if c.code != "7.gp":
            na = ChecklistStatus.NOT_APPLICABLE
            status = na if na in allowed_statuses(c.code) else allowed_statuses(c.code)[1]
            cli("checklist", "set", pid, c.code, "--status", status.value, "--evidence",
                "Considered at the meeting: not relevant", "--date", d(61))
    agencies = ["Housing", "Police", "Fire and Rescue"]
    args = [x for a in agencies for x in ("--agreement", f"Lead {a}|{a}|{d(62)}",
                                          "--senior-agreement", f"Head {a}|{a}|{d(62)}")]
    closed = cli("close", pid, "--reason", "Risks reduced", "--evidence",
                 "All options explored; engaging with the GP", "--risks-addressed",
                 "Alarm fitted; GP weekly", "--date", d(63), *args)
    assert closed["closed_on"] == d(63)
    assert cli("person", "show", pid)["status"] == "closed"
    cli("referrer", "tell", ref, "--reason", "closure", "--date", d(63), "--how", "letter",
        "--strategies-tried", "Joint visits, letters, GP appointments")

    # -- every PDF shows what was recorded ------------------------------------------------------
    expect = {
        "closure": ["Alarm fitted; GP weekly", "Head Police", "Escalated", "De-escalated",
                    "Joint visits, letters, GP appointments"],
        "chronology": ["Escalated to the engagement escalation procedure", "corrected",
                       "Hostility at the door", "Referrer Dr Shah told", "Case closed"],
        "checklist": ["Date of update of decisions", "Letter and call to the practice"],
        "risk": ["Who was told about the risk", "Sam Bell", "Pat Manager"],
        "plan": ["Home fire safety visit"],
    }
    for kind, words in expect.items():
        path = tmp_path / f"{kind}.pdf"
        cli("report", kind, pid, "--out", str(path))
        text = _pdf_text(path)
        for w in words:
            assert w in text, (kind, w)
    path = tmp_path / "meeting.pdf"
    cli("report", "meeting", meeting, "--out", str(path))
    text = _pdf_text(path)
    for w in ("Service manager", "Invited", "Dr Shah", "Minutes sent to", "Known to Morag"):
        assert w in text, w
