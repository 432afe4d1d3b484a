"""Our calendars against an independent implementation: the `holidays` package, 1950-2075."""

from __future__ import annotations

import pytest
from holidays.calendars.islamic import _IslamicLunar
from holidays.calendars.julian import JULIAN_CALENDAR
from holidays.groups.christian import ChristianHolidays

from calendargen.rules import parse_era

YEARS = range(1950, 2076)


class _Orthodox(ChristianHolidays):
    def __init__(self, year: int) -> None:
        self._year = year
        super().__init__(JULIAN_CALENDAR)


class _Western(ChristianHolidays):
    def __init__(self, year: int) -> None:
        self._year = year
        super().__init__()


@pytest.mark.parametrize(
    ("rule", "reference"), [("easter", _Western), ("orthodox easter", _Orthodox)]
)
def test_easter(rule: str, reference: type[ChristianHolidays]) -> None:
    era = parse_era(rule)
    for year in YEARS:
        assert era.rule.dates(year) == (reference(year)._easter_sunday,), year


@pytest.mark.parametrize(
    ("rule", "method"),
    [
        ("1 shawwal", "eid_al_fitr_dates"),
        ("10 dhu al-hijjah", "eid_al_adha_dates"),
        ("10 muharram", "ashura_dates"),
        ("12 rabi al-awwal", "mawlid_dates"),
        ("1 muharram", "hijri_new_year_dates"),
    ],
)
def test_islamic(rule: str, method: str) -> None:
    reference = _IslamicLunar()
    era = parse_era(rule)
    for year in YEARS:
        expected = sorted(day for day, _ in getattr(reference, method)(year) if day.year == year)
        assert list(era.rule.dates(year)) == expected, year
