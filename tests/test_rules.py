"""Each rule kind against dates from published sources (named per case)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calendargen.errors import RuleError
from calendargen.rules import DateRule, parse_era
from calendargen.rules.base import NthWeekday

D = date

CASES = [
    # Fixed dates; 29 February exists only in leap years.
    pytest.param("12-12", 2025, [D(2025, 12, 12)], id="fixed"),
    pytest.param("12 december", 2025, [D(2025, 12, 12)], id="fixed-by-name"),
    pytest.param("02-29", 2024, [D(2024, 2, 29)], id="leap-day-leap-year"),
    pytest.param("02-29", 2025, [], id="leap-day-common-year"),
    # Nth and last weekday (any printed calendar for 2025).
    pytest.param("3rd tuesday of september", 2001, [D(2001, 9, 18)], id="3rd-tuesday-2001"),
    pytest.param("last sunday of november", 2025, [D(2025, 11, 30)], id="last-sunday-nov"),
    pytest.param("1st monday of may", 2025, [D(2025, 5, 5)], id="1st-monday"),
    pytest.param("second saturday of may", 2025, [D(2025, 5, 10)], id="second-saturday"),
    pytest.param("5th friday of february", 2025, [], id="no-5th-friday"),
    pytest.param("last day of february", 2024, [D(2024, 2, 29)], id="last-day-feb-leap"),
    pytest.param("last day of february", 2025, [D(2025, 2, 28)], id="last-day-feb"),
    # Weekday relative to a date: Finnish Midsummer is the Saturday between 20 and 26 June
    # (2025-06-21); Victoria Day is the Monday before 25 May (2025-05-19).
    pytest.param("saturday before 06-24", 2025, [D(2025, 6, 21)], id="saturday-before"),
    pytest.param("monday on or after 05-24", 2025, [D(2025, 5, 26)], id="monday-on-or-after"),
    pytest.param("monday before 05-25", 2025, [D(2025, 5, 19)], id="monday-before"),
    pytest.param("tuesday on or before 12-09", 2025, [D(2025, 12, 9)], id="on-or-before-same"),
    pytest.param("friday after 12-31", 2025, [], id="after-leaves-year"),
    # Easter: Western 2026-04-05, Orthodox 2026-04-12 (published tables); Ascension 2025-05-29.
    pytest.param("easter", 2026, [D(2026, 4, 5)], id="easter-2026"),
    pytest.param("orthodox easter", 2026, [D(2026, 4, 12)], id="orthodox-easter-2026"),
    pytest.param("easter +39", 2025, [D(2025, 5, 29)], id="ascension-2025"),
    pytest.param("orthodox easter -2", 2025, [D(2025, 4, 18)], id="orthodox-good-friday"),
    # Umm al-Qura: 1 Shawwal 1446 = 2025-03-30, 10 Dhu al-Hijjah 1446 = 2025-06-06;
    # Eid al-Fitr fell twice in 2000 (8 January and 27 December).
    pytest.param("1 shawwal", 2025, [D(2025, 3, 30)], id="eid-al-fitr-2025"),
    pytest.param("10 dhu al-hijjah", 2025, [D(2025, 6, 6)], id="eid-al-adha-2025"),
    pytest.param("1 shawwal", 2000, [D(2000, 1, 8), D(2000, 12, 27)], id="hijri-twice"),
    pytest.param("1 Sha'ban", 2025, [D(2025, 1, 31)], id="hijri-apostrophe"),
    # Solar Hijri: 1 Farvardin 1403 = 2024-03-20, 1404 = 2025-03-21.
    pytest.param("1 farvardin", 2024, [D(2024, 3, 20)], id="nowruz-2024"),
    pytest.param("1 farvardin", 2025, [D(2025, 3, 21)], id="nowruz-2025"),
    # Hebrew: Rosh Hashanah 5786 = 2025-09-23, Passover 5785 = 2025-04-13.
    pytest.param("1 tishrei", 2025, [D(2025, 9, 23)], id="rosh-hashanah"),
    pytest.param("15 nisan", 2025, [D(2025, 4, 13)], id="passover"),
    # Chinese New Year 2025-01-29.
    pytest.param("chinese 01-01", 2025, [D(2025, 1, 29)], id="spring-festival"),
    # Seasons (USNO): March equinox 2025-03-20 09:01 UTC; December solstice 2025-12-21
    # 15:03 UTC, which is 22 December in Tokyo.
    pytest.param("march equinox", 2025, [D(2025, 3, 20)], id="march-equinox"),
    pytest.param("december solstice", 2025, [D(2025, 12, 21)], id="december-solstice"),
    pytest.param("december solstice in Asia/Tokyo", 2025, [D(2025, 12, 22)], id="solstice-tz"),
    # Declared years: one start date, in the first year only.
    pytest.param("year 2025", 2025, [D(2025, 1, 1)], id="declared-year"),
    pytest.param("years 2021-2030", 2025, [], id="decade-not-first-year"),
    # An offset that crosses New Year.
    pytest.param("12-31 +1", 2025, [D(2025, 1, 1)], id="offset-across-new-year"),
]


@pytest.mark.parametrize(("text", "year", "expected"), CASES)
def test_rule_dates(text: str, year: int, expected: list[date]) -> None:
    assert list(parse_era(text).rule.dates(year)) == expected


@pytest.mark.parametrize("text", [case.values[0] for case in CASES])
def test_canonical_text_parses_back(text: str) -> None:
    rule = parse_era(text).rule
    assert parse_era(rule.text).rule == rule


def test_modifiers() -> None:
    era = parse_era("01-01 for 2 days if sunday then next monday since 1995 until 2001")
    assert (era.since, era.until, era.days) == (1995, 2001, 2)
    assert era.shifts[0].observed(D(2023, 1, 1)) == D(2023, 1, 2)
    assert era.shifts[0].observed(D(2025, 1, 1)) is None


def test_declared_span_end() -> None:
    rule = parse_era("years 2021-2030").rule
    assert rule.end(D(2021, 1, 1), 1) == D(2030, 12, 31)


KIND_SAMPLES = {
    "fixed": "12-12",
    "nth-weekday": "3rd tuesday of september",
    "last-day": "last day of february",
    "weekday-relative": "saturday before 06-24",
    "easter": "orthodox easter",
    "offset": "easter +39",
    "calendar-date": "1 shawwal",
    "chinese": "chinese 01-01",
    "season": "march equinox in Asia/Tehran",
    "declared-years": "years 2021-2030",
}


def test_every_rule_kind_parses_and_round_trips() -> None:
    """The rule kinds are DateRule's subclasses, each reached by the parser, and each rule's
    canonical text parses back to an equal rule."""
    assert {cls.kind for cls in DateRule.__subclasses__()} == set(KIND_SAMPLES)
    for kind, text in KIND_SAMPLES.items():
        rule = parse_era(text).rule
        assert rule.kind == kind, text
        assert parse_era(rule.text).rule == rule, text


ERRORS = [
    pytest.param("3rd tusday of september", 5, "did you mean 'tuesday'?", id="weekday-typo"),
    pytest.param("02-30", 1, "impossible date '02-30'", id="impossible-date"),
    pytest.param("13-01", 1, "impossible date '13-01'", id="impossible-month"),
    pytest.param("12-12 sinse 1995", 7, "did you mean 'since'?", id="modifier-typo"),
    pytest.param("12-12 since 2002 until 2001", 1, "'since 2002' is after", id="order"),
    pytest.param("1 shawal", 3, "did you mean 'shawwal'?", id="hijri-typo"),
    pytest.param("31 mehr", 1, "impossible date '31 mehr'", id="persian-day"),
    pytest.param("march equinox in Asia/Tehrn", 18, "did you mean 'Asia/Tehran'?", id="zone"),
    pytest.param("", 1, "empty rule", id="empty"),
    pytest.param("last day of febuary", 13, "did you mean 'february'?", id="month-typo"),
    pytest.param("year 2025 since 2020", 11, "takes no since", id="declared-modifier"),
    pytest.param("years 2030-2021", 7, "not a range of years", id="decade-backwards"),
    pytest.param("easter +400", 8, "at most 366 days", id="offset-too-big"),
    pytest.param("saturday 06-24", 10, "expected 'before', 'after'", id="relation-missing"),
]


@pytest.mark.parametrize(("text", "column", "message"), ERRORS)
def test_rule_errors(text: str, column: int, message: str) -> None:
    with pytest.raises(RuleError) as raised:
        parse_era(text)
    assert raised.value.column == column
    assert message in str(raised.value)


WORDS = [
    "12-12",
    "3rd",
    "last",
    "day",
    "of",
    "tuesday",
    "september",
    "before",
    "on",
    "or",
    "after",
    "easter",
    "orthodox",
    "+3",
    "-2",
    "1",
    "shawwal",
    "farvardin",
    "for",
    "days",
    "since",
    "until",
    "1995",
    "2001",
    "if",
    "then",
    "next",
    "previous",
    "sunday",
    "monday",
    "year",
    "years",
    "2021-2030",
    "march",
    "equinox",
    "in",
    "UTC",
    "chinese",
    "01-01",
    "x",
]


@given(st.lists(st.sampled_from(WORDS), max_size=8) | st.text(max_size=40))
def test_parser_raises_only_rule_errors(words: list[str] | str) -> None:
    text = words if isinstance(words, str) else " ".join(words)
    try:
        era = parse_era(text)
    except RuleError:
        return
    for year in (1999, 2000, 2025):
        for day in era.rule.dates(year):
            assert day.year == year


@given(
    st.integers(1, 5) | st.just(-1),
    st.integers(0, 6),
    st.integers(1, 12),
    st.integers(1900, 2100),
)
def test_nth_weekday_invariants(nth: int, weekday: int, month: int, year: int) -> None:
    for day in NthWeekday(nth, weekday, month).dates(year):
        assert (day.year, day.month, day.weekday()) == (year, month, weekday)
        if nth > 0:
            assert (day.day - 1) // 7 == nth - 1
        else:
            assert (day + timedelta(days=7)).month != month
