"""Islamic (Hijri) dates, in the variant a country keeps.

- ``umm al-qura`` (the default): Saudi Arabia's official calendar. ``hijridate`` carries its
  tables (1343-1500 AH, about 1924-2077); outside them we fall back to the tabular calendar.
- ``tabular``: the arithmetic Islamic calendar of ``convertdate`` (30-year cycle).
- ``iran``: Iran's official calendar (its calendar center at the University of Tehran) starts
  each month on the day after Umm al-Qura or on the same day; one day later gave 60% of Iran's
  holiday dates of 2020-2027 right against 40% for Umm al-Qura (the tabular calendar drifts:
  35% in 2026-2027). Iran's published dates are recorded as overrides.

A computed Hijri date is always an estimate: countries fix Islamic holidays by moon sighting, so
catalogues record the dates actually observed or published as per-year overrides.
"""

from __future__ import annotations

from datetime import date, timedelta
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
VARIANTS = {"umm al-qura": 0, "iran": 1, "tabular": 0}  # days after the underlying calendar
DEFAULT_VARIANT = "umm al-qura"


def _to_gregorian(year: int, month: int, day: int, tabular: bool = False) -> date | None:
    if not tabular and UMM_AL_QURA_YEARS[0] <= year <= UMM_AL_QURA_YEARS[1]:
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
def dates_in_year(
    year: int, month: int, day: int, variant: str = DEFAULT_VARIANT
) -> tuple[date, ...]:
    """Gregorian dates in ``year`` of Hijri ``day`` ``month`` in ``variant`` (a Hijri year is
    354 or 355 days, so a date can fall twice in one Gregorian year)."""
    later = timedelta(days=VARIANTS[variant])
    first = _hijri_year_at(date(year, 1, 1) - later)
    last = _hijri_year_at(date(year, 12, 31) - later)
    found = []
    for hijri_year in range(first - 1, last + 1):
        gregorian = _to_gregorian(hijri_year, month, day, tabular=variant == "tabular")
        if gregorian is not None and (gregorian + later).year == year:
            found.append(gregorian + later)
    return tuple(sorted(set(found)))
