"""Fixtures and helpers for report tests: a person with contact attempts inside and outside a
period; reading a PDF's text page by page (pypdf)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome

SINCE, UNTIL = date(2026, 5, 1), date(2026, 6, 30)
INSIDE_NOTE = "Dressing done; fridge empty"
OUTSIDE_NOTE = "OUTSIDE-THE-PERIOD attempt note"


def _at(y, m, d, h=10):
    return datetime(y, m, d, h, 30, tzinfo=timezone.utc)


@pytest.fixture
def case(store, person):
    """``person`` with attempts: three in May-June 2026, one in 2025, one in August 2026."""
    rows = [(_at(2026, 5, 14), ContactOutcome.SEEN_ENGAGED, INSIDE_NOTE),
            (_at(2026, 5, 21), ContactOutcome.NOT_AT_HOME, ""),
            (_at(2026, 6, 4), ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY,
             "Refused at the door <b>& filmed</b>"),
            (_at(2025, 1, 5), ContactOutcome.NO_ANSWER, OUTSIDE_NOTE),
            (_at(2026, 8, 20), ContactOutcome.NO_ANSWER, OUTSIDE_NOTE)]
    with store.transaction():
        for at, outcome, note in rows:
            store.attempts.add(ContactAttempt(person_id=person.id, at=at, worker="Jo Nurse",
                                              method=ContactMethod.HOME_VISIT, outcome=outcome,
                                              note=note))
    return person

MARKING = "OFFICIAL-SENSITIVE"


def pages_text(path: Path, password: str | None = None) -> list[str]:
    reader = PdfReader(str(path))
    if password is not None:
        assert reader.decrypt(password)
    return [p.extract_text() or "" for p in reader.pages]


def squash(text: str) -> str:
    """Text with whitespace (line breaks inside wrapped cells) collapsed."""
    return " ".join(text.split())


def check_common(path: Path, person_name: str, password: str | None = None) -> str:
    """The report opens, names the person, and carries the marking at the top and bottom of
    every page and "Page x of y". Returns the whole text, whitespace collapsed."""
    pages = pages_text(path, password)
    assert pages, "the PDF has no pages"
    for n, text in enumerate(pages, 1):
        assert text.count(MARKING) >= 2, f"page {n} lacks the marking top and bottom"
        assert f"Page {n} of {len(pages)}" in text
        assert squash(person_name) in squash(text), f"page {n} does not name the person"
    return squash("\n".join(pages))


@pytest.fixture
def pdf():
    """Helpers and shared constants for report tests."""
    return SimpleNamespace(pages_text=pages_text, squash=squash, check=check_common,
                           MARKING=MARKING, SINCE=SINCE, UNTIL=UNTIL, INSIDE=INSIDE_NOTE,
                           OUTSIDE=OUTSIDE_NOTE)
