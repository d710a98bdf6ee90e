"""The merged inter-agency chronology: order, sources, filters, with and without visits."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from desktop.domain.chronology import ChronologyEntry, ChronologyKind as K
from desktop.domain.contact import ContactMethod, ContactOutcome
from desktop.domain.ids import new_id
from desktop.domain.meeting import Decision, MeetingKind
from desktop.domain.person import AgencyInvolvement
from desktop.domain.record import ValidationError
from desktop.domain.referral import Referral, ReferralTo
from desktop.domain.risk import RiskLevel


def _at(month, day, hour=11):
    return datetime(2026, month, day, hour, 0, tzinfo=timezone.utc)


def _visit(store, attempt, **fields):
    """A visit row as the fieldwork area stores it (its domain class is not needed here)."""
    row = {"id": new_id(), "attempt_id": attempt.id, "person_id": attempt.person_id,
           "observed": "", "reported": "", "mismatch": 0, "incident": None, **fields}
    cols = ", ".join(row)
    store.db.execute(f"INSERT INTO visit ({cols}) VALUES ({', '.join('?' * len(row))})",
                     list(row.values()))
    return row["id"]


@pytest.fixture
def case(store, person):
    """Case study 1 in miniature, entered out of date order."""
    store.people.update(replace(person, lead_agency="Social Work", agencies=[
        AgencyInvolvement(agency="Housing", lead_worker="Kim Officer"), AgencyInvolvement(agency="Police", lead_worker="PC Shaw")]))
    ch = store.chronology
    ch.add_entry(person.id, date(2026, 3, 2), "Police", K.REPORT_OF_HARM,
                 "Call about a man taking her pension", worker="PC Shaw",
                 significance="Financial exploitation")
    ch.add_entry(person.id, date(2026, 1, 20), "Fire", K.INCIDENT, "Kitchen fire, no injuries")
    m = store.meetings.add_meeting(person.id, MeetingKind.ENGAGEMENT_ESCALATION,
                                   date(2026, 5, 12), chair="Service manager",
                                   agreed_risk_level=RiskLevel.HIGH,
                                   decisions=[Decision("Nurse is SPOC", "Trusted", "Group")])
    store.referrals.add(Referral(person_id=person.id, to_whom=ReferralTo.MARAC,
                                 date=date(2026, 5, 13), reason="Coercion",
                                 agency="Social Work", made_by="SW"))
    seen = store.attempts.log(person.id, ContactMethod.HOME_VISIT, ContactOutcome.SEEN_ENGAGED,
                              "Dressing done", at=_at(5, 14))
    store.attempts.log(person.id, ContactMethod.HOME_VISIT, ContactOutcome.NOT_AT_HOME,
                       at=_at(5, 21))
    refused = store.attempts.log(person.id, ContactMethod.HOME_VISIT,
                                 ContactOutcome.ACCESS_REFUSED_BY_THIRD_PARTY, at=_at(6, 4))
    # same day as the meeting, later in the day: timeless rows come first on a date
    store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                       at=_at(5, 12, 15))
    return {"person": person, "meeting": m, "seen": seen, "refused": refused}


def test_merged_in_date_order_from_every_source(store, case):
    rows = store.chronology(case["person"].id)
    assert [(r.date.isoformat(), r.kind.value) for r in rows] == [
        ("2026-01-20", "incident"), ("2026-03-02", "report_of_harm"),
        ("2026-05-12", "meeting"), ("2026-05-12", "attempt"), ("2026-05-13", "referral"),
        ("2026-05-14", "attempt"), ("2026-05-21", "attempt"), ("2026-06-04", "attempt")]
    meeting = rows[2]
    assert meeting.agency == "Social Work" and meeting.source == "meeting"
    assert "Engagement escalation meeting (chair: Service manager)" in meeting.summary
    assert "Risk level agreed: High" in meeting.summary and "Nurse is SPOC" in meeting.summary
    assert rows[5].summary == "Home visit – seen and engaged. Dressing done"
    assert rows[5].agency == "Community Nursing"          # this device's agency
    assert rows[4].summary == "Referral to MARAC: Coercion"
    newest = store.chronology(case["person"].id, newest_first=True)
    assert newest[0].date == date(2026, 6, 4) and newest[-1].date == date(2026, 1, 20)


def test_filters_by_period_kind_and_agency(store, case):
    pid = case["person"].id
    since = store.chronology(pid, since=date(2026, 5, 13))
    assert [r.date for r in since][0] == date(2026, 5, 13) and len(since) == 4
    period = store.chronology(pid, since=date(2026, 3, 1), until=date(2026, 5, 12))
    assert [r.kind for r in period] == [K.REPORT_OF_HARM, K.MEETING, K.ATTEMPT]
    assert [r.kind for r in store.chronology(pid, kinds=["meeting", K.REFERRAL])] == \
        [K.MEETING, K.REFERRAL]
    police = store.chronology(pid, agency="police")
    assert [r.summary for r in police] == ["Call about a man taking her pension"]
    assert store.chronology(pid, agency="Nobody") == []
    assert store.chronology.agencies(pid) == ["Community Nursing", "Fire", "Police",
                                              "Social Work"]


def test_attempt_agency_from_the_persons_lead_workers(store, case):
    pid = case["person"].id
    store.attempts.add(replace(store.attempts.timeline(pid)[0], id=new_id(), worker="Kim Officer",
                               origin_device="another-device", at=_at(6, 5)))
    row = store.chronology(pid, since=date(2026, 6, 5))[0]
    assert (row.agency, row.worker) == ("Housing", "Kim Officer")


def test_visits_appear_once_with_their_details_and_incidents(store, case):
    pid = case["person"].id
    _visit(store, case["seen"], observed="Fridge empty", reported="Eating fine", mismatch=1)
    _visit(store, case["refused"], incident=json.dumps(
        {"kinds": ["hostility", "filmed"], "description": "Dougie shouted and filmed"}))
    rows = store.chronology(pid, since=date(2026, 5, 14))
    kinds = [(r.date.isoformat(), r.kind.value) for r in rows]
    assert kinds == [("2026-05-14", "visit"), ("2026-05-21", "attempt"),
                     ("2026-06-04", "visit"), ("2026-06-04", "incident")]
    visit = rows[0]
    assert "Observed: Fridge empty" in visit.summary and "Reported: Eating fine" in visit.summary
    assert "disguised compliance" in visit.significance and visit.source == "visit"
    assert rows[3].summary == "Staff-safety incident (hostility, filmed): Dougie shouted and filmed"
    assert [r.kind for r in store.chronology(pid, kinds=[K.INCIDENT])] == [K.INCIDENT, K.INCIDENT]


def test_works_without_a_visit_table(store, case):
    store.db.execute("DROP TABLE visit")
    rows = store.chronology(case["person"].id)
    assert len(rows) == 8 and {r.kind for r in rows} >= {K.ATTEMPT, K.MEETING}


def test_deleted_records_leave_the_chronology(store, case):
    pid = case["person"].id
    store.meetings.delete(case["meeting"].id)
    assert K.MEETING not in {r.kind for r in store.chronology(pid)}


def test_entries_are_append_only_and_validated(store, case):
    entry = store.chronology.where("person_id = ?", (case["person"].id,))[0]
    with pytest.raises(ValidationError, match="not edited"):
        store.chronology.update(replace(entry, summary="changed"))
    with pytest.raises(ValidationError, match="which agency"):
        store.chronology.add(ChronologyEntry(person_id=case["person"].id,
                                             event_date=date(2026, 1, 1), agency=" ",
                                             summary="x"))
    assert ChronologyEntry.APPEND_ONLY


def test_attempts_near_midnight_use_the_local_date(store, person, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    import time
    time.tzset()
    try:
        store.attempts.log(person.id, ContactMethod.PHONE, ContactOutcome.NO_ANSWER,
                           at=datetime(2026, 6, 30, 23, 30, tzinfo=timezone.utc))  # 00:30 BST
        rows = store.chronology(person.id, since=date(2026, 7, 1), until=date(2026, 7, 1))
        assert [r.date for r in rows] == [date(2026, 7, 1)]
        assert store.chronology(person.id, until=date(2026, 6, 30)) == []
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
