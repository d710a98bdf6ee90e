"""Add or edit a barrier to engagement, and a disengagement pattern with its examples."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from desktop.domain.barrier import (Barrier, BarrierCategory, DisengagementKind,
                                    DisengagementPattern, PatternExample)
from desktop.ui.forms.form_dialog import FormDialog
from desktop.ui.forms.kit import OptionalDateEdit, TextBox, add_row, form_layout, hint
from desktop.ui.forms.values import (RowsEditor, combo_enum, enum_combo, get_value,
                                         set_value)
from desktop.i18n import _, ngettext  # noqa: F401


def _date_text(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def _hinted_combo(cls) -> tuple[QComboBox, QWidget]:
    box = enum_combo(cls)
    explain = hint("")

    def show(_i=0):
        member = cls(box.currentData())
        explain.setText(member.hint)
        box.setAccessibleDescription(member.hint)
    box.currentIndexChanged.connect(show)
    show()
    return box, explain


class BarrierDialog(FormDialog):
    def __init__(self, store, person_id: str, barrier_id: str | None = None,
                 parent: QWidget | None = None):
        self.barrier = store.barriers.require(barrier_id) if barrier_id else None
        super().__init__(store, person_id, f"barrier:{barrier_id}" if barrier_id else "barrier",
                         _("Edit barrier") if barrier_id else _("New barrier"), parent)
        form = form_layout()
        category, explain = _hinted_combo(BarrierCategory)
        self.f = {"category": category, "note": TextBox(3), "strategy": TextBox(3),
                  "what_happened": TextBox(3), "noted_on": OptionalDateEdit(value=date.today()),
                  "resolved": QCheckBox(_("Barrier &resolved"))}
        add_row(form, _("&Category"), category)
        form.addRow("", explain)
        add_row(form, _("&Barrier for this person"), self.f["note"])
        add_row(form, _("Strategy &tried"), self.f["strategy"])
        add_row(form, _("What &happened"), self.f["what_happened"])
        add_row(form, _("&Noted on"), self.f["noted_on"])
        self.f["resolved"].setAccessibleName(_("Barrier resolved"))
        form.addRow("", self.f["resolved"])
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.watch(*self.f.values())
        if self.barrier is not None:
            b = self.barrier
            self.keeper.paused = True
            self.set_state({"category": b.category.value, "note": b.note,
                            "strategy": b.strategy_tried, "what_happened": b.what_happened,
                            "noted_on": _date_text(b.noted_on), "resolved": b.resolved})
            self.keeper.paused = False
        self.restore_draft()
        self.resize(600, 560)
        category.setFocus()

    def state(self) -> dict:
        return {k: get_value(w) for k, w in self.f.items()}

    def set_state(self, data: dict) -> None:
        for k, w in self.f.items():
            set_value(w, data.get(k))

    def commit(self) -> Barrier:
        noted = self.f["noted_on"]
        if not noted.is_valid():
            raise ValueError(_("Noted on: ") + noted.error())
        fields = dict(category=combo_enum(self.f["category"], BarrierCategory),
                      note=self.f["note"].text().strip(),
                      strategy_tried=self.f["strategy"].text().strip(),
                      what_happened=self.f["what_happened"].text().strip(),
                      noted_on=noted.date(), resolved=self.f["resolved"].isChecked())
        if self.barrier is None:
            self.barrier = self.store.barriers.add(Barrier(person_id=self.person_id, **fields))
            return self.barrier
        return self.store.barriers.update(replace(self.barrier, **fields))


class PatternDialog(FormDialog):
    def __init__(self, store, person_id: str, pattern_id: str | None = None,
                 parent: QWidget | None = None):
        self.pattern = store.patterns.require(pattern_id) if pattern_id else None
        super().__init__(store, person_id, f"pattern:{pattern_id}" if pattern_id else "pattern",
                         _("Edit disengagement pattern") if pattern_id
                         else _("New disengagement pattern"), parent)
        form = form_layout()
        kind, explain = _hinted_combo(DisengagementKind)
        self.f = {"kind": kind,
                  "examples": RowsEditor(_("Example"), [("on", _("Date"), OptionalDateEdit),
                                                     ("text", _("What happened"), QLineEdit)],
                                         _("&Add an example")),
                  "note": TextBox(2)}
        add_row(form, _("&How the adult disengages"), kind)
        form.addRow("", explain)
        add_row(form, _("E&xamples"), self.f["examples"], _("At least one: what happened and when"))
        add_row(form, _("&Note"), self.f["note"])
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.watch(*self.f.values())
        self.keeper.paused = True
        if self.pattern is not None:
            p = self.pattern
            self.set_state({"kind": p.kind.value, "note": p.note,
                            "examples": [{"on": _date_text(e.on_date), "text": e.text}
                                         for e in p.examples]})
        else:
            self.f["examples"].add_row({"on": _date_text(date.today())})
        self.keeper.paused = False
        self.restore_draft()
        self.resize(640, 480)
        kind.setFocus()

    def state(self) -> dict:
        return {k: get_value(w) for k, w in self.f.items()}

    def set_state(self, data: dict) -> None:
        for k, w in self.f.items():
            set_value(w, data.get(k))

    def commit(self) -> DisengagementPattern:
        examples = []
        for n, row in enumerate(self.f["examples"].rows, start=1):
            if not row["on"].is_valid():
                raise ValueError(_('Example {n}: {error}').format(n=n, error=row['on'].error()))
            examples.append(PatternExample(row["on"].date(), row["text"].text().strip()))
        fields = dict(kind=combo_enum(self.f["kind"], DisengagementKind), examples=examples,
                      note=self.f["note"].text().strip())
        if self.pattern is None:
            self.pattern = self.store.patterns.add(
                DisengagementPattern(person_id=self.person_id, **fields))
            return self.pattern
        return self.store.patterns.update(replace(self.pattern, **fields))
