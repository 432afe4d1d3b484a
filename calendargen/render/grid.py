"""Month grids: weeks in rows from the locale's first day of the week, each day linking to its
entries, today marked and days off shaded.

What a day holds is computed once per build (``DayIndex``, the same in every locale); a grid
in a locale only adds names: CLDR's month and weekday names and the countries' names.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from babel import Locale
from babel.core import get_global
from babel.dates import format_skeleton, get_day_names, get_month_names
from babel.lists import format_list

from calendargen.i18n import capitalized, locale_of, long_date, pgettext_noop, translate
from calendargen.model import Occurrence

DAY_OFF_IN = pgettext_noop("grid", "{day}; day off: {places}")


class Cell(NamedTuple):  # a tuple: a build makes 90,000, 4x faster than a frozen dataclass
    """One day of a grid; ``day`` is 0 for the padding before the 1st and after the last."""

    day: int  # the day of the month; 0 for padding
    iso: str = ""  # the day, ISO
    label: str = ""  # the accessible name: the date, and where it is a day off
    href: str | None = None  # the day's entries, when it has any
    off: bool = False  # a day off somewhere
    off_ids: str = ""  # where: source category ids, space-separated (for the filters)
    cats: str = ""  # the categories of the day's entries, space-separated (for the filters)
    today: bool = False  # the reference date ("today" of the build)


_PADDING = Cell(0)


@dataclass(frozen=True)
class Weekday:
    """A grid's column head."""

    short: str  # "Mon", "Пн"
    full: str  # "Monday", "понедельник"


@dataclass(frozen=True)
class MonthGrid:
    """A month as a table: its name, its page, its weekdays and its weeks."""

    name: str  # "December"
    title: str  # "December 2025"
    href: str  # the month's page, relative to this page
    anchor: str  # "m05": the year page's grid and list share it
    weekdays: list[Weekday]  # the column heads, from the locale's first day of the week
    weeks: list[list[Cell]]  # the rows, seven cells each


@dataclass(frozen=True)
class DayIndex:
    """Per day of the window: how many short entries fall on it and where it is a day off.
    Long spans (a year, a decade) are left out: they would fill every cell."""

    anchor: dict[date, date]  # per day with entries: the day under which the list shows them
    off: dict[date, tuple[str, ...]]  # source category ids, sorted
    cats: dict[date, str]  # the categories of the day's entries, sorted, space-separated

    @classmethod
    def of(
        cls,
        occurrences: Iterable[Occurrence],
        is_long: Callable[[Occurrence], bool],
        place_of: Callable[[Occurrence], str | None],
    ) -> DayIndex:
        anchor: dict[date, date] = {}
        off: dict[date, set[str]] = defaultdict(set)
        cats: dict[date, set[str]] = defaultdict(set)
        for occurrence in occurrences:  # sorted by start: a day's own entries come last
            if is_long(occurrence):
                continue
            place = place_of(occurrence) if occurrence.day_off else None
            day = occurrence.start
            while day <= occurrence.end:
                if anchor.get(day) != day:  # the day's own heading beats an earlier start's
                    anchor[day] = occurrence.start
                if place is not None:
                    off[day].add(place)
                cats[day].update(occurrence.categories)
                day += timedelta(days=1)
        return cls(
            anchor,
            {day: tuple(sorted(places)) for day, places in off.items()},
            {day: " ".join(sorted(found)) for day, found in cats.items()},
        )


@lru_cache(maxsize=64)
def first_weekday(locale: str) -> int:
    """The first day of the week (0 Monday .. 6 Sunday) where the language is mostly used:
    CLDR's week data for the locale's territory, or its likely one (fa: Iran, Saturday)."""
    cldr = locale_of(locale)
    if cldr.territory is None:
        likely = get_global("likely_subtags").get(cldr.language)
        if likely:
            return int(Locale.parse(likely).first_week_day)
    return int(cldr.first_week_day)


def weekdays(locale: str) -> list[Weekday]:
    """The locale's weekdays from its first day of the week (CLDR)."""
    cldr = locale_of(locale)
    short = get_day_names("abbreviated", context="stand-alone", locale=cldr)
    full = get_day_names("wide", context="stand-alone", locale=cldr)
    first = first_weekday(locale)
    return [Weekday(short[(first + i) % 7], full[(first + i) % 7]) for i in range(7)]


# A month's weeks: each day's cell without its link, and the day whose heading it links to.
Weeks = list[list[tuple[Cell, str | None]]]


def month_weeks(
    year: int,
    month: int,
    locale: str,
    index: DayIndex,
    today: date,
    place_name: Callable[[str], str],
) -> Weeks:
    """The weeks of ``month`` in ``locale``: what every grid of the month shows, whichever
    page it is on (``month_grid`` adds the links)."""
    days = calendar.Calendar(first_weekday(locale)).monthdayscalendar(year, month)
    rows: Weeks = []
    for week in days:
        row: list[tuple[Cell, str | None]] = []
        for number in week:
            if number == 0:
                row.append((_PADDING, None))
                continue
            day = date(year, month, number)
            places = index.off.get(day, ())
            label = long_date(day, locale)
            if places:
                names = format_list([place_name(p) for p in places], locale=locale_of(locale))
                label = translate(DAY_OFF_IN, locale).format(day=label, places=names)
            heading = index.anchor.get(day)
            cell = Cell(number, day.isoformat(), label, None, bool(places), " ".join(places),
                        index.cats.get(day, ""), day == today)  # fmt: skip
            row.append((cell, heading.isoformat() if heading else None))
        rows.append(row)
    return rows


def month_grid(year: int, month: int, locale: str, weeks: Weeks, href: str) -> MonthGrid:
    """The grid of ``month`` from its ``weeks``; ``href`` is the month's page, whose day
    headings (``#dISO``) the days link to."""
    rows = [
        [cell if heading is None else cell._replace(href=f"{href}#d{heading}")
         for cell, heading in week]
        for week in weeks
    ]  # fmt: skip
    name = get_month_names("wide", context="stand-alone", locale=locale_of(locale))[month]
    return MonthGrid(
        capitalized(name),
        month_title(year, month, locale),
        href,
        f"m{month:02d}",
        weekdays(locale),
        rows,
    )


@lru_cache(maxsize=4096)
def month_title(year: int, month: int, locale: str) -> str:
    """ "December 2025" as the locale writes a month of a year (CLDR's yMMMM)."""
    return capitalized(format_skeleton("yMMMM", date(year, month, 1), locale=locale_of(locale)))
