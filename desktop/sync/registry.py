"""Which record class stores each sync entity: found, not listed.

Every module under ``desktop.domain`` is imported and every ``Record`` subclass with an
``ENTITY`` name joins the registry, so a record kind added by any part of the app syncs with no
change here.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

import desktop.domain
from desktop.domain.record import Record

#: Fields that make two records "possibly the same" when created on different devices.
#: A record class may declare its own with ``DUPLICATE_KEY = ("field", ...)``.
DEFAULT_DUPLICATE_KEYS = {"person": ("name", "date_of_birth")}


def _all_subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_all_subclasses(sub))
    return out


@lru_cache(maxsize=1)
def record_classes() -> dict[str, type[Record]]:
    """``{entity: record class}`` for every record kind this build knows."""
    for info in pkgutil.walk_packages(desktop.domain.__path__, desktop.domain.__name__ + "."):
        importlib.import_module(info.name)
    found: dict[str, type[Record]] = {}
    for cls in _all_subclasses(Record):
        entity = getattr(cls, "ENTITY", "")
        if entity and entity not in found:
            found[entity] = cls
    return found


def record_class(entity: str) -> type[Record] | None:
    return record_classes().get(entity)


def person_linked(cls: type[Record]) -> bool:
    """Records that belong to one person (they carry ``person_id``)."""
    return "person_id" in cls.__dataclass_fields__


def duplicate_key(cls: type[Record]) -> tuple[str, ...]:
    return tuple(getattr(cls, "DUPLICATE_KEY", ()) or DEFAULT_DUPLICATE_KEYS.get(cls.ENTITY, ()))
