"""A category's page, ``L/categories/C/index.html``: its feed, every entry of it by next date
and, for a country (a source category), this year's days off."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import ClassVar, NamedTuple

from babel.dates import format_date

from calendargen.i18n import locale_of, pgettext_noop, translate, translations
from calendargen.model import Occurrence, sources_of
from calendargen.render.feeds import category_feed_path
from calendargen.render.html import Context, Link, Page
from calendargen.render.pages.items import Item
from calendargen.render.pages.parts import PageUnit, Parts, page_path
from calendargen.render.subscription import Feed

DAYS_OFF_TITLE = pgettext_noop("category", "Public holidays and days off in {year}")
DAY_OFF_YES = pgettext_noop("day off", "yes")
WORKING_DAY = pgettext_noop("day off", "no: working day")


class CategoryRow(NamedTuple):
    """An entry of the category: ``{% for link, rule, next in rows %}``."""

    link: Link  # the entry's page
    rule: str  # its rule in words, eras separated by ";"
    next: Item | None  # its next or current occurrence (None: none in the site's years)


@dataclass(frozen=True)
class DayOffRow:
    """A row of a country's table of the year's days off: the occurrence, and whether and
    how it is a day off ("yes", "substitute day off")."""

    item: Item  # the occurrence
    status: str  # "yes", "substitute day off" or "no: working day", in the page's language


@dataclass(frozen=True)
class CategoryContext(Context):
    """A category, ``L/categories/C/index.html``: its feed, its entries by next date and,
    for a country (a source category), this year's days off."""

    template: ClassVar[str] = "category.html"

    rows: list[CategoryRow]  # every entry, the soonest first; those with no date last
    feed: Feed | None  # the category's feed (None: no date in the site's years)
    days_off: list[DayOffRow]  # a country's days off this year (empty for a kind category)
    days_off_title: str | None  # their table's heading (None without days off)


class CategoryPlanner:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts
        plan = parts.plan
        self.by_observance: dict[str, list[Occurrence]] = defaultdict(list)
        for occurrence in plan.occurrences:
            self.by_observance[occurrence.id].append(occurrence)
        # This year's days off and decreed working days, by source category (a country's
        # page lists them)
        self.working = {
            o.id
            for o in plan.observances
            if any(plan.categories[c].working_day for c in o.categories)
        }
        self.days_off_this_year: dict[str, list[Occurrence]] = defaultdict(list)
        year = plan.this_year
        for occurrence in plan.occurrences:
            if occurrence.start.year <= year <= occurrence.end.year and (
                occurrence.day_off or occurrence.id in self.working
            ):
                for source in sources_of(occurrence.observance, plan.categories):
                    self.days_off_this_year[source].append(occurrence)

    def units(self, locale: str) -> Iterator[PageUnit]:
        """Each category's page, with the entries of the category."""
        plan = self.parts.plan
        for category in plan.feed_categories:
            entries = [o.id for o in plan.observances if category in o.categories]
            yield (page_path(locale, "categories", category), entries,
                   partial(self.page, category, locale))  # fmt: skip

    def page(self, category: str, locale: str) -> Page:
        """Every entry of the category, the soonest first (its next or current occurrence,
        from today; entries with none in the window last, in catalogue order); a source
        category (a country) also gets a table of this year's days off."""
        parts, plan = self.parts, self.parts.plan
        path = page_path(locale, "categories", category)
        rows = []
        for index, observance in enumerate(plan.observances):
            if category not in observance.categories:
                continue
            upcoming = next(
                (o for o in self.by_observance[observance.id] if o.end >= parts.today), None
            )
            row = CategoryRow(
                parts.observance_link(observance, locale, path),
                "; ".join(parts.rule_words(observance, locale)),
                parts.item(upcoming, locale, path) if upcoming else None,
            )
            rows.append(((upcoming.start if upcoming else date.max, index), row))
        rows.sort(key=lambda keyed: keyed[0])
        title = plan.categories[category].name(locale)
        feed = parts.feed(path, category_feed_path(locale, category), title, locale, qr=True)
        scripts = parts.copy_script(path, [feed] if feed else [])
        days_off = self.days_off_rows(category, locale, path)
        days_off_title = translate(DAYS_OFF_TITLE, locale).format(
            year=format_date(date(plan.this_year, 1, 1), "y", locale=locale_of(locale))
        )
        context = CategoryContext(
            rows=[row for _, row in rows],
            feed=feed,
            days_off=days_off,
            days_off_title=days_off_title if days_off else None,
        )
        return parts.page(path, locale, title, context, scripts)

    def days_off_rows(self, category: str, locale: str, path: str) -> list[DayOffRow]:
        """This year's days off of a source category (a country): public holidays, their
        substitute days, days off and working days by decree; none for a kind category."""
        if self.parts.plan.categories[category].type != "source":
            return []
        status = {
            "yes": translate(DAY_OFF_YES, locale),
            "observed": translations(locale).gettext("substitute day off"),
            "working": translate(WORKING_DAY, locale),
        }
        return [
            DayOffRow(
                self.parts.item(o, locale, path),
                status["working" if o.id in self.working else "observed" if o.observed else "yes"],
            )
            for o in self.days_off_this_year[category]
        ]
