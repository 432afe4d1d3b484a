"""Plan every iCalendar feed of a build: per locale, all, milestones, per category, per entry.

Paths are a public interface and never change: ``L/calendar.ics``, ``L/milestones.ics``,
``L/feeds/CATEGORY.ics``, ``L/observances/ID.ics``. Each event is rendered once per locale and
shared by the feeds that contain it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cache, partial

from calendargen.i18n import pgettext_noop, translate
from calendargen.model import Observance, Occurrence, localized, sources_of
from calendargen.plan import BuildPlan
from calendargen.render.ics import (
    EventContext,
    FeedInfo,
    is_long,
    render_calendar,
    render_event,
    render_recurring,
    render_span_ends,
)
from calendargen.reuse import EVERY, Dependencies

KEEP_LINES = 20_000  # event lines kept made for later events (a default build: about 5,000)
MAX_FEED_BYTES = 1_000_000  # Google Calendar drops events from larger feeds
HEADER_ALLOWANCE = 2_000  # the VCALENDAR's own lines
log = logging.getLogger(__name__)
ALL_FEED = pgettext_noop("feed", "All observances and anniversaries")
MILESTONE_FEED = pgettext_noop("feed", "Milestone anniversaries")
FEED_NAME = pgettext_noop("feed", "{site}: {feed}")
FEED_DESCRIPTION = pgettext_noop("feed", "{feed}, {first}–{last}")


def calendar_name(site: str, feed: str, locale: str) -> str:
    """The name a calendar app gives the subscription: the feed's own NAME, and the name
    offered to Outlook on the web."""
    return translate(FEED_NAME, locale).format(site=site, feed=feed)


def feed_paths(locale: str) -> tuple[str, str]:
    return f"{locale}/calendar.ics", f"{locale}/milestones.ics"


def category_feed_path(locale: str, category: str) -> str:
    return f"{locale}/feeds/{category}.ics"


def observance_feed_path(locale: str, observance_id: str) -> str:
    return f"{locale}/observances/{observance_id}.ics"


Dated = tuple[Occurrence | None, str, int]  # an occurrence (None: recurring), its event, bytes


def fit(
    events: list[Dated], today: date, budget: int, window: tuple[int, int]
) -> tuple[list[Dated], int, int] | None:
    """The events of the whole years of ``window`` that fit in ``budget`` bytes, and those
    years: this year first, then the years nearest to it, ahead before behind (an event that
    began before the window counts in its first year); recurring events always. None when
    every event fits (no year is left out)."""
    size = {id(d): d[2] for d in events}
    if sum(size.values()) <= budget:
        return None
    lowest, highest = window
    by_year: dict[int, int] = defaultdict(int)
    year_of = {}
    for dated in events:
        if dated[0] is not None:
            year_of[id(dated)] = min(max(dated[0].start.year, lowest), highest)
            by_year[year_of[id(dated)]] += size[id(dated)]
    this_year = min(max(today.year, lowest), highest)
    used = sum(size[id(d)] for d in events if d[0] is None) + by_year.get(this_year, 0)
    first = last = this_year
    while True:
        ahead, behind = last + 1, first - 1
        if ahead <= highest and used + by_year.get(ahead, 0) <= budget:
            last, used = ahead, used + by_year.get(ahead, 0)
        elif behind >= lowest and used + by_year.get(behind, 0) <= budget:
            first, used = behind, used + by_year.get(behind, 0)
        else:
            break
    kept = [d for d in events if d[0] is None or first <= year_of[id(d)] <= last]
    return kept, first, last


def _calendar(
    events: list[Dated], title: str, path: str, locale: str, plan: BuildPlan
) -> tuple[bytes, bool]:
    """The feed's bytes, and whether whole years had to be left out to fit MAX_FEED_BYTES;
    the feed's description names the years it really holds."""
    base = plan.base_url.rstrip("/") if plan.base_url else None
    first, last = plan.window
    fitted = fit(events, plan.today, MAX_FEED_BYTES - HEADER_ALLOWANCE, (first, last))
    if fitted is not None:
        kept, first, last = fitted
        log.info(
            "%s: years %d-%d kept (%d of %d events) to stay under the %s bytes Google Calendar "
            "reads", path, first, last, len(kept), len(events), f"{MAX_FEED_BYTES:,}",
        )  # fmt: skip
        events = kept
    info = FeedInfo(
        name=calendar_name(plan.title, title, locale),
        description=translate(FEED_DESCRIPTION, locale).format(feed=title, first=first, last=last),
        locale=locale,
        url=f"{base}/{path}" if base else None,
    )
    return render_calendar((event for _, event, _ in events), info), fitted is not None


def published_feeds(plan: BuildPlan) -> frozenset[str]:
    """The paths of every feed the build writes (a feed without events is not written, and
    pages link to no other): known from the plan, before any feed is rendered."""
    used = {o.id for o in plan.occurrences} | set(plan.recurring)
    milestones = any(o.milestone for o in plan.occurrences)
    categories = {c for o in plan.observances if o.id in used for c in o.categories}
    paths: set[str] = set()
    for locale in plan.locales:
        all_path, milestone_path = feed_paths(locale)
        paths |= {all_path} if used else set()
        paths |= {milestone_path} if milestones else set()
        paths |= {category_feed_path(locale, c) for c in plan.feed_categories if c in categories}
        paths |= {observance_feed_path(locale, i) for i in used}
    return frozenset(paths)


