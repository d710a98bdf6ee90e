"""Text a record may hold: no control characters (terminal escapes, NULs, bidi overrides).

Typed or synced text ends up in terminals, PDFs and other people's screens. A control
character (ESC of an ANSI escape sequence, a NUL, a backspace, a C1 code) never belongs in a
name or a note; names stay on one line; direction overrides (which make text read differently
from what it holds) are refused in names. Notes keep their line breaks and tabs.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata

from desktop.domain.record import ValidationError
from desktop.i18n import _, ngettext  # noqa: F401

#: allowed in multi-line text
_LAYOUT = {"\n", "\t", "\r"}
#: bidi embeddings, overrides and isolates: refused in names
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
#: fields that hold one line (a name, a worker, a place)
_ONE_LINE_SUFFIXES = ("name", "known_as", "worker", "chair", "minute_taker", "by_whom",
                      "made_by", "advocate", "lead_person", "agency", "spoc", "safe_number")


def _label(name: str) -> str:
    return name.replace("_", " ")


def one_line(name: str) -> bool:
    return name.endswith(_ONE_LINE_SUFFIXES)


#: a character ``problem`` may object to (category Cc is exactly U+0000-001F and U+007F-009F):
#: one regular-expression search clears almost every value without a loop in Python
_SUSPECT_MULTI = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SUSPECT_ONE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def problem(value: str, single_line: bool) -> str | None:
    """Why ``value`` cannot be stored (None when it can)."""
    if not (_SUSPECT_ONE if single_line else _SUSPECT_MULTI).search(value):
        return None
    for ch in value:
        if ch in _LAYOUT:
            if single_line:
                return "a line break or tab"
            continue
        if unicodedata.category(ch) == "Cc":
            return f"a control character (U+{ord(ch):04X})"
        if single_line and ch in _BIDI:
            return f"a text-direction control (U+{ord(ch):04X})"
    return None


def check_text(record) -> None:
    """Raise ``ValidationError`` naming the field when any text in ``record`` (nested records
    and lists included) holds a control character."""
    _walk(record, "")


def _walk(obj, path: str) -> None:
    if not dataclasses.is_dataclass(obj):
        return
    for name in _names(type(obj)):
        value = getattr(obj, name, None)
        if value is None or value.__class__ in _SCALARS:
            continue                # nothing to check in a number, a date, a flag
        _value(value, name, name if not path else f"{path} {name}")


_SCALARS = frozenset({int, float, bool, bytes})


@functools.lru_cache(maxsize=None)
def _names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _value(value, name: str, where: str) -> None:
    if isinstance(value, str):
        why = problem(value, one_line(name))
        if why:
            raise ValidationError(
                _('The {value} contains {why}. Type it again without it (text pasted from elsewhere can carry invisible characters).').format(value=_label(where), why=why))
    elif isinstance(value, (list, tuple)):
        for item in value:
            _value(item, name, where)
    elif dataclasses.is_dataclass(value):
        _walk(value, where)
