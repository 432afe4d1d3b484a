"""Which years are milestones, what counts as an anniversary, and on which day it falls.

An anniversary is counted in whole years from the origin's year; the origin's own year is not
one, and nothing is listed before it (docs/catalogue.md, README "calgen list"). Milestones:
every ``every``-th anniversary and the numbers in ``also`` (README, "[milestones]": 5, [1]).
"""

from __future__ import annotations

from datetime import date

import pytest

from calendargen.anniversaries import DEFAULT_POLICY, MilestonePolicy, anniversary_date
from calendargen.engine import expand
from calendargen.model import Observance, Origin
from calendargen.rules import parse_eras


@pytest.mark.parametrize(
    ("policy", "number", "expected"),
    [
        pytest.param(DEFAULT_POLICY, -5, False, id="negative"),
        pytest.param(DEFAULT_POLICY, 0, False, id="zero"),
        pytest.param(DEFAULT_POLICY, 1, True, id="first"),
        pytest.param(DEFAULT_POLICY, 2, False, id="second"),
        pytest.param(DEFAULT_POLICY, 4, False, id="fourth"),
        pytest.param(DEFAULT_POLICY, 5, True, id="fifth"),
        pytest.param(DEFAULT_POLICY, 10, True, id="tenth"),
        pytest.param(DEFAULT_POLICY, 26, False, id="26th"),
        pytest.param(DEFAULT_POLICY, 100, True, id="centenary"),
        pytest.param(MilestonePolicy(every=10, also=()), 1, False, id="every-10-not-first"),
        pytest.param(MilestonePolicy(every=10, also=()), 15, False, id="every-10-not-15"),
        pytest.param(MilestonePolicy(every=10, also=()), 20, True, id="every-10-twentieth"),
        pytest.param(MilestonePolicy(every=0, also=(1, 25)), 5, False, id="only-also-not-5"),
        pytest.param(MilestonePolicy(every=0, also=(1, 25)), 25, True, id="only-also-25"),
        pytest.param(MilestonePolicy(every=0, also=(1, 25)), 0, False, id="only-also-zero"),
        pytest.param(MilestonePolicy(every=0, also=()), 10, False, id="none"),
    ],
)
def test_is_milestone(policy: MilestonePolicy, number: int, expected: bool) -> None:
    assert policy.is_milestone(number) is expected


@pytest.mark.parametrize(
    ("origin", "year", "expected"),
    [
        pytest.param(date(1991, 10, 27), 2026, date(2026, 10, 27), id="same-day"),
        pytest.param(date(2000, 3, 1), 2001, date(2001, 3, 1), id="after-february"),
        pytest.param(date(2000, 2, 29), 2004, date(2004, 2, 29), id="leap-day-leap-year"),
        pytest.param(date(2000, 2, 29), 2001, date(2001, 2, 28), id="leap-day-common-year"),
        pytest.param(  # 2100 is not a leap year (Gregorian: centuries only if divisible by 400)
            date(2000, 2, 29), 2100, date(2100, 2, 28), id="leap-day-century"
        ),
    ],
)
def test_anniversary_date(origin: date, year: int, expected: date) -> None:
    assert anniversary_date(origin, year) == expected


def _entry(rule: list[str], origin: date, owner: str | None = None) -> Observance:
    return Observance(
        id="x",
        names={"en": "X"},
        eras=parse_eras(rule) if rule else (),
        categories=(),
        sources=(),
        origin=Origin(origin, owner=owner),
    )


def _year(
    entry: Observance, year: int, policy: MilestonePolicy = DEFAULT_POLICY
) -> list[tuple[date, int | None, bool]]:
    """(start, anniversary, milestone) of the entry's occurrences in ``year``."""
    found = expand([entry], date(year, 1, 1), date(year, 12, 31), policy)
    return [(o.start, o.anniversary, o.milestone) for o in found]


