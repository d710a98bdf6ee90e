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


@lru_cache(maxsize=None)
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


_PLAIN = (str, int, float, bool, type(None))


def to_fields(obj) -> dict[str, typing.Any]:
    out = {}
    for name in field_names(type(obj)):
        value = getattr(obj, name)
        out[name] = value if type(value) in _PLAIN else encode(value)
    return out


def decode(tp, value):
    if value is None:
        return None
    return decoder(tp)(value)


@lru_cache(maxsize=None)
def decoder(tp) -> typing.Callable[[typing.Any], typing.Any]:
    """A function turning a stored value (never None) of type ``tp`` back into the domain
    value, worked out once per type: reading thousands of rows then costs one call per field
    instead of a walk through ``typing`` for every value."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return decoder(args[0]) if len(args) == 1 else _same
    if origin in (list, tuple, set, frozenset):
        (arg, *_rest) = typing.get_args(tp) or (typing.Any,)
        inner = decoder(arg)
        if origin is list:
            return lambda v: [None if x is None else inner(x) for x in v]
        return lambda v: origin(None if x is None else inner(x) for x in v)
    if origin is dict:
        _k, v_tp = typing.get_args(tp) or (str, typing.Any)
        inner = decoder(v_tp)
        return lambda v: {k: None if x is None else inner(x) for k, x in v.items()}
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            by_value = tp._value2member_map_
            return lambda v: by_value.get(v) or tp(v)
        if tp is datetime:
            return lambda v: v if isinstance(v, datetime) else from_iso(v)
        if tp is date:
            return lambda v: v if isinstance(v, date) else date.fromisoformat(v)
        if tp is bool:
            return bool
        if dataclasses.is_dataclass(tp):
            return lambda v: from_fields(tp, v)
    return _same


def _same(value):
    return value


def from_fields(cls, data: typing.Mapping[str, typing.Any]):
    kwargs = {}
    for name, dec in _decoders(cls):
        if name in data:
            value = data[name]
            kwargs[name] = None if value is None else dec(value)
    return cls(**kwargs)


@lru_cache(maxsize=None)
def _decoders(cls) -> tuple[tuple[str, typing.Callable], ...]:
    return tuple((name, decoder(tp)) for name, tp in hints(cls).items())


def is_structured(tp) -> bool:
    """True when a field's values are stored as JSON text (lists, dicts, nested dataclasses)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return len(args) == 1 and is_structured(args[0])
    if origin in (list, tuple, set, frozenset, dict):
        return True
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)
