"""A whole record's form, built from the field metadata beside its domain class.

``RecordForm(Person, page="household")`` lays out the described fields of one page in their
declared order: plain fields in an ``ObjectForm``, a nested record (``Capacity``) under its
heading with its own fields, a list of records (children, agencies) in a ``ListEditor``. A field
added to the domain class with ``described(...)`` appears here with nothing else to change.
``load(obj)``, ``save_into(obj)`` (nested records and lists included), ``error()`` and
``widget("capacity.date")`` (for focus and tests) work on the whole tree.
"""
from __future__ import annotations

import copy
import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.domain.fields import described_fields
from desktop.ui.forms.common import heading_label, hint
from desktop.ui.forms.object_form import SCALAR_KINDS, Field, ListEditor, ObjectForm, fields_for
from desktop.i18n import _, ngettext  # noqa: F401


def _summary(fields: list[Field]):
    def text(obj) -> str:
        parts = []
        for f in fields:
            value = getattr(obj, f.attr, None)
            if isinstance(value, str) and value.strip():
                parts.append(" ".join(value.split()))
            elif f.kind == "date" and value is not None:
                parts.append(value.strftime("%d/%m/%Y"))
        return ", ".join(parts[:2]) or "(new)"
    return text


class RecordForm(QWidget):
    edited = Signal()

    def __init__(self, cls, page: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.cls = cls
        #: (kind, attr, widget): kind "fields" (attr None), "record" or "records"
        self.parts: list[tuple[str, str | None, QWidget]] = []
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        run: list[Field] = []
        scalars = {f.attr: f for f in fields_for(cls, page)}

        def flush_run():
            if run:
                form = ObjectForm(list(run))
                form.edited.connect(self.edited)
                self.parts.append(("fields", None, form))
                col.addWidget(form)
                run.clear()

        for d in described_fields(cls, page=page):
            if d.kind in SCALAR_KINDS:
                run.append(scalars[d.name])
                continue
            flush_run()
            col.addWidget(heading_label(_(d.info.plain), 1.05))
            if d.info.help:
                col.addWidget(hint(_(d.info.help)))
            if d.kind == "record":
                sub = RecordForm(d.item_type)
                sub.edited.connect(self.edited)
                self.parts.append(("record", d.name, sub))
                col.addWidget(sub)
            else:
                item_fields = fields_for(d.item_type)
                noun = d.item_type.__name__          # ChildElsewhere: "child elsewhere"
                noun = {"AgencyInvolvement": "agency"}.get(
                    noun, re.sub(r"(?<!^)(?=[A-Z])", " ", noun).lower())
                editor = ListEditor(noun, d.item_type, item_fields, _summary(item_fields),
                                    add_label=_(d.info.add) if d.info.add else "")
                editor.changed.connect(self.edited)
                self.parts.append(("records", d.name, editor))
                col.addWidget(editor)
        flush_run()
        col.addStretch(1)

    # ---------------------------------------------------------------- values
    def load(self, obj) -> None:
        for kind, attr, w in self.parts:
            if kind == "fields":
                w.load(obj)
            elif kind == "record":
                w.load(getattr(obj, attr))
            else:
                w.set_items(getattr(obj, attr))

    def save_into(self, obj, *, lenient: bool = False) -> None:
        """Write every field (nested ones too) into ``obj``; a bad date raises ValueError with
        a message for the worker, unless ``lenient``."""
        for kind, attr, w in self.parts:
            if kind == "fields":
                w.save_into(obj, lenient=lenient)
            elif kind == "record":
                sub = copy.deepcopy(getattr(obj, attr))
                w.save_into(sub, lenient=lenient)
                setattr(obj, attr, sub)
            else:
                setattr(obj, attr, w.items(lenient=lenient))

    def error(self) -> str:
        for kind, _attr, w in self.parts:
            message = w.error() if kind != "records" else _list_error(w)
            if message:
                return message
        return ""

    def set_read_only(self, read_only: bool) -> None:
        for _kind, _attr, w in self.parts:
            w.set_read_only(read_only)

    # ---------------------------------------------------------------- widgets
    def widget(self, path: str) -> QWidget | None:
        """The input for ``"name"`` or ``"capacity.date"`` (a list editor for a list)."""
        head, _ignored, rest = path.partition(".")
        for kind, attr, w in self.parts:
            if kind == "fields" and not rest and head in w.widgets:
                return w.widgets[head]
            if attr == head:
                return w.widget(rest) if kind == "record" and rest else w
        return None

    def label(self, attr: str) -> QLabel | None:
        """The label of a plain field of this record (not a nested one), or None."""
        for kind, _attr, w in self.parts:
            if kind == "fields" and attr in w.labels:
                return w.labels[attr]
        return None

    def first_input(self) -> QWidget | None:
        for kind, _attr, w in self.parts:
            if kind == "fields" and w.fields:
                return w.widgets[w.fields[0].attr]
            if kind == "record":
                found = w.first_input()
                if found is not None:
                    return found
            if kind == "records":
                return w.list
        return None


def _list_error(editor: ListEditor) -> str:
    try:
        editor.items()
    except ValueError as exc:
        return f"{_(editor.noun)[:1].upper()}{_(editor.noun)[1:]}: {exc}"
    return ""
