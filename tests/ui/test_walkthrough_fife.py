"""Fife steps 1-6 by keyboard on the lead agency's install, for the procedure's own records:
step 1 the escalation with its criteria and two IRDs (the status comes from it); step 3 the
engagement-escalation meeting with its chair's role and an invitation; steps 4-5 a letter logged
with an honest outcome and corrected with a reason, supervision signed off with a rationale;
step 6 the de-escalation by consensus, the closure refused naming each blocker, then closed
under a senior manager's override; the closure record printed shows it all."""
from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.person import AgencyInvolvement, CaseStatus, Person
from tests.ui.helpers import open_person_by_keyboard
from tests.ui.kbd import CTRL, K, alt, choose, focus, modal, press, tab, tab_to, type_
from tests.ui.test_walkthrough_lead import _page, _retype, d

TODAY = date.today()


def _tick(accessible: str):
    tab_to(accessible)
    press(K.Key_Space)


def test_fife_procedure_records_by_keyboard(qtbot, tmp_path):
    from tests.sync.helpers import make_store
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work")
    pid = lead.people.add(Person(
        name="Morag Delacroix-Baird", known_as="Morag", lead_agency="Social Work",
        agencies=[AgencyInvolvement(agency="Housing", lead_worker="Pat Low")])).id
    win, store, ws, view = open_person_by_keyboard(qtbot, lead, pid, (1280, 860))

    # -- step 1: the escalation record --------------------------------------------------------
    esc = _page(view, "Escalation")
    alt("c")                                          # Record es&calation…
    dlg = modal()
    assert dlg.windowTitle() == "Record the escalation"
    alt("r")
    type_("Third report of harm; declined an adult protection inquiry")
    for label in ("Meets the 3-point test (adult at risk)", "At risk of serious harm",
                  "Has declined or is likely to decline intervention, or disguised compliance"):
        _tick(label)
    press(K.Key_S, CTRL)                              # refused: capacity not confirmed
    assert modal() is dlg and "capacity to decline" in dlg.message.message()
    _tick("Has capacity to decline support and protection")
    tab_to("Referral discussion list")
    press(K.Key_Insert)                               # the first IRD (option 2)
    _retype(d(TODAY - timedelta(days=90)))
    alt("o")                                          # Outcome &option
    press(K.Key_A, CTRL)
    type_("2")
    tab_to("Referral discussion list")
    press(K.Key_Insert)                               # the second: option 3
    _retype(d(TODAY - timedelta(days=7)))
    alt("l")                                          # Adult to&ld the outcome on
    _retype(d(TODAY - timedelta(days=5)))
    alt("m")                                          # Told by (na&me)
    type_("Jo Reid")
    alt("v")                                          # Told &via
    type_("home visit with the SPOC")
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    (e,) = store.escalations.for_person(pid)
    assert e.ird_count == 2 and [i.outcome_option for i in e.irds] == [2, 3]
    assert (e.irds[1].adult_told_on, e.irds[1].adult_told_by, e.irds[1].adult_told_how) == (
        TODAY - timedelta(days=5), "Jo Reid", "home visit with the SPOC")
    assert e.irds[0].adult_told_on is None and not e.adult_not_told
    assert store.people.require(pid).status is CaseStatus.ESCALATED
    assert "Escalated" in esc.history.topLevelItem(0).text(1)
    win.grab().save("/tmp/qa-fife-escalation.png")

    # -- step 3: the engagement-escalation meeting, chaired by a service manager ----------------
    _page(view, "Plan & meetings")
    alt("n")
    dlg = modal()
    alt("k")
    choose("Engagement escalation meeting")
    alt("d")
    _retype(d(TODAY - timedelta(days=5)))
    alt("h")
    type_("Kim Chair")
    alt("g")
    type_("Senior social worker")
    assert "service manager" in dlg.chair_hint.text()
    alt("g")
    _retype("Service manager, Adult Services")
    assert dlg.chair_hint.text() == ""
    alt("m")
    type_("Team admin")
    while dlg.pages.tabText(dlg.pages.currentIndex()) != "Invited":
        press(K.Key_Tab, CTRL)
    tab_to("Invitation list")
    press(K.Key_Insert)
    type_("Dr Shah")
    tab()
    type_("GP practice")
    tab()
    type_("GP")
    tab()
    _retype(d(TODAY - timedelta(days=12)))
    tab()
    type_("email")
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    (m,) = store.meetings.for_person(pid)
    assert (m.chair_role, m.invitations[0].agency) == ("Service manager, Adult Services",
                                                       "GP practice")

    # -- steps 4-5: a letter, honestly; corrected with a reason; supervision signed off ----------
    contacts = _page(view, "Contacts")
    press(K.Key_N, CTRL)                              # the quick-log bar
    choose(ContactMethod.LETTER.label)
    tab()
    assert ContactOutcome.NO_ANSWER.label not in [focus().itemText(i)
                                                  for i in range(focus().count())]
    choose("Letter sent")
    tab()
    type_("Easy-read letter suggesting a call")
    press(K.Key_Return)
    (a,) = store.attempts.timeline(pid)
    assert (a.method, a.outcome) == (ContactMethod.LETTER, ContactOutcome.LETTER_SENT)
    contacts.table.setFocus()
    press(K.Key_Home)
    alt("r")                                          # Co&rrect contact…
    dlg = modal()
    assert dlg.windowTitle() == "Correct a contact attempt"
    alt("n")
    _retype("Easy-read letter and a leaflet about the drop-in")
    press(K.Key_S, CTRL)
    assert "reason" in dlg.message.message()
    alt("r")
    type_("The leaflet went too; the note was incomplete")
    press(K.Key_S, CTRL)
    assert modal() is None
    versions = store.attempts.versions(a.id)
    assert len(versions) == 2 and versions[1]["reason"].startswith("The leaflet")
    assert store.attempts.require(a.id).corrected

    _page(view, "Referrals & supervision")
    alt("s")                                          # Add &supervision…
    dlg = modal()
    alt("m")
    type_("Pat Manager")
    alt("i")
    type_("Support for the SPOC after the hostile doorstep")
    tab_to("Decision list")
    press(K.Key_Insert)
    type_("Joint visits only")
    alt("g")                                          # Si&gn off all decisions
    assert "rationale" in dlg.message.message()
    alt("l")                                          # Sign-off rationa&le
    type_("Hostility at the door: two workers keep both safe")
    alt("g")
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    (s,) = store.supervisions.for_person(pid)
    assert s.decisions[0].signed_off_by == "Pat Manager"
    assert s.decisions[0].sign_off_rationale.startswith("Hostility")

    # -- step 6: de-escalation by consensus --------------------------------------------------------
    esc = _page(view, "Escalation")
    alt("d")                                          # Record &de-escalation…
    dlg = modal()
    alt("b")
    type_("Kim Chair")
    alt("c")
    type_("End the Engagement Escalation Protocol")
    alt("r")
    type_("Engaging weekly with the GP; risk no longer serious")
    press(K.Key_S, CTRL)
    assert "consensus" in dlg.message.message()
    _tick("Every agency agreed (consensus)")
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    assert store.people.require(pid).status is CaseStatus.DE_ESCALATED

    # -- the closure gate: refused naming each blocker, then a management override ---------------
    closure = _page(view, "Closure")
    tab()
    alt("r")
    type_("No longer meets the escalation criteria")
    alt("x")
    type_("Checklist, meetings and referrals: every avenue explored")
    tab_to("Close the case")
    press(K.Key_Space)
    refused = closure.message.message()
    assert "not yet considered" in refused and "risk assessment" in refused, refused
    assert "Not agreed by: Housing" in refused
    assert store.people.require(pid).status is CaseStatus.DE_ESCALATED
    win.grab().save("/tmp/qa-fife-closure-refused.png")
    alt("o")                                          # &Override by (senior manager)
    type_("Dee Senior")
    tab_to("Senior manager's agency")
    type_("Social Work")
    tab_to("Date of the override")
    _retype(d(TODAY))
    alt("l")                                          # Override rationa&le
    type_("Adult moved to her sister's in another area; the GP keeps in touch")
    alt("k")                                          # &Keeps in touch
    type_("Dr Rao")
    alt("v")                                          # E&very (months)
    _retype("3")
    tab()                                             # Tracked by (senior manager)
    assert focus().accessibleName() == "Tracked by (senior manager)"
    type_("Dee Senior")
    tab_to("Close the case")
    press(K.Key_Space)
    box = modal()
    assert box is not None and "override" in box.text()
    tab_to("Close the case")
    press(K.Key_Space)
    qtbot.waitUntil(lambda: store.people.require(pid).status is CaseStatus.CLOSED, timeout=5000)
    c = store.closures.current(pid)
    assert c.override.senior_manager == "Dee Senior" and c.blockers_overridden
    assert (c.keep_in_touch.who, c.keep_in_touch.every_months,
            c.keep_in_touch.reviewed_by) == ("Dr Rao", 3, "Dee Senior")
    assert "Tracked by Dee Senior" in closure.record_view.toPlainText()
    assert "Management override" in closure.record_view.toPlainText()
    win.grab().save("/tmp/qa-fife-closed.png")

    # -- the closure record printed from the Reports tab -------------------------------------------
    reports = _page(view, "Reports")
    reports.choose_path = lambda suggested: str(tmp_path / suggested)
    reports.open_file = lambda path: None
    tab_to("Report")
    choose("Closure record")
    alt("k")
    qtbot.waitUntil(lambda: modal() is not None or "Saved" in reports.message.message(),
                    timeout=20_000)
    if modal() is not None:
        press(K.Key_Return)
    qtbot.waitUntil(lambda: "Saved" in reports.message.message(), timeout=10_000)
    (pdf,) = tmp_path.glob("closure*.pdf")
    from pypdf import PdfReader
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    for words in ("Management override", "Dee Senior", "Escalated", "De-escalated",
                  "not yet considered", "Tracked by (senior manager) Dee Senior"):
        assert words in text, words


