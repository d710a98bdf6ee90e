"""Checklist: the Fife engagement checklist, items 1-15 with their parts.

Every item shows its status, evidence, measure, date and by whom. Saving runs the domain's rule
("a tick is not sufficient": any status but *not yet considered* needs evidence and a date;
evidence under *not yet considered* is refused) and shows its message beside the form; nothing
is saved until the row is complete. The date starts at today. What is typed in a row and not
saved stays with that row when another is chosen (marked "not saved" in the list) and is kept
as a draft in the store (``checklist``), so a lock loses nothing. Saving keeps the list where it
was, on the saved row.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.domain.checklist import (
    CATALOGUE, GUIDANCE, ChecklistItem, ChecklistStatus, lookup)
from desktop.domain.record import ValidationError
from desktop.ui.forms.common import (
    CaseworkTab, MessageLabel, bold, format_date, heading_label, hint, name, std_icon)
from desktop.ui.forms.form_dialog import DraftKeeper
from desktop.ui.forms.object_form import Field, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

COLUMNS = (N_("Item"), N_("Status"), N_("Date"), N_("Evidence"), N_("Measure"), N_("By whom"))
CODE = Qt.ItemDataRole.UserRole

FIELDS = [
    Field(attr="status", label=N_("&Status:"), kind="enum", enum=ChecklistStatus),
    Field(attr="evidence", label=N_("E&vidence:"), kind="multiline", lines=3,
          help=N_("What was done, by whom, and what happened. Required for any status but "
               "'not yet considered'.")),
    Field(attr="measure", label=N_("&Measure:"), help=N_("How progress is measured, if it can be")),
    Field(attr="date", label=N_("&Date:"), kind="date", help=N_("Date of the decision or update")),
    Field(attr="by_whom", label=N_("By &whom:")),
]


class ChecklistTab(CaseworkTab):
    TITLE = N_("Checklist")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.rows: dict[str, ChecklistItem] = {}
        self.pending: dict[str, dict] = {}       # code -> what was typed there, not saved
        self._loaded: tuple[str, dict] = ("", {})    # the row in the form, as loaded
        self._shown_code = ""
        self.tree = QTreeWidget()
        # Several items in view at any text size (the tab scrolls rather than squash it).
        self.tree.setMinimumHeight(self.tree.fontMetrics().lineSpacing() * 9)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([_(c) for c in COLUMNS])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        name(self.tree, _("Engagement checklist items"), _("Arrow keys choose an item; Tab moves to "
                                                      "its form"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for i, width in enumerate((280, 150, 100, 0, 160, 140)):
            if width:
                self.tree.setColumnWidth(i, width)
        self.tree.currentItemChanged.connect(self._current_changed)

        self.item_title = QLabel()
        self.item_title.setWordWrap(True)
        self.item_title.setFont(bold(self.item_title))
        self.item_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.item_prompts = hint()
        self.form = ObjectForm(FIELDS)
        self.form.widgets["by_whom"].setPlaceholderText(store.actor)
        self.save_button = QPushButton(_("Save &item"))
        self.save_button.setDefault(True)
        name(self.save_button, _("Save checklist item"))
        self.save_button.clicked.connect(self.save)
        self.message = MessageLabel()
        self.read_only_note = hint(_("Read-only on a field device: the lead agency keeps "
                                         "the engagement checklist."))
        self.link_note = hint()
        self.link_note.setAccessibleName(_("Linked record"))
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.history.setAccessibleName(_("Updates of this item"))

        about = QVBoxLayout()
        about.addWidget(self.item_title)
        about.addWidget(self.item_prompts)
        about.addWidget(self.read_only_note)
        about.addWidget(self.link_note)
        about.addWidget(self.history)
        about.addStretch(1)
        fields = QVBoxLayout()
        fields.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.message, 10)
        row.addStretch(1)
        fields.addLayout(row)
        fields.addStretch(1)
        editor = QWidget()
        cols = QHBoxLayout(editor)
        cols.setContentsMargins(0, 6, 0, 0)
        cols.addLayout(about, 2)
        cols.addLayout(fields, 3)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([440, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(_("Engagement checklist (Fife)")))
        layout.addWidget(hint(GUIDANCE))
        self.summary = QLabel()
        self.summary.setAccessibleName(_("Checklist summary"))
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self.form.set_read_only(not self.editable)
        self.save_button.setVisible(self.editable)
        self.read_only_note.setVisible(not self.editable)
        self.keeper = DraftKeeper(store, "checklist", person_id, self._draft_state, self)
        if self.editable:
            self.keeper.watch(*self.form.widgets.values())
            draft = self.keeper.load()
            if draft is not None and isinstance(draft.data.get("rows"), dict):
                self.pending = dict(draft.data["rows"])
        self.refresh()

    # ---------------------------------------------------------------- loading
    def refresh(self) -> None:
        current = self.current_code()
        self._stash(current)                    # a store change must not wipe what is typed
        scrolled = self.tree.verticalScrollBar().value()
        self.rows = {r.code: r for r in self.store.checklist.rows(self.person_id)}
        self.tree.blockSignals(True)
        self.tree.clear()
        select = None
        for item in CATALOGUE:
            top = QTreeWidgetItem([item.short_label])
            top.setData(0, CODE, item.code)
            top.setToolTip(0, item.title)
            self.tree.addTopLevelItem(top)
            for sub in item.sub_items:
                child = QTreeWidgetItem([sub.title])
                child.setData(0, CODE, sub.code)
                top.addChild(child)
                self._fill(child, self.rows[sub.code])
                select = child if sub.code == current else select
            if item.recordable:
                self._fill(top, self.rows[item.code])
            else:
                top.setFirstColumnSpanned(False)
            select = top if item.code == current else select
        self.tree.expandAll()
        self.tree.setCurrentItem(select or self.tree.topLevelItem(0))
        self.tree.blockSignals(False)
        self.tree.verticalScrollBar().setValue(scrolled)     # the list stays where it was
        self._current_changed(self.tree.currentItem(), None)
        self._update_summary()

    def _update_summary(self) -> None:
        done = [r for r in self.rows.values()
                if r.status is not ChecklistStatus.NOT_YET_CONSIDERED]
        missing = [r for r in self.rows.values() if r.missing_evidence]
        text = _('{len} of {len2} items recorded').format(len=len(done), len2=len(self.rows))
        if missing:
            text += _('; {len} without evidence and a date').format(len=len(missing))
        self.summary.setText(text + ".")

    def _fill(self, node: QTreeWidgetItem, row: ChecklistItem) -> None:
        unsaved = row.code in self.pending
        node.setText(1, row.status.label + (_(" — not saved") if unsaved else ""))
        font = node.font(1)
        font.setItalic(unsaved)
        node.setFont(1, font)
        node.setIcon(1, QIcon())
        node.setToolTip(1, _("What you typed here is not saved yet") if unsaved else "")
        node.setText(2, format_date(row.date))
        node.setText(3, " ".join(row.evidence.split()))
        node.setToolTip(3, row.evidence)
        node.setText(4, row.measure)
        node.setText(5, row.by_whom)
        if row.missing_evidence:
            node.setIcon(1, std_icon(self.tree, "warning"))
            node.setToolTip(1, _("A status without evidence and a date: a tick is not sufficient"))
        elif row.status is not ChecklistStatus.NOT_YET_CONSIDERED:
            node.setIcon(1, std_icon(self.tree, "ok"))
        node.setData(1, Qt.ItemDataRole.AccessibleTextRole, row.status.label)

    def current_code(self) -> str:
        node = self.tree.currentItem()
        return node.data(0, CODE) if node is not None else ""

    def select(self, code: str) -> None:
        for node in self._nodes():
            if node.data(0, CODE) == code:
                self.tree.setCurrentItem(node)
                return
        raise KeyError(code)

    def _nodes(self):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            yield top
            for j in range(top.childCount()):
                yield top.child(j)

    def _current_changed(self, node, previous) -> None:
        if previous is not None:
            self._stash(previous.data(0, CODE))
        code = node.data(0, CODE) if node is not None else ""
        if code != self._shown_code:
            self.message.clear()
        self._shown_code = code
        if not code:
            return
        cat = lookup(code)
        parent = lookup(cat.parent) if cat.parent else None
        self.item_title.setText(f"{parent.number}. {parent.title} — {cat.title}" if parent
                                else f"{cat.number}. {cat.title}")
        prompts = (parent or cat).prompts
        note = (parent or cat).note
        text = "\n".join(f"• {p}" for p in prompts)
        self.item_prompts.setText("\n".join(x for x in (text, note) if x))
        self.item_prompts.setVisible(bool(text or note))
        row = self.rows.get(code)
        self.form.setVisible(row is not None)
        self.save_button.setEnabled(row is not None)
        if row is None:
            self.message.show_message(_("This item is recorded under its parts: choose one below "
                                      "it."), MessageLabel.INFO)
            self.link_note.setVisible(False)
            self.history.setText("")
            return
        self.keeper.paused = True
        try:
            self._allowed(code, row.status)
            self.form.load(row)
            if row.date is None and self.editable:
                self.form.set_value("date", date.today())     # the date starts at today
            self._linked(code, row)
            self._loaded = (code, self._form_state())
            if code in self.pending:
                self._set_form_state(self.pending[code])
                self.message.show_message(
                    _("Restored what you typed here (not saved yet). Save item to keep it."),
                    MessageLabel.WARNING)
        finally:
            self.keeper.paused = False
        self._history(code, row)

    # ---------------------------------------------------------------- unsaved rows
    def _form_state(self) -> dict:
        w = self.form.widgets
        status = w["status"].currentData()
        return {"status": status.value if status is not None else "",
                "evidence": w["evidence"].toPlainText(), "measure": w["measure"].text(),
                "date": w["date"].edit.text(), "by_whom": w["by_whom"].text()}

    def _set_form_state(self, data: dict) -> None:
        w = self.form.widgets
        try:
            status = ChecklistStatus(data.get("status"))
        except ValueError:
            status = None
        if status is not None and w["status"].findData(status) < 0:
            w["status"].addItem(status.label, status)
        if status is not None:
            w["status"].setCurrentIndex(w["status"].findData(status))
        w["evidence"].setPlainText(str(data.get("evidence", "")))
        w["measure"].setText(str(data.get("measure", "")))
        w["date"].edit.setText(str(data.get("date", "")))
        w["by_whom"].setText(str(data.get("by_whom", "")))

    def _stash(self, code: str) -> None:
        """Keep what is typed in the row being left (or forget it when it is as loaded)."""
        if not self.editable or not code or self._loaded[0] != code or code not in self.rows:
            return
        state = self._form_state()
        was = code in self.pending
        if state != self._loaded[1]:
            self.pending[code] = state
        else:
            self.pending.pop(code, None)
        if was != (code in self.pending):
            self._refill(code)
            self.keeper.touch()

    def _refill(self, code: str) -> None:
        for node in self._nodes():
            if node.data(0, CODE) == code and code in self.rows:
                self._fill(node, self.rows[code])

    def _draft_state(self) -> dict | None:
        self._stash(self.current_code())
        return {"rows": dict(self.pending)} if self.pending else None

    def save_draft(self) -> None:
        """Keep the unsaved rows in the store's drafts (the workspace calls this before a
        lock)."""
        if self.editable and self.store.is_open:
            self.keeper.touch()
            self.keeper.flush()

    def _allowed(self, code: str, current: ChecklistStatus) -> None:
        """Only the statuses that answer this row's question ("considered" is not "offered");
        a status recorded before (or elsewhere) that does not is still shown as it is."""
        from desktop.domain.checklist_rules import allowed_statuses
        combo = self.form.widgets["status"]
        combo.blockSignals(True)
        combo.clear()
        statuses = list(allowed_statuses(code))
        if current not in statuses:
            statuses.append(current)
        for status in statuses:
            combo.addItem(status.label, status)
        combo.blockSignals(False)

    def _linked(self, code: str, row: ChecklistItem) -> None:
        """Rows whose answer lives elsewhere: advocacy (2), capacity (4), MARAC (9). A new row
        is pre-filled from it (saved only with Save); a row that says otherwise is flagged."""
        from desktop.domain.checklist_rules import link_disagreement, linked_suggestion
        suggestion = linked_suggestion(code, self.person(),
                                       self.store.referrals.for_person(self.person_id))
        if suggestion is None:
            self.link_note.setVisible(False)
            return
        text = _('From {source}: {value}').format(source=suggestion.source, value=suggestion.status.label.lower()) + (
            _(" on {date}").format(date=format_date(suggestion.date)) if suggestion.date
            else "") + "."
        clash = link_disagreement(row, suggestion)
        if row.status is ChecklistStatus.NOT_YET_CONSIDERED and self.editable:
            self.form.set_value("status", suggestion.status)
            self.form.set_value("evidence", suggestion.evidence)
            self.form.set_value("date", suggestion.date)
            text += _(" Pre-filled below: check it and save.")
        elif clash:
            text = "⚠ " + clash
        self.link_note.setText(text)
        self.link_note.setVisible(True)

    def _history(self, code: str, row: ChecklistItem) -> None:
        from html import escape
        updates = self.store.checklist.row_history(self.person_id, code) \
            if row.created_at else []
        if not updates:
            self.history.setText("")
            return
        items = "".join(
            f"<li>{escape(format_date(_day(u.at)))}, {escape(u.by)}: "
            f"{escape('; '.join(u.changes))}</li>" for u in updates)
        self.history.setText(_('<b>Updates</b><ul>{items}</ul>').format(items=items))

    # ---------------------------------------------------------------- saving
    def save(self) -> bool:
        code = self.current_code()
        if not self.editable or code not in self.rows:
            return False
        try:
            values = {f.attr: self.form.value(f.attr) for f in FIELDS}
        except ValueError as exc:
            self.message.show_error(str(exc))
            return False
        if values["status"] is ChecklistStatus.NOT_YET_CONSIDERED and not values["evidence"]:
            values["date"] = None           # today's date means nothing without a status
        try:
            saved = self.store.checklist.set(self.person_id, code, values["status"],
                                             values["evidence"], values["date"],
                                             values["measure"], values["by_whom"])
        except ValidationError as exc:
            self.message.show_error(str(exc))
            if values["status"] is ChecklistStatus.NOT_YET_CONSIDERED:
                self.form.widgets["status"].setFocus()       # the status is what is asked
            return False
        # Update this row in place: the list does not move and the selection stays here.
        self.pending.pop(code, None)
        self.rows[code] = saved
        node = self.tree.currentItem()
        self._fill(node, saved)
        self._update_summary()
        self._current_changed(node, None)
        self.keeper.touch()
        cat = lookup(code)
        where = f"{cat.number}. {cat.title}" if not cat.parent else \
            f"{lookup(cat.parent).number}. {cat.title}"
        self.message.show_message(_('Saved: {where}.').format(where=where), MessageLabel.INFO)
        self.status(_("Checklist item saved."))
        return True


def _day(iso: str):
    from desktop.domain.ids import from_iso
    try:
        return from_iso(iso).astimezone().date()
    except (TypeError, ValueError):
        return None
