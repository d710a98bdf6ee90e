"""Walkthrough 2 (case study 1, Fife steps 1-6): the lead-agency coordinator, keyboard only.

Chronology entries for other agencies, engagement checklist items (a status without evidence
is refused), a risk assessment and a new version from the last, an engagement-escalation
meeting with attendees, consent rationale, standing agenda answers, a decision and an action,
minutes circulated, a review meeting, a closure refused until every agency agrees, and the SPOC
report and the meeting record printed from the Reports tab."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox

from desktop.domain.checklist import ChecklistStatus
from desktop.domain.meeting import MeetingKind
from desktop.domain.person import AgencyInvolvement, Person
from desktop.ui.person.checklist_tab import ChecklistTab
from tests.ui.helpers import open_person_by_keyboard, unlock, visible_texts
from tests.ui.kbd import ALT, CTRL, SHIFT, K, alt, choose, focus, modal, press, tab, tab_to, type_

MAY12 = date.today() - timedelta(days=40)


def d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _retype(text: str):
    press(K.Key_A, CTRL)
    type_(text)


def _page(view, title: str):
    """Alt+digit for the first nine tabs; Ctrl+Tab on to the others."""
    from desktop.ui.person import tabs as registry
    tabs = view.tab_widget
    titles = [tabs.tabText(i).replace("&&", "&") for i in range(tabs.count())]
    i = titles.index(title)
    if i < 9:
        press(getattr(K, f"Key_{i + 1}"), ALT)
    else:
        press(K.Key_9, ALT)
        for _ in range(i - 8):
            press(K.Key_Tab, CTRL)
    assert tabs.currentIndex() == i
    return view.tab(registry.TABS[i])


def test_lead_agency_fife_steps_by_keyboard(qtbot, tmp_path):
    from tests.sync.helpers import make_store
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work")
    pid = lead.people.add(Person(
        name="Morag Delacroix-Baird", known_as="Morag", lead_agency="Social Work",
        agencies=[AgencyInvolvement(agency="Housing", lead_worker="Pat Low"),
                  AgencyInvolvement(agency="Fire and Rescue", lead_worker="Sam Bell")])).id
    win, store, ws, view = open_person_by_keyboard(qtbot, lead, pid)

    # -- steps 1-2: the chronology expanded with other agencies' entries -----------------------
    _page(view, "Chronology")
    alt("a")                                          # &Add entry…
    dlg = modal()
    assert dlg.windowTitle() == "Add a chronology entry"
    _retype(d(MAY12 - timedelta(days=30)))
    tab()
    type_("Fire and Rescue")
    tab()
    type_("Sam Bell")
    tab()
    tab()
    type_("Kitchen fire, no injuries; cooker top covered in papers")
    alt("i")
    type_("Fire risk from hoarding")
    alt("e")                                          # Add &entry (Alt+A is the Agency)
    assert modal() is None
    (row,) = [r for r in store.chronology(pid) if r.agency == "Fire and Rescue"]
    assert "Kitchen fire" in row.summary
    texts = visible_texts(view.tab_widget.currentWidget())  # the merged view shows it
    assert any("Kitchen fire" in t for t in texts)

    # -- the engagement checklist: a status without evidence is refused -------------------------
    chk = _page(view, "Checklist")
    assert isinstance(chk, ChecklistTab)
    tab()
    assert focus() is chk.tree
    for _ in range(30):
        if chk.current_code() == "7.gp":
            break
        press(K.Key_Down)
    tab()
    choose(ChecklistStatus.OFFERED.label)
    tab_to("Save checklist item")
    press(K.Key_Space)
    assert "A tick is not sufficient" in chk.message.message()
    assert store.checklist.current(pid) == {}
    press(K.Key_Tab, SHIFT)
    tab_to("Evidence")
    type_("Letter and call to the practice")
    tab()
    type_("Attends diabetic review")
    tab()
    _retype(d(MAY12 - timedelta(days=10)))
    tab_to("Save checklist item")
    press(K.Key_Space)
    row = store.checklist.current(pid)["7.gp"]
    assert (row.status, row.evidence) == (ChecklistStatus.OFFERED,
                                          "Letter and call to the practice")
    win.grab().save("/tmp/qa-lead-checklist.png")

    # -- the risk assessment, then a new version from the last --------------------------------
    _page(view, "Risk")
    alt("n")                                          # &New risk assessment…
    dlg = modal()
    assert dlg.windowTitle() == "Risk assessment — version 1"
    alt("c")                                          # &Circumstances
    type_("Three reports of harm in four months; declined an adult protection inquiry")
    press(K.Key_L, CTRL)                              # locked mid-form: nothing is lost
    assert win.workspace is None
    unlock(qtbot, win)
    assert modal().windowTitle() == "Unsaved work"
    press(K.Key_Return)                               # Open: back on Morag's screen
    dlg = modal()
    store, ws = win.store, win.workspace
    view = ws.person_view
    assert dlg.windowTitle() == "Risk assessment — version 1"
    assert dlg.stage1.value("circumstances").startswith("Three reports of harm")
    press(K.Key_Tab, CTRL)                            # 2. Risk domains
    press(K.Key_Tab, CTRL)                            # 3. Summary
    alt("l")                                          # &Level of risk
    choose("High")
    alt("m")                                          # Su&mmary (Alt+S saves)
    assert focus().accessibleName() == "Summary"
    type_("Financial exploitation and possible coercion; fire risk; self-neglect")
    press(K.Key_Tab, CTRL)                            # 4. Evaluation
    tab_to("Risk list")
    press(K.Key_Insert)
    type_("Fire in the kitchen")
    alt("p")                                          # Risk to the &person
    type_("Burns; losing her home")
    alt("a")                                          # &Approach to the risk
    choose("Reduce")
    alt("n")                                          # Action &needed
    type_("Free smoke alarm and a home safety visit")
    alt("y")
    type_("Fire and Rescue")
    alt("h")                                          # By w&hen
    _retype(d(MAY12 + timedelta(days=28)))
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    (v1,) = store.risk_assessments.versions(pid)
    assert v1.level.label == "High" and v1.risks[0].rara.value == "reduce"
    alt("n")                                          # &New version from the last…
    dlg = modal()
    assert dlg.windowTitle() == "Risk assessment — version 2"
    press(K.Key_Tab, CTRL, times=2)
    alt("l")
    choose("Medium")
    press(K.Key_S, CTRL)
    v2, v1 = store.risk_assessments.versions(pid)
    assert (v2.version_no, v2.level.label, v1.level.label) == (2, "Medium", "High")
    assert v2.circumstances == v1.circumstances and v2.risks[0].risk == "Fire in the kitchen"
    win.grab().save("/tmp/qa-lead-risk.png")

    # -- step 3: the engagement-escalation meeting -------------------------------------------
    plan = _page(view, "Plan & meetings")
    alt("n")                                          # &New meeting…
    dlg = modal()
    alt("k")
    choose(MeetingKind.ENGAGEMENT_ESCALATION.label)
    alt("d")
    _retype(d(MAY12))
    alt("h")
    type_("Service manager")
    alt("m")
    type_("Team admin")
    press(K.Key_Escape)                               # closed by mistake: nothing is lost
    assert modal() is None
    alt("n")
    dlg = modal()
    assert dlg.main_form.value("chair") == "Service manager"
    assert "Restored" in dlg.message.message()
    press(K.Key_Tab, CTRL)                            # People
    tab_to("Attendee list")
    for who, agency, role in (("Alex Grant", "Housing", "Housing officer"),
                              ("Jo Reid", "Community Nursing", "Community nurse")):
        press(K.Key_Insert)
        type_(who)
        tab()
        type_(agency)
        tab()
        type_(role)
        tab_to("Attendee list")
    press(K.Key_Tab, CTRL)                            # Consent
    alt("c")
    choose("Refused")
    alt("l")
    choose("Public task")
    alt("r")
    type_("Risk of serious harm: fire, exploitation; sharing is necessary and proportionate")
    press(K.Key_Tab, CTRL)                            # Standing agenda
    tab()
    type_("Self-neglect, fire risk, financial exploitation")
    press(K.Key_Tab, CTRL)                            # Decisions
    tab_to("Decision list")
    press(K.Key_Insert)
    type_("The community nurse is the single point of contact")
    tab()
    type_("She lets the nurse in to dress her leg")
    tab()
    type_("The group")
    press(K.Key_Tab, CTRL)                            # Actions
    tab_to("Action list")
    press(K.Key_Insert)
    type_("Pause arrears letters")
    tab()
    type_("Alex Grant")
    tab()
    type_("Housing")
    tab()
    _retype(d(MAY12 + timedelta(days=7)))
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    (m,) = store.meetings.for_person(pid)
    assert (m.kind, m.date, m.chair, m.minute_taker) == (
        MeetingKind.ENGAGEMENT_ESCALATION, MAY12, "Service manager", "Team admin")
    assert [a.name for a in m.attendees] == ["Alex Grant", "Jo Reid"]
    assert m.sharing_rationale.startswith("Risk of serious harm")
    assert any(a.answer for a in m.agenda)
    assert m.decisions[0].made_by == "The group"
    (action,) = store.actions.for_meeting(m.id)
    assert (action.lead_person, action.lead_agency) == ("Alex Grant", "Housing")
    assert store.drafts.load("meeting", pid) is None          # saved: the draft is gone

    # minutes circulated three days later
    tab_to("Meetings")
    press(K.Key_Home)
    alt("o")                                          # &Open meeting…
    dlg = modal()
    tab_to("Minutes circulated")
    type_(d(MAY12 + timedelta(days=3)))
    press(K.Key_S, CTRL)
    assert store.meetings.require(m.id).minutes_circulated_on == MAY12 + timedelta(days=3)
    win.grab().save("/tmp/qa-lead-plan.png")

    # -- step 6: the review meeting -----------------------------------------------------------
    alt("n")
    dlg = modal()
    alt("k")
    choose(MeetingKind.REVIEW.label)
    alt("d")
    _retype(d(date.today()))
    alt("h")
    type_("Service manager")
    alt("m")
    type_("Team admin")
    alt("r")
    choose("Medium")
    press(K.Key_S, CTRL)
    assert modal() is None, dlg.message.message()
    assert [x.kind for x in store.meetings.for_person(pid)].count(MeetingKind.REVIEW) == 1

    # -- closure refused until every agency agrees ----------------------------------------------
    closure = _page(view, "Closure")
    tab()
    alt("r")                                          # &Reason for closing
    type_("No longer meets the escalation criteria")
    alt("x")                                          # Evidence … e&xhausted
    type_("Attends GP; advocate accepted; Dougie no longer stays")
    tab_to("Close the case")
    press(K.Key_Space)
    refused = closure.message.message()
    assert "Housing" in refused and "Fire and Rescue" in refused, refused
    assert store.people.require(pid).status.value != "closed"
    win.grab().save("/tmp/qa-lead-closure-refused.png")

    # -- the Reports tab: the SPOC report and the meeting record ---------------------------------
    reports = _page(view, "Reports")
    saved: list[str] = []
    reports.choose_path = lambda suggested: str(tmp_path / suggested)
    reports.open_file = saved.append
    for paper in ("SPOC between-meeting report", "Meeting record / minutes"):
        tab_to("Report")
        choose(paper)
        alt("k")                                      # Ma&ke PDF…
        qtbot.waitUntil(lambda: modal() is not None or reports.pending is None and
                        "Saved" in reports.message.message(), timeout=20_000)
        if modal() is not None:                       # the preview: Enter saves
            modal().grab().save(f"/tmp/qa-lead-preview-{len(saved)}.png")
            press(K.Key_Return)
        qtbot.waitUntil(lambda: "Saved" in reports.message.message(), timeout=10_000)
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert any(p.startswith("spoc") for p in pdfs) and any(p.startswith("meeting") for p in pdfs)
