"""Islamic (Hijri) dates by the Umm al-Qura calendar, with a tabular fallback outside its range.

``hijridate`` carries the official Umm al-Qura tables (1343-1500 AH, about 1924-2077). Outside
them we fall back to the arithmetic (tabular) Islamic calendar of ``convertdate``, which can be a
day or two off. Either way a computed Hijri date is an estimate: countries fix Islamic holidays by
moon sighting, so catalogues record the dates actually observed as per-year overrides.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from convertdate import islamic
from hijridate import Gregorian, Hijri

MONTHS: dict[str, int] = {
    "muharram": 1,
    "safar": 2,
    "rabi al-awwal": 3,
    "rabi i": 3,
    "rabi al-thani": 4,
    "rabi al-akhir": 4,
    "rabi ii": 4,
    "jumada al-awwal": 5,
    "jumada al-ula": 5,
    "jumada i": 5,
    "jumada al-thani": 6,
    "jumada al-akhirah": 6,
    "jumada ii": 6,
    "rajab": 7,
    "shaban": 8,
    "ramadan": 9,
    "shawwal": 10,
    "dhu al-qadah": 11,
    "dhu al-qidah": 11,
    "dhu al-hijjah": 12,
}

UMM_AL_QURA_YEARS = (1343, 1500)
ESTIMATED = True


def _to_gregorian(year: int, month: int, day: int) -> date | None:
    if UMM_AL_QURA_YEARS[0] <= year <= UMM_AL_QURA_YEARS[1]:
        try:
            gregorian = Hijri(year, month, day).to_gregorian()
        except ValueError:  # day 30 of a 29-day month
            return None
        return date(gregorian.year, gregorian.month, gregorian.day)
    if day == 30 and islamic.month_length(year, month) < 30:
        return None
    return date(*islamic.to_gregorian(year, month, day))


@lru_cache(maxsize=4096)
def _hijri_year_at(gregorian: date) -> int:
    if date(1924, 8, 1) <= gregorian <= date(2077, 11, 16):
        return Gregorian.fromdate(gregorian).to_hijri().year
    return int(islamic.from_gregorian(gregorian.year, gregorian.month, gregorian.day)[0])


@lru_cache(maxsize=65536)
def dates_in_year(year: int, month: int, day: int) -> tuple[date, ...]:
    """Gregorian dates in ``year`` of Hijri ``day`` ``month`` (a Hijri year is 354 or 355 days,
    so a date can fall twice in one Gregorian year)."""
    first = _hijri_year_at(date(year, 1, 1))
    last = _hijri_year_at(date(year, 12, 31))
    found = []
    for hijri_year in range(first, last + 1):
        gregorian = _to_gregorian(hijri_year, month, day)
        if gregorian is not None and gregorian.year == year:
            found.append(gregorian)
    return tuple(found)
