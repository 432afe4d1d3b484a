"""Plan every page of the static site: ready values for the templates, one Page each.

Pages per locale L: ``L/index.html`` (today, the coming weeks, next milestones, subscribe),
``L/YEAR/index.html``, ``L/observances/ID/index.html``, ``L/categories/C/index.html``,
``L/subscribe/index.html``; and ``index.html`` (language chooser), ``404.html``,
``sitemap.xml`` (with a base URL), ``style.css``.
"""

from __future__ import annotations

import string
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial
from operator import attrgetter
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date, get_month_names

from calendargen.defaults import shipped
from calendargen.i18n import (
    anniversary_short,
    date_range,
    edition_text,
    full_date,
    jubilee,
    locale_of,
    long_date,
    occurrence_name,
    occurrence_title,
    ordinal,
    pgettext_noop,
    translate,
    translations,
    weekday_name,
)
from calendargen.model import Observance, Occurrence, Origin, localized, own, sources_of
from calendargen.plan import BuildPlan
from calendargen.render.feeds import (
    ALL_FEED,
    MILESTONE_FEED,
    calendar_name,
    category_feed_path,
    feed_paths,
    observance_feed_path,
)
from calendargen.render.grid import DayIndex, MonthGrid, month_grid, month_title
from calendargen.render.html import Link, Linker, Page, Renderer, html_lang, json_ld, native_name
from calendargen.render.ics import LONG_SPAN_DAYS, is_long
from calendargen.render.related import related_entries
from calendargen.render.subscription import Feed, subscription
from calendargen.reuse import EVERY, Dependencies
from calendargen.words import era_words

NAV_HOME = pgettext_noop("nav", "Home")
NAV_YEAR = pgettext_noop("nav", "This year")
NAV_SUBSCRIBE = pgettext_noop("nav", "Subscribe")
NAV_SEARCH = pgettext_noop("nav", "Search")
STATIC = ("style.css", "search.js", "filter.js")  # templates/static/ files every site serves
QR_LABEL = pgettext_noop("subscribe", "QR code of the feed address")
# The event in the page's language takes the place "anniversary of" gives it (origin.of is
# written to follow it: a genitive in Russian, "de ..." in French); an event shown in another
# language (a fallback) stands apart, after a colon.
ORIGIN_OF = pgettext_noop("origin", "Anniversaries of {event} are counted from {date}.")
ORIGIN_QUOTED = pgettext_noop("origin", "Anniversaries are counted from {date}: {event}.")
ORIGIN_DATE = pgettext_noop("origin", "Anniversaries are counted from {date}.")
DAYS_OFF_TITLE = pgettext_noop("category", "Public holidays and days off in {year}")
DAY_OFF_YES = pgettext_noop("day off", "yes")
WORKING_DAY = pgettext_noop("day off", "no: working day")
LONG_SPAN = timedelta(days=LONG_SPAN_DAYS)  # a short entry starts at most this long before
COMING_DAYS = 56
NEXT_MILESTONES = 12
OBSERVANCE_NEXT = 6
OBSERVANCE_MILESTONES = 8
COPY_SCRIPT = "copy.js"  # the copy buttons of feed addresses (shipped in templates/static/)


@dataclass(frozen=True)
class Item:
    """One occurrence as a list item."""

    dates: str  # the range, or the day
    day: str  # the start day alone, for headings
    weekday: str
    start: str  # ISO, for <time datetime>
    name: str
    name_lang: str | None
    href: str
    where: str  # the source categories: "Turkmenistan", "United Nations"
    anniversary: str | None
    milestone: bool
    estimated: bool
    observed: bool
    day_off: bool = False
    period: str | None = None  # a long span's whole years ("2016–2025"), when it covers them
    cats: str = ""  # its categories, space-separated (for the filters)

    @property
    def marked(self) -> bool:
        """Whether a table shows a badge beside its date (estimated, day off)."""
        return self.estimated or self.observed or self.day_off


