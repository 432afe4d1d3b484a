"""Observances as RFC 5545 recurrences (RRULE, EXDATE, RDATE), for compact feeds.

Only rules an RRULE expresses exactly qualify: fixed dates, nth or last weekdays, last days of
months, with eras and one-day overrides; all eras must span the same number of days and none may
shift to observed days. The recurring event follows the last era's rule from the first year on
(so that DTSTART is synchronized with the RRULE, as RFC 5545 requires), excludes that rule's dates
in the years before the last era (EXDATE) and adds the earlier eras' dates (RDATE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calendargen.model import Observance
from calendargen.rules.base import DateRule, Era, FixedDate, LastDayOfMonth, NthWeekday

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Recurrence:
    start: date
    days: int
    rrule: str
    exdates: tuple[date, ...] = ()
    rdates: tuple[date, ...] = ()


def _rrule(rule: DateRule) -> str | None:
    if isinstance(rule, FixedDate):
        return f"FREQ=YEARLY;BYMONTH={rule.month};BYMONTHDAY={rule.day}"
    if isinstance(rule, NthWeekday):
        return f"FREQ=YEARLY;BYMONTH={rule.month};BYDAY={rule.nth}{BYDAY[rule.weekday]}"
    if isinstance(rule, LastDayOfMonth):
        return f"FREQ=YEARLY;BYMONTH={rule.month};BYMONTHDAY=-1"
    return None


def _expressible(eras: tuple[Era, ...]) -> bool:
    return bool(eras) and all(
        _rrule(era.rule) and not era.shifts and era.days == eras[0].days for era in eras
    )


def recurrence(observance: Observance) -> Recurrence | None:
    """The observance as one recurring event, or None if an RRULE cannot say it exactly.

    The event starts in the entry's first year: the later of the first era's ``since`` and the
    origin's year (nothing comes before the origin, see ``engine``). An entry whose first year
    is unknown is not made recurring: its DTSTART would have to move with the build's window,
    and a recurring event's DTSTART and UID must stay as long as its rule does.
    """
    eras = observance.eras
    if not _expressible(eras):
        return None
    known = [year for year in (eras[0].since, observance.origin and observance.origin.date.year)
             if year]  # fmt: skip
    if not known:
        return None
    days = eras[0].days
    if any(len(o.spans) > 1 or (o.spans and (o.spans[0][1] - o.spans[0][0]).days + 1 != days)
           for o in observance.overrides.values()):  # fmt: skip
        return None
    first_year = max(known)
    last = eras[-1]
    rrule = _rrule(last.rule)
    assert rrule is not None
    if last.until is not None:
        rrule += f";UNTIL={last.until:04d}1231"

    def kept(era: Era, year: int) -> set[date]:
        """Of an era's dates in ``year``, those the engine gives (none on the event's day)."""
        event_day = observance.event_day(era)
        return {d for d in era.rule.dates(year) if event_day is None or d > event_day}

    start = min(
        (d for year in range(first_year, first_year + 8) for d in kept(last, year)),
        default=None,
    )
    if start is None:
        return None
    exdates: set[date] = set()
    rdates: set[date] = set()
    years = set(range(first_year, last.since or first_year)) | set(observance.overrides)
    for year in sorted(years):
        if year < first_year or (last.until is not None and year > last.until):
            continue
        produced = kept(last, year) if year >= start.year else set()
        override = observance.overrides.get(year)
        if override is not None:
            wanted = {span[0] for span in override.spans}
        else:
            era = next((e for e in eras if e.covers(year)), None)
            wanted = kept(era, year) if era else set()
        exdates |= produced - wanted
        rdates |= wanted - produced
    return Recurrence(start, days, rrule, tuple(sorted(exdates)), tuple(sorted(rdates)))
