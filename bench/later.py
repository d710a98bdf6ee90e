"""Figures for parts that land later (UI, sync, reports): each module's bench runs when its
part exists in this build, otherwise its figures say so."""
from __future__ import annotations

import importlib.util

from bench.common import not_measured


def has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def missing(group: str, figures: list[tuple[str, str]], part: str) -> list:
    return [not_measured(group, name, target, f"{part} is not on main yet")
            for name, target in figures]