@dataclass(frozen=True)
class MilestoneRow:
    """A row of an observance page's milestone table."""

    year: str
    dates: str
    start: str  # ISO, for <time datetime>
    number: str  # the ordinal: "30th"
    jubilee: str  # its name where the locale has one, else ""
    estimated: bool
    day_off: bool  # the entry's own day that date is a day off
    observed: bool = False  # never: a substitute day has no milestone

    @property
    def marked(self) -> bool:
        """Whether the table shows a badge beside its date (estimated, day off)."""
        return self.estimated or self.day_off


@dataclass(frozen=True)
class DayOffRow:
    """A row of a country's table of the year's days off: the occurrence, and whether and
    how it is a day off ("yes", "substitute day off")."""

    item: Item
    status: str


@dataclass(frozen=True)
class Part:
    """A piece of a translated sentence: plain text, or a value the template marks up."""

    text: str
    iso: str | None = None  # a date: <time datetime>
    quote: bool = False  # a catalogue text: isolated (<bdi>), with its language when it differs
    lang: str | None = None


def sentence(pattern: str, **values: Part) -> list[Part]:
    """The translated ``pattern`` cut at its ``{fields}``, each replaced by its value, so the
    template marks values up in the order the language puts them."""
    parts = []
    for text, field, _, _ in string.Formatter().parse(pattern):
        if text:
            parts.append(Part(text))
        if field is not None:
            parts.append(values[field])
    return parts


@dataclass(frozen=True)
class Day:
    """Items starting on one day, under one heading."""

    label: str
    weekday: str
    iso: str
    items: list[Item]


def by_day(items: list[Item]) -> list[Day]:
    """Consecutive items grouped by their start day (items come sorted by start)."""
    days: list[Day] = []
    for item in items:
        if not days or days[-1].iso != item.start:
            days.append(Day(item.day, item.weekday, item.start, []))
        days[-1].items.append(item)
    return days


@dataclass(frozen=True)
class Filters:
    """The choices of the country and kind filters (category id, name), shown by filter.js;
    without JavaScript the form stays hidden and every entry is listed."""

    places: list[tuple[str, str]]
    kinds: list[tuple[str, str]]


def whole_years(occurrence: Occurrence) -> str | None:
    """ "2025" or "2016–2025" for a span of whole calendar years, else None."""
    start, end = occurrence.start, occurrence.end
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return None
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def page_path(locale: str, *parts: str) -> str:
    return "/".join((locale, *parts, "index.html"))