Feed = tuple[bytes, bool]  # a feed's content, and whether years were left out to fit it
FeedUnit = tuple[str, Dependencies, Callable[[], Feed]]  # a feed's path, entries, maker


class FeedPlanner:
    """Renders the feeds of a build: per locale the aggregate ones (all, milestones, per
    category: brief events), and per entry its own (full events); each event once."""

    def __init__(self, plan: BuildPlan, published: frozenset[str]) -> None:
        self.plan = plan
        self.published = published
        self.by_observance: dict[str, list[Occurrence]] = defaultdict(list)
        for occurrence in plan.occurrences:
            self.by_observance[occurrence.id].append(occurrence)
        self._contexts: dict[str, EventContext] = {}

    def forget(self) -> None:
        """Drop the lines cached for the events rendered so far, once they are many."""
        for context in self._contexts.values():
            if len(context.lines) > KEEP_LINES:
                context.lines.clear()

    def context(self, locale: str) -> EventContext:
        """The event context of ``locale`` (category names, shared names), made once."""
        if locale not in self._contexts:
            plan = self.plan
            names = {cid: category.name(locale) for cid, category in plan.categories.items()}
            self._contexts[locale] = EventContext(
                names, plan.stamp, plan.base_url, self.countries(locale)
            )
        return self._contexts[locale]

    def countries(self, locale: str) -> dict[str, str]:
        """The source (country, the UN) of each entry whose name in ``locale`` another source's
        entry shares, for feeds that mix sources."""
        plan = self.plan
        sources: dict[str, set[str]] = defaultdict(set)
        source_of = {}
        for observance in plan.observances:
            own_sources = sources_of(observance, plan.categories)
            if own_sources:
                source_of[observance.id] = own_sources[0]
                sources[observance.name(locale)].add(own_sources[0])
        return {
            observance.id: plan.categories[source_of[observance.id]].name(
                localized(observance.names, locale)[1]  # the country in the name's language
            )
            for observance in plan.observances
            if len(sources[observance.name(locale)]) > 1
        }

    def aggregate(self, locale: str) -> Iterator[FeedUnit]:
        """The feeds of one locale that mix entries (all, milestones, one per category), each
        made from every entry; their events are rendered once, for the first one made."""
        brief = cache(partial(self._brief, locale))

        def make(path: str, title: str) -> Feed:
            return _calendar(brief()[path], title, path, locale, self.plan)

        all_path, milestone_path = feed_paths(locale)
        names = self.context(locale).category_names
        wanted = [(all_path, translate(ALL_FEED, locale)),
                  (milestone_path, translate(MILESTONE_FEED, locale))]  # fmt: skip
        wanted += [(category_feed_path(locale, c), names[c]) for c in self.plan.feed_categories]
        for path, title in wanted:
            if path in self.published:
                yield path, EVERY, partial(make, path, title)

    def _brief(self, locale: str) -> dict[str, list[Dated]]:
        """The brief events of every aggregate feed of ``locale``, by path."""
        plan = self.plan
        context = self.context(locale)
        by_id = {o.id: o for o in plan.observances}
        all_path, milestone_path = feed_paths(locale)
        feeds: dict[str, list[Dated]] = defaultdict(list)
        for observance_id, found in plan.recurring.items():
            entry = by_id[observance_id]
            event = _dated(None, render_recurring(entry, found, locale, context, full=False))
            for path in (all_path, *(category_feed_path(locale, c) for c in entry.categories)):
                feeds[path].append(event)
        for index, occurrence in enumerate(plan.occurrences):
            if index % 1000 == 999:
                self.forget()
            if occurrence.id in plan.recurring and not occurrence.milestone:
                continue  # the recurring event stands for it
            if is_long(occurrence):
                rendered = render_span_ends(occurrence, locale, context)
            else:
                rendered = [render_event(occurrence, locale, context, full=False)]
            shared = [_dated(occurrence, event) for event in rendered]
            paths = [all_path, *(category_feed_path(locale, c) for c in occurrence.categories)]
            if occurrence.milestone:
                paths.append(milestone_path)
            for path in paths:
                feeds[path] += shared
        return feeds

    def entries(self, locale: str, observances: Iterable[Observance]) -> Iterator[FeedUnit]:
        """The feeds of these entries in one locale (every occurrence in full), each made
        from its entry."""
        for observance in observances:
            path = observance_feed_path(locale, observance.id)
            if path in self.published:
                yield path, (observance.id,), partial(self._entry_feed, observance, locale, path)

    def _entry_feed(self, observance: Observance, locale: str, path: str) -> Feed:
        plan = self.plan
        context = self.context(locale)
        events = []
        found = plan.recurring.get(observance.id)
        if found is not None:
            events.append(_dated(None, render_recurring(observance, found, locale, context)))
        for occurrence in self.by_observance[observance.id]:
            if found is None or occurrence.milestone:
                events.append(_dated(occurrence, render_event(occurrence, locale, context)))
        return _calendar(events, observance.name(locale), path, locale, plan)


def _dated(occurrence: Occurrence | None, event: str) -> Dated:
    return occurrence, event, len(event.encode("utf-8"))
