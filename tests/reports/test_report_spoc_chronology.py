"""The SPOC between-meeting report and the inter-agency chronology."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from pypdf import PdfReader

from desktop.domain.contact import ContactAttempt, ContactMethod, ContactOutcome
from desktop.reports import build_report
from desktop.reports.data import default_period


def test_spoc_report_holds_the_period_and_nothing_else(store, case, tmp_path, pdf):
    out = build_report(store, "spoc", case.id, tmp_path / "spoc.pdf", since=pdf.SINCE,
                       until=pdf.UNTIL)
    text = pdf.check(out, case.name)
    assert pdf.INSIDE in text and pdf.OUTSIDE not in text
    assert "3 contact attempts; the adult was seen 1 time (engaged 1), not seen 2." in text
    assert "Contact attempts per week, by outcome" in text
    assert "Access refused by a carer or third party (1)" in text      # chart legend
    assert "Questions for the group" in text
    for section in ("Visits", "Small goals and progress", "New barriers to engagement",
                    "Risks and staff-safety incidents", "Actions due and overdue"):
        assert section in text


def test_spoc_chart_draws_every_outcome_a_method_can_have(store, person, tmp_path, pdf):
    """A letter sent and a message with no reply (outcomes added after the chart's colours)
    draw in the weekly chart and its legend: the report never fails on an outcome."""
    with store.transaction():
        for day, method, outcome in (
                (5, ContactMethod.LETTER, ContactOutcome.LETTER_SENT),
                (12, ContactMethod.TEXT, ContactOutcome.MESSAGE_SENT_NO_REPLY),
                (19, ContactMethod.HOME_VISIT, ContactOutcome.NO_ANSWER)):
            store.attempts.add(ContactAttempt(
                person_id=person.id, at=datetime(2026, 5, day, 10, tzinfo=timezone.utc),
                worker="Jo Nurse", method=method, outcome=outcome))
    out = build_report(store, "spoc", person.id, tmp_path / "spoc.pdf", since=pdf.SINCE,
                       until=pdf.UNTIL)
    text = pdf.check(out, person.name)
    for outcome in (ContactOutcome.LETTER_SENT, ContactOutcome.MESSAGE_SENT_NO_REPLY):
        assert f"{outcome.label} (1)" in text                           # chart legend


def test_spoc_default_period_is_the_last_three_months_without_a_meeting(store, person):
    p = default_period(store, person.id, None, None, today=date(2026, 6, 30))
    assert (p.since, p.until) == (date(2026, 3, 30), None)
    assert "three months" in p.basis


def test_open_alerts_are_listed(store, person, tmp_path, pdf):
    for d in range(3):
        store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER, "",
                           datetime.now(timezone.utc) - timedelta(days=3 - d))
    out = build_report(store, "spoc", person.id, tmp_path / "spoc.pdf")
    assert "3 unsuccessful contact attempts in a row." in pdf.check(out, person.name)


def test_chronology_filters_by_period(store, case, tmp_path, pdf):
    out = build_report(store, "chronology", case.id, tmp_path / "c.pdf", since=pdf.SINCE,
                       until=pdf.UNTIL)
    text = pdf.check(out, case.name)
    assert pdf.INSIDE in text and pdf.OUTSIDE not in text
    assert "14 May 2026" in text and "4 Jun 2026" in text
    everything = pdf.check(build_report(store, "chronology", case.id, tmp_path / "all.pdf"),
                           case.name)
    assert everything.count(pdf.OUTSIDE) == 2


def test_chronology_filters_by_agency(store, case, tmp_path, pdf):
    out = build_report(store, "chronology", case.id, tmp_path / "c.pdf", agency="Police")
    text = pdf.check(out, case.name)
    assert pdf.INSIDE not in text and "None recorded." in text and "agency: Police" in text
    mine = build_report(store, "chronology", case.id, tmp_path / "m.pdf",
                        agency="community nursing")
    assert pdf.INSIDE in pdf.check(mine, case.name)


def test_500_entry_chronology_paginates_with_repeated_headers(store, person, tmp_path, pdf):
    start = datetime(2024, 1, 1, 9, tzinfo=timezone.utc)
    with store.transaction():
        for i in range(500):
            store.attempts.add(ContactAttempt(
                person_id=person.id, at=start + timedelta(days=i, hours=i % 7),
                method=ContactMethod.PHONE, outcome=ContactOutcome.NO_ANSWER,
                note=f"Entry number {i:03d}. " + "A long note that wraps over lines. " * (i % 4)))
    out = build_report(store, "chronology", person.id, tmp_path / "c.pdf")
    pages = pdf.pages_text(out)
    assert len(pages) > 10
    assert len(PdfReader(str(out)).pages) == len(pages)
    for n, page in enumerate(pages, 1):
        flat = pdf.squash(page)
        assert "Date Agency Worker Kind What happened Significance" in flat, f"page {n}"
        assert flat.count(pdf.MARKING) >= 2 and f"Page {n} of {len(pages)}" in flat
    text = pdf.squash("\n".join(pages))
    assert all(f"Entry number {i:03d}." in text for i in range(500))


def test_long_free_text_wraps_and_is_never_cut(store, person, tmp_path, pdf):
    long_note = " ".join(f"word{i:04d}" for i in range(1500))       # taller than a page
    store.attempts.log(person.id, ContactMethod.HOME_VISIT, ContactOutcome.NOT_AT_HOME,
                       long_note, datetime(2026, 5, 2, 10, tzinfo=timezone.utc))
    for kind in ("spoc", "chronology"):
        out = build_report(store, kind, person.id, tmp_path / f"{kind}.pdf",
                           since=date(2026, 5, 1), until=date(2026, 5, 31))
        text = pdf.check(out, person.name)
        assert "word0000" in text and "word1499" in text
        assert all(f"word{i:04d}" in text for i in range(0, 1500, 37))


def test_spoc_fieldwork_sections(store, case, tmp_path, pdf):
    pytest.importorskip("desktop.domain.visit")
    from desktop.domain.barrier import Barrier, BarrierCategory
    from desktop.domain.visit import IncidentKind, StaffSafetyIncident
    seen = [a for a in store.attempts.timeline(case.id) if a.outcome.seen][0]
    store.visits.log(seen.id, observed="Fridge empty", reported="Eating fine", mismatch=True,
                     risks_noticed="Papers on the cooker",
                     incident=StaffSafetyIncident(kinds=[IncidentKind.FILMED],
                                                  description="Visitor filmed the nurse"))
    goal = store.goals.new(case.id, "Walk to the shop", steps=["Dress the leg", "Walk"])
    store.goals.record_progress(goal.id, on_date=date(2026, 5, 20), rating=4, note="In-period")
    store.goals.record_progress(goal.id, on_date=date(2025, 5, 20), rating=1,
                                note="Out-of-period progress")
    store.barriers.add(Barrier(person_id=case.id, category=BarrierCategory.SYSTEMS,
                               note="Does not open letters", noted_on=date(2026, 5, 14)))
    store.barriers.add(Barrier(person_id=case.id, category=BarrierCategory.TRAUMA,
                               note="Old barrier outside", noted_on=date(2025, 5, 14)))
    out = build_report(store, "spoc", case.id, tmp_path / "s.pdf", since=pdf.SINCE,
                       until=pdf.UNTIL)
    text = pdf.check(out, case.name)
    assert "Observed and reported disagree" in text and "Fridge empty" in text
    assert "Staff-safety incident: being filmed" in text and "Debrief outstanding" in text
    assert "\u201cWalk to the shop\u201d" in text and "In-period" in text
    assert "Out-of-period progress" not in text
    assert "Does not open letters" in text and "Old barrier outside" not in text
