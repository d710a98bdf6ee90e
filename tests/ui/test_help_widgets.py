"""Help window, keyboard-shortcuts dialog and About box: content loads, names are set, the
shortcuts list comes from the window itself."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from desktop.resources import resource
from desktop.ui.about import AboutDialog, licences_html
from desktop.ui.help_window import HelpWindow, load_topics, show_help, split_topic
from desktop.ui.shortcuts_dialog import ShortcutsDialog, collect_shortcuts
from tests.ui.a11y import tab_order, unnamed_controls

REQUIRED_TOPICS = {"overview", "spoc", "small-goals", "contact-loop", "escalation", "checklist",
                   "chronology", "meetings", "risk", "staff-safety", "closure", "keyboard"}


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("name"):
            self.names.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def _parse(topic) -> _Anchors:
    parser = _Anchors()
    parser.feed(topic.text())
    return parser


# ---------------------------------------------------------------------------- help content
def test_every_topic_is_listed_has_a_file_and_its_own_anchor():
    index = json.loads(resource("help", "topics.json").read_text(encoding="utf-8"))
    ids = [t["id"] for t in index["topics"]]
    topics = load_topics()
    assert [t.id for t in topics] == ids                  # no listed topic is missing a file
    assert REQUIRED_TOPICS <= set(ids)
    for topic in topics:
        anchors = _parse(topic).names
        assert topic.id in anchors, f"{topic.id}.html needs <a name=\"{topic.id}\">"
        assert all(a == topic.id or a.startswith(topic.id + "-") for a in anchors), anchors
        assert "color" not in topic.text().lower(), "no hard-coded colours in help"


def test_links_between_topics_resolve():
    topics = {t.path.name: t for t in load_topics()}
    for topic in topics.values():
        for href in _parse(topic).links:
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            page, _, anchor = href.partition("#")
            target = topics.get(page) if page else topic
            assert target is not None, f"{topic.id}: broken link {href}"
            if anchor:
                assert anchor in _parse(target).names, f"{topic.id}: no anchor {href}"


@pytest.mark.parametrize("phrase", ["single point of contact", "small goals", "contact loop",
                                    "A tick is not sufficient", "chronology",
                                    "within 5 working days", "RARA", "Necessary, Proportionate",
                                    "debrief", "all options", "Ctrl+L"])
def test_the_guide_covers_the_procedure(phrase):
    text = " ".join(re.sub(r"\s+", " ", t.text()) for t in load_topics())
    assert phrase.lower() in text.lower()


def test_split_topic():
    assert split_topic("meetings#meetings-after") == ("meetings", "meetings-after")
    assert split_topic(None) == ("overview", "")
    assert split_topic("#x") == ("overview", "x")


# ---------------------------------------------------------------------------- help window
def test_help_window_opens_at_a_topic_and_follows_links(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    window = show_help(parent, "checklist")
    assert window.current_topic() == "checklist"
    assert "A tick is not sufficient" in window.browser.toPlainText()
    assert show_help(parent, "meetings#meetings-after") is window      # one window per parent
    assert window.current_topic() == "meetings"
    assert "Engagement checklist" not in window.windowTitle()
    assert window.windowTitle().startswith("Meetings and minutes")
    # a link followed inside the text (relative, as in the HTML) moves the topic list too
    window.browser.setSource(QUrl("chronology.html"))
    assert window.current_topic() == "chronology"
    assert "without retyping" in window.browser.toPlainText()
    window.show_topic("risk#risk-rara")
    assert window.current_topic() == "risk"
    assert "Reduce" in window.browser.toPlainText()


def test_unknown_topic_falls_back_to_the_overview(qtbot):
    window = show_help(None, "no-such-topic")
    qtbot.addWidget(window)
    assert window.current_topic() == "overview"
    assert window.show_topic("no-such-topic") is False


def test_choosing_a_topic_in_the_list_shows_it(qtbot):
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show_topic("overview")
    row = [t.id for t in window.topics].index("staff-safety")
    window.list.setCurrentRow(row)
    assert "joint visit needed" in window.browser.toPlainText()


def test_search_narrows_the_topics(qtbot):
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show_topic("overview")
    qtbot.keyClicks(window.search, "minute taker")
    assert window.visible_topics() == ["meetings"]
    assert window.current_topic() == "meetings"
    window.search.clear()
    assert len(window.visible_topics()) == len(window.topics)


def test_help_window_is_accessible(qtbot):
    window = HelpWindow()
    qtbot.addWidget(window)
    assert unnamed_controls(window) == []
    order = tab_order(window)
    assert order.index("helpSearch") < order.index("helpTopics") < order.index("helpText")


# ---------------------------------------------------------------------------- shortcuts
def _main_window(qtbot) -> QMainWindow:
    w = QMainWindow()
    qtbot.addWidget(w)
    file_menu = w.menuBar().addMenu("&File")
    lock = QAction("&Lock now", w)
    lock.setShortcut(QKeySequence("Ctrl+L"))
    file_menu.addAction(lock)
    file_menu.addAction(QAction("&Export…", w))                      # no shortcut: not listed
    person = w.menuBar().addMenu("&Person")
    log = QAction("&Quick-log attempt", w)
    log.setShortcuts([QKeySequence("Ctrl+N"), QKeySequence("Ctrl+Shift+N")])
    person.addAction(log)
    undo = QAction("&Undo last attempt", w)
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    person.addAction(undo)
    search = QAction("Search the caseload", w)                      # not in any menu
    search.setShortcut(QKeySequence("Ctrl+F"))
    w.addAction(search)
    shortcut = QShortcut(QKeySequence("F1"), w)
    shortcut.setWhatsThis("Help on this screen")
    QShortcut(QKeySequence("F12"), w)                                 # undescribed: not listed
    return w


def test_shortcuts_are_collected_from_the_window(qtbot):
    rows = collect_shortcuts(_main_window(qtbot))
    native = lambda k: QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)  # noqa
    assert [(r.where, r.action, r.keys) for r in rows] == [
        ("File", "Lock now", native("Ctrl+L")),
        ("Person", "Quick-log attempt", f"{native('Ctrl+N')}, {native('Ctrl+Shift+N')}"),
        ("Person", "Undo last attempt", native("Ctrl+Z")),
        ("General", "Help on this screen", native("F1")),
        ("General", "Search the caseload", native("Ctrl+F")),
    ]


def test_extra_rows_for_keys_that_are_not_actions(qtbot):
    window = _main_window(qtbot)
    rows = collect_shortcuts(window, [("Caseload", "Enter", "Open the selected person"),
                                      ("Anywhere", "Ctrl+L", "Lock now (duplicate)"),
                                      ("Person screen", "Alt+1 … Alt+9", "Switch sections")])
    tail = [(r.where, r.action, r.keys) for r in rows[5:]]
    enter = QKeySequence("Enter").toString(QKeySequence.SequenceFormat.NativeText)
    assert tail == [("Caseload", "Open the selected person", enter),
                    ("Person screen", "Switch sections", "Alt+1 … Alt+9")]


def test_shortcuts_dialog_lists_and_filters(qtbot):
    window = _main_window(qtbot)              # keep a reference: the dialog is its child
    dialog = ShortcutsDialog(window)
    assert dialog.table.rowCount() == 5
    assert dialog.table.item(0, 0).text() == "Lock now"
    assert dialog.empty.isHidden()
    qtbot.keyClicks(dialog.filter, "attempt")
    assert dialog.visible_actions() == ["Quick-log attempt", "Undo last attempt"]
    assert unnamed_controls(dialog) == []


def test_shortcuts_dialog_for_a_window_without_any(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    dialog = ShortcutsDialog(w)
    assert dialog.table.rowCount() == 0
    assert not dialog.empty.isHidden()


# ---------------------------------------------------------------------------- about
def test_about_shows_version_and_licences(qtbot):
    from desktop import __version__
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.version.text()
    text = dialog.licences.toPlainText()
    for needed in ("PySide6", "LGPL-3.0", "SQLCipher", "BSD-3-Clause", "ReportLab", "DejaVu",
                   "cryptography", "Apache-2.0", "pyrage", "MIT", "keyring", "platformdirs"):
        assert needed in text, needed
    assert "THIRD-PARTY-LICENCES.txt" in licences_html()
    assert unnamed_controls(dialog) == []
    assert dialog.windowFlags() & Qt.WindowType.Dialog
