"""Hebrew calendar dates through ``pyluach``.

``adar`` means Adar in a common year and Adar II in a leap year (the convention for Purim);
``adar i`` and ``adar ii`` exist only in leap years. A day that a month lacks in a given year
(30 Cheshvan or 30 Kislev in a short year) gives no date that year.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from pyluach import dates, hebrewcal

# pyluach numbers months from Nisan (1) to Adar (12) and Adar II (13); 112/113 mark the
# explicit "adar i"/"adar ii" of leap years.
MONTHS: dict[str, int] = {
    "nisan": 1,
    "iyar": 2,
    "sivan": 3,
    "tammuz": 4,
    "av": 5,
    "elul": 6,
    "tishrei": 7,
    "cheshvan": 8,
    "heshvan": 8,
    "kislev": 9,
    "tevet": 10,
    "shevat": 11,
    "adar": 12,
    "adar i": 112,
    "adar ii": 113,
}

ESTIMATED = False


def _month_in(year: int, month: int) -> int | None:
    leap = hebrewcal.Year(year).leap
    if month == 12:
        return 13 if leap else 12
    if month in (112, 113):
        return month - 100 if leap else None
    return month


@lru_cache(maxsize=65536)
def dates_in_year(year: int, month: int, day: int) -> tuple[date, ...]:
    """Gregorian dates in ``year`` of Hebrew ``day`` ``month``."""
    found = []
    for hebrew_year in (year + 3760, year + 3761):
        actual = _month_in(hebrew_year, month)
        if actual is None:
            continue
        try:
            gregorian = dates.HebrewDate(hebrew_year, actual, day).to_pydate()
        except ValueError:  # the month is shorter that year
            continue
        if gregorian.year == year:
            found.append(gregorian)
    return tuple(found)
