"""Every record kind travels by the same mechanism, with no special cases; the lead's
chronology shows the field worker's attempts exactly once."""
from datetime import date

from desktop.domain.barrier import Barrier, BarrierCategory
from desktop.domain.checklist import RECORDABLE_CODES, ChecklistStatus
from desktop.domain.chronology import ChronologyKind
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.meeting import MeetingKind
from desktop.domain.person import Person
from desktop.sync import export_packages, import_paths, list_conflicts
from desktop.sync.registry import record_classes
from tests.sync.helpers import make_trio


def test_registry_finds_every_record_kind():
    kinds = set(record_classes())
    assert {"person", "contact_attempt"} <= kinds
    assert {"visit", "goal", "goal_progress", "meeting", "action", "chronology_entry",
            "checklist_item"} <= kinds


def test_field_work_up_and_the_plan_back(pair, tmp_path):
    lead, field = pair.lead, pair.field
    p = field.people.add(Person(name="Morag", date_of_birth=date(1959, 3, 1)))
    seen = field.attempts.log(p.id, ContactMethod.HOME_VISIT, ContactOutcome.SEEN_ENGAGED,
                              "let me in")
    field.attempts.log(p.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, "no reply")
    field.visits.log(seen.id, observed="kitchen bare", reported="eating well", mismatch=True)
    goal = field.goals.new(p.id, "Get to the GP", why="my leg hurts", steps=["ring", "go"])
    field.goals.record_progress(goal.id, step_reached=1, note="rang them")
    field.repo(Barrier).add(Barrier(person_id=p.id, category=BarrierCategory.FEAR_OF_AGENCY,
                                   note="worried about losing her dog"))

    up = export_packages(field, tmp_path / "up").packages
    s = import_paths(lead, up)
    assert (s.imported, s.quarantined, s.rejected) == (1, 0, 0), s.text()
    assert import_paths(lead, up).already_imported == 1
    assert lead.visits.for_attempt(seen.id).mismatch is True
    assert lead.goals.require(goal.id).title == "Get to the GP"
    assert len(lead.goals.progress_for(goal.id)) == 1
    rows = lead.chronology(p.id)
    assert sorted((r.kind.value, r.summary.count("no reply")) for r in rows
                  if r.kind in (ChronologyKind.ATTEMPT, ChronologyKind.VISIT)) == \
        [("attempt", 1), ("visit", 0)]                    # each field attempt exactly once

    m = lead.meetings.add_meeting(p.id, MeetingKind.MULTI_AGENCY, date(2026, 11, 20),
                                  chair="Lee")
    lead.actions.add_action(p.id, "GP home visit", "Dr Shah", "GP surgery",
                            date(2026, 12, 1), source_meeting_id=m.id)
    lead.chronology.add_entry(p.id, date(2026, 11, 1), "Police", ChronologyKind.REPORT_OF_HARM,
                              "welfare check")
    lead.checklist.set(p.id, RECORDABLE_CODES[0], ChecklistStatus.CONSIDERED,
                       evidence="discussed at MDT", date=date(2026, 11, 20))
    back = export_packages(lead, tmp_path / "back").packages
    s = import_paths(field, back)
    assert (s.imported, s.quarantined, s.rejected) == (1, 0, 0), s.text()
    assert [a.what for a in field.actions.plan(p.id)] == ["GP home visit"]
    assert field.meetings.latest(p.id).id == m.id
    assert any(r.summary == "welfare check" for r in field.chronology(p.id))
    assert field.checklist.current(p.id)[RECORDABLE_CODES[0]].evidence == "discussed at MDT"
    # ... and the field's own attempts are not sent back to it, so they show once there too.
    assert len(field.attempts.timeline(p.id)) == 2


def test_checklist_items_set_on_field_devices_are_not_permitted_at_the_lead(tmp_path):
    """The checklist is the lead agency's (docs/sync-format.md, "Who may change what"): what
    a field device's build writes there anyway goes to quarantine, the rest applies."""
    t, pid = make_trio(tmp_path)
    code = "7.gp"           # a service row: offered and referred both answer it
    t.a.checklist.set(pid, code, ChecklistStatus.OFFERED, evidence="offered on visit",
                      date=date(2026, 11, 2))
    t.b.checklist.set(pid, code, ChecklistStatus.REFERRED, evidence="referred to GP",
                      date=date(2026, 11, 3))
    for dev in (t.a, t.b):
        s = import_paths(t.lead, export_packages(dev, tmp_path / f"up-{dev.device_id}").packages)
        assert (s.imported, s.not_permitted, s.quarantined) == (1, 1, 1), s.text()
        assert "not permitted: checklist item records are kept by the lead agency" in s.text()
    assert code not in t.lead.checklist.current(pid)
    assert list_conflicts(t.lead) == []
    t.lock()
