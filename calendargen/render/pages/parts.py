"""What the page planners share: the build's plan, its occurrences indexed once, and the parts
many pages show (items, links, the page head, month grids, long spans, filters, feeds).

One ``Parts`` serves every planner of a build, so that what a value looks like in a locale is
made once however many pages show it: an occurrence's item, an entry's source categories,
its rule in words.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from calendargen.i18n import (
    anniversary_short,
    date_range,
    long_date,
    occurrence_title,
    pgettext_noop,
    translate,
    weekday_name,
)
from calendargen.model import Observance, Occurrence, localized, sources_of
from calendargen.plan import BuildPlan
from calendargen.render.feeds import calendar_name
from calendargen.render.grid import DayIndex, MonthGrid, Weeks, month_grid, month_weeks
from calendargen.render.html import Context, Link, Linker, Page, html_lang
from calendargen.render.ics import LONG_SPAN_DAYS, is_long
from calendargen.render.pages.items import Choice, Filters, Item, whole_years
from calendargen.render.subscription import Feed, subscription
from calendargen.reuse import Dependencies
from calendargen.words import era_words

NAV_HOME = pgettext_noop("nav", "Home")
NAV_YEAR = pgettext_noop("nav", "This year")
NAV_SUBSCRIBE = pgettext_noop("nav", "Subscribe")
NAV_SEARCH = pgettext_noop("nav", "Search")
QR_LABEL = pgettext_noop("subscribe", "QR code of the feed address")
COPY_SCRIPT = "copy.js"  # the copy buttons of feed addresses (shipped in templates/static/)
LONG_SPAN = timedelta(days=LONG_SPAN_DAYS)  # a short entry starts at most this long before

PageUnit = tuple[str, Dependencies, Callable[[], Page]]  # a page's path, entries, maker


def page_path(locale: str, *parts: str) -> str:
    return "/".join((locale, *parts, "index.html"))


def month_days(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


KEEP_ITEMS = 50_000  # list items kept made for later pages (about 1 KB each)
KEEP_MONTHS = 24  # months whose days are kept made (a year's grids, then its months' pages)


class _Shown(NamedTuple):
    """An occurrence's words in a locale, as list items show them (a tuple: a large catalogue
    keeps many)."""

    dates: str
    day: str
    weekday: str
    start: str
    name: str
    name_lang: str | None
    where: str
    anniversary: str | None
    cats: str


class Parts:
    """The pieces of one build's pages; formatting is cached per (value, locale)."""

    def __init__(self, plan: BuildPlan, published: frozenset[str]) -> None:
        self.plan = plan
        self.published = published  # the feeds the build writes
        self.occurrences = plan.occurrences
        self.today = plan.today
        self.years = plan.window
        self.links = Linker(plan.base_url)
        self._where: dict[tuple[str, str], str] = {}
        self._words: dict[tuple[str, str], list[str]] = {}
        self._between: dict[tuple[date, date], list[str]] = {}
        self._shown: dict[tuple[object, ...], _Shown] = {}
        self._months: dict[tuple[int, int, str], Weeks] = {}
        self._languages = [(o, plan.language_names[o], html_lang(o)) for o in plan.locales]
        place = {o.id: next(iter(sources_of(o, plan.categories)), None) for o in plan.observances}
        self.days = DayIndex.of(plan.occurrences, is_long, lambda o: place[o.id])
        self.short = [o for o in plan.occurrences if not is_long(o)]  # by start, as given
        self.long = [o for o in plan.occurrences if is_long(o) and not o.milestone]

    def forget(self) -> None:
        """Drop the words made so far once they are many (memory stays bounded however large
        the catalogue; a default build keeps them all)."""
        if len(self._shown) > KEEP_ITEMS:
            self._where.clear()
            self._words.clear()
            self._shown.clear()

    # -- words made once per (value, locale) ---------------------------------------------
    def item(self, occurrence: Occurrence, locale: str, source: str) -> Item:
        """The occurrence as a list item on the page ``source``; its words in ``locale`` are
        made once (an occurrence shows on its year's, its month's and other pages)."""
        key = (occurrence.id, occurrence.start, occurrence.end, occurrence.milestone,
               occurrence.observed, locale)  # fmt: skip
        shown = self._shown.get(key)
        if shown is None:
            name, name_locale = occurrence_title(occurrence, locale)
            anniversary = None
            if occurrence.anniversary and not occurrence.milestone:
                anniversary = anniversary_short(occurrence.anniversary, locale)
            short = (occurrence.end - occurrence.start).days < 7
            shown = self._shown[key] = _Shown(
                date_range(occurrence.start, occurrence.end, locale),
                long_date(occurrence.start, locale),
                weekday_name(occurrence.start, locale) if short else "",
                occurrence.start.isoformat(),
                name,
                None if name_locale == locale else html_lang(name_locale),
                self.where(occurrence.observance, locale),
                anniversary,
                " ".join(occurrence.categories),
            )
        href = self.links.href(source, page_path(locale, "observances", occurrence.id))
        s = shown
        return Item(s.dates, s.day, s.weekday, s.start, s.name, s.name_lang, href, s.where,
                    s.anniversary, occurrence.milestone, occurrence.estimated,
                    occurrence.observed, occurrence.day_off, cats=s.cats)  # fmt: skip

    def where(self, observance: Observance, locale: str) -> str:
        """The entry's source categories ("Turkmenistan", "United Nations")."""
        key = (observance.id, locale)
        if key not in self._where:
            self._where[key] = ", ".join(
                self.plan.categories[c].name(locale)
                for c in sources_of(observance, self.plan.categories)
            )
        return self._where[key]

    def rule_words(self, observance: Observance, locale: str) -> list[str]:
        """Each era of the rule in words (shared by the observance and category pages)."""
        key = (observance.id, locale)
        if key not in self._words:
            self._words[key] = [era_words(era, locale) for era in observance.eras]
        return self._words[key]

    # -- the page head -------------------------------------------------------------------
    def page(
        self,
        path: str,
        locale: str,
        title: str,
        context: Context,
        scripts: list[str] | None = None,
    ) -> Page:
        """A page of ``locale`` at ``path``, by its context's template; its translations are
        the same path in the other locales (every page exists in every locale)."""
        suffix = path.split("/", 1)[1]
        up = self.links.href(path, "")
        languages = [
            Link(f"{up}{other}/{suffix}", name, lang=tag, current=other == locale, hreflang=tag)
            for other, name, tag in self._languages
        ]
        alternates = []
        if self.plan.base_url:
            alternates = [
                Link(self.links.absolute(f"{other}/{suffix}"), other, hreflang=tag)
                for other, _, tag in self._languages
            ]
        this_year = self.plan.this_year
        nav = [
            Link(self.links.href(path, page_path(locale)), translate(NAV_HOME, locale)),
            Link(
                self.links.href(path, page_path(locale, str(this_year))),
                translate(NAV_YEAR, locale),
            ),
            Link(
                self.links.href(path, page_path(locale, "subscribe")),
                translate(NAV_SUBSCRIBE, locale),
            ),
            Link(self.links.href(path, page_path(locale, "search")), translate(NAV_SEARCH, locale)),
        ]
        canonical = self.links.absolute(path) if self.plan.base_url else None
        return Page(
            path=path,
            template=context.template,
            locale=locale,
            title=title,
            site_title=self.plan.title,
            root=up,
            context=context,
            languages=languages,
            alternates=alternates,
            nav=nav,
            canonical=canonical,
            scripts=scripts or [],
        )

    # -- feeds ---------------------------------------------------------------------------
    def feed(self, source: str, path: str, name: str, locale: str, qr: bool = False) -> Feed | None:
        """The links to a feed, or None when the build publishes no such feed (no event);
        with ``qr``, its address as a QR code too (on the pages a feed is subscribed from:
        the subscribe page, an entry's and a category's page; the home page links to them)."""
        if path not in self.published:
            return None
        address = self.links.absolute(path) if self.plan.base_url else None
        return subscription(
            name,
            self.links.href(source, path),
            address,
            calendar_name(self.plan.title, name, locale),
            translate(QR_LABEL, locale) if qr else None,
        )

    def feeds(self, locale: str, *wanted: tuple[str, str, str], qr: bool = False) -> list[Feed]:
        """The published ones of ``wanted`` (source page, feed path, name)."""
        found = (self.feed(*args, locale, qr) for args in wanted)
        return [feed for feed in found if feed is not None]

    def copy_script(self, source: str, feeds: list[Feed]) -> list[str]:
        """The copy buttons' script, for a page offering an address to copy."""
        return [self.links.href(source, COPY_SCRIPT)] if any(f.https for f in feeds) else []

    # -- links ---------------------------------------------------------------------------
    def observance_link(self, observance: Observance, locale: str, source: str) -> Link:
        name, name_locale = localized(observance.names, locale)
        return Link(
            self.links.href(source, page_path(locale, "observances", observance.id)),
            name,
            lang=None if name_locale == locale else html_lang(name_locale),
        )

    def year_links(self, locale: str, source: str) -> list[Link]:
        first, last = self.years
        return [
            Link(self.links.href(source, page_path(locale, str(y))), str(y), current=False)
            for y in range(first, last + 1)
        ]

    # -- calendars: home, year and month pages ---------------------------------------------
    def grid(self, locale: str, source: str, year: int, month: int) -> MonthGrid:
        """One month's grid, its days linking to their entries on the month's page (its days
        are made once: a year's page and the month's show the same)."""
        key = (year, month, locale)
        weeks = self._months.get(key)
        if weeks is None:
            if len(self._months) >= KEEP_MONTHS:
                self._months.clear()
            categories = self.plan.categories
            weeks = self._months[key] = month_weeks(
                year, month, locale, self.days, self.today, lambda c: categories[c].name(locale)
            )
        month_page = page_path(locale, str(year), f"{month:02d}")
        return month_grid(year, month, locale, weeks, self.links.href(source, month_page))

    def spans(self, locale: str, source: str, first: date, last: date) -> list[Item]:
        """The long spans (years, decades) overlapping ``first``..``last``, shortest first:
        shown once, in a strip, not on every day they cover."""
        found = [o for o in self.long if o.start <= last and o.end >= first]
        found.sort(key=lambda o: (o.end - o.start, o.start))
        return [self.item(o, locale, source)._replace(period=whole_years(o)) for o in found]

    def short_in(self, first: date, last: date) -> list[Occurrence]:
        """The entries overlapping ``first``..``last`` that are not long spans."""
        low = bisect_left(self.short, first - LONG_SPAN, key=attrgetter("start"))
        high = bisect_right(self.short, last, key=attrgetter("start"))
        return [o for o in self.short[low:high] if o.end >= first]

    def filters(self, locale: str) -> Filters:
        categories = self.plan.categories
        choices = {
            kind: [Choice(c, categories[c].name(locale)) for c in self.plan.feed_categories
                   if categories[c].type == kind]
            for kind in ("source", "kind")
        }  # fmt: skip
        return Filters(choices["source"], choices["kind"])

    def entries_between(self, first: date, last: date) -> list[str]:
        """The entries with an occurrence within a week of ``first``..``last`` (a grid's and
        a list's entries, with room to spare), found once for every locale."""
        key = (first, last)
        if key not in self._between:
            low, high = first - timedelta(days=7), last + timedelta(days=7)
            self._between[key] = [o.id for o in self.occurrences
                                  if o.start <= high and o.end >= low]  # fmt: skip
        return self._between[key]
