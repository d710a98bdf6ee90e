"""Casework tabs: a meeting with decisions and an action plan, the checklist's evidence rule,
risk versions, chronology filters, closure refusal, roles, and accessibility."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QMessageBox

from desktop.domain.action import ActionStatus
from desktop.domain.checklist import ChecklistStatus
from desktop.domain.chronology import ChronologyKind
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.meeting import MeetingKind
from desktop.domain.person import AgencyInvolvement, CaseStatus, Person
from desktop.domain.risk import Rara, RiskLevel, RiskRow
from desktop.ui.person.checklist_tab import ChecklistTab
from desktop.ui.person.chronology_tab import ChronologyTab
from desktop.ui.person.closure_tab import ClosureTab
from desktop.ui.person.plan_tab import PlanTab
from desktop.ui.person.referrals_tab import ReferralsTab
from desktop.ui.person.risk_tab import RiskTab
from tests.ui.fill import click, fill, page, press_save
from ui.test_keyboard_access import labels_without_buddy, unnamed

ALL_TABS = (RiskTab, ChecklistTab, PlanTab, ChronologyTab, ReferralsTab, ClosureTab)


def _person(store):
    return store.people.add(Person(name="Morag Delacroix-Baird", lead_agency="Social Work",
                                   agencies=[AgencyInvolvement(agency="Housing", lead_worker="Kim Officer"),
                                             AgencyInvolvement(agency="Police", lead_worker="PC Shaw")]))


@pytest.fixture
def pid(lead_store):
    return _person(lead_store).id


def _tab(qtbot, cls, store, pid):
    tab = cls(store, pid)
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _choose(qtbot, combo, data) -> None:
    """Pick an item of a filter combo with the arrow keys."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{data!r} not offered")


