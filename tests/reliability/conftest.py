"""Figures from the reliability tests, printed at the end of the run (issue 8 asks for them)."""
from __future__ import annotations

import pytest

_FIGURES: list[str] = []


@pytest.fixture
def figures():
    """``figures(line)`` records one line for the end-of-run summary."""
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter):
    if _FIGURES:
        terminalreporter.section("reliability figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)
