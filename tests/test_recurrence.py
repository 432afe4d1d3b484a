"""Which rules become which RFC 5545 recurrence (RRULE, EXDATE, RDATE), and which do not.

Expected RRULEs follow RFC 5545 section 3.3.10 (BYMONTHDAY=-1 is a month's last day, BYDAY=3TU
its third Tuesday, BYDAY=-1MO its last Monday; an UNTIL date is inclusive). Weekdays are
worked out by hand from the weekday of 1 January (1971 and 1982 a Friday, 1998 a Thursday, 1999
a Friday, 2000 a Saturday, 2001 a Monday; day 244 of a common year is 1 September, day 245 of
a leap year) and agree with the published dates cited beside them.
"""

from __future__ import annotations

from datetime import date

import pytest

from calendargen.model import Observance, Origin, Override
from calendargen.recurrence import Recurrence, recurrence
from calendargen.rules import parse_eras


def _observance(
    rule: list[str], origin: date | None = None, overrides: dict[int, Override] | None = None
) -> Observance:
    return Observance(
        id="x",
        names={"en": "X"},
        eras=parse_eras(rule),
        categories=(),
        sources=(),
        origin=Origin(origin) if origin else None,
        overrides=overrides or {},
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(
            ["09-21 since 2002"],
            Recurrence(date(2002, 9, 21), 1, "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21"),
            id="fixed-date",
        ),
        pytest.param(  # 1 September 1982 a Wednesday: Tuesdays 7, 14, 21 (UN A/RES/36/67)
            ["3rd tuesday of september since 1982"],
            Recurrence(date(1982, 9, 21), 1, "FREQ=YEARLY;BYMONTH=9;BYDAY=3TU"),
            id="nth-weekday",
        ),
        pytest.param(  # 31 May 1971 a Monday: the first Memorial Day on a Monday (US 1968 act)
            ["last monday of may since 1971"],
            Recurrence(date(1971, 5, 31), 1, "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO"),
            id="last-weekday",
        ),
        pytest.param(
            ["last day of february since 2000"],
            Recurrence(date(2000, 2, 29), 1, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"),
            id="last-day-of-month",
        ),
        pytest.param(  # RFC 5545 skips 29 February in common years, as the rule does
            ["02-29 since 2001"],
            Recurrence(date(2004, 2, 29), 1, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
            id="leap-day-starts-in-a-leap-year",
        ),
        pytest.param(
            ["10-24 for 7 days since 1978"],
            Recurrence(date(1978, 10, 24), 7, "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=24"),
            id="span",
        ),
        pytest.param(
            ["09-21 since 2000 until 2010"],
            Recurrence(date(2000, 9, 21), 1, "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21;UNTIL=20101231"),
            id="until",
        ),
        pytest.param(  # the International Day of Peace: 3rd Tuesday of September, 21 September
            # from 2002 (A/RES/55/282); 1998-09-15, 1999-09-21, 2000-09-19, 2001-09-18
            ["3rd tuesday of september since 1998 until 2001", "09-21 since 2002"],
            Recurrence(
                date(1998, 9, 21),
                1,
                "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21",
                exdates=(date(1998, 9, 21), date(2000, 9, 21), date(2001, 9, 21)),
                rdates=(date(1998, 9, 15), date(2000, 9, 19), date(2001, 9, 18)),
            ),
            id="eras-by-exdate-and-rdate",
        ),
    ],
)
def test_rules_that_become_an_rrule(rule: list[str], expected: Recurrence) -> None:
    assert recurrence(_observance(rule)) == expected


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param(["easter +39 since 2000"], id="easter"),
        pytest.param(["orthodox easter -2 since 2000"], id="orthodox-easter"),
        pytest.param(["1 shawwal since 2000"], id="hijri"),
        pytest.param(["1 farvardin since 2000"], id="persian"),
        pytest.param(["march equinox since 2000"], id="season"),
        pytest.param(["saturday before 06-24 since 2000"], id="weekday-relative"),
        pytest.param(["monday on or after 05-24 since 2000"], id="weekday-on-or-after"),
        pytest.param(["year 2025"], id="declared-year"),
        pytest.param(["years 2021-2030"], id="declared-decade"),
        pytest.param(["01-01 since 2000 if sunday then next monday"], id="observed-shift"),
        pytest.param(["09-21"], id="first-year-unknown"),
        pytest.param(
            ["10-24 for 7 days since 1978 until 1999", "10-24 since 2000"],
            id="eras-of-other-lengths",
        ),
        pytest.param(["easter since 2000 until 2009", "04-01 since 2010"], id="one-era-not-rrule"),
    ],
)
def test_rules_that_stay_expanded(rule: list[str]) -> None:
    assert recurrence(_observance(rule)) is None


def test_the_origin_gives_the_first_year() -> None:
    # no since: the event starts on the rule's first date after the origin's day
    found = recurrence(_observance(["09-21"], origin=date(1995, 12, 12)))
    assert found == Recurrence(date(1996, 9, 21), 1, "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21")
    found = recurrence(_observance(["09-21"], origin=date(1995, 9, 20)))
    assert found is not None and found.start == date(1995, 9, 21)
    found = recurrence(_observance(["09-21"], origin=date(1995, 9, 21)))  # the event's own day
    assert found is not None and found.start == date(1996, 9, 21)
    found = recurrence(_observance(["09-21 since 1995"], origin=date(1995, 9, 21)))  # kept
    assert found is not None and found.start == date(1995, 9, 21)
    # a since after the origin wins
    found = recurrence(_observance(["09-21 since 2002"], origin=date(1995, 12, 12)))
    assert found is not None and found.start == date(2002, 9, 21)


@pytest.mark.parametrize(
    ("overrides", "exdates", "rdates"),
    [
        pytest.param(
            {2021: Override(((date(2021, 9, 22), date(2021, 9, 22)),))},
            (date(2021, 9, 21),),
            (date(2021, 9, 22),),
            id="moved",
        ),
        pytest.param({2022: Override(())}, (date(2022, 9, 21),), (), id="not-held"),
        pytest.param(
            {2021: Override(((date(2021, 9, 21), date(2021, 9, 21)),))}, (), (), id="same-day"
        ),
        pytest.param(
            {2019: Override(((date(2019, 9, 20), date(2019, 9, 20)),))}, (), (), id="before-start"
        ),
    ],
)
def test_one_day_overrides(
    overrides: dict[int, Override], exdates: tuple[date, ...], rdates: tuple[date, ...]
) -> None:
    found = recurrence(_observance(["09-21 since 2020"], overrides=overrides))
    assert found == Recurrence(
        date(2020, 9, 21), 1, "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=21", exdates, rdates
    )


@pytest.mark.parametrize(
    "override",
    [
        pytest.param(Override(((date(2021, 9, 21), date(2021, 9, 22)),)), id="longer-span"),
        pytest.param(
            Override(((date(2021, 9, 21), date(2021, 9, 21)), (date(2021, 9, 28),) * 2)),
            id="two-days",
        ),
    ],
)
def test_overrides_an_rrule_cannot_say(override: Override) -> None:
    assert recurrence(_observance(["09-21 since 2020"], overrides={2021: override})) is None