# ---------------------------------------------------------------- meeting and action plan
def test_meeting_with_decisions_and_action_plan(qtbot, lead_store, pid):
    tab = _tab(qtbot, PlanTab, lead_store, pid)
    click(qtbot, tab.new_meeting_button)
    dlg = tab.dialog
    f = dlg.main_form
    fill(qtbot, f, "kind", MeetingKind.ENGAGEMENT_ESCALATION)
    fill(qtbot, f, "date", "12/05/2026")
    assert f.value("next_review") == date(2026, 8, 12)          # three months on, by default
    fill(qtbot, f, "chair", "Service manager")
    fill(qtbot, f, "minute_taker", "Team admin")
    fill(qtbot, f, "agreed_risk_level", RiskLevel.HIGH)
    page(qtbot, dlg.pages, "People")
    click(qtbot, dlg.attendees.add_button)
    fill(qtbot, dlg.attendees.form, "name", "Kim Officer")
    fill(qtbot, dlg.attendees.form, "agency", "Housing")
    assert dlg.attendees.list.item(0).text() == "Kim Officer, Housing"
    page(qtbot, dlg.pages, "Standing agenda")
    agenda = dlg.agenda_edits["undue_pressure"]
    qtbot.mouseClick(agenda.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(agenda, "Dougie may be taking her pension")
    page(qtbot, dlg.pages, "Decisions")
    click(qtbot, dlg.decisions.add_button)
    fill(qtbot, dlg.decisions.form, "decision", "The community nurse is the SPOC")
    # a decision without its rationale is refused, with the domain's message, nothing saved
    assert not press_save(qtbot, dlg)
    assert "Decision 1: record the rationale" in dlg.message.message()
    assert lead_store.meetings.for_person(pid) == []
    fill(qtbot, dlg.decisions.form, "rationale", "She lets the nurse in to dress her leg")
    fill(qtbot, dlg.decisions.form, "made_by", "The group; chair")
    past = date.today() - timedelta(days=10)
    page(qtbot, dlg.pages, "Actions")
    for what, lead, agency, due in (("Pause arrears letters", "Kim Officer", "Housing", past),
                                    ("Check on Dougie", "PC Shaw", "Police",
                                     date.today() + timedelta(days=14))):
        click(qtbot, dlg.actions.add_button)
        fill(qtbot, dlg.actions.form, "what", what)
        fill(qtbot, dlg.actions.form, "lead_person", lead)
        fill(qtbot, dlg.actions.form, "lead_agency", agency)
        fill(qtbot, dlg.actions.form, "due", due)
    assert press_save(qtbot, dlg)                               # Save meeting

    (m,) = lead_store.meetings.for_person(pid)
    assert (m.kind, m.chair, m.agreed_risk_level) == (MeetingKind.ENGAGEMENT_ESCALATION,
                                                       "Service manager", RiskLevel.HIGH)
    assert m.decisions[0].made_by == "The group; chair"
    assert m.answer("undue_pressure") == "Dougie may be taking her pension"
    actions = lead_store.actions.for_meeting(m.id)
    assert [a.what for a in actions] == ["Pause arrears letters", "Check on Dougie"]
    # the plan shows both; the overdue one says so, with an icon and bold text (no colour)
    assert tab.actions.topLevelItemCount() == 2
    overdue = tab.actions.topLevelItem(0)
    assert overdue.text(0) == "Pause arrears letters"
    assert overdue.text(4) == "Overdue by 10 days"
    assert not overdue.icon(3).isNull() and overdue.font(0).bold()
    assert overdue.background(0).style() == Qt.BrushStyle.NoBrush
    assert overdue.foreground(0).style() == Qt.BrushStyle.NoBrush
    assert not tab.actions.topLevelItem(1).font(0).bold()
    assert "1 overdue" in tab.summary.text()
    # mark it done from the plan
    qtbot.mouseClick(tab.actions.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.actions.visualItemRect(overdue).center())
    click(qtbot, tab.done_button)
    assert lead_store.actions.require(actions[0].id).status is ActionStatus.DONE


def test_reopening_a_meeting_keeps_every_field_and_edits_its_actions(qtbot, lead_store, pid):
    m = lead_store.meetings.add_meeting(pid, MeetingKind.REVIEW, date(2026, 8, 11),
                                        chair="Service manager")
    a = lead_store.actions.add_action(pid, "Old action", "Kim", "Housing", date(2026, 9, 1),
                                      source_meeting_id=m.id)
    tab = _tab(qtbot, PlanTab, lead_store, pid)
    click(qtbot, tab.open_meeting_button)
    dlg = tab.dialog
    assert dlg.main_form.value("chair") == "Service manager"
    assert dlg.main_form.value("next_review") == date(2026, 11, 11)
    assert "risk_updated" in dlg.agenda_edits                   # review agenda
    page(qtbot, dlg.pages, "Actions")
    click(qtbot, dlg.actions.remove_button)
    page(qtbot, dlg.pages, "Meeting")
    fill(qtbot, dlg.main_form, "minutes_circulated_on", date(2026, 8, 14))
    assert press_save(qtbot, dlg)
    assert lead_store.meetings.require(m.id).minutes_circulated_on == date(2026, 8, 14)
    assert lead_store.actions.get(a.id) is None                 # removed (soft-deleted)


# ---------------------------------------------------------------- checklist
def test_checklist_refuses_a_tick_and_saves_with_evidence(qtbot, lead_store, pid):
    tab = _tab(qtbot, ChecklistTab, lead_store, pid)
    node = next(n for n in tab._nodes() if n.data(0, Qt.ItemDataRole.UserRole) == "9.referred")
    tab.tree.scrollToItem(node)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.tree.visualItemRect(node).center())
    fill(qtbot, tab.form, "status", ChecklistStatus.REFERRED)
    fill(qtbot, tab.form, "date", "")                    # no date either: a bare tick
    click(qtbot, tab.save_button)
    assert "A tick is not sufficient" in tab.message.message()
    assert lead_store.checklist.current(pid) == {}
    fill(qtbot, tab.form, "evidence", "Referred to MARAC on 13 May")
    fill(qtbot, tab.form, "date", "13/05/2026")
    click(qtbot, tab.save_button)
    row = lead_store.checklist.current(pid)["9.referred"]
    assert (row.evidence, row.date, row.by_whom) == ("Referred to MARAC on 13 May",
                                                     date(2026, 5, 13), lead_store.actor)
    assert tab.current_code() == "9.referred"
    node = tab.tree.currentItem()
    assert node.text(1) == "Referred" and node.text(2) == "13 May 2026"
    assert tab.summary.text().startswith("1 of 25 items recorded")


