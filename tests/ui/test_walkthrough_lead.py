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
from desktop.ui.casework.checklist_tab import ChecklistTab
from tests.ui.helpers import make_window, unlock, visible_texts
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
        agencies=[AgencyInvolvement("Housing", "Pat Low"),
                  AgencyInvolvement("Fire and Rescue", "Sam Bell")])).id
    lead.lock()
    win = make_window(qtbot, tmp_path / "lead", auto_unlock=False)
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: win.unlock_page.keychain_checked, timeout=5000)
    unlock(qtbot, win)
    store, ws = win.store, win.workspace
    ws.caseload.select(pid)
    ws.caseload.focus_table()
    press(K.Key_Return)
    view = ws.person_view

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
    alt("e")                                          # Add     alt("a")                                          # &Add entryentry (Alt+A is the Agency)
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
