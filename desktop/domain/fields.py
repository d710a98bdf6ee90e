"""Field metadata declared once, beside the domain dataclasses (no Qt).

A dataclass field says how a person reads and types it::

    pronouns: str = described("Pr&onouns", help="How the adult wants to be referred to",
                              page="person", summary=True)

and that one declaration drives the form (``desktop.ui.forms.object_form.fields_for``: label with
its Alt+letter, help, widget kind from the type), the CLI (``person edit --pronouns``: the flag
is the attribute's name with dashes unless ``flag`` says otherwise) and the places that sum the
person up (the overview and the PDF person block list every ``summary`` field, in order).
A field without ``described`` metadata is kept and synced but is not on any form.
"""
from __future__ import annotations

import dataclasses
import enum
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain import codec

_MISSING = dataclasses.MISSING


@dataclass(frozen=True)
class Info:
    label: str                      # with an & before the Alt+letter
    help: str = ""
    kind: str = ""                  # "" = from the type; or multiline | lines
    lines: int = 0                  # multiline: visible lines
    page: str = ""                  # which page of a paged form
    flag: str = ""                  # CLI option (default: the attribute, '_' → '-')
    summary: bool = False           # shown wherever the record is summed up
    required: bool = False
    ticks: str = ""                 # a date that ticks (or, cleared, unticks) this bool field
    choices: tuple[str, ...] = ()   # text: suggestions
    add: str = ""                   # a list of records: its Add button ("Add a c&hild")

    @property
    def plain(self) -> str:
        """The label as read aloud and printed: no mnemonic, no colon."""
        return self.label.replace("&", "").rstrip(":")


def described(label: str, *, default=_MISSING, default_factory=_MISSING, **info):
    """A dataclass field carrying its ``Info``. Keyword arguments only."""
    meta = {"info": Info(label, **info)}
    if default_factory is not _MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=meta)
    if default is not _MISSING:
        return dataclasses.field(default=default, metadata=meta)
    return dataclasses.field(metadata=meta)


@dataclass(frozen=True)
class Described:
    name: str
    info: Info
    type: typing.Any

    @property
    def kind(self) -> str:
        """text | multiline | lines | date | enum | bool | int | record | records"""
        if self.info.kind:
            return self.info.kind
        tp = _unoptional(self.type)
        if typing.get_origin(tp) is list:
            (arg,) = typing.get_args(tp) or (str,)
            return "records" if dataclasses.is_dataclass(arg) else "lines"
        if isinstance(tp, type):
            if issubclass(tp, bool):
                return "bool"
            if issubclass(tp, enum.Enum):
                return "enum"
            if issubclass(tp, (date, datetime)):
                return "date"
            if issubclass(tp, int):
                return "int"
            if dataclasses.is_dataclass(tp):
                return "record"
        return "text"

    @property
    def item_type(self):
        """The class of a nested record, or of each item of a list of records."""
        tp = _unoptional(self.type)
        if typing.get_origin(tp) is list:
            return typing.get_args(tp)[0]
        return tp

    @property
    def flag(self) -> str:
        return self.info.flag or self.name.replace("_", "-")


def _unoptional(tp):
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return tp


def described_fields(cls, *, page: str | None = None) -> list[Described]:
    """The described fields of ``cls`` in declaration order (optionally one page's)."""
    hints = codec.hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        info = f.metadata.get("info")
        if info is not None and (page is None or info.page == page):
            out.append(Described(f.name, info, hints[f.name]))
    return out


def pages(cls) -> list[str]:
    """The page names used by ``cls``'s described fields, in first-use order."""
    seen: list[str] = []
    for d in described_fields(cls):
        if d.info.page and d.info.page not in seen:
            seen.append(d.info.page)
    return seen


def summary(obj, fmt, *, empty: str | None = None) -> list[tuple[str, str]]:
    """(label, text) for every ``summary`` field of ``obj``; ``fmt(value)`` turns a value into
    text (each caller formats dates and enums its own way). A field with no value is left out,
    or shown as ``empty`` when one is given."""
    out = []
    for d in described_fields(type(obj)):
        if not d.info.summary:
            continue
        value = getattr(obj, d.name)
        if value in (None, "", []):
            if empty is not None:
                out.append((d.info.plain, empty))
            continue
        out.append((d.info.plain, fmt(value)))
    return out