# ---------------------------------------------------------------- risk
def test_risk_new_version_from_last_and_history(qtbot, lead_store, pid):
    lead_store.risk_assessments.new_version(
        pid, summary="Fire risk and exploitation", level=RiskLevel.HIGH,
        risks=[RiskRow("Kitchen fire", "burns", "neighbours", Rara.REDUCE)])
    tab = _tab(qtbot, RiskTab, lead_store, pid)
    assert "version 1 (current)" in tab.view.toPlainText()
    click(qtbot, tab.new_button)
    dlg = tab.dialog
    assert dlg.stage3.value("summary") == "Fire risk and exploitation"   # starts from the last
    assert dlg.risks.items()[0].rara is Rara.REDUCE
    page(qtbot, dlg.pages, "3.")
    fill(qtbot, dlg.stage3, "level", RiskLevel.MEDIUM)
    page(qtbot, dlg.pages, "4.")
    click(qtbot, dlg.risks.add_button)
    fill(qtbot, dlg.risks.form, "risk", "Cat in the flat")
    fill(qtbot, dlg.risks.form, "risk_to_person", "hygiene")
    fill(qtbot, dlg.risks.form, "rara", Rara.ACCEPT)
    assert not press_save(qtbot, dlg)
    assert "accepting a risk" in dlg.message.message()
    fill(qtbot, dlg.risks.form, "rationale", "Her choice; the cat matters to her")
    assert press_save(qtbot, dlg)
    assert tab.version.count() == 2 and "Version 2 (current)" in tab.version.itemText(0)
    assert "Level of risk: Medium" in tab.view.toPlainText()
    tab.version.setCurrentIndex(1)
    assert "version 1 (history)" in tab.view.toPlainText()
    assert "Level of risk: High" in tab.view.toPlainText()
    assert not tab.edit_button.isEnabled()                       # history is not edited


