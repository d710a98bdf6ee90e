"""Add or edit a barrier to engagement, and a disengagement pattern with its examples.

Both are declared on the one form layer (``ObjectForm`` fields, a ``ListEditor`` for the
examples) inside the shared ``FormDialog`` (one save path that says why a save failed, Ctrl+S,
a draft kept on Esc, Close or a lock). The draft is the record as typed (``codec.encode``)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QWidget

from desktop.domain.barrier import (Barrier, BarrierCategory, DisengagementKind,
                                    DisengagementPattern, PatternExample)
from desktop.domain.codec import encode, from_fields
from desktop.ui.forms.form_dialog import FormDialog
from desktop.ui.forms.kit import format_date, hint
from desktop.ui.forms.object_form import Field, ListEditor, ObjectForm
from desktop.i18n import N_, _, ngettext  # noqa: F401

BARRIER_FIELDS = [
    Field(attr="category", label=N_("&Category"), kind="enum", enum=BarrierCategory),
    Field(attr="note", label=N_("&Barrier for this person"), kind="multiline", lines=3),
    Field(attr="strategy_tried", label=N_("Strategy &tried"), kind="multiline", lines=3),
    Field(attr="what_happened", label=N_("What &happened"), kind="multiline", lines=3),
    Field(attr="noted_on", label=N_("&Noted on"), kind="date"),
    Field(attr="resolved", label=N_("Barrier &resolved"), kind="bool"),
]
PATTERN_FIELDS = [
    Field(attr="kind", label=N_("&How the adult disengages"), kind="enum",
          enum=DisengagementKind),
]
EXAMPLE_FIELDS = [
    Field(attr="on_date", label=N_("&Date"), kind="date"),
    Field(attr="text", label=N_("&What happened")),
]
NOTE_FIELDS = [Field(attr="note", label=N_("&Note"), kind="multiline", lines=2)]


def _explained(form: ObjectForm, attr: str) -> QWidget:
    """The chosen member's explanation under its combo (and as its description)."""
    box = form.widgets[attr]
    explain = hint("")

    def show(_i=0):
        member = box.currentData()
        text = member.hint if member is not None else ""
        explain.setText(text)
        box.setAccessibleDescription(text)
    box.currentIndexChanged.connect(show)
    show()
    return explain


class BarrierDialog(FormDialog):
    def __init__(self, store, person_id: str, barrier_id: str | None = None,
                 parent: QWidget | None = None):
        self.barrier = store.barriers.require(barrier_id) if barrier_id else None
        super().__init__(store, person_id, f"barrier:{barrier_id}" if barrier_id else "barrier",
                         _("Edit barrier") if barrier_id else _("New barrier"), parent)
        self.form = ObjectForm(BARRIER_FIELDS)
        self.explain = _explained(self.form, "category")
        self.body.addWidget(self.form)
        self.body.addWidget(self.explain)
        self.body.addStretch(1)
        self.keeper.paused = True
        self.form.load(self.barrier or self._blank())
        self.keeper.paused = False
        self.form.edited.connect(self.keeper.touch)
        self.restore_draft()
        self.resize(600, 560)
        self.form.widgets["category"].setFocus()

    def _blank(self) -> Barrier:
        return Barrier(person_id=self.person_id, category=list(BarrierCategory)[0],
                       noted_on=date.today())

    def state(self) -> dict:
        record = replace(self.barrier or self._blank())
        self.form.save_into(record, lenient=True)
        return encode(record)

    def set_state(self, data: dict) -> None:
        try:
            self.form.load(from_fields(Barrier, {**encode(self.barrier or self._blank()),
                                                 **data}))
        except (KeyError, TypeError, ValueError):
            pass                        # a draft from an older form: the record as it was

    def commit(self) -> Barrier:
        record = replace(self.barrier or self._blank())
        self.form.save_into(record)     # ValueError for a bad date, shown by the save path
        if self.barrier is None:
            self.barrier = self.store.barriers.add(record)
            return self.barrier
        return self.store.barriers.update(record)


class PatternDialog(FormDialog):
    def __init__(self, store, person_id: str, pattern_id: str | None = None,
                 parent: QWidget | None = None):
        self.pattern = store.patterns.require(pattern_id) if pattern_id else None
        super().__init__(store, person_id, f"pattern:{pattern_id}" if pattern_id else "pattern",
                         _("Edit disengagement pattern") if pattern_id
                         else _("New disengagement pattern"), parent)
        self.form = ObjectForm(PATTERN_FIELDS)
        self.explain = _explained(self.form, "kind")
        self.examples = ListEditor(
            N_("example"), lambda: PatternExample(on_date=date.today()), EXAMPLE_FIELDS,
            lambda e: f"{format_date(e.on_date, _('undated'))}: {e.text or _('(new)')}",
            add_label=_("&Add an example"))
        self.note = ObjectForm(NOTE_FIELDS)
        self.body.addWidget(self.form)
        self.body.addWidget(self.explain)
        self.body.addWidget(hint(_("Examples: at least one, what happened and when.")))
        self.body.addWidget(self.examples)
        self.body.addWidget(self.note)
        self.body.addStretch(1)
        self.keeper.paused = True
        self._load(self.pattern or self._blank())
        self.keeper.paused = False
        for part in (self.form, self.note):
            part.edited.connect(self.keeper.touch)
        self.examples.changed.connect(self.keeper.touch)
        self.restore_draft()
        self.resize(640, 520)
        self.form.widgets["kind"].setFocus()

    def _blank(self) -> DisengagementPattern:
        return DisengagementPattern(person_id=self.person_id, kind=list(DisengagementKind)[0],
                                    examples=[PatternExample(on_date=date.today())])

    def _load(self, record: DisengagementPattern) -> None:
        self.form.load(record)
        self.note.load(record)
        self.examples.set_items(record.examples)

    def _record(self, lenient: bool) -> DisengagementPattern:
        record = replace(self.pattern or self._blank())
        self.form.save_into(record, lenient=lenient)
        self.note.save_into(record, lenient=lenient)
        record.examples = self.examples.items(lenient=lenient)
        return record

    def state(self) -> dict:
        return encode(self._record(lenient=True))

    def set_state(self, data: dict) -> None:
        try:
            self._load(from_fields(DisengagementPattern,
                                   {**encode(self.pattern or self._blank()), **data}))
        except (KeyError, TypeError, ValueError):
            pass                        # a draft from an older form: the record as it was

    def commit(self) -> DisengagementPattern:
        record = self._record(lenient=False)    # ValueError for a bad date, shown
        if self.pattern is None:
            self.pattern = self.store.patterns.add(record)
            return self.pattern
        return self.store.patterns.update(record)