NEUTRALITY = _entry(["12-12"], date(1995, 12, 12))  # recognised by A/RES/50/80 A, 1995-12-12


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        pytest.param(1994, [], id="before-the-origin"),
        pytest.param(1995, [], id="the-event-is-not-its-own-observance"),
        pytest.param(
            1996, [(date(1996, 12, 12), 1, False), (date(1996, 12, 12), 1, True)], id="first"
        ),
        pytest.param(1997, [(date(1997, 12, 12), 2, False)], id="second"),
        pytest.param(
            2000, [(date(2000, 12, 12), 5, False), (date(2000, 12, 12), 5, True)], id="fifth"
        ),
        pytest.param(
            2025, [(date(2025, 12, 12), 30, False), (date(2025, 12, 12), 30, True)], id="30th"
        ),
        pytest.param(2026, [(date(2026, 12, 12), 31, False)], id="31st"),
    ],
)
def test_anniversaries_of_a_yearly_day(year: int, expected: list[object]) -> None:
    assert _year(NEUTRALITY, year) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(["09-01"], [date(1991, 9, 1)], id="the-day-after-the-declaration"),
        pytest.param(["08-31"], [], id="the-declaration-itself"),
        pytest.param(["08-30"], [], id="before-it"),
        pytest.param(["08-31 for 2 days"], [], id="a-span-from-the-declaration"),
        pytest.param(["08-31 since 1991"], [date(1991, 8, 31)], id="kept-on-the-day-by-since"),
    ],
)
def test_the_origin_year(rule: list[str], expected: list[date]) -> None:
    """In the origin's year, only what a rule gives after the origin's day: a holiday
    proclaimed on 31 August 1991 for 1 September is kept that year, the declaration is not,
    unless the rule's since says the day was kept that very year (Victory Day 1945)."""
    entry = _entry(rule, date(1991, 8, 31))
    assert [start for start, _, _ in _year(entry, 1991)] == expected


def test_anniversary_on_the_days_own_date() -> None:
    # Turkmenistan's independence, proclaimed 27 October 1991, celebrated on 27 September
    # since 2018: its 35th anniversary is on 2026-09-27 (the example in anniversaries.py)
    independence = _entry(["10-27 since 1992 until 2017", "09-27 since 2018"], date(1991, 10, 27))
    assert _year(independence, 2026) == [
        (date(2026, 9, 27), 35, False),
        (date(2026, 9, 27), 35, True),
    ]
    assert _year(independence, 2016) == [
        (date(2016, 10, 27), 25, False),
        (date(2016, 10, 27), 25, True),
    ]


@pytest.mark.parametrize(
    ("origin", "year", "expected"),
    [
        pytest.param(date(2005, 9, 1), 2005, [], id="origin-year"),
        pytest.param(date(2005, 9, 1), 2006, [(date(2006, 9, 1), 1, True)], id="first"),
        pytest.param(date(2005, 9, 1), 2007, [], id="not-a-milestone"),
        pytest.param(date(2005, 9, 1), 2010, [(date(2010, 9, 1), 5, True)], id="fifth"),
        pytest.param(date(2000, 2, 29), 2004, [], id="leap-day-fourth"),
        pytest.param(date(2000, 2, 29), 2005, [(date(2005, 2, 28), 5, True)], id="leap-day-common"),
        pytest.param(date(2000, 2, 29), 2020, [(date(2020, 2, 29), 20, True)], id="leap-day-leap"),
    ],
)
def test_an_anniversary_only_entry_appears_in_milestone_years(
    origin: date, year: int, expected: list[object]
) -> None:
    assert _year(_entry([], origin), year) == expected


def test_the_policy_decides() -> None:
    policy = MilestonePolicy(every=10, also=())
    assert _year(NEUTRALITY, 1996, policy) == [(date(1996, 12, 12), 1, False)]
    assert _year(NEUTRALITY, 2005, policy) == [
        (date(2005, 12, 12), 10, False),
        (date(2005, 12, 12), 10, True),
    ]


def test_an_event_shared_by_two_entries_has_its_milestones_once() -> None:
    # origin.same_as: the anniversary is counted, the other entry marks the milestone
    shared = _entry(["12-12"], date(1995, 12, 12), owner="international-day-of-neutrality")
    assert _year(shared, 2000) == [(date(2000, 12, 12), 5, False)]


def test_a_substitute_day_counts_the_anniversary_but_is_no_milestone() -> None:
    # 1 January 2006 was a Sunday (1 January 2005 a Saturday, 2005 a common year)
    entry = _entry(["01-01 since 1992 if sunday then next monday"], date(1991, 1, 1))
    found = expand([entry], date(2006, 1, 1), date(2006, 12, 31))
    assert [(o.start, o.anniversary, o.milestone, o.observed) for o in found] == [
        (date(2006, 1, 1), 15, False, False),
        (date(2006, 1, 1), 15, True, False),
        (date(2006, 1, 2), 15, False, True),
    ]


def test_edition_counts_from_the_first_year_observed() -> None:
    # neutrality day first observed in 2017 (A/RES/71/275): 2025 is its 9th edition and the
    # 30th anniversary of the event
    entry = _entry(["12-12 since 2017"], date(1995, 12, 12))
    found = expand([entry], date(2025, 1, 1), date(2025, 12, 31))
    assert [(o.anniversary, o.edition, o.milestone) for o in found] == [
        (30, 9, False),
        (30, 9, True),
    ]