# ---------------------------------------------------------------- chronology
def test_chronology_merged_with_filters_and_an_entry_for_another_agency(qtbot, lead_store, pid):
    lead_store.attempts.log(pid, ContactMethod.HOME_VISIT, ContactOutcome.NOT_AT_HOME,
                            at=datetime(2026, 5, 21, 11, tzinfo=timezone.utc))
    lead_store.meetings.add_meeting(pid, MeetingKind.MULTI_AGENCY, date(2026, 5, 12))
    tab = _tab(qtbot, ChronologyTab, lead_store, pid)
    assert tab.tree.topLevelItemCount() == 2
    click(qtbot, tab.add_button)
    dlg = tab.dialog
    fill(qtbot, dlg.form, "event_date", date(2026, 3, 2))
    fill(qtbot, dlg.form, "agency", "Police")
    fill(qtbot, dlg.form, "summary", "Call about a man taking her pension")
    qtbot.mouseClick(next(b for b in dlg.findChildren(QAbstractButton)
                          if b.text().replace("&", "") == "Add entry"), Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert [tab.tree.topLevelItem(i).text(4) for i in range(3)] == [
        "Report of harm", "Meeting", "Contact attempt"]
    _choose(qtbot, tab.agency, "Police")
    assert tab.tree.topLevelItemCount() == 1
    click(qtbot, tab.clear_button)
    _choose(qtbot, tab.kind, ChronologyKind.MEETING)
    assert tab.tree.topLevelItemCount() == 1
    click(qtbot, tab.clear_button)
    qtbot.keyClicks(tab.since.edit, "13/05/2026")
    assert tab.tree.topLevelItemCount() == 1 and tab.count.text() == "1 entry matches the filters."
    tab.since.edit.selectAll()
    qtbot.keyClicks(tab.since.edit, "13/13/2026")
    assert "is not a date" in tab.message.message()


# ---------------------------------------------------------------- closure
def test_closure_refused_naming_who_is_missing_then_closed(qtbot, lead_store, pid):
    tab = _tab(qtbot, ClosureTab, lead_store, pid)
    fill(qtbot, tab.form, "reason", "No longer meets the criteria")
    fill(qtbot, tab.form, "evidence", "Checklist 1-15 complete; three reviews")
    click(qtbot, tab.agreements.add_button)
    fill(qtbot, tab.agreements.form, "name", "Kim Officer")
    fill(qtbot, tab.agreements.form, "agency", "Housing")
    fill(qtbot, tab.agreements.form, "date", date.today())
    assert "Still to agree: Police." in tab.agreement_state.message()
    click(qtbot, tab.close_button)                      # refused: no question asked
    assert tab.confirm is None or not tab.confirm.isVisible()
    assert "Not agreed by: Police." in tab.message.message()
    assert "checklist items are not yet considered" in tab.message.message()
    assert lead_store.people.require(pid).status is CaseStatus.OPEN
    click(qtbot, tab.fill_button)                       # a row for each agency still to agree
    fill(qtbot, tab.agreements.form, "name", "PC Shaw")
    fill(qtbot, tab.agreements.form, "date", date.today())
    assert "Every involved agency has agreed." in tab.agreement_state.message()
    fill(qtbot, tab.kit_form, "who", "Community nurse")
    fill(qtbot, tab.kit_form, "every_months", 3)
    click(qtbot, tab.close_button)                      # the checklist and risk still block
    assert "Not agreed by" not in tab.message.message()
    fill(qtbot, tab.override_form, "senior_manager", "Dee Senior")
    fill(qtbot, tab.override_form, "agency", "Social Work")
    fill(qtbot, tab.override_form, "date", date.today())
    fill(qtbot, tab.override_form, "rationale", "Moved out of the area; GP keeps in touch")
    click(qtbot, tab.close_button)
    box = tab.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    click(qtbot, next(b for b in box.buttons() if b.text() == "Close the case"))
    assert lead_store.people.require(pid).status is CaseStatus.CLOSED
    assert tab.record_view.isVisible() and tab.form_area.isHidden()
    assert "Community nurse keeps in touch every 3 month" in tab.record_view.toPlainText()


# ---------------------------------------------------------------- roles and accessibility
def test_field_role_sees_casework_read_only(qtbot, store):
    pid = _person(store).id
    store.meetings.add_meeting(pid, MeetingKind.REVIEW, date(2026, 8, 11))
    checklist = _tab(qtbot, ChecklistTab, store, pid)
    assert checklist.save_button.isHidden() and checklist.form.widgets["evidence"].isReadOnly()
    assert not checklist.save()
    plan = _tab(qtbot, PlanTab, store, pid)
    assert plan.new_meeting_button.isHidden() and plan.add_action_button.isHidden()
    dlg = plan.open_meeting()
    assert dlg.read_only and not dlg.main_form.widgets["kind"].isEnabled()
    assert dlg.buttons.standardButtons() == QDialogButtonBox.StandardButton.Close
    dlg.reject()
    risk = _tab(qtbot, RiskTab, store, pid)
    assert risk.new_button.isHidden()
    closure = _tab(qtbot, ClosureTab, store, pid)
    assert closure.form_area.isHidden() and "recorded by the lead agency" in \
        closure.record_view.toPlainText()
    chron = _tab(qtbot, ChronologyTab, store, pid)
    assert chron.add_button.isVisible()                          # SPOCs add entries too


@pytest.mark.parametrize("cls", ALL_TABS, ids=lambda c: c.__name__)
def test_every_control_is_named_and_every_label_has_a_buddy(qtbot, lead_store, pid, cls):
    lead_store.meetings.add_meeting(pid, MeetingKind.REVIEW, date(2026, 8, 11))
    lead_store.risk_assessments.new_version(pid)
    tab = _tab(qtbot, cls, lead_store, pid)
    assert unnamed(tab) == [] and labels_without_buddy(tab) == []


def test_dialogs_are_named_and_labelled(qtbot, lead_store, pid):
    lead_store.risk_assessments.new_version(pid)
    plan = _tab(qtbot, PlanTab, lead_store, pid)
    risk = _tab(qtbot, RiskTab, lead_store, pid)
    refs = _tab(qtbot, ReferralsTab, lead_store, pid)
    for dlg in (plan.new_meeting(), plan.add_action(), risk.new_version(), refs.add_referral(),
                refs.add_supervision()):
        pages = getattr(dlg, "pages", None)
        for i in range(pages.count() if pages else 1):
            if pages:
                pages.setCurrentIndex(i)
            assert unnamed(dlg) == [], (dlg.windowTitle(), i)
            assert labels_without_buddy(dlg) == [], (dlg.windowTitle(), i)
        dlg.reject()


def test_tabs_are_registered_in_the_person_workspace():
    from desktop.ui.person.tabs import TABS
    assert all(cls in TABS for cls in ALL_TABS)
    assert [c.TITLE for c in ALL_TABS] == ["Risk", "Checklist", "Plan & meetings", "Chronology",
                                           "Referrals & supervision", "Closure"]
