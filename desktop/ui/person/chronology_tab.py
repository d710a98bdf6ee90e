"""Chronology: the inter-agency chronology, merged and in date order.

Contact attempts, visits, meetings and referrals appear from their own records; entries for
other agencies (a report of harm the police received, an A&E attendance) are added here and
are append-only. Filters: agency, kind, period.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.domain.chronology import ChronologyEntry, ChronologyKind, ChronologyRow
from desktop.domain.codec import encode, from_fields
from desktop.ui.forms.common import save_shortcuts
from desktop.ui.forms.common import (
    CaseworkTab, MessageLabel, bold, date_edit, enum_combo, format_date, hint, name,
    name_buttons)
from desktop.ui.forms.draft_dialog import DraftDialog
from desktop.ui.theme import em
from desktop.ui.forms.object_form import Field, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

COLUMNS = (N_("Date"), N_("Time"), N_("Agency"), N_("Worker"), N_("What"), N_("Summary"), N_("Significance"))
SOURCES = {"contact_attempt": N_("the contact log"), "visit": N_("visit details"),
           "meeting": N_("the meeting record"), "referral": N_("the referral record"),
           "chronology_entry": N_("an entry added to the chronology")}


class EntryDialog(DraftDialog, QDialog):
    """Add one chronology entry (for this or another agency)."""
    saved = Signal(str)
    draft_key = "chronology_entry"

    def __init__(self, store, person_id: str, agencies: list[str], parent=None):
        super().__init__(parent)
        self.store, self.person_id = store, person_id
        self.draft_person_id = person_id
        self.setWindowTitle(_("Add a chronology entry"))
        self.setAccessibleName(self.windowTitle())
        fields = [
            Field(attr="event_date", label=_("&Date of the event:"), kind="date"),
            Field(attr="agency", label=_("&Agency:"), choices=tuple(agencies),
                  help=_("The agency the information comes from")),
            Field(attr="worker", label=_("&Worker:"), help=_("Who recorded or reported it")),
            Field(attr="kind", label=_("&Kind:"), kind="enum", enum=ChronologyKind),
            Field(attr="summary", label=_("&Summary:"), kind="multiline", lines=4),
            Field(attr="significance", label=_("S&ignificance:"), kind="multiline", lines=2,
                  help=_("Why it matters: impact on the adult, risk, engagement")),
        ]
        self.form = ObjectForm(fields)
        self.entry = ChronologyEntry(person_id=person_id, event_date=date.today(), agency="",
                                     summary="", kind=ChronologyKind.REPORT_OF_HARM)
        self.form.load(self.entry)
        self.message = MessageLabel()
        buttons = QDialogButtonBox()
        buttons.addButton(_("Add &entry"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_draft_buttons(buttons)
        buttons.accepted.connect(self.save)
        save_shortcuts(self, self.save)
        buttons.rejected.connect(self.reject)
        name_buttons(buttons)
        col = QVBoxLayout(self)
        col.addWidget(hint(_("Entries are kept as written: to correct one, add another "
                                 "entry that says so.")))
        col.addWidget(self.form)
        col.addWidget(self.message)
        col.addWidget(buttons)
        self.resize(560, 460)
        self.start_drafts()

    def draft_state(self) -> dict:
        entry = from_fields(ChronologyEntry, encode(self.entry))
        self.form.save_into(entry, lenient=True)
        return encode(entry)

    def apply_draft(self, data: dict) -> bool:
        self.entry = from_fields(ChronologyEntry, data)
        self.form.load(self.entry)
        return True

    def save(self) -> bool:
        try:
            self.form.save_into(self.entry)
            if self.entry.event_date is None:
                raise ValueError(_("Give the date of the event."))
            e = self.store.chronology.add_entry(
                self.person_id, self.entry.event_date, self.entry.agency, self.entry.kind,
                self.entry.summary, worker=self.entry.worker,
                significance=self.entry.significance)
        except (ValueError, LookupError) as exc:
            self.message.show_error(str(exc))
            return False
        return self.saved_ok(e.id)


class ChronologyTab(CaseworkTab):
    TITLE = N_("Chronology")

    def __init__(self, store, person_id: str, parent: QWidget | None = None):
        super().__init__(store, person_id, parent)
        self.rows: list[ChronologyRow] = []
        self.agency = QComboBox()
        self.kind = enum_combo(ChronologyKind, _("All kinds"))
        self.since, self.until = date_edit(), date_edit()
        self.newest_first = QCheckBox(_("&Newest first"))
        self.clear_button = QPushButton(_("C&lear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        name(self.newest_first, _("Newest first"))
        name(self.clear_button, _("Clear filters"))
        self.add_button = QPushButton(_("&Add entry…"))
        name(self.add_button, _("Add a chronology entry"))
        self.add_button.clicked.connect(self.add_entry)
        filters = QHBoxLayout()
        for text, w, accessible in ((_("A&gency:"), self.agency, _("Filter by agency")),
                                    (_("&Kind:"), self.kind, _("Filter by kind")),
                                    (_("Fr&om:"), self.since, _("From date")),
                                    (_("&To:"), self.until, _("To date"))):
            label = QLabel(text)
            label.setBuddy(w)
            name(w, accessible)
            filters.addWidget(label)
            filters.addWidget(w, 1 if w in (self.agency, self.kind) else 0)
        # A second row for the rest: one row ran off a small screen at large text.
        actions = QHBoxLayout()
        actions.addWidget(self.newest_first)
        actions.addWidget(self.clear_button)
        actions.addStretch(1)
        actions.addWidget(self.add_button)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([_(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        name(self.tree, _("Inter-agency chronology"), _("One line per event, in date order"))
        for i, w in enumerate((6.8, 3.4, 8.5, 7.5, 7.5, 26)):     # line heights: grow with text
            self.tree.setColumnWidth(i, em(self.tree, w))
        self.tree.header().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.tree.currentItemChanged.connect(self._show_detail)
        self._shown = 0
        self.tree.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.count = hint()
        self.count.setAccessibleName(_("Number of entries shown"))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(_("Selected entry"))
        self.message = MessageLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.count)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)

        for signal in (self.agency.currentIndexChanged, self.kind.currentIndexChanged,
                       self.newest_first.toggled):
            signal.connect(self._load_rows)
        self.since.edit.textChanged.connect(self._load_rows)
        self.until.edit.textChanged.connect(self._load_rows)
        self.dialog: EntryDialog | None = None
        self.refresh()

    # ---------------------------------------------------------------- loading
    #: lines shown at first and added each time the list is scrolled to its end: a person
    #: with thousands of entries opens as fast as one with a few
    PAGE = 300

    def _filtered(self) -> bool:
        return any((self.agency.currentData(), self.kind.currentData(), self.since.date(),
                    self.until.date()))

    def refresh(self) -> None:
        keep = self.agency.currentData()
        rows = None
        if not self._filtered() and self.since.is_valid() and self.until.is_valid():
            # one read of the whole chronology gives the rows and the agencies in it
            rows = self.store.chronology(self.person_id,
                                         newest_first=self.newest_first.isChecked())
            names = sorted({r.agency for r in rows if r.agency}, key=str.lower)
        else:
            names = self.store.chronology.agencies(self.person_id)
        self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem(_("All agencies"), None)
        for n in names:
            self.agency.addItem(n, n)
        i = self.agency.findData(keep)
        self.agency.setCurrentIndex(i if i >= 0 else 0)
        self.agency.blockSignals(False)
        self._load_rows(rows=rows)

    def _load_rows(self, *_args, rows=None) -> None:
        for field in (self.since, self.until):
            if not field.is_valid():
                self.message.show_error(field.error())
                return
        self.message.clear()
        kind = self.kind.currentData()
        self.rows = rows if rows is not None else self.store.chronology(
            self.person_id, agency=self.agency.currentData(), kinds=[kind] if kind else None,
            since=self.since.date(), until=self.until.date(),
            newest_first=self.newest_first.isChecked())
        self.tree.clear()
        self._shown = 0
        self._show_more()
        filtered = self._filtered()
        n = len(self.rows)
        self.count.setText(
            (ngettext("{n} entry matches the filters.", "{n} entries match the filters.", n)
             if filtered else ngettext("{n} entry in the chronology.",
                                       "{n} entries in the chronology.", n)).format(n=n))
        if self.rows:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        else:
            self.detail.clear()

    def _show_more(self) -> None:
        batch = self.rows[self._shown:self._shown + self.PAGE]
        items = []
        for r in batch:
            node = QTreeWidgetItem([
                format_date(r.date), r.at.astimezone().strftime("%H:%M") if r.at else "",
                r.agency or "—", r.worker, r.kind.label, " ".join(r.summary.split()),
                " ".join(r.significance.split())])
            node.setToolTip(5, r.summary)
            node.setToolTip(6, r.significance)
            if r.kind in (ChronologyKind.REPORT_OF_HARM, ChronologyKind.INCIDENT):
                node.setFont(4, bold(self.tree))
            items.append(node)
        self.tree.addTopLevelItems(items)
        self._shown += len(batch)

    def _scrolled(self, value: int) -> None:
        if self._shown < len(self.rows) and \
                value >= self.tree.verticalScrollBar().maximum() - 2:
            self._show_more()

    def _show_detail(self, node, _previous=None) -> None:
        if node is None:
            self.detail.clear()
            return
        r = self.rows[self.tree.indexOfTopLevelItem(node)]
        text = f"{format_date(r.date)} · {r.agency or _('agency not known')} · {r.kind.label}: " \
               f"{r.summary}"
        if r.significance:
            text += _('\nSignificance: {significance}').format(significance=r.significance)
        text += "\n" + _("(From {source}.)").format(source=_(SOURCES.get(r.source, r.source)))
        self.detail.setText(text)

    def clear_filters(self) -> None:
        for w in (self.agency, self.kind, self.since, self.until, self.newest_first):
            w.blockSignals(True)
        self.agency.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.since.clear()
        self.until.clear()
        self.newest_first.setChecked(False)
        for w in (self.agency, self.kind, self.since, self.until, self.newest_first):
            w.blockSignals(False)
        self._load_rows()

    # ---------------------------------------------------------------- adding
    def add_entry(self) -> EntryDialog:
        person = self.person()
        known = {a.agency for a in person.agencies if a.agency}
        known.update(self.store.chronology.agencies(self.person_id))
        dlg = EntryDialog(self.store, self.person_id, sorted(known, key=str.lower), self)
        dlg.saved.connect(lambda _id: (self.refresh(), self.status(_("Chronology entry added."))))
        self.dialog = dlg
        dlg.open()
        return dlg
