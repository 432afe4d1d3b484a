"""Chinese lunisolar dates through ``lunardate`` (valid for Gregorian 1900-2099).

A rule names the lunar month and day of a regular (non-leap) month, as festivals do:
``chinese 01-01`` is the Spring Festival. Years outside the library's tables give no date.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from lunardate import LunarDate

VALID_YEARS = (1900, 2099)


@lru_cache(maxsize=65536)
def dates_in_year(year: int, month: int, day: int) -> tuple[date, ...]:
    """Gregorian dates in ``year`` of lunar ``month``/``day``."""
    found = []
    for lunar_year in (year - 1, year):
        if not VALID_YEARS[0] <= lunar_year < VALID_YEARS[1]:
            continue
        try:
            gregorian = LunarDate(lunar_year, month, day).to_solar_date()
        except ValueError:
            continue
        if gregorian.year == year:
            found.append(gregorian)
    return tuple(found)
