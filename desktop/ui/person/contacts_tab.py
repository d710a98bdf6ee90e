"""Contacts: the quick-log bar over the timeline of every contact attempt, newest first."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from desktop.domain.rules.contact import unsuccessful_run
from desktop.ui.empty_state import set_empty_text
from desktop.ui.person.base import PersonTab
from desktop.ui.person.quick_log import QuickLogBar
from desktop.ui.theme import em
from desktop.ui.widgets import format_date, format_datetime, hint, name
from desktop.i18n import N_, _, ngettext  # noqa: F401

COLUMNS = (N_("When"), N_("Method"), N_("Outcome"), N_("Note"), N_("Next planned"), N_("Worker"))


class TimelineModel(QAbstractTableModel):
    """One person's contact attempts, newest first (``store.attempts.timeline``), read a page
    at a time: the view asks for more (``canFetchMore`` / ``fetchMore``) as it scrolls, so a
    person with thousands of attempts opens as fast as one with ten."""

    PAGE = 200

    def __init__(self, store, person_id: str, parent=None):
        super().__init__(parent)
        self.store, self.person_id = store, person_id
        self.attempts: list = []
        self.visits: dict = {}          # attempt id -> Visit (fieldwork visit details)
        self.total = 0

    def reload(self) -> None:
        self.beginResetModel()
        if self.store.is_open:
            self.total = self.store.attempts.count("person_id = ?", (self.person_id,))
            self.attempts = self.store.attempts.timeline(self.person_id, limit=self.PAGE)
            self.visits = self.store.visits.by_attempt(self.person_id)
        else:
            self.total, self.attempts, self.visits = 0, [], {}
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.attempts, self.visits, self.total = [], {}, 0
        self.endResetModel()

    def apply(self, record_ids) -> bool:
        """Take in attempts a commit added or changed without re-reading the page: new ones
        newer than the first row are put on top, changed ones replaced where they are. False
        when that is not enough (an older attempt arrived, one was deleted): reload then."""
        ids = list(record_ids)
        found = self.store.attempts.where(f"id IN ({', '.join('?' * len(ids))})", ids,
                                          include_deleted=True)
        mine = [a for a in found if a.person_id == self.person_id]
        if len(found) != len(ids) or len(mine) != len(found) and mine:
            return False
        at = {a.id: i for i, a in enumerate(self.attempts)}
        new = sorted((a for a in mine if a.id not in at), key=lambda a: a.at, reverse=True)
        if any(a.deleted for a in mine) or \
                new and self.attempts and new[-1].at < self.attempts[0].at:
            return False
        for a in mine:
            if a.id in at:
                i = at[a.id]
                if a.at != self.attempts[i].at:
                    return False
                self.attempts[i] = a
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self.attempts[:0] = new
            self.total += len(new)
            self.endInsertRows()
        return True

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self.attempts) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or not self.store.is_open:
            return
        more = self.store.attempts.timeline(self.person_id, limit=self.PAGE,
                                            offset=len(self.attempts))
        if not more:
            self.total = len(self.attempts)
            return
        start = len(self.attempts)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self.attempts.extend(more)
        self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.attempts)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Painting asks for a dozen roles per cell: the ones answered here are checked first
        # (a repaint after a quick-log calls this hundreds of times)
        if role not in _ROLES:
            return None
        row = index.row()
        if row < 0 or row >= len(self.attempts):
            return None
        a, col = self.attempts[row], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(a, col)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if col in (2, 3) and text else None
            return text.replace("\n", " ") if col == 3 else text
        if role == Qt.ItemDataRole.FontRole and col == 2 and a.outcome.seen:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{_(COLUMNS[col])}: {self._text(a, col) or _('none')}"
        return None

    def _text(self, a, col: int) -> str:
        if col == 0:
            return format_datetime(a.at)
        if col == 1:
            return a.method.label
        if col == 2:
            visit = self.visits.get(a.id)
            mark = "" if visit is None else " · visit" + (" ⚠" if visit.mismatch or
                                                          visit.incident else "")
            if a.advocacy_offered:
                mark += _(" · advocacy offered")
            if a.corrected:
                mark += " · corrected"
            return ("✓ " if a.outcome.seen else "") + a.outcome.label + mark
        if col == 3:
            return a.note
        if col == 4:
            return format_date(a.next_planned_at)
        if col == 5:
            return a.worker
        return ""


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.AccessibleTextRole})


class ContactsTab(PersonTab):
    TITLE = N_("Contacts")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.quick_log = QuickLogBar(store, person_id)
        self.summary = hint("")
        self.summary.setAccessibleName(_("Contact summary"))
        self.model = TimelineModel(store, person_id, self)
        self.table = QTableView()
        # A few contacts in view at any text size (the tab scrolls rather than squash it).
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 7)
        name(self.table, _("Contact attempts"), _("Every contact attempt, newest first"))
        self.table.setModel(self.model)
        set_empty_text(self.table, _("No contact attempts yet.\nLog the first one above: choose "
                                   "the method and the outcome, add a note, press Enter. "
                                   "Ctrl+N gets you there from anywhere."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in enumerate((10.7, 9.3, 19.3, 21.4, 7.9, 8.6)):   # line heights
            self.table.setColumnWidth(col, em(self.table, width))
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.quick_log)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        from desktop.ui.person.contacts_visits import add_visit_details
        add_visit_details(self)         # Enter on a seen contact: its visit details
        from desktop.ui.person.attempt_correction import add_correction
        add_correction(self)            # a correction with its reason, the original kept
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        self._summarise()

    def refresh_for(self, changes) -> None:
        """After a commit: only attempts changed (a quick-log, an edit) → apply those to the
        list; anything else (visit details, a deletion) → read the first page again."""
        if changes.entities == {"contact_attempt"} and changes.record_ids and \
                self.model.apply(changes.record_ids):
            self._summarise()
        else:
            self.refresh()

    def _summarise(self) -> None:
        total = self.model.total
        if not total:
            self.summary.setText(_("No contact attempts yet. Log the first one above: choose the "
                                 "method and outcome, add a note, press Enter."))
            return
        # last seen and the run since come from the caseload summary (not the whole history)
        rows = self.store.people.caseload(ids=[self.person_id])
        last_seen = rows[0].last_seen if rows else None
        run = rows[0].unsuccessful_since_seen if rows else unsuccessful_run(self.model.attempts)
        parts = [ngettext("{n} attempt", "{n} attempts", total).format(n=total)]
        parts.append(_("last seen {date}").format(date=format_date(last_seen)) if last_seen
                     else _("not seen yet"))
        if run:
            parts.append(_("{run} unsuccessful since last seen").format(run=run) if last_seen
                         else _("{run} unsuccessful").format(run=run))
        self.summary.setText(" · ".join(parts))

    def focus_quick_log(self) -> None:
        self.quick_log.focus()

    def clear(self) -> None:
        self.model.clear()
        self.quick_log.reset()
