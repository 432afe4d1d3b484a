"""Our calendars against an independent implementation: the `holidays` package, 1950-2075."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from holidays.calendars.islamic import _IslamicLunar
from holidays.calendars.julian import JULIAN_CALENDAR
from holidays.groups.christian import ChristianHolidays

from calendargen.defaults import shipped
from calendargen.engine import expand
from calendargen.loader import Catalogue, load
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


# -- days off against the holidays package, 2020-2027 ----------------------------------------

DIFFERENCES = tomllib.loads(
    (Path(__file__).parent / "holidays-differences.toml").read_text(encoding="utf-8")
)
COUNTRIES = ("am", "az", "ge", "ir", "kg", "kz", "pk", "ru", "tj", "tm", "tr", "uz")


@pytest.fixture(scope="module")
def shipped_catalogue() -> Catalogue:
    return load([shipped("data")])


@pytest.mark.parametrize("country", COUNTRIES)
def test_days_off_match_holidays_or_are_explained(
    shipped_catalogue: Catalogue, country: str
) -> None:
    """Every date where calendargen's days off and the `holidays` package disagree is a
    reviewed decision (tests/holidays-differences.toml), with its reason and source."""
    entries = [o for o in shipped_catalogue.observances if country in o.categories]
    found = set()
    for year in range(2020, 2028):
        ours = set()
        for occurrence in expand(entries, date(year, 1, 1), date(year, 12, 31)):
            if occurrence.day_off:
                day = occurrence.start
                while day <= occurrence.end:
                    ours.add(day)
                    day += timedelta(days=1)
        ours = {day for day in ours if day.year == year}
        theirs = set(holidays.country_holidays(country.upper(), years=year))
        found |= ours ^ theirs
    assert sorted(d.isoformat() for d in found) == sorted(DIFFERENCES[country])


# -- names against the holidays package, in each country's own language ---------------------

NAMES = tomllib.loads((Path(__file__).parent / "holidays-names.toml").read_text(encoding="utf-8"))
OWN_LANGUAGES = (
    ("am", "hy"),
    ("az", "az"),
    ("ge", "ka"),
    ("kz", "kk"),
    ("uz", "uz"),
    ("kg", "ky"),
    ("tj", "tg"),
)  # fmt: skip  (holidays 0.109 has no Urdu names)


@pytest.mark.parametrize(("country", "language"), OWN_LANGUAGES)
def test_national_names_match_holidays_or_are_explained(
    shipped_catalogue: Catalogue, country: str, language: str
) -> None:
    """The names of the public holidays calendargen and `holidays` share (2024-2026), in the
    country's language: every difference is listed with the wording calendargen cites."""
    entries = [o for o in shipped_catalogue.observances
               if country in o.categories and "public-holiday" in o.categories]  # fmt: skip
    theirs: dict[date, str] = {}
    for year in (2024, 2025, 2026):
        theirs.update(holidays.country_holidays(country.upper(), years=year, language=language))
    different = set()
    for occurrence in expand(entries, date(2024, 1, 1), date(2026, 12, 31)):
        if occurrence.milestone or occurrence.observed or occurrence.start not in theirs:
            continue
        names = {n.strip() for n in theirs[occurrence.start].split(";")}
        if occurrence.observance.names[language] not in names:
            different.add(occurrence.id)
    assert sorted(different) == sorted(NAMES[language])
