"""The Help menu: F1 opens the procedure guide at the topic for the screen in view; the
shortcuts dialog lists the window's actions and the extra keys; About shows the version."""
from PySide6.QtWidgets import QTabWidget

from desktop.domain.person import Person
from desktop.ui.help import TAB_TOPICS, topic_for
from desktop.ui.help_window import load_topics
from desktop.ui.person.tabs import TABS


def test_every_tab_has_a_topic_that_exists():
    ids = {t.id for t in load_topics()}
    assert set(TAB_TOPICS.values()) <= ids
    for cls in TABS:
        assert topic_for(cls) in ids, cls.TITLE


def test_f1_opens_the_guide_at_the_current_tab(qtbot, unlocked):
    assert unlocked.help_topic() == "overview"
    person = unlocked.store.people.add(Person(name="Ada Help"))
    unlocked.workspace.open_person(person.id)
    tabs = unlocked.workspace.person_view.findChild(QTabWidget)
    titles = [tabs.tabText(i).replace("&&", "&") for i in range(tabs.count())]
    tabs.setCurrentIndex(titles.index("Checklist"))
    assert unlocked.help_topic() == "checklist"
    window = unlocked.show_help()
    qtbot.addWidget(window)
    assert window.current_topic().split("#")[0] == "checklist"


def test_shortcuts_dialog_lists_actions_and_extra_keys(qtbot, unlocked):
    dialog = unlocked.show_shortcuts()
    qtbot.addWidget(dialog)
    listed = {r.action.rstrip("…") for r in dialog.rows}
    assert {"Help on this screen", "Keyboard shortcuts", "Sync"} <= listed
    assert any("Open the selected person" in r.action for r in dialog.rows)


def test_ctrl_e_on_a_person_opens_the_full_record(qtbot, unlocked):
    from desktop.ui.person.record_dialog import PersonRecordDialog
    from desktop.ui.person.details_dialog import PersonDialog
    person = unlocked.store.people.add(Person(name="Ada Record"))
    unlocked.workspace.open_person(person.id)
    dialog = unlocked.workspace.edit_person()          # deletes itself on close
    assert isinstance(dialog, PersonRecordDialog)
    dialog.reject()
    unlocked.workspace.back_to_caseload()
    short = unlocked.workspace.edit_person(person.id)
    assert isinstance(short, PersonDialog)
    short.reject()
