"""On a field device the person record dialog shows, but does not edit, what the lead agency
keeps: the case status always; lead agency and SPOC unless this device created the person."""
from PySide6.QtCore import Qt

from desktop.domain.person import CaseStatus, Person
from desktop.sync import assign_case, export_packages, import_paths
from tests.sync.helpers import enrol_pair, make_store


def _dialog(qtbot, store, pid):
    from desktop.ui.person.record_dialog import PersonRecordDialog
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
    assert not d.widget("status").isEnabled()
    assert not d.widget("lead_agency").isEnabled() and not d.widget("spoc").isEnabled()
    assert d.widget("spoc").text() == "Lee"
    d.widget("address").setFocus()
    qtbot.keyClicks(d.widget("address"), "4 Quay Street")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    p = field.people.require(theirs.id)
    assert (p.address, p.spoc, p.status) == ("4 Quay Street", "Lee", CaseStatus.OPEN)

    mine = field.people.add(Person(name="Rhiannon"))
    d = _dialog(qtbot, field, mine.id)
    assert not d.widget("status").isEnabled()
    assert d.widget("lead_agency").isEnabled() and d.widget("spoc").isEnabled()
    qtbot.keyClicks(d.widget("spoc"), "Sam")
    qtbot.mouseClick(d.save_button, Qt.MouseButton.LeftButton)
    assert field.people.require(mine.id).spoc == "Sam"
    s = import_paths(lead, export_packages(field, tmp_path / "up").packages)
    assert (s.not_permitted, s.quarantined) == (0, 0), s.text()
    assert lead.people.require(theirs.id).address == "4 Quay Street"

    d = _dialog(qtbot, lead, theirs.id)               # the lead agency edits them all
    assert d.widget("status").isEnabled() and d.widget("spoc").isEnabled()
    d.reject()
    lead.lock()
    field.lock()


def test_oxfordshire_calls_it_the_primary_agency(qtbot, tmp_path):
    from desktop.ui.person.workspace import PersonWorkspace
    lead = make_store(tmp_path / "lead", "lead", "Lee Coordinator", "Social Work Team")
    pid = lead.people.add(Person(name="Morag", lead_agency="Adult Social Care")).id
    d = _dialog(qtbot, lead, pid)
    label = d.forms["person"].label("lead_agency")
    assert label.text().replace("&", "") == "Lead agency"
    d.reject()
    lead.settings.set("procedure", "oxfordshire")
    d = _dialog(qtbot, lead, pid)
    label = d.forms["person"].label("lead_agency")
    assert label.text().replace("&", "") == "Primary agency" and label.buddy() is d.widget(
        "lead_agency")
    assert d.widget("lead_agency").accessibleName() == "Primary agency"
    d.reject()
    view = PersonWorkspace(lead, pid)
    qtbot.addWidget(view)
    assert "Primary agency: Adult Social Care" in view.facts.text()
    lead.lock()