def test_referrer_checklist_rows_and_minutes_by_keyboard(qtbot, tmp_path):
    from datetime import date as _date

    from desktop.domain.checklist import ChecklistStatus
    from desktop.domain.meeting import MeetingKind
    from tests.sync.helpers import make_store
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work")
    person = Person(name="Morag Delacroix-Baird", lead_agency="Social Work")
    person.advocacy.offered, person.advocacy.offered_on = True, TODAY - timedelta(days=3)
    pid = lead.people.add(person).id
    lead.meetings.add_meeting(pid, MeetingKind.MULTI_AGENCY, TODAY - timedelta(days=2))
    win, store, ws, view = open_person_by_keyboard(qtbot, lead, pid, (1280, 860))

    # the referral received (Pan-Dorset), then the referrer told with the strategies tried
    _page(view, "Referrals & supervision")
    alt("v")                                          # Referral recei&ved…
    dlg = modal()
    alt("c")
    type_("Dr Shah")
    alt("g")
    type_("GP practice")
    alt("k")
    type_("Hostile to unannounced visitors")
    tab_to("Referrer update list")
    press(K.Key_Insert)
    _retype(d(TODAY))
    alt("u")
    choose("Beginning to disengage")
    alt("w")
    type_("Joint visits, letters, GP appointments")
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    (r,) = store.incoming_referrals.for_person(pid)
    assert r.known_risks.startswith("Hostile") and r.updates[0].reason.value == "disengaging"

    # checklist row 2 (offered) pre-filled from the advocacy record; statuses per row
    chk = _page(view, "Checklist")
    chk.select("2.offered")
    assert "advocacy record" in chk.link_note.text()
    combo = chk.form.widgets["status"]
    assert [combo.itemData(i) for i in range(combo.count())] == [
        ChecklistStatus.NOT_YET_CONSIDERED, ChecklistStatus.OFFERED,
        ChecklistStatus.TRIED_NOT_ENGAGED, ChecklistStatus.NOT_APPLICABLE]
    chk.tree.setFocus()
    tab_to("Save checklist item")
    press(K.Key_Space)
    assert store.checklist.current(pid)["2.offered"].status is ChecklistStatus.OFFERED
    assert "Updates" in chk.history.text() and "Offered" in chk.history.text()

    # the meeting's minutes sent to an invitee, and the chair's line-manager discussion
    plan = _page(view, "Plan & meetings")
    tab_to("Meetings")
    press(K.Key_Home)
    alt("o")                                          # &Open meeting…
    dlg = modal()
    while dlg.pages.tabText(dlg.pages.currentIndex()) != "Invited":
        press(K.Key_Tab, CTRL)
    tab_to("Invitation list")
    press(K.Key_Insert)
    type_("PC Grant")
    tab()
    type_("Police")
    press(K.Key_Tab, CTRL)                            # After the meeting
    tab_to("Minutes sent list")
    press(K.Key_Insert)
    type_("PC Grant")
    tab()
    type_("Police")
    tab_to("Sent on")
    _retype(d(TODAY))
    alt("l")
    _retype(d(TODAY))
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    (m,) = store.meetings.for_person(pid)
    assert m.distribution[0].sent_on == TODAY and m.chair_line_manager_on == TODAY
    assert m.not_sent_minutes() == [] and m.minutes_circulated_on == TODAY
    assert plan is not None and isinstance(_date.today(), _date)
