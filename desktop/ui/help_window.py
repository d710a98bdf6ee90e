"""The in-app guide: a topic list and the topic's text (``resources/help/*.html``).

``show_help(parent, "checklist")`` opens (or raises) the help window at a topic; a topic may name
an anchor inside it: ``"meetings#meetings-after"``. Topic ids are the file names in
``resources/help/topics.json`` (stable: tabs link to them). Links between topics are ordinary
relative links (``checklist.html#checklist-items``); links to the web open in the browser.
The window is not modal, so it can stay open beside the work.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QSplitter, QTextBrowser,
                               QVBoxLayout, QWidget)

from desktop.resources import ResourcesMissing, resource
from desktop.i18n import _, ngettext  # noqa: F401

DEFAULT_TOPIC = "overview"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    path: Path

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def help_folder() -> Path:
    """``resources/help/<language>/`` when the guide is translated, else the English."""
    from desktop.i18n import SOURCE, language
    if language() != SOURCE:
        try:
            return resource("help", language())
        except ResourcesMissing:
            pass
    return resource("help")


def load_topics() -> list[Topic]:
    """The topics in reading order; an empty list if the help files are missing."""
    try:
        folder = help_folder()
        index = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    except (ResourcesMissing, ValueError, OSError):
        return []
    return [Topic(t["id"], t["title"], folder / f"{t['id']}.html")
            for t in index.get("topics", []) if (folder / f"{t['id']}.html").is_file()]


def split_topic(topic: str | None) -> tuple[str, str]:
    """``"meetings#meetings-after"`` -> ``("meetings", "meetings-after")``."""
    name, _ignored, anchor = (topic or DEFAULT_TOPIC).partition("#")
    return name or DEFAULT_TOPIC, anchor


class HelpWindow(QDialog):
    topicShown = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(_("Stickability Help"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.topics = load_topics()
        self._by_id = {t.id: t for t in self.topics}
        self._by_file = {t.path.name: t for t in self.topics}

        self.search = QLineEdit()
        self.search.setObjectName("helpSearch")
        self.search.setPlaceholderText(_("Search help"))
        self.search.setAccessibleName(_("Search help topics"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        search_label = QLabel(_("&Find:"))
        search_label.setBuddy(self.search)

        self.list = QListWidget()
        self.list.setObjectName("helpTopics")
        self.list.setAccessibleName(_("Help topics"))
        for topic in self.topics:
            item = QListWidgetItem(topic.title)
            item.setData(Qt.ItemDataRole.UserRole, topic.id)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._on_item)

        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setAccessibleName(_("Help text"))
        self.browser.setOpenExternalLinks(True)
        self.browser.setTabChangesFocus(True)   # Tab steps through the links, then moves on
        self.browser.setSearchPaths([str(p) for p in _help_dirs()])
        self.browser.sourceChanged.connect(self._on_source)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search)
        left_layout.addLayout(row)
        left_layout.addWidget(self.list)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        self._size_to_font(splitter)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(
            _("Close help"))

        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)

        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.Back, self, self.browser.backward)
        QShortcut(QKeySequence.StandardKey.Forward, self, self.browser.forward)
        self.setTabOrder(self.search, self.list)
        self.setTabOrder(self.list, self.browser)

        if not self.topics:
            self.browser.setHtml("<p>" + _(
                "The help files are missing from this installation. Reinstall Stickability "
                "to get them back.") + "</p>")

    def _size_to_font(self, splitter: QSplitter) -> None:
        """Room for the longest topic title and ~90 characters of text, at any font size."""
        char = max(self.fontMetrics().averageCharWidth(), 1)
        list_width = max(self.list.sizeHintForColumn(0), 20 * char) + 4 * char
        width, height = list_width + 92 * char, 38 * self.fontMetrics().height()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, int(screen.width() * 0.9)), min(height,
                                                                       int(screen.height() * 0.9))
        self.resize(width, height)
        splitter.setSizes([list_width, width - list_width])

    # ---------------------------------------------------------------- navigation
    def show_topic(self, topic: str | None = None) -> bool:
        """Show a topic (``"id"`` or ``"id#anchor"``); False if there is no such topic."""
        name, anchor = split_topic(topic)
        found = self._by_id.get(name)
        if found is None:
            return False
        url = QUrl.fromLocalFile(str(found.path))
        if anchor:
            url.setFragment(anchor)
        self.browser.setSource(url)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        return True

    def current_topic(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def _on_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) != self._shown_id():
            self.show_topic(item.data(Qt.ItemDataRole.UserRole))

    def _shown_id(self) -> str:
        topic = self._by_file.get(Path(self.browser.source().path()).name)
        return topic.id if topic else ""

    def _on_source(self, url: QUrl) -> None:
        """Keep the list in step when a link inside the text opens another topic."""
        topic = self._by_file.get(Path(url.path()).name)
        if topic is None:
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == topic.id:
                if self.list.currentRow() != row:
                    self.list.blockSignals(True)
                    self.list.setCurrentRow(row)
                    self.list.blockSignals(False)
                break
        self.setWindowTitle(_("{topic} - Stickability Help").format(topic=topic.title))
        self.topicShown.emit(topic.id)

    def _filter(self, text: str) -> None:
        """Hide topics whose title and text do not contain every word typed."""
        words = text.lower().split()
        first_visible = None
        for row, topic in enumerate(self.topics):
            haystack = (topic.title + " " + _plain(topic.text())).lower()
            hidden = bool(words) and not all(w in haystack for w in words)
            self.list.item(row).setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = row
        current = self.list.currentItem()
        if first_visible is not None and (current is None or current.isHidden()):
            self.list.setCurrentRow(first_visible)

    def visible_topics(self) -> list[str]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(self.list.count()) if not self.list.item(r).isHidden()]


def _plain(html: str) -> str:
    import re
    return re.sub(r"<[^>]+>", " ", html)


def _help_dirs() -> list[Path]:
    try:
        return [help_folder()]
    except ResourcesMissing:
        return []


def show_help(parent: QWidget | None = None, topic: str | None = None) -> HelpWindow:
    """Open the help window at ``topic`` (default: the overview), or raise the one already open
    for this parent. Returns the window."""
    window = getattr(parent, "_stickability_help", None) if parent is not None else None
    if window is None:
        window = HelpWindow(parent)
        if parent is not None:
            parent._stickability_help = window
    if not window.show_topic(topic):
        window.show_topic(DEFAULT_TOPIC)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
