"""The person screen: a header (name, status, key facts) over the tabs in ``tabs.TABS``.

Tabs are built the first time they are shown (``tab(cls)`` builds one on demand). After a store
change the visible tab refreshes at once and the others when next shown. Alt+1…9 switch tabs;
Esc or Alt+Left goes back to the caseload.
"""
from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QScrollArea, QTabWidget, QToolButton,
    QVBoxLayout, QWidget,
)

from desktop.domain.procedure import lead_term
from desktop.ui.person import tabs as tab_registry
from desktop.ui.widgets import MessageLabel, format_date, heading, hint, name
from desktop.i18n import _, ngettext  # noqa: F401

log = logging.getLogger(__name__)


class PersonWorkspace(QWidget):
    back = Signal()
    attempt_logged = Signal(object)     # a ContactAttempt logged from a quick-log bar

    def __init__(self, store, person_id: str, parent: QWidget | None = None, *,
                 first: type | None = None):
        """``first``: the tab shown first (only it is built now; the others when shown)."""
        super().__init__(parent)
        self.store = store
        self.person_id = person_id
        self._tabs: dict[type, QWidget] = {}
        self._stale: set[type] = set()

        self.back_button = QPushButton(_("← &Back to caseload"))
        self.back_button.setFlat(True)
        name(self.back_button, _("Back to caseload"), _("Esc or Alt+Left"))
        self.back_button.clicked.connect(self.back)
        self.edit_button = QPushButton(_("Edit details…"))
        name(self.edit_button, _("Edit this person's details"), _("Ctrl+E"))
        self.edit_button.setToolTip(_("Edit details (Ctrl+E)"))
        self.edit_button.clicked.connect(lambda: self.edit_record())
        self.name_label = heading("", 1.7, wrap=False)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.status_label.setContentsMargins(8, 2, 8, 2)
        self.status_label.setAccessibleName(_("Case status"))
        self.facts = hint("")
        self.facts.setAccessibleName(_("Details"))

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        title = QHBoxLayout()
        title.setSpacing(12)
        title.addWidget(self.name_label)
        title.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addStretch(1)

        self.tab_widget = QTabWidget()
        self.tab_widget.setDocumentMode(True)
        name(self.tab_widget, _("Person sections"))
        for cls in tab_registry.TABS:
            # Each tab scrolls when the window is smaller than it needs (a 1024×600 laptop at
            # 150 % text) instead of squeezing its parts over one another.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            holder.setProperty("tab_class_name", cls.__name__)
            inner = QWidget()
            QVBoxLayout(inner).setContentsMargins(0, 0, 0, 0)
            holder.setWidget(inner)
            self.tab_widget.addTab(holder, _(cls.TITLE).replace("&", "&&"))  # plain titles
        self.tab_widget.currentChanged.connect(self._tab_shown)
        # Every section one click away even when the tabs do not fit (small screen, large
        # text) and the tab bar's own scroll arrows are easy to miss.
        self.sections_button = QToolButton()
        self.sections_button.setText(_("All sections ▾"))
        self.sections_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.sections_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sections_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        name(self.sections_button, _("All sections"), _("A list of every section of this screen"))
        self.sections_button.setToolTip(_("Every section of this screen (Alt+1 … Alt+9, "
                                          "Ctrl+Tab)"))
        # Not a Tab stop: from the keyboard Alt+1 … Alt+9 and Ctrl+Tab reach every section.
        self.sections_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.sections_button)
        for i, cls in enumerate(tab_registry.TABS):
            text = _(cls.TITLE).replace("&", "")
            action = menu.addAction(f"{text}\tAlt+{i + 1}" if i < 9 else text)
            action.triggered.connect(lambda _c=False, i=i: self.show_tab_index(i))
        self.sections_button.setMenu(menu)
        self.tab_widget.setCornerWidget(self.sections_button, Qt.Corner.TopRightCorner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 12)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(title)
        layout.addWidget(self.facts)
        layout.addSpacing(6)
        layout.addWidget(self.tab_widget, 1)

        # Alt+Left is the main window's "Back to caseload" action; Esc works here only.
        esc = QShortcut(QKeySequence("Esc"), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.back)
        for i in range(min(9, len(tab_registry.TABS))):
            sc = QShortcut(QKeySequence(f"Alt+{i + 1}"), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda i=i: self.show_tab_index(i))
        self.refresh_header()
        if first in tab_registry.TABS and tab_registry.TABS.index(first) != \
                self.tab_widget.currentIndex():
            self.tab_widget.setCurrentIndex(tab_registry.TABS.index(first))   # builds it
        else:
            self._tab_shown(self.tab_widget.currentIndex())

    # ---------------------------------------------------------------- header
    def refresh_header(self) -> bool:
        """Re-read the person; False when they are gone (deleted elsewhere)."""
        person = self.store.people.get(self.person_id)
        if person is None:
            return False
        self.name_label.setText(person.name)
        self.name_label.setAccessibleName(person.name)
        self.status_label.setText(person.status.label)
        facts = []
        if person.known_as and person.known_as != person.name:
            facts.append(_('Known as {known_as}').format(known_as=person.known_as))
        if person.date_of_birth:
            facts.append(_('Born {format_date} (age {age})').format(format_date=format_date(person.date_of_birth), age=_age(person.date_of_birth)))
        if person.address:
            facts.append(person.address.replace("\n", ", "))
        if person.lead_agency:
            facts.append(f"{lead_term(self.store)}: {person.lead_agency}")
        if person.spoc:
            facts.append(_('SPOC: {spoc}').format(spoc=person.spoc))
        self.facts.setText("  ·  ".join(facts) or _("No date of birth or address recorded yet."))
        return True

    # ---------------------------------------------------------------- tabs
    def tab(self, cls: type) -> QWidget | None:
        """The instance of tab ``cls`` (built now if it has not been shown yet)."""
        if cls in self._tabs:
            return self._tabs[cls]
        if cls not in tab_registry.TABS:
            return None
        holder = self.tab_widget.widget(tab_registry.TABS.index(cls))
        try:
            instance = cls(self.store, self.person_id, holder)
        except Exception:  # noqa: BLE001 - one broken tab must not take the screen down
            log.exception("building tab %s failed", cls.__name__)
            instance = MessageLabel(holder)
            instance.show_error(_("The {section} section could not be shown. The other sections "
                                  "work; tell your administrator.").format(section=_(cls.TITLE)))
        holder.widget().layout().addWidget(instance)
        self._tabs[cls] = instance
        bar = getattr(instance, "quick_log", None)
        if bar is not None and hasattr(bar, "logged"):
            bar.logged.connect(self.attempt_logged)
        return instance

    def current_tab(self) -> QWidget | None:
        index = self.tab_widget.currentIndex()
        return self.tab(tab_registry.TABS[index]) if index >= 0 else None

    def edit_record(self, page: str = "person"):
        """The screen's one "Edit details…" (Ctrl+E): every field of the person record, on
        pages; the Overview (which shows the record) refreshes when it is saved."""
        from desktop.ui.person.overview_tab import OverviewTab
        overview = self.tab(OverviewTab)
        return overview.edit_person(page) if hasattr(overview, "edit_person") else None

    def show_tab(self, cls: type) -> QWidget | None:
        if cls in tab_registry.TABS:
            self.tab_widget.setCurrentIndex(tab_registry.TABS.index(cls))
        return self.tab(cls)

    def show_tab_index(self, index: int) -> None:
        if 0 <= index < self.tab_widget.count():
            self.tab_widget.setCurrentIndex(index)
            self.tab_widget.tabBar().setFocus()

    def _tab_shown(self, index: int) -> None:
        if index < 0:
            return
        cls = tab_registry.TABS[index]
        fresh = cls not in self._tabs
        instance = self.tab(cls)
        if not fresh and cls in self._stale and hasattr(instance, "refresh"):
            self._refresh(cls, instance)
        self._stale.discard(cls)

    def _refresh(self, cls, instance, changes=None) -> None:
        """``refresh_for(changes)`` when the tab has one (it may apply just what changed),
        else ``refresh()``."""
        try:
            if changes is not None and hasattr(instance, "refresh_for"):
                instance.refresh_for(changes)
            else:
                instance.refresh()
        except Exception:  # noqa: BLE001
            log.exception("refreshing tab %s failed", cls.__name__)

    def on_store_changed(self, changes) -> None:
        """Refresh the header and the visible tab; mark the others to refresh when shown."""
        if not self.store.is_open:
            return
        entities = getattr(changes, "entities", None)
        if (not entities or "person" in entities or getattr(changes, "unattributed", True)) \
                and not self.refresh_header():
            self.back.emit()
            return
        current = self.tab_widget.currentIndex()
        for cls, instance in self._tabs.items():
            if current >= 0 and cls is tab_registry.TABS[current]:
                self._refresh(cls, instance, changes)
            else:
                self._stale.add(cls)

    # ---------------------------------------------------------------- quick log
    def focus_quick_log(self) -> bool:
        from desktop.ui.person.contacts_tab import ContactsTab
        if ContactsTab not in tab_registry.TABS:
            return False
        tab = self.show_tab(ContactsTab)
        tab.focus_quick_log()
        return True

    def focus_default(self) -> None:
        if not self.focus_quick_log():
            self.tab_widget.setFocus()

    def clear(self) -> None:
        """Drop personal data from every tab and the header (before locking)."""
        for instance in self._tabs.values():
            if hasattr(instance, "clear"):
                try:
                    instance.clear()
                except Exception:  # noqa: BLE001
                    log.exception("clearing a tab failed")
        for label in (self.name_label, self.facts, self.status_label):
            label.clear()


def _age(dob: date, today: date | None = None) -> int:
    today = today or date.today()
    return today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
