"""Working days skip the bank holidays of the agency's part of the UK (the holidays package)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from desktop.domain.dates import (
    REGIONS, add_working_days, bank_holiday, is_working_day, working_days_between,
)
from desktop.domain.meeting import Meeting, MeetingKind
from desktop.domain.rules import Case, RuleConfig
from desktop.domain.rules import meetings as cw
from desktop.store.settings import HOLIDAY_REGION


def test_each_nation_has_its_own_bank_holidays():
    assert bank_holiday(date(2026, 8, 31), "england") == "Late Summer Bank Holiday"
    assert bank_holiday(date(2026, 8, 31), "scotland") == ""
    assert bank_holiday(date(2026, 8, 3), "scotland") == "Summer Bank Holiday"
    assert bank_holiday(date(2026, 3, 17), "northern_ireland") == "Saint Patrick's Day"
    assert bank_holiday(date(2026, 1, 2), "scotland") and not bank_holiday(date(2026, 1, 2), "wales")
    assert not is_working_day(date(2026, 12, 28), "wales")          # Boxing Day, observed


def test_five_working_days_skip_a_bank_holiday():
    # Meeting on Thursday 21 May 2026; Monday 25 May is the spring bank holiday everywhere.
    assert add_working_days(date(2026, 5, 21), 5, "england") == date(2026, 5, 29)
    # Easter 2026: Good Friday 3 April everywhere, Easter Monday 6 April not in Scotland.
    assert add_working_days(date(2026, 4, 2), 1, "england") == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 1, "scotland") == date(2026, 4, 6)


@pytest.mark.parametrize("region", list(REGIONS))
def test_between_counts_what_add_steps_over(region):
    start = date(2026, 12, 18)
    for n in range(0, 25):
        assert working_days_between(start, add_working_days(start, n, region), region) == n


def test_minutes_rule_uses_the_configured_region():
    m = Meeting(person_id="p", kind=MeetingKind.MULTI_AGENCY, date=date(2026, 3, 13))   # a Friday
    case = Case(person=None, meetings=[m])
    now = datetime(2026, 3, 20, 12, tzinfo=timezone.utc)                            # + 5 days
    # England: due Friday 20 March, not late yet. Northern Ireland: 17 March is a holiday,
    # so due Monday 23 March.
    assert [a.code for a in cw.minutes_not_circulated(case, RuleConfig(), now)] == ["minutes_due"]
    ni = cw.minutes_not_circulated(case, RuleConfig(holiday_region="northern_ireland"), now)
    assert "Mon 23 Mar" in ni[0].message
    assert m.minutes_due("northern_ireland") == date(2026, 3, 23)


def test_the_setting_refuses_an_unknown_region():
    assert HOLIDAY_REGION.coerce("wales") == "wales"
    with pytest.raises(ValueError, match="Scotland"):
        HOLIDAY_REGION.coerce("mars")


class _Meta:
    """The two calls ``Settings`` makes on a store."""
    def __init__(self):
        self.rows = {}

    def meta_get(self, key):
        return self.rows.get(key)

    def meta_set(self, key, value):
        self.rows[key] = value


def test_the_region_follows_the_procedure_until_the_agency_chooses_one():
    from desktop.store.settings import Settings
    settings = Settings(_Meta())
    assert settings.get("procedure") == "fife" and settings.get(HOLIDAY_REGION) == "scotland"
    settings.set("procedure", "south_lanarkshire")
    assert settings.get(HOLIDAY_REGION) == "scotland"
    for english in ("nottingham", "oxfordshire", "pan_dorset"):
        settings.set("procedure", english)
        assert settings.get(HOLIDAY_REGION) == "england"
    # what the settings dialog shows and saves: "" = follow the procedure
    assert settings.get(HOLIDAY_REGION, derived=False) == ""
    settings.set(HOLIDAY_REGION, "wales")                 # a Welsh agency's choice wins
    settings.set("procedure", "fife")
    assert settings.get(HOLIDAY_REGION) == "wales"
    settings.set(HOLIDAY_REGION, "")
    assert settings.get(HOLIDAY_REGION) == "scotland"


def test_the_alerts_use_the_procedures_region():
    from desktop.store.alerts import rule_config
    from desktop.store.settings import Settings

    class Store:
        def __init__(self):
            self.settings = Settings(_Meta())
    store = Store()
    assert rule_config(store).holiday_region == "scotland"      # Fife by default
    store.settings.set("procedure", "pan_dorset")
    assert rule_config(store).holiday_region == "england"
