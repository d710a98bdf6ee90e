"""Barriers: what stands in the way of engagement and what was tried (Nottingham s.6 and more),
and the ways the adult disengages (South Lanarkshire), each with examples."""
from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from desktop.ui.person.barrier_dialogs import BarrierDialog, PatternDialog
from desktop.ui.forms.kit import MessageLabel, PersonTab, format_date, hint, name
from desktop.ui.widgets import asking
from desktop.i18n import N_, _, ngettext  # noqa: F401


def _table(columns: list[str], accessible: str) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setHorizontalHeaderLabels(columns)
    name(t, accessible, _("Enter opens the selected row"))
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setTabKeyNavigation(False)
    t.setWordWrap(True)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    header = t.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for col in range(len(columns)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col in (1, 2, 3)
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return t


class BarriersTab(PersonTab):
    TITLE = N_("Barriers")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.dialogs: list = []
        self.barriers: list = []
        self.patterns: list = []
        self.message = MessageLabel()
        self.barrier_table = _table([_("Category"), _("Barrier for this person"), _("Strategy tried"),
                                     _("What happened"), _("Noted")], _("Barriers"))
        self.pattern_table = _table([_("How the adult disengages"), _("Examples"), _("Latest example"),
                                     _("Note")], _("Disengagement patterns"))
        self.pattern_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.barrier_table.activated.connect(lambda _i: self.edit_barrier())
        self.pattern_table.activated.connect(lambda _i: self.edit_pattern())
        b_label = QLabel(_("Barriers to en&gagement"))
        b_label.setBuddy(self.barrier_table)
        p_label = QLabel(_("&Disengagement patterns"))
        p_label.setBuddy(self.pattern_table)
        for lab in (b_label, p_label):
            font = lab.font()
            font.setBold(True)
            lab.setFont(font)

        def buttons(add_text, add, edit, delete, noun):
            row = QHBoxLayout()
            widgets = []
            for text, fn, acc in ((add_text, add, _('Add a {noun}').format(noun=noun)),
                                  (_("Edit…"), edit, _('Edit the selected {noun}').format(noun=noun)),
                                  (_("Delete"), delete, _('Delete the selected {noun}').format(noun=noun))):
                b = QPushButton(text)
                name(b, acc)
                b.clicked.connect(fn)
                row.addWidget(b)
                widgets.append(b)
            row.addStretch(1)
            return row, widgets

        b_row, (self.add_barrier_button, self.edit_barrier_button,
                self.delete_barrier_button) = buttons(_("&Add barrier…"), self.add_barrier,
                                                      self.edit_barrier,
                                                      self._ask(self.delete_barrier, "barrier",
                                                                self.barrier_table),
                                                      "barrier")
        p_row, (self.add_pattern_button, self.edit_pattern_button,
                self.delete_pattern_button) = buttons(_("Add pa&ttern…"), self.add_pattern,
                                                      self.edit_pattern,
                                                      self._ask(self.delete_pattern, "pattern",
                                                                self.pattern_table),
                                                      _("disengagement pattern"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.message)
        layout.addWidget(b_label)
        kinds = hint(_("The kinds of barrier the procedure lists, plus trauma, neurodivergence, "
                       "language and practical barriers. Record the strategy tried and what "
                       "happened."))
        kinds.setToolTip(_("Categories from the Nottingham procedure, section 6"))
        layout.addWidget(kinds)
        layout.addWidget(self.barrier_table, 3)
        layout.addLayout(b_row)
        layout.addSpacing(8)
        layout.addWidget(p_label)
        layout.addWidget(self.pattern_table, 2)
        layout.addLayout(p_row)
        self.refresh()

    def refresh(self) -> None:
        if not self.store.is_open:        # locked: the screen is about to be cleared
            return
        self.barriers = self.store.barriers.for_person(self.person_id, order="noted_on, created_at")
        self.patterns = self.store.patterns.for_person(self.person_id)
        t = self.barrier_table
        t.setRowCount(len(self.barriers))
        for r, b in enumerate(self.barriers):
            cells = [b.category.label + (" (resolved)" if b.resolved else ""), b.note,
                     b.strategy_tried, b.what_happened, format_date(b.noted_on)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(b.category.hint if c == 0 else text)
                t.setItem(r, c, item)
        t.resizeRowsToContents()
        t = self.pattern_table
        t.setRowCount(len(self.patterns))
        for r, p in enumerate(self.patterns):
            latest = max(p.examples, key=lambda e: e.on_date or date.min) \
                if p.examples else None
            cells = [p.kind.label, str(len(p.examples)),
                     f"{format_date(latest.on_date)} {latest.text}".strip() if latest else "",
                     p.note]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(p.kind.hint if c == 0 else text)
                t.setItem(r, c, item)
        t.resizeRowsToContents()
        for table, rows in ((self.barrier_table, self.barriers),
                            (self.pattern_table, self.patterns)):
            if rows and table.currentRow() < 0:
                table.selectRow(0)
        for b, rows in ((self.edit_barrier_button, self.barriers),
                        (self.delete_barrier_button, self.barriers),
                        (self.edit_pattern_button, self.patterns),
                        (self.delete_pattern_button, self.patterns)):
            b.setEnabled(bool(rows))

    def _selected(self, table: QTableWidget, rows: list):
        r = table.currentRow()
        return rows[r] if 0 <= r < len(rows) else None

    def _ask(self, delete, noun: str, table):
        """The Delete button's slot: confirm first (nothing is asked with no row selected)."""
        return asking(self, _('Delete {noun}').format(noun=noun), _('Delete the selected {noun}?\n\nIt is hidden, not destroyed: you can restore it from Overview → Restore deleted….').format(noun=noun),
                      delete, _('Delete {noun}').format(noun=noun), lambda: table.currentRow() >= 0)

    def _open(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _r: self.refresh())
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d)] + [dialog]
        dialog.open()
        return dialog

    def add_barrier(self) -> BarrierDialog:
        return self._open(BarrierDialog(self.store, self.person_id, None, self))

    def edit_barrier(self) -> BarrierDialog | None:
        b = self._selected(self.barrier_table, self.barriers)
        return self._open(BarrierDialog(self.store, self.person_id, b.id, self)) if b else None

    def delete_barrier(self) -> None:
        b = self._selected(self.barrier_table, self.barriers)
        if b is not None:
            self.store.barriers.delete(b.id)
            self.refresh()
            self.message.show_message(_("Barrier deleted; restore it from Overview, Deleted by "
                                      "you."))

    def add_pattern(self) -> PatternDialog:
        return self._open(PatternDialog(self.store, self.person_id, None, self))

    def edit_pattern(self) -> PatternDialog | None:
        p = self._selected(self.pattern_table, self.patterns)
        return self._open(PatternDialog(self.store, self.person_id, p.id, self)) if p else None

    def delete_pattern(self) -> None:
        p = self._selected(self.pattern_table, self.patterns)
        if p is not None:
            self.store.patterns.delete(p.id)
            self.refresh()
            self.message.show_message(_("Pattern deleted; restore it from Overview, Deleted by "
                                      "you."))
