"""Walkthrough 1 (case study 1, steps 4-5): the SPOC's week on Morag, by keyboard only.

Quick-log attempts (Ctrl+N), see the "three unsuccessful attempts" alert on the Overview and the
caseload badge appear and clear, visit details with an observed-vs-reported mismatch and
advocacy offered, a staff-safety incident left mid-form by Esc and by a lock (Ctrl+L) and
finished after unlocking with the debrief, a small goal with progress, a barrier, the safe
contact details, and a sync package exported for the lead agency."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit

from desktop.domain.barrier import BarrierCategory
from desktop.domain.contact import ContactOutcome
from desktop.domain.person import Dependants, Person
from desktop.domain.visit import IncidentKind
from tests.ui.helpers import caseload_alerts, make_window, unlock, visible_texts
from tests.ui.kbd import ALT, CTRL, SHIFT, K, alt, choose, focus, modal, press, tab, tab_to, type_

TODAY = date.today().strftime("%d/%m/%Y")


def _codes(window, pid):
    """The caseload's alerts for ``pid`` as they show when the worker goes back to it (the
    caseload behind a person's screen catches up then)."""
    window.workspace.catch_up_caseload()
    model = window.workspace.caseload.model
    caseload_alerts(model, pid)                 # evaluated off the GUI thread
    return [a.code for a in model.alerts.get(pid, [])]


def _log(outcome: str, note: str = "", advocacy: bool = False):
    press(K.Key_N, CTRL)                      # the quick-log bar, method first
    assert isinstance(focus(), QComboBox) and focus().accessibleName() == "Method"
    choose("Home visit")                      # the bar keeps the last method: say which
    tab()
    choose(outcome)
    tab()
    type_(note)
    if advocacy:
        alt("o")
    press(K.Key_Return)


