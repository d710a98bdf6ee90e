"""The caseload screen: everyone on this worker's list, with search (Ctrl+F), a status filter,
sorting, add / edit person, and Enter to open someone. The data lives in ``caseload.model``.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from desktop.ui.caseload.model import (  # noqa: F401  (re-exported for tabs and tests)
    ID_ROLE, SORT_ROLE, STATUS_FILTERS, CaseloadModel, Col, set_alert_provider,
)
from desktop.ui.theme import em
from desktop.ui.widgets import heading, hint, name
from desktop.i18n import _, ngettext  # noqa: F401


class CaseloadView(QWidget):
    """The caseload screen. ``open_person(id)`` asks to open someone; ``new_person`` and
    ``edit_person(id)`` ask for the person dialog (the workspace owns dialogs)."""

    open_person = Signal(str)
    new_person = Signal()
    edit_person = Signal(str)

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.model = CaseloadModel(store, self)     # sorts and filters itself

        title_row = QHBoxLayout()
        title_row.addWidget(heading(_("Caseload"), 1.5))
        self.count = hint("")
        self.count.setAccessibleName(_("Number of people shown"))
        title_row.addWidget(self.count, 0, Qt.AlignmentFlag.AlignBottom)
        title_row.addStretch(1)
        self.add_button = QPushButton(_("&New person…"))
        name(self.add_button, _("New person"), _("Add a person to the caseload (Ctrl+Shift+N)"))
        self.add_button.clicked.connect(self.new_person)
        self.edit_button = QPushButton(_("Edit details…"))
        name(self.edit_button, _("Edit the selected person's details"), _("Ctrl+E"))
        self.edit_button.setToolTip(_("Edit details (Ctrl+E)"))
        self.edit_button.clicked.connect(self._edit_current)
        self.open_button = QPushButton(_("&Open"))
        name(self.open_button, _("Open the selected person"), _("Or press Enter in the list"))
        self.open_button.clicked.connect(self._open_current)
        for b in (self.add_button, self.edit_button, self.open_button):
            title_row.addWidget(b)

        filter_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name or known-as  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Search:"))
        search_label.setBuddy(self.search)
        name(self.search, _("Search the caseload"), _("Part of a name or known-as name"))
        self.search.textChanged.connect(self._search_changed)
        self.status_filter = QComboBox()
        for label, _ignored in STATUS_FILTERS:
            self.status_filter.addItem(_(label))
        status_label = QLabel(_("Sho&w:"))
        status_label.setBuddy(self.status_filter)
        name(self.status_filter, _("Show cases with status"),
             _("Which cases the list shows (Alt+W)"))
        # Not a Tab stop: Tab from the search goes to the results (on the filter, a Down
        # meant for the list would silently change it). Alt+W or a click reaches it.
        self.status_filter.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        filter_row.addWidget(search_label)
        filter_row.addWidget(self.search, 3)
        filter_row.addSpacing(16)
        filter_row.addWidget(status_label)
        filter_row.addWidget(self.status_filter, 1)

        self.table = QTableView()
        name(self.table, _("Caseload"), _("People on the caseload. Enter opens the selected person."))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # In line heights, so the columns grow with the text size (150% and more).
        widths = {Col.NAME: 18, Col.STATUS: 7.2, Col.SPOC: 10.7, Col.LAST_CONTACT: 11.5,
                  Col.UNSUCCESSFUL: 7.2, Col.NEXT_DUE: 7.9}
        for col, width in widths.items():
            self.table.setColumnWidth(col, em(self.table, width))
        # Alerts beside the status, where a small screen with large text still shows them
        # (at the far right they needed a sideways scroll).
        header.moveSection(header.visualIndex(Col.ALERTS), header.visualIndex(Col.SPOC))
        self.table.setColumnWidth(Col.ALERTS, em(self.table, 14))
        self.table.doubleClicked.connect(lambda _i: self._open_current())
        self.table.installEventFilter(self)
        self.search.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_ignored: self._update_buttons())

        self.empty = QWidget()
        empty_col = QVBoxLayout(self.empty)
        empty_col.addStretch(1)
        self.empty_title = heading("", 1.2)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = hint("")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_button = QPushButton(_("&Add a person…"))
        name(self.empty_button, _("Add a person"))
        self.empty_button.clicked.connect(self.new_person)
        empty_col.addWidget(self.empty_title)
        empty_col.addWidget(self.empty_text)
        empty_col.addWidget(self.empty_button, 0, Qt.AlignmentFlag.AlignCenter)
        empty_col.addStretch(2)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(title_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.body, 1)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.add_button)
        self.setTabOrder(self.add_button, self.edit_button)
        self.setTabOrder(self.edit_button, self.open_button)
        self.reload()

    # ---------------------------------------------------------------- data
    def reload(self) -> None:
        current = self.current_id()
        self.model.reload()
        self._after_change(current)

    def refresh(self, person_ids) -> None:
        """Re-read only these people (cheap: one summary row each)."""
        current = self.current_id()
        self.model.refresh(person_ids)
        self._after_change(current)

    def clear(self) -> None:
        self.model.clear()
        self.search.clear()

    def _after_change(self, keep_id: str | None = None) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if keep_id:
            self.select(keep_id)
        if self.table.currentIndex().row() < 0 and shown:
            self.table.setCurrentIndex(self.model.index(0, 0))
        if total == 0:
            self.empty_title.setText(_("No one is on your caseload yet"))
            self.empty_text.setText(_("Add the first person with the button below, or press "
                                    "Ctrl+Shift+N at any time."))
            self.empty_button.show()
        elif shown == 0:
            self.empty_title.setText(_("No one matches"))
            what = _("“{text}”").format(text=self.search.text().strip()) \
                if self.search.text().strip() else _("this filter")
            self.empty_text.setText(
                _("Nobody in “{filter}” matches {what}. Clear the search (Esc) or choose "
                  "“All cases”.").format(filter=self.status_filter.currentText(), what=what))
            self.empty_button.hide()
        self.body.setCurrentIndex(0 if shown else 1)
        if total:
            self.count.setText(
                _("{shown} of {total} shown").format(shown=shown, total=total) if shown != total
                else ngettext("{n} person", "{n} people", total).format(n=total))
        else:
            self.count.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.open_button.setEnabled(has)

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        # While searching, the top match is the one selected: Enter opens it.
        self._after_change(None if text.strip() else self.current_id())
        if text.strip() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
            self.table.scrollToTop()

    def _status_changed(self, index: int) -> None:
        self.model.set_statuses(STATUS_FILTERS[index][1])
        self._after_change(self.current_id())

    # ---------------------------------------------------------------- selection
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.body.currentIndex() != 0:
            return None
        return index.data(ID_ROLE)

    def select(self, person_id: str) -> bool:
        row = self.model.row_for(person_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_table(self) -> None:
        if self.body.currentIndex() == 0:
            self.table.setFocus()
        elif self.empty_button.isVisible():
            self.empty_button.setFocus()
        else:
            self.search.setFocus()

    def _open_current(self) -> None:
        pid = self.current_id()
        if pid:
            self.open_person.emit(pid)

    def _edit_current(self) -> None:
        pid = self.current_id()
        if pid:
            self.edit_person.emit(pid)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_current()
                return True
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_id():
                self._open_current()            # the top match (or the one chosen below)
                return True
            if event.key() == Qt.Key.Key_Down and self.body.currentIndex() == 0:
                if self.table.currentIndex().row() < 0 and self.model.rowCount():
                    self.table.setCurrentIndex(self.model.index(0, 0))
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self.table.setFocus()
            return
        super().keyPressEvent(event)
