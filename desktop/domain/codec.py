"""Turn domain dataclasses into plain JSON-able fields and back, driven by type hints.

One codec serves the store (columns), sync (change payloads) and the CLI (``--json``):
enums become their ``value`` (snake_case), dates and datetimes ISO-8601 strings, nested
dataclasses dicts, lists lists. Unknown keys are ignored on the way back so that an older
build can read a newer record without crashing.
"""
from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from functools import lru_cache

from desktop.domain.ids import from_iso, to_iso


@lru_cache(maxsize=None)
def hints(cls) -> dict[str, typing.Any]:
    return dict(zip((f.name for f in dataclasses.fields(cls)), _resolved(cls)))


def _resolved(cls):
    h = typing.get_type_hints(cls)
    return [h[f.name] for f in dataclasses.fields(cls)]


def field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def encode(value: typing.Any) -> typing.Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return to_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot encode {type(value).__name__}")


def to_fields(obj) -> dict[str, typing.Any]:
    return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def decode(tp, value):
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode(args[0], value) if len(args) == 1 else value
    if origin in (list, tuple, set, frozenset):
        (arg, *_rest) = typing.get_args(tp) or (typing.Any,)
        items = [decode(arg, v) for v in value]
        return origin(items) if origin is not list else items
    if origin is dict:
        _k, v_tp = typing.get_args(tp) or (str, typing.Any)
        return {k: decode(v_tp, v) for k, v in value.items()}
    if tp is typing.Any:
        return value
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return tp(value)
        if tp is datetime:
            return value if isinstance(value, datetime) else from_iso(value)
        if tp is date:
            return value if isinstance(value, date) else date.fromisoformat(value)
        if tp is bool:
            return bool(value)
        if dataclasses.is_dataclass(tp):
            return from_fields(tp, value)
    return value


def from_fields(cls, data: typing.Mapping[str, typing.Any]):
    h = hints(cls)
    kwargs = {name: decode(tp, data[name]) for name, tp in h.items() if name in data}
    return cls(**kwargs)


def is_structured(tp) -> bool:
    """True when a field's values are stored as JSON text (lists, dicts, nested dataclasses)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return len(args) == 1 and is_structured(args[0])
    if origin in (list, tuple, set, frozenset, dict):
        return True
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)