def test_spoc_week_by_keyboard(qtbot, tmp_path):
    from tests.sync.helpers import enrol_pair, make_store
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work")
    field = make_store(tmp_path / "field", "field", "Jo Reid", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    pid = field.people.add(Person(name="Morag Delacroix-Baird", known_as="Morag",
                                  address="Flat 1, 12 Harbour Row",
                                  dependants=Dependants(pets="A cat"))).id
    field.lock()
    lead.lock()
    win = make_window(qtbot, tmp_path / "field", auto_unlock=False)
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: win.unlock_page.keychain_checked, timeout=5000)
    unlock(qtbot, win)
    store = win.store
    ws = win.workspace
    ws.caseload.select(pid)
    ws.caseload.focus_table()

    # -- three failed attempts: the alert appears on the caseload and the Overview ----------
    press(K.Key_Return)                        # Enter opens the person
    assert ws.showing_person()
    _log("Not at home")
    assert win.statusBar().currentMessage().startswith("Contact attempt logged")
    _log("No answer", "Curtains drawn")
    _log("Access refused by a carer or third party", "Dougie at the door")
    assert [a.outcome for a in store.attempts.timeline(pid)] == [
        ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY, ContactOutcome.NO_ANSWER,
        ContactOutcome.NOT_AT_HOME]
    press(K.Key_1, ALT)
    overview = ws.person_view.tab_widget.currentWidget()
    assert "3 unsuccessful contact attempts in a row." in visible_texts(overview)
    overview.grab().save("/tmp/qa-spoc-overview-3-failed.png")
    assert "unsuccessful_attempts" in " ".join(_codes(win, pid)) or any(
        "unsuccessful" in c for c in _codes(win, pid))
    assert "3 unsuccessful" in caseload_alerts(ws.caseload.model, pid).data()

    # -- seen, advocacy offered, visit details with a mismatch ------------------------------
    _log("Seen and engaged", "Dressing done", advocacy=True)
    seen = store.attempts.timeline(pid)[0]
    assert seen.outcome.seen and seen.advocacy_offered
    contacts = ws.person_view.current_tab()
    assert contacts.model.index(0, 2).data().endswith("· advocacy offered")
    assert not any("unsuccessful" in c for c in _codes(win, pid))     # the badge cleared
    assert "3 unsuccessful" not in (caseload_alerts(ws.caseload.model, pid).data() or "")
    tab(2)                                     # past "Log attempt" to the timeline
    assert focus().accessibleName() == "Contact attempts"
    press(K.Key_Home)
    press(K.Key_Return)                        # Enter on the seen contact: visit details
    dlg = modal()
    assert dlg.windowTitle() == "Visit details" and focus() is dlg.present
    type_("Morag")
    tab()
    type_("Fridge empty, cooker top covered")
    tab()
    type_("Says she is eating fine")
    tab()
    press(K.Key_Space)                         # the two disagree
    press(K.Key_S, CTRL)
    assert modal() is None
    assert win.statusBar().currentMessage() == "Visit details saved."
    v = store.visits.for_attempt(seen.id)
    assert (v.present, v.observed, v.reported, v.mismatch) == (
        "Morag", "Fridge empty, cooker top covered", "Says she is eating fine", True)
    assert focus().accessibleName() == "Contact attempts"       # back where the worker was

    # -- the door refused by Dougie: a staff-safety incident; Esc and Ctrl+L lose nothing ----
    press(K.Key_Down)                           # the access-refused visit
    press(K.Key_Return)
    dlg = modal()
    type_("Dougie (visitor)")
    press(K.Key_Escape)                         # closes, keeps the draft
    assert modal() is None
    press(K.Key_Return)
    dlg = modal()
    assert dlg.present.text() == "Dougie (visitor)" and "Restored" in dlg.message.message()
    alt("y")                                    # Hostilit&y
    alt("m")                                    # Being fil&med
    assert dlg.debrief_needed.isChecked()       # an incident always needs a debrief
    alt("a")                                    # What h&appened
    type_("Shouted and filmed me on his phone")
    press(K.Key_L, CTRL)                        # locked mid-form
    assert win.workspace is None
    unlock(qtbot, win)
    drafts = modal()
    assert drafts.windowTitle() == "Unsaved work"
    press(K.Key_Return)                         # Open the draft: back on Morag's screen
    dlg = modal()
    assert win.workspace.showing_person()
    assert dlg.incident_text.toPlainText() == "Shouted and filmed me on his phone"
    assert [k for k, b in dlg.kinds.items() if b.isChecked()] == [IncidentKind.HOSTILITY,
                                                                  IncidentKind.FILMED]
    press(K.Key_S, CTRL)
    store = win.store                           # a new connection after the unlock
    refused = store.attempts.timeline(pid)[1]
    assert store.visits.for_attempt(refused.id).debrief_outstanding
    ws = win.workspace
    assert "staff_safety_debrief" in _codes(win, pid)
    press(K.Key_1, ALT)
    overview = ws.person_view.tab_widget.currentWidget()
    assert any("debrief" in t.lower() for t in visible_texts(overview))
    # the debrief, next day, with the manager
    press(K.Key_2, ALT)
    tab_to("Contact attempts")
    press(K.Key_Home)
    press(K.Key_Down)
    press(K.Key_Return)
    dlg = modal()
    alt("f")                                    # Debrie&f done on
    type_(TODAY)
    alt("i")                                    # Debrief w&ith
    type_("Team manager")
    press(K.Key_S, CTRL)
    v = store.visits.for_attempt(refused.id)
    assert (v.debrief_done_on, v.debrief_done_by) == (date.today(), "Team manager")
    assert "staff_safety_debrief" not in _codes(win, pid)

    # -- a small goal in her words, and progress ----------------------------------------------
    press(K.Key_3, ALT)
    alt("n")                                    # &New goal…
    dlg = modal()
    type_("Get my leg healed so I can walk to the shop")
    tab()
    type_("To get my own messages")
    tab()
    for step in ("Let the nurse dress it weekly", "Go to the GP for bloods"):
        type_(step)
        press(K.Key_Return)
    type_("Walk to the corner")
    press(K.Key_S, CTRL)
    (goal,) = store.goals.for_person(pid)
    assert [s.text for s in goal.steps][2] == "Walk to the corner"
    alt("t")                                    # Ra&ting
    press(K.Key_A, CTRL)
    type_("4")
    alt("w")
    type_("Let me dress it")
    press(K.Key_Return)
    (entry,) = store.goals.progress_for(goal.id)
    assert (entry.rating, entry.note) == (4, "Let me dress it")

    # -- a barrier ------------------------------------------------------------------------------
    press(K.Key_4, ALT)
    alt("a")                                    # &Add barrier…
    dlg = modal()
    assert dlg.windowTitle() == "New barrier"
    choose(BarrierCategory.CONTROL_AND_COERCION.label)
    alt("b")
    type_("Dougie stays some nights and takes her pension")
    alt("t")
    type_("Visit late morning when he is out")
    press(K.Key_S, CTRL)
    (barrier,) = store.barriers.for_person(pid)
    assert barrier.category is BarrierCategory.CONTROL_AND_COERCION
    assert barrier.strategy_tried == "Visit late morning when he is out"

    # -- safe contact details --------------------------------------------------------------------
    press(K.Key_1, ALT)
    press(K.Key_E, CTRL)                        # Edit details… (the screen's one)
    dlg = modal()
    press(K.Key_2, ALT)   # &2 Safe contact
    alt("m")
    type_("It's Jo from the nurses")
    alt("a")
    type_("Does not open brown envelopes; will not answer the phone")
    alt("t")
    type_("Late morning")
    press(K.Key_S, CTRL)
    p = store.people.require(pid)
    assert (p.safe_contact.safe_message, p.safe_contact.best_times) == (
        "It's Jo from the nurses", "Late morning")
    overview = ws.person_view.tab_widget.currentWidget()
    assert "Late morning" in visible_texts(overview)
    win.grab().save("/tmp/qa-spoc-overview-end.png")

    # -- a sync package for the lead agency --------------------------------------------------------
    press(K.Key_S, CTRL | SHIFT)
    sync = modal()
    assert sync.windowTitle().startswith("Sync")
    alt("e")                                    # &Export to folder…
    picker = modal()
    assert isinstance(picker, QFileDialog)
    usb = tmp_path / "usb"
    usb.mkdir()
    edit = picker.findChild(QLineEdit, "fileNameEdit")
    edit.setFocus()
    press(K.Key_A, CTRL)
    type_(str(usb))
    press(K.Key_Return)
    qtbot.waitUntil(lambda: sync.op is None and "Wrote" in sync.summary.toPlainText(),
                    timeout=10_000)
    assert list(usb.glob("*.stkpkg"))
    sync.grab().save("/tmp/qa-spoc-sync.png")
    press(K.Key_Escape)
