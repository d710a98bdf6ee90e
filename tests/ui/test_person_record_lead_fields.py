"""On a field device the person record dialog shows, but does not edit, what the lead agency
keeps: the case status always; lead agency and SPOC unless this device created the person."""
from PySide6.QtCore import Qt

from desktop.domain.person import CaseStatus, Person
from desktop.sync import assign_case, export_packages, import_paths
from tests.sync.helpers import enrol_pair, make_store


def _dialog(qtbot, store, pid):
    from desktop.ui.fieldwork.person_record_dialog import PersonRecordDialog
    d = PersonRecordDialog(store, pid)
    qtbot.addWidget(d)
    d.show()
    return d


def test_field_device_shows_the_leads_fields_read_only(qtbot, tmp_path):
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    field = make_store(tmp_path / "field", "field", "Sam Outreach", "Community Nursing")
    enrol_pair(lead, field, tmp_path)
    theirs = lead.people.add(Person(name="Morag", lead_agency="Social Work Team", spoc="Lee"))
    assign_case(lead, field.device_id, theirs.id)
    import_paths(field, export_packages(lead, tmp_path / "down").packages)
    d = _dialog(qtbot, field, theirs.id)
    assert not d.f["status"].isEnabled()
    assert not d.f["lead_agency"].isEnabled() and not d.f["spoc"].isEnabled()
    assert d.f["spoc"].text() == "Lee"
    d.f["address"].setFocus()
    qtbot.keyClicks(d.f["address"], "4 Quay Street")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    p = field.people.require(theirs.id)
    assert (p.address, p.spoc, p.status) == ("4 Quay Street", "Lee", CaseStatus.OPEN)

    mine = field.people.add(Person(name="Rhiannon"))
    d = _dialog(qtbot, field, mine.id)
    assert not d.f["status"].isEnabled()
    assert d.f["lead_agency"].isEnabled() and d.f["spoc"].isEnabled()
    qtbot.keyClicks(d.f["spoc"], "Sam")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert field.people.require(mine.id).spoc == "Sam"
    s = import_paths(lead, export_packages(field, tmp_path / "up").packages)
    assert (s.not_permitted, s.quarantined) == (0, 0), s.text()
    assert lead.people.require(theirs.id).address == "4 Quay Street"

    d = _dialog(qtbot, lead, theirs.id)               # the lead agency edits them all
    assert d.f["status"].isEnabled() and d.f["spoc"].isEnabled()
    d.reject()
    lead.lock()
    field.lock()