def month_days(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


PageUnit = tuple[str, Dependencies, Callable[[], Page]]  # a page's path, entries, maker


class SitePlanner:
    """Builds the pages of one build; formatting is cached per (value, locale)."""

    def __init__(self, plan: BuildPlan, published: frozenset[str]) -> None:
        self.plan = plan
        self.published = published
        self.occurrences = plan.occurrences
        self.today = plan.today
        self.years = plan.window
        self.links = Linker(plan.base_url)
        self.renderer = Renderer(plan.templates)
        self._where: dict[tuple[str, str], str] = {}
        self._words: dict[tuple[str, str], list[str]] = {}
        self._day_off_dates: dict[str, frozenset[date]] = {}
        self._between: dict[tuple[date, date], list[str]] = {}
        self.by_observance: dict[str, list[Occurrence]] = defaultdict(list)
        for occurrence in plan.occurrences:
            self.by_observance[occurrence.id].append(occurrence)
        by_id = {o.id: o for o in plan.observances}
        place = {o.id: next(iter(sources_of(o, plan.categories)), None) for o in plan.observances}
        self.days = DayIndex.of(plan.occurrences, is_long, lambda o: place[o.id])
        self.short = [o for o in plan.occurrences if not is_long(o)]  # by start, as given
        self.long = [o for o in plan.occurrences if is_long(o) and not o.milestone]
        self._shown: dict[tuple[object, ...], dict[str, Any]] = {}
        self.same_event: dict[str, list[Observance]] = defaultdict(list)  # origin.same_as
        for observance in plan.observances:
            owner = by_id.get(observance.origin.owner or "") if observance.origin else None
            if owner is not None:
                self.same_event[owner.id].append(observance)
                self.same_event[observance.id].append(owner)
        self.related = related_entries(
            plan.observances, plan.categories, plan.upcoming, self.same_event
        )
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

    # -- shared pieces -----------------------------------------------------------------
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
            shown = self._shown[key] = {
                "dates": date_range(occurrence.start, occurrence.end, locale),
                "day": long_date(occurrence.start, locale),
                "weekday": weekday_name(occurrence.start, locale) if short else "",
                "where": self.where(occurrence.observance, locale),
                "start": occurrence.start.isoformat(),
                "name": name,
                "name_lang": None if name_locale == locale else html_lang(name_locale),
                "anniversary": anniversary,
                "milestone": occurrence.milestone,
                "estimated": occurrence.estimated,
                "observed": occurrence.observed,
                "day_off": occurrence.day_off,
                "cats": " ".join(occurrence.categories),
            }
        href = self.links.href(source, page_path(locale, "observances", occurrence.id))
        return Item(href=href, **shown)

    def where(self, observance: Observance, locale: str) -> str:
        """The entry's source categories ("Turkmenistan", "United Nations")."""
        key = (observance.id, locale)
        if key not in self._where:
            self._where[key] = ", ".join(
                self.plan.categories[c].name(locale)
                for c in sources_of(observance, self.plan.categories)
            )
        return self._where[key]

    def day_off_dates(self, observance_id: str) -> frozenset[date]:
        """The days the entry's next occurrences are days off (once per entry, not per page):
        a milestone is no day off of its own, but the entry's own day on its date may be."""
        if observance_id not in self._day_off_dates:
            upcoming = self.plan.upcoming[observance_id]
            self._day_off_dates[observance_id] = frozenset(o.start for o in upcoming if o.day_off)
        return self._day_off_dates[observance_id]

    def rule_words(self, observance: Observance, locale: str) -> list[str]:
        """Each era of the rule in words (shared by the observance and category pages)."""
        key = (observance.id, locale)
        if key not in self._words:
            self._words[key] = [era_words(era, locale) for era in observance.eras]
        return self._words[key]

    def page(
        self,
        path: str,
        template: str,
        locale: str,
        title: str,
        scripts: list[str] | None = None,
        **data: object,
    ) -> Page:
        """A page of ``locale`` at ``path``; its translations are the same path in the other
        locales (every page exists in every locale)."""
        suffix = path.split("/", 1)[1]
        languages, alternates = [], []
        for other in self.plan.locales:
            target = f"{other}/{suffix}"
            languages.append(
                Link(
                    self.links.href(path, target),
                    native_name(other),
                    lang=html_lang(other),
                    current=other == locale,
                    hreflang=html_lang(other),
                )
            )
            if self.plan.base_url:
                alternates.append(
                    Link(self.links.absolute(target), other, hreflang=html_lang(other))
                )
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
            template=template,
            locale=locale,
            title=title,
            site_title=self.plan.title,
            links=self.links,
            languages=languages,
            alternates=alternates,
            nav=nav,
            canonical=canonical,
            scripts=scripts or [],
            data=dict(data),
        )

    def feed(self, source: str, path: str, name: str, locale: str, qr: bool = False) -> Feed | None:
        """The links to a feed, or None when the build publishes no such feed (no event);
        with ``qr``, its address as a QR code too (where a phone is likely wanted)."""
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

    def observance_link(self, observance: Observance, locale: str, source: str) -> Link:
        name, name_locale = localized(observance.names, locale)
        return Link(
            self.links.href(source, page_path(locale, "observances", observance.id)),
            name,
            lang=None if name_locale == locale else html_lang(name_locale),
        )

    def category_links(self, observance: Observance, locale: str, source: str) -> list[Link]:
        return [
            Link(
                self.links.href(source, page_path(locale, "categories", c)),
                self.plan.categories[c].name(locale),
            )
            for c in observance.categories
            if c in self.plan.feed_categories
        ]

    def filters(self, locale: str) -> Filters:
        categories = self.plan.categories
        choices = {
            kind: [(c, categories[c].name(locale)) for c in self.plan.feed_categories
                   if categories[c].type == kind]
            for kind in ("source", "kind")
        }  # fmt: skip
        return Filters(choices["source"], choices["kind"])

    # -- pages -------------------------------------------------------------------------
    def home(self, locale: str) -> Page:
        path = page_path(locale)
        horizon = self.today + timedelta(days=COMING_DAYS)
        today_items = [
            self.item(o, locale, path)
            for o in self.occurrences
            if o.start <= self.today <= o.end and not is_long(o)
        ]
        coming = [
            self.item(o, locale, path)
            for o in self.occurrences
            if self.today < o.start <= horizon and not o.milestone
        ]
        milestones = [
            self.item(o, locale, path) for o in self.occurrences
            if o.milestone and o.start >= self.today
        ][:NEXT_MILESTONES]  # fmt: skip
        all_path, milestone_path = feed_paths(locale)
        feeds = self.feeds(
            locale,
            (path, all_path, translate(ALL_FEED, locale)),
            (path, milestone_path, translate(MILESTONE_FEED, locale)),
        )
        return self.page(
            path,
            "home.html",
            locale,
            self.plan.title,
            self.copy_script(path, feeds),
            today=full_date(self.today, locale),
            today_iso=self.today.isoformat(),
            today_items=today_items,
            coming=by_day(coming),
            milestones=milestones,
            feeds=feeds,
            subscribe_href=self.links.href(path, page_path(locale, "subscribe")),
            years=self.year_links(locale, path),
            spans=self.spans(locale, path, self.today, self.today),
            filters=self.filters(locale),
            grid=(
                self.grid(locale, path, self.today.year, self.today.month)
                if self.years[0] <= self.today.year <= self.years[1]
                else None
            ),
        )

    def year_links(self, locale: str, source: str) -> list[Link]:
        first, last = self.years
        return [
            Link(self.links.href(source, page_path(locale, str(y))), str(y), current=False)
            for y in range(first, last + 1)
        ]

    def spans(self, locale: str, source: str, first: date, last: date) -> list[Item]:
        """The long spans (years, decades) overlapping ``first``..``last``, shortest first:
        shown once, in a strip, not on every day they cover."""
        found = [o for o in self.long if o.start <= last and o.end >= first]
        found.sort(key=lambda o: (o.end - o.start, o.start))
        return [replace(self.item(o, locale, source), period=whole_years(o)) for o in found]

    def grid(self, locale: str, source: str, year: int, month: int) -> MonthGrid:
        """One month's grid, its days linking to their entries on the month's page."""
        month_page = page_path(locale, str(year), f"{month:02d}")
        href = self.links.href(source, month_page)
        categories = self.plan.categories
        return month_grid(
            year, month, locale, self.days, self.today, href, lambda c: categories[c].name(locale)
        )

    def short_in(self, first: date, last: date) -> list[Occurrence]:
        """The entries overlapping ``first``..``last`` that are not long spans."""
        low = bisect_left(self.short, first - LONG_SPAN, key=attrgetter("start"))
        high = bisect_right(self.short, last, key=attrgetter("start"))
        return [o for o in self.short[low:high] if o.end >= first]

    def year(self, locale: str, year: int) -> Page:
        path = page_path(locale, str(year))
        months = get_month_names("wide", context="stand-alone", locale=locale_of(locale))
        by_month: dict[int, list[Item]] = defaultdict(list)
        for occurrence in self.short_in(date(year, 1, 1), date(year, 12, 31)):
            month = occurrence.start.month if occurrence.start.year == year else 1
            by_month[month].append(self.item(occurrence, locale, path))
        sections = [(months[m], f"m{m:02d}", by_day(by_month[m])) for m in range(1, 13)]
        return self.page(
            path,
            "year.html",
            locale,
            str(year),
            year=year,
            spans=self.spans(locale, path, date(year, 1, 1), date(year, 12, 31)),
            grids=[self.grid(locale, path, year, m) for m in range(1, 13)],
            filters=self.filters(locale),
            months=sections,
            years=self.year_links(locale, path),
        )

    def month(self, locale: str, year: int, month: int) -> Page:
        """A month: its grid, the long spans running in it, and its entries day by day."""
        path = page_path(locale, str(year), f"{month:02d}")
        grid = self.grid(locale, path, year, month)
        first, last = month_days(year, month)
        items = [self.item(o, locale, path) for o in self.short_in(first, last)]
        neighbours = []  # the months before and after, within the window
        for rel, (y, m) in (("prev", divmod(year * 12 + month - 2, 12)),
                            ("next", divmod(year * 12 + month, 12))):  # fmt: skip
            if self.years[0] <= y <= self.years[1]:
                target = self.links.href(path, page_path(locale, str(y), f"{m + 1:02d}"))
                neighbours.append((rel, Link(target, month_title(y, m + 1, locale))))
        return self.page(
            path,
            "month.html",
            locale,
            grid.title,
            year=Link(self.links.href(path, page_path(locale, str(year))), str(year)),
            grid=grid,
            spans=self.spans(locale, path, first, last),
            listed=by_day(items),
            neighbours=neighbours,
            filters=self.filters(locale),
        )

    def observance(self, observance: Observance, locale: str) -> Page:
        path = page_path(locale, "observances", observance.id)
        name, name_locale = localized(observance.names, locale)
        description, description_locale = localized(observance.descriptions, locale)
        provenance, name_source = observance.provenance("name", name_locale)
        upcoming = self.plan.upcoming[observance.id]
        regular = [o for o in upcoming if not o.milestone][:OBSERVANCE_NEXT]
        milestones = [o for o in upcoming if o.milestone][:OBSERVANCE_MILESTONES]
        days_off = self.day_off_dates(observance.id) if milestones else frozenset()
        milestone_rows = [
            MilestoneRow(
                year=str(o.start.year),
                dates=date_range(o.start, o.end, locale),
                start=o.start.isoformat(),
                number=ordinal(o.anniversary or 0, locale),
                jubilee=jubilee(o.anniversary or 0, locale) or "",
                estimated=o.estimated,
                day_off=o.start in days_off,
            )
            for o in milestones
        ]
        origin = observance.origin
        events = [
            {
                "@type": "Event",
                "name": occurrence_name(o, locale),
                "startDate": o.start.isoformat(),
                "endDate": o.end.isoformat(),
                "eventStatus": "https://schema.org/EventScheduled",
                "inLanguage": html_lang(locale),
                **({"description": description} if description else {}),
                **({"url": self.links.absolute(path)} if self.plan.base_url else {}),
            }
            for o in regular[:3]
        ]
        # no QR code here: one per entry and locale costs about 5 ms each (segno choosing the
        # best mask), doubling a site build; the subscribe page has those of the main feeds
        feed = self.feed(path, observance_feed_path(locale, observance.id), name, locale)
        return self.page(
            path,
            "observance.html",
            locale,
            name,
            self.copy_script(path, [feed] if feed else []),
            name_lang=None if name_locale == locale else html_lang(name_locale),
            name_provenance=provenance if name_locale != "en" else None,
            name_source=name_source,
            description=description,
            description_lang=(
                None if description_locale == locale else html_lang(description_locale)
            ),
            rules=self.rule_words(observance, locale),
            origin=self.origin_sentence(origin, locale) if origin else [],
            categories=self.category_links(observance, locale, path),
            same_event=[
                self.observance_link(other, locale, path)
                for other in self.same_event[observance.id]
            ],
            related=[self.item(o, locale, path) for o in self.related.get(observance.id, [])],
            sources=observance.sources,
            next=[self.item(o, locale, path) for o in regular],
            edition=(
                edition_text(regular[0].distinct_edition, locale)
                if regular and regular[0].distinct_edition
                else None
            ),
            milestones=milestone_rows,
            feed=feed,
            json_ld=json_ld({"@context": "https://schema.org", "@graph": events}),
        )

    def origin_sentence(self, origin: Origin, locale: str) -> list[Part]:
        """The sentence "Anniversaries of <the event> are counted from <date>.", in parts."""
        when = Part(long_date(origin.date, locale), iso=origin.date.isoformat())
        event, event_locale = localized(origin.of, locale)
        if not event:
            return sentence(translate(ORIGIN_DATE, locale), date=when)
        if event_locale in own(locale):
            return sentence(translate(ORIGIN_OF, locale), date=when, event=Part(event, quote=True))
        quoted = Part(event, quote=True, lang=html_lang(event_locale))
        return sentence(translate(ORIGIN_QUOTED, locale), date=when, event=quoted)

    def category(self, category: str, locale: str) -> Page:
        """Every entry of the category, the soonest first (its next or current occurrence,
        from today; entries with none in the window last, in catalogue order); a source
        category (a country) also gets a table of this year's days off."""
        path = page_path(locale, "categories", category)
        rows = []
        for index, observance in enumerate(self.plan.observances):
            if category not in observance.categories:
                continue
            upcoming = next(
                (o for o in self.by_observance[observance.id] if o.end >= self.today), None
            )
            row = (
                self.observance_link(observance, locale, path),
                "; ".join(self.rule_words(observance, locale)),
                self.item(upcoming, locale, path) if upcoming else None,
            )
            rows.append(((upcoming.start if upcoming else date.max, index), row))
        rows.sort(key=lambda keyed: keyed[0])
        title = self.plan.categories[category].name(locale)
        feed = self.feed(path, category_feed_path(locale, category), title, locale)
        scripts = self.copy_script(path, [feed] if feed else [])
        days_off = self.days_off_rows(category, locale, path)
        days_off_title = translate(DAYS_OFF_TITLE, locale).format(
            year=format_date(date(self.plan.this_year, 1, 1), "y", locale=locale_of(locale))
        )
        return self.page(
            path,
            "category.html",
            locale,
            title,
            scripts,
            rows=[row for _, row in rows],
            feed=feed,
            days_off=days_off,
            days_off_title=days_off_title if days_off else None,
        )

    def days_off_rows(self, category: str, locale: str, path: str) -> list[DayOffRow]:
        """This year's days off of a source category (a country): public holidays, their
        substitute days, days off and working days by decree; none for a kind category."""
        if self.plan.categories[category].type != "source":
            return []
        status = {
            "yes": translate(DAY_OFF_YES, locale),
            "observed": translations(locale).gettext("substitute day off"),
            "working": translate(WORKING_DAY, locale),
        }
        return [
            DayOffRow(
                self.item(o, locale, path),
                status["working" if o.id in self.working else "observed" if o.observed else "yes"],
            )
            for o in self.days_off_this_year[category]
        ]

    def search(self, locale: str) -> Page:
        """Search (Pagefind, by search.js) over every entry's name; without JavaScript, or
        before it loads, the page lists every entry A to Z."""
        path = page_path(locale, "search")
        entries = [
            (o.id, self.observance_link(o, locale, path), self.where(o, locale))
            for o in self.plan.observances
        ]
        entries.sort(key=lambda entry: (entry[1].text.casefold(), entry[0]))
        return self.page(
            path,
            "search.html",
            locale,
            translate(NAV_SEARCH, locale),
            entries=entries,
            observances=self.links.href(path, page_path(locale, "observances", "ID")),
        )

    def subscribe(self, locale: str) -> Page:
        path = page_path(locale, "subscribe")
        all_path, milestone_path = feed_paths(locale)
        feeds = self.feeds(
            locale,
            (path, all_path, translate(ALL_FEED, locale)),
            (path, milestone_path, translate(MILESTONE_FEED, locale)),
            qr=True,
        )
        category_feeds = self.feeds(
            locale,
            *(
                (path, category_feed_path(locale, c), self.plan.categories[c].name(locale))
                for c in self.plan.feed_categories
            ),
            qr=True,  # a country's feed is the one a phone most often wants
        )
        return self.page(
            path,
            "subscribe.html",
            locale,
            translate(NAV_SUBSCRIBE, locale),
            self.copy_script(path, feeds + category_feeds),
            feeds=feeds,
            category_feeds=category_feeds,
            has_base_url=bool(self.plan.base_url),
        )

    def root_pages(self) -> dict[str, str]:
        """``index.html`` (the language chooser) and ``404.html``, in the first locale."""
        locale = self.plan.locales[0]
        pages = {}
        for path, template in (("index.html", "languages.html"), ("404.html", "404.html")):
            links = self.links
            # 404.html is served at any address: its links start from the site's root
            root = ""
            if path == "404.html":
                root = links.absolute("") if self.plan.base_url else "/"
            languages = [
                Link(
                    (root + page_path(other)) if root else links.href(path, page_path(other)),
                    native_name(other),
                    lang=html_lang(other),
                    hreflang=html_lang(other),
                )
                for other in self.plan.locales
            ]
            page = Page(
                path=path,
                template=template,
                locale=locale,
                title=self.plan.title,
                site_title=self.plan.title,
                links=links,
                languages=languages,
                canonical=links.absolute(path) if self.plan.base_url else None,
            )
            if root:
                page.data["stylesheet"] = root + "style.css"
            pages[path] = self.renderer.render(page)
        return pages

    def sitemap(self, paths: list[str]) -> str:
        assert self.plan.base_url
        urls = "".join(
            f"  <url><loc>{escape(self.links.absolute(p))}</loc></url>\n"
            for p in sorted(paths)
            if p.endswith(".html") and p != "404.html"
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n"
        )

    def shared_pages(self, locale: str) -> Iterator[PageUnit]:
        """The pages of one locale that list many entries (home, subscribe, search, each year,
        each month and each category), each with the entries it is made from."""
        first, last = self.years
        yield page_path(locale), self.home_entries(), partial(self.home, locale)
        yield page_path(locale, "subscribe"), (), partial(self.subscribe, locale)
        yield page_path(locale, "search"), EVERY, partial(self.search, locale)
        for year in range(first, last + 1):
            yield (page_path(locale, str(year)),
                   self.entries_between(date(year, 1, 1), date(year, 12, 31)),
                   partial(self.year, locale, year))  # fmt: skip
        for year in range(first, last + 1):
            for month in range(1, 13):
                yield (page_path(locale, str(year), f"{month:02d}"),
                       self.entries_between(*month_days(year, month)),
                       partial(self.month, locale, year, month))  # fmt: skip
        for category in self.plan.feed_categories:
            entries = [o.id for o in self.plan.observances if category in o.categories]
            yield (page_path(locale, "categories", category), entries,
                   partial(self.category, category, locale))  # fmt: skip

    def entry_pages(self, locale: str, observances: Iterable[Observance]) -> Iterator[PageUnit]:
        """The pages of these entries in one locale, each with the entries it shows."""
        for observance in observances:
            shown = [observance.id, *(o.id for o in self.same_event[observance.id])]
            shown += [o.id for o in self.related.get(observance.id, [])]
            yield (page_path(locale, "observances", observance.id), shown,
                   partial(self.observance, observance, locale))  # fmt: skip

    def entries_between(self, first: date, last: date) -> list[str]:
        """The entries with an occurrence within a week of ``first``..``last`` (a grid's and
        a list's entries, with room to spare), found once for every locale."""
        key = (first, last)
        if key not in self._between:
            low, high = first - timedelta(days=7), last + timedelta(days=7)
            self._between[key] = [o.id for o in self.occurrences
                                  if o.start <= high and o.end >= low]  # fmt: skip
        return self._between[key]

    def home_entries(self) -> list[str]:
        """The entries the home page may show: today's and the coming weeks', this month's
        (its grid), the long spans running today and every milestone from today on."""
        today = self.today
        shown = self.entries_between(today, today + timedelta(days=COMING_DAYS))
        shown += self.entries_between(*month_days(today.year, today.month))
        return shown + [o.id for o in self.occurrences if o.milestone and o.start >= today]

    def render(self, page: Page) -> bytes:
        return self.renderer.render(page).encode("utf-8")

    def site_files(self, paths: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """The files of the whole site beside the locales' pages: the language chooser,
        ``404.html``, the static files and, with a base URL, the copy script and the sitemap
        of ``paths`` (every page of the build)."""
        roots = self.root_pages()
        for path, text in roots.items():
            yield path, text.encode("utf-8")
        for name in STATIC:
            yield name, static_file(self.plan, name)
        if self.plan.base_url:  # feed addresses to copy: only a site with a public address has them
            yield COPY_SCRIPT, static_file(self.plan, COPY_SCRIPT)
            yield "sitemap.xml", self.sitemap([*paths, *roots]).encode("utf-8")


def static_file(plan: BuildPlan, name: str) -> bytes:
    """A file of ``templates/static/``: the project's, or else calendargen's."""
    own = plan.templates / "static" / name if plan.templates else None
    if own is not None and own.is_file():
        return own.read_bytes()
    return (shipped("templates") / "static" / name).read_bytes()
