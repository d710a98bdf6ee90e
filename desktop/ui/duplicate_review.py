"""Possible duplicate people: side by side, with the score and the reasons, and the decision.

The list holds the pairs flagged for review (after each import, or by "Check the whole
caseload"). The selected pair shows both records field by field, how alike they are and why;
then: "Different people" (both stay, the pair is not offered again), or merge one into the
other with a reason (``desktop.store.person_merge``: the survivor keeps its id, every record
of the other moves to it, the other becomes a redirect; it can be undone with
``person unmerge``).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QListWidget, QPushButton,
    QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.domain.duplicates import PersonFacts, score_pair
from desktop.store.duplicates import flag_new_duplicates
from desktop.store.person_merge import merge_people
from desktop.sync import list_duplicates, resolve_duplicate
from desktop.ui import ops
from desktop.ui.widgets import MessageLabel, WrapLabel, format_date, heading, hint, name
from desktop.i18n import N_, _, ngettext  # noqa: F401

ROWS = ((N_("Name"), "name"), (N_("Known as"), "known_as"),
        (N_("Date of birth"), "date_of_birth"), (N_("Address"), "address"),
        (N_("Case status"), "status"), (N_("SPOC"), "spoc"), (N_("Lead agency"), "lead_agency"),
        (N_("Contacts logged"), "contacts"), (N_("Recorded by"), "created_by"),
        (N_("Recorded on"), "created_at"))


class DuplicatesView(QWidget):
    """The Possible duplicates tab of the Sync screen."""
    changed = Signal()
    TITLE = N_("Possible duplicates")

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.items: list[dict] = []
        self.op = None
        self.list = QListWidget()
        name(self.list, _("Possible duplicate pairs"))
        self.list.currentRowChanged.connect(self._show)
        self.empty = hint(_("No possible duplicates. People who may be the same adult (names "
                          "written differently, the same or a swapped date of birth, the same "
                          "address) are listed here after each import: nothing is merged "
                          "without a person deciding."))
        self.check_button = QPushButton(_("Check the &whole caseload"))
        name(self.check_button, _("Check the whole caseload"),
             _("Compare every person with every other and list the possible duplicates"))
        self.check_button.clicked.connect(self.check_all)

        self.title = heading("", 1.15)
        self.why = WrapLabel()
        self.table = QTableWidget(len(ROWS), 2)
        name(self.table, _("The two records side by side"))
        self.table.setVerticalHeaderLabels([_(r[0]) for r in ROWS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.reason = QLineEdit()
        name(self.reason, _("Reason for the merge"), _("Stays with the merge, in history and audit"))
        self.reason.setPlaceholderText(_("Why they are the same person (needed to merge)"))
        self.different_button = QPushButton(_("&Different people"))
        name(self.different_button, _("Different people"),
             _("Keep both records; this pair is not offered again"))
        self.different_button.clicked.connect(self.different)
        self.keep_left = QPushButton(_("Same person: keep the &left record"))
        name(self.keep_left, _("Same person: keep the left record"),
             _("Merge the right record into the left one (it can be undone)"))
        self.keep_left.clicked.connect(lambda: self.merge(0))
        self.keep_right = QPushButton(_("Same person: keep the &right record"))
        name(self.keep_right, _("Same person: keep the right record"),
             _("Merge the left record into the right one (it can be undone)"))
        self.keep_right.clicked.connect(lambda: self.merge(1))
        self.message = MessageLabel()

        detail = QWidget()
        col = QVBoxLayout(detail)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.why)
        col.addWidget(self.table, 1)
        col.addWidget(self.reason)
        row = QHBoxLayout()
        row.addWidget(self.different_button)
        row.addStretch(1)
        row.addWidget(self.keep_left)
        row.addWidget(self.keep_right)
        col.addLayout(row)
        self.detail = detail
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(self.list, 1)
        lcol.addWidget(self.check_button)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(detail)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.actions = [self.different_button, self.keep_left, self.keep_right]

    # ---------------------------------------------------------------- data
    def reload(self) -> None:
        rows = [d for d in list_duplicates(self.store)]
        self.items = []
        for d in rows:
            people = [self.store.people.get(d["record_id"], include_deleted=True),
                      self.store.people.get(d["other_id"], include_deleted=True)] \
                if d["entity"] == "person" else [None, None]
            item = {**d, "people": people, "score": None, "why": [d["reason"]]}
            if all(p is not None for p in people):
                m = score_pair(PersonFacts.of(people[0]), PersonFacts.of(people[1]))
                item["score"], item["why"] = m.score, m.why
            self.items.append(item)
        self.items.sort(key=lambda i: -(i["score"] or 0))
        self.list.blockSignals(True)
        self.list.clear()
        for i in self.items:
            score = f"{i['score']:.2f}  " if i["score"] is not None else ""
            self.list.addItem(f"{score}{i['record_name'] or i['record_id']}  /  "
                              f"{i['other_name'] or i['other_id']}")
        self.list.blockSignals(False)
        self.empty.setVisible(not self.items)
        self.detail.setVisible(bool(self.items))
        if self.items:
            self.list.setCurrentRow(0)
            self._show(0)

    def clear(self) -> None:
        self.items = []
        self.list.clear()

    def selected(self) -> dict | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _cell(self, person, key: str) -> str:
        if person is None:
            return ""
        if key == "contacts":
            return str(self.store.attempts.count("person_id = ?", (person.id,)))
        value = getattr(person, key, "")
        if key == "date_of_birth":
            return format_date(value) or _("(not recorded)")
        if key == "created_at":
            return format_date(value)
        if key == "status":
            return value.label
        return str(value or "")

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        a, b = item["people"]
        self.title.setText(f"{item['record_name'] or item['record_id']}  /  "
                           f"{item['other_name'] or item['other_id']}")
        score = _("How alike: {score} of 1. ").format(score=f"{item['score']:.2f}") \
            if item["score"] is not None else ""
        self.why.setText(score + _("Why: {reasons}.").format(reasons="; ".join(item["why"])))
        self.table.setHorizontalHeaderLabels([_("Left record"), _("Right record")])
        for r, (_label, key) in enumerate(ROWS):
            for c, person in enumerate((a, b)):
                text = self._cell(person, key)
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        mergeable = item["entity"] == "person" and all(p is not None and not p.deleted
                                                       for p in (a, b))
        self.keep_left.setEnabled(mergeable)
        self.keep_right.setEnabled(mergeable)
        self.reason.setEnabled(mergeable)
        self.reason.clear()
        self.message.clear()

    # ---------------------------------------------------------------- decide
    def different(self) -> None:
        item = self.selected()
        if item is None:
            return
        try:
            resolve_duplicate(self.store, item["id"], False, "different people")
        except Exception as exc:  # noqa: BLE001 - shown to the worker, nothing is lost
            self.message.show_message(str(exc), MessageLabel.ERROR)
            return
        self.reload()
        self.changed.emit()

    def merge(self, keep: int) -> None:
        item = self.selected()
        if item is None:
            return
        reason = self.reason.text().strip()
        if not reason:
            self.message.show_message(_("Say why they are the same person: the reason stays "
                                      "with the merge."), MessageLabel.ERROR)
            self.reason.setFocus()
            return
        a, b = item["people"]
        survivor, other = (a, b) if keep == 0 else (b, a)
        try:
            result = merge_people(self.store, survivor.id, other.id, reason)
            resolve_duplicate(self.store, item["id"], True, f"merged: {reason}")
        except Exception as exc:  # noqa: BLE001 - shown to the worker, nothing is lost
            self.message.show_message(str(exc), MessageLabel.ERROR)
            return
        self.reload()
        self.message.show_message(_("Merged into {name}. {result}").format(
            name=survivor.display_name, result=result.text()))
        self.changed.emit()

    def check_all(self) -> None:
        if self.op is not None:
            return
        store = self.store

        def work(progress, cancelled):
            with store.transaction() as tx:
                ids = [r[0] for r in store.db.execute("SELECT id FROM person WHERE deleted = 0")]
                return flag_new_duplicates(store, tx, ids)

        def done(n):
            self.op = None
            self.check_button.setEnabled(True)
            self.reload()
            self.message.show_message(
                ngettext("{n} new possible duplicate pair listed.",
                         "{n} new possible duplicate pairs listed.", n).format(n=n)
                if n else _("No new possible duplicates."))
            self.changed.emit()

        def failed(exc):
            self.op = None
            self.check_button.setEnabled(True)
            self.message.show_message(str(exc), MessageLabel.ERROR)
        self.check_button.setEnabled(False)
        self.op = ops.run_in_background(self, work, done, failed)
