"""The home page of a locale, ``L/index.html``: today, the coming weeks, this month's grid,
the next milestones and the main feeds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import ClassVar

from calendargen.i18n import full_date, translate
from calendargen.render.feeds import ALL_FEED, MILESTONE_FEED, feed_paths
from calendargen.render.grid import MonthGrid
from calendargen.render.html import Context, Link, Page
from calendargen.render.ics import is_long
from calendargen.render.pages.items import Day, Filters, Item, by_day
from calendargen.render.pages.parts import PageUnit, Parts, month_days, page_path
from calendargen.render.subscription import Feed

COMING_DAYS = 56
NEXT_MILESTONES = 12


@dataclass(frozen=True)
class HomeContext(Context):
    """The home page, ``L/index.html``: today, the coming weeks, this month's grid, the next
    milestones and the main feeds."""

    template: ClassVar[str] = "home.html"

    today: str  # today's date in words, with its weekday
    today_iso: str  # today's date, ISO (for <time datetime>)
    today_items: list[Item]  # what is observed today (long spans are in ``spans``)
    coming: list[Day]  # the coming eight weeks, day by day (no milestones: see ``milestones``)
    milestones: list[Item]  # the next milestone anniversaries, from today
    feeds: list[Feed]  # the feeds of every entry and of the milestones
    subscribe_href: str  # the subscribe page, with every feed
    years: list[Link]  # every year page of the site
    spans: list[Item]  # the long spans (years, decades) running today
    filters: Filters  # the choices of the country and kind filters
    grid: MonthGrid | None  # this month's grid (None when this year is outside the site's)


class HomePlanner:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    def units(self, locale: str) -> Iterator[PageUnit]:
        yield page_path(locale), self.entries(), partial(self.page, locale)

    def entries(self) -> list[str]:
        """The entries the home page may show: today's and the coming weeks', this month's
        (its grid), the long spans running today and every milestone from today on."""
        parts, today = self.parts, self.parts.today
        coming = parts.entries_between(today, today + timedelta(days=COMING_DAYS))
        grid = parts.entries_between(*month_days(today.year, today.month))
        milestones = [o.id for o in parts.occurrences if o.milestone and o.start >= today]
        return [*coming, *grid, *milestones]  # a new list: those two are cached

    def page(self, locale: str) -> Page:
        parts, today = self.parts, self.parts.today
        path = page_path(locale)
        horizon = today + timedelta(days=COMING_DAYS)
        today_items = [
            parts.item(o, locale, path)
            for o in parts.occurrences
            if o.start <= today <= o.end and not is_long(o)
        ]
        coming = [
            parts.item(o, locale, path)
            for o in parts.occurrences
            if today < o.start <= horizon and not o.milestone
        ]
        milestones = [
            parts.item(o, locale, path) for o in parts.occurrences
            if o.milestone and o.start >= today
        ][:NEXT_MILESTONES]  # fmt: skip
        all_path, milestone_path = feed_paths(locale)
        feeds = parts.feeds(
            locale,
            (path, all_path, translate(ALL_FEED, locale)),
            (path, milestone_path, translate(MILESTONE_FEED, locale)),
        )
        first, last = parts.years
        context = HomeContext(
            today=full_date(today, locale),
            today_iso=today.isoformat(),
            today_items=today_items,
            coming=by_day(coming),
            milestones=milestones,
            feeds=feeds,
            subscribe_href=parts.links.href(path, page_path(locale, "subscribe")),
            years=parts.year_links(locale, path),
            spans=parts.spans(locale, path, today, today),
            filters=parts.filters(locale),
            grid=(
                parts.grid(locale, path, today.year, today.month)
                if first <= today.year <= last
                else None
            ),
        )
        title = parts.plan.title
        return parts.page(path, locale, title, context, parts.copy_script(path, feeds))
