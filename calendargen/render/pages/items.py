"""The values lists of occurrences are made of, on every kind of page: an occurrence as an
item, items grouped by day, and the choices of the country and kind filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from calendargen.model import Occurrence


class Item(NamedTuple):  # a tuple: a year's page holds thousands, made 4x faster than a dataclass
    """One occurrence as a list item."""

    dates: str  # the range, or the day: "1–3 May 2026", "1 May 2026"
    day: str  # the start day alone, for headings
    weekday: str  # the start day's weekday, for a span shorter than a week; else ""
    start: str  # the start day, ISO (for <time datetime>)
    name: str  # the entry's name ("100th anniversary of ..." for a milestone)
    name_lang: str | None  # the name's language, when a fallback's differs from the page's
    href: str  # the entry's page, relative to this page
    where: str  # the source categories: "Turkmenistan", "United Nations"
    anniversary: str | None  # "30th anniversary", beside the name (None for a milestone)
    milestone: bool  # a milestone anniversary (a 25th, a 100th...)
    estimated: bool  # a computed date not yet announced (an Islamic date, most often)
    observed: bool  # a substitute day off for a day off that fell on a weekend
    day_off: bool = False  # a day off where it is observed
    period: str | None = None  # a long span's whole years ("2016–2025"), when it covers them
    cats: str = ""  # its categories, space-separated (for the filters)

    @property
    def marked(self) -> bool:
        """Whether a table shows a badge beside its date (estimated, day off)."""
        return self.estimated or self.observed or self.day_off


@dataclass(frozen=True)
class Day:
    """Items starting on one day, under one heading."""

    label: str  # the day: "28 November 2026"
    weekday: str  # its weekday: "Saturday"
    iso: str  # the day, ISO: the heading's anchor (``d2026-11-28``) and <time datetime>
    items: list[Item]  # what starts that day


def by_day(items: list[Item]) -> list[Day]:
    """Consecutive items grouped by their start day (items come sorted by start)."""
    days: list[Day] = []
    for item in items:
        if not days or days[-1].iso != item.start:
            days.append(Day(item.day, item.weekday, item.start, []))
        days[-1].items.append(item)
    return days


class Choice(NamedTuple):
    """One choice of a filter: ``{% for id, name in filters.places %}``."""

    id: str  # the category's id, which the items' ``cats`` hold
    name: str  # its name in the page's language


@dataclass(frozen=True)
class Filters:
    """The choices of the country and kind filters, shown by filter.js; without JavaScript
    the form stays hidden and every entry is listed."""

    places: list[Choice]  # the source categories: countries and organizations
    kinds: list[Choice]  # the kind categories: public holidays, professional days...


def whole_years(occurrence: Occurrence) -> str | None:
    """ "2025" or "2016–2025" for a span of whole calendar years, else None."""
    start, end = occurrence.start, occurrence.end
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return None
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
