"""The calendar pages of a locale: a year, ``L/YEAR/index.html`` (twelve month grids, then
the year's entries month by month), and a month, ``L/YEAR/MM/index.html`` (its grid, then
its entries day by day)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import ClassVar, NamedTuple

from babel.dates import get_month_names

from calendargen.i18n import locale_of
from calendargen.render.grid import MonthGrid, month_title
from calendargen.render.html import Context, Link, Page
from calendargen.render.pages.items import Day, Filters, Item, by_day
from calendargen.render.pages.parts import PageUnit, Parts, month_days, page_path


class MonthList(NamedTuple):
    """One month's entries on a year page: ``{% for name, anchor, days in months %}``."""

    name: str  # the month's name, standing alone: "December"
    anchor: str  # "m12": its grid's id; its list's is "m12-list"
    days: list[Day]  # its entries, day by day


class Neighbour(NamedTuple):
    """The month before or after: ``{% for rel, link in neighbours %}``."""

    rel: str  # "prev" or "next"
    link: Link  # its page, named "November 2026"


@dataclass(frozen=True)
class YearContext(Context):
    """A year, ``L/YEAR/index.html``: its twelve month grids, then its entries month by
    month."""

    template: ClassVar[str] = "year.html"

    year: int  # the year (the page's title too)
    spans: list[Item]  # the long spans (years, decades) overlapping the year, shortest first
    grids: list[MonthGrid]  # January to December
    filters: Filters  # the choices of the country and kind filters
    months: list[MonthList]  # January to December: each month's entries, day by day
    years: list[Link]  # every year page of the site


@dataclass(frozen=True)
class MonthContext(Context):
    """A month, ``L/YEAR/MM/index.html``: its grid, then its entries day by day."""

    template: ClassVar[str] = "month.html"

    year: Link  # the year's page
    grid: MonthGrid  # the month's grid
    spans: list[Item]  # the long spans (years, decades) overlapping the month, shortest first
    listed: list[Day]  # the month's entries, day by day
    neighbours: list[Neighbour]  # the months before and after, within the site's years
    filters: Filters  # the choices of the country and kind filters


class YearPlanner:
    """The year and month pages, which share their grids and lists."""

    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    def units(self, locale: str, year: int) -> Iterator[PageUnit]:
        """A year's page, then its months' pages, each with the entries it is made from."""
        parts = self.parts
        yield (page_path(locale, str(year)),
               parts.entries_between(date(year, 1, 1), date(year, 12, 31)),
               partial(self.year, locale, year))  # fmt: skip
        for month in range(1, 13):
            yield (page_path(locale, str(year), f"{month:02d}"),
                   parts.entries_between(*month_days(year, month)),
                   partial(self.month, locale, year, month))  # fmt: skip

    def year(self, locale: str, year: int) -> Page:
        parts = self.parts
        path = page_path(locale, str(year))
        names = get_month_names("wide", context="stand-alone", locale=locale_of(locale))
        by_month: dict[int, list[Item]] = defaultdict(list)
        for occurrence in parts.short_in(date(year, 1, 1), date(year, 12, 31)):
            month = occurrence.start.month if occurrence.start.year == year else 1
            by_month[month].append(parts.item(occurrence, locale, path))
        context = YearContext(
            year=year,
            spans=parts.spans(locale, path, date(year, 1, 1), date(year, 12, 31)),
            grids=[parts.grid(locale, path, year, m) for m in range(1, 13)],
            filters=parts.filters(locale),
            months=[MonthList(names[m], f"m{m:02d}", by_day(by_month[m])) for m in range(1, 13)],
            years=parts.year_links(locale, path),
        )
        return parts.page(path, locale, str(year), context)

    def month(self, locale: str, year: int, month: int) -> Page:
        """A month: its grid, the long spans running in it, and its entries day by day."""
        parts = self.parts
        path = page_path(locale, str(year), f"{month:02d}")
        grid = parts.grid(locale, path, year, month)
        first, last = month_days(year, month)
        items = [parts.item(o, locale, path) for o in parts.short_in(first, last)]
        neighbours = []
        for rel, (y, m) in (("prev", divmod(year * 12 + month - 2, 12)),
                            ("next", divmod(year * 12 + month, 12))):  # fmt: skip
            if parts.years[0] <= y <= parts.years[1]:
                target = parts.links.href(path, page_path(locale, str(y), f"{m + 1:02d}"))
                neighbours.append(Neighbour(rel, Link(target, month_title(y, m + 1, locale))))
        context = MonthContext(
            year=Link(parts.links.href(path, page_path(locale, str(year))), str(year)),
            grid=grid,
            spans=parts.spans(locale, path, first, last),
            listed=by_day(items),
            neighbours=neighbours,
            filters=parts.filters(locale),
        )
        return parts.page(path, locale, grid.title, context)
