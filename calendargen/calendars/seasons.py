"""Equinoxes and solstices: the astronomical moment from ``ephem``, dated in a time zone.

The March equinox of 2025 falls at 09:01 UTC on 20 March, which is 20 March in Tehran too, but a
late-evening UTC moment moves a day forward in Asia; so a rule names its zone (UTC by default).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import ephem

EVENTS = {
    "march equinox": (ephem.next_vernal_equinox, 1),
    "june solstice": (ephem.next_summer_solstice, 4),
    "september equinox": (ephem.next_autumnal_equinox, 7),
    "december solstice": (ephem.next_winter_solstice, 10),
}


@lru_cache(maxsize=8192)
def date_in_year(year: int, event: str, zone: str) -> date:
    """The local date in ``zone`` of ``event`` in ``year``."""
    finder, from_month = EVENTS[event]
    moment: datetime = ephem.Date(finder(ephem.Date(f"{year}/{from_month}/1"))).datetime()
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).date()
