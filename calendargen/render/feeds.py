"""Plan every iCalendar feed of a build: per locale, all, milestones, per category, per entry.

Paths are a public interface and never change: ``L/calendar.ics``, ``L/milestones.ics``,
``L/feeds/CATEGORY.ics``, ``L/observances/ID.ics``. Each event is rendered once per locale and
shared by the feeds that contain it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from calendargen.config import Config
from calendargen.i18n import pgettext_noop, translate
from calendargen.loader import Catalogue
from calendargen.model import Occurrence
from calendargen.parallel import map_locales
from calendargen.recurrence import Recurrence, recurrence
from calendargen.render.ics import (
    EventContext,
    FeedInfo,
    render_calendar,
    render_event,
    render_recurring,
)

MAX_FEED_BYTES = 1_000_000  # Google Calendar drops events from larger feeds
HEADER_ALLOWANCE = 2_000  # the VCALENDAR's own lines
PARALLEL_FROM = 5_000  # events (occurrences x locales) from which workers pay off
log = logging.getLogger(__name__)
ALL_FEED = pgettext_noop("feed", "All observances and anniversaries")
MILESTONE_FEED = pgettext_noop("feed", "Milestone anniversaries")
FEED_NAME = pgettext_noop("feed", "{site}: {feed}")
FEED_DESCRIPTION = pgettext_noop("feed", "{feed}, {first}–{last}")


def feed_paths(locale: str) -> tuple[str, str]:
    return f"{locale}/calendar.ics", f"{locale}/milestones.ics"


def category_feed_path(locale: str, category: str) -> str:
    return f"{locale}/feeds/{category}.ics"


def observance_feed_path(locale: str, observance_id: str) -> str:
    return f"{locale}/observances/{observance_id}.ics"


def feed_categories(catalogue: Catalogue, config: Config) -> list[str]:
    """The categories that get a feed: those configured (all by default) that have entries."""
    used = {c for o in catalogue.observances for c in o.categories}
    wanted = config.categories if config.categories is not None else tuple(catalogue.categories)
    return [c for c in wanted if c in used]


Dated = tuple[Occurrence | None, str]  # an occurrence (None: recurring) and its event


def fit(events: list[Dated], today: date, budget: int) -> list[Dated]:
    """The events that fit in ``budget`` bytes, keeping what a subscriber needs most: recurring
    events, then from ``today`` on, nearest first, then the past, most recent first. Returned
    in feed order."""
    if sum(len(e.encode("utf-8")) for _, e in events) <= budget:
        return events
    pinned = [d for d in events if d[0] is None]
    dated = [d for d in events if d[0] is not None]
    ahead = [d for d in dated if d[0].end >= today]  # type: ignore[union-attr]
    behind = [d for d in dated if d[0].end < today][::-1]  # type: ignore[union-attr]
    kept: list[Dated] = []
    size = 0
    for event in pinned + ahead + behind:
        size += len(event[1].encode("utf-8"))
        if size > budget:
            break
        kept.append(event)
    order = {id(d): i for i, d in enumerate(events)}
    return sorted(kept, key=lambda d: order[id(d)])


def _calendar(
    events: list[Dated], title: str, path: str, locale: str, config: Config, today: date
) -> tuple[bytes, bool]:
    """The feed's bytes, and whether events had to be left out to fit MAX_FEED_BYTES."""
    base = config.base_url.rstrip("/") if config.base_url else None
    first, last = config.window(today.year)
    kept = fit(events, today, MAX_FEED_BYTES - HEADER_ALLOWANCE)
    years = [max(o.start.year, first) for o, _ in kept if o is not None]
    if len(kept) < len(events) and years:
        first, last = min(years), max(years)
        log.info(
            "%s: %d of %d events kept (%d-%d) to stay under the %s bytes Google Calendar reads",
            path, len(kept), len(events), first, last, f"{MAX_FEED_BYTES:,}",
        )  # fmt: skip
    info = FeedInfo(
        name=translate(FEED_NAME, locale).format(site=config.title, feed=title),
        description=translate(FEED_DESCRIPTION, locale).format(feed=title, first=first, last=last),
        locale=locale,
        url=f"{base}/{path}" if base else None,
    )
    return render_calendar((event for _, event in kept), info), len(kept) < len(events)


def plan_feeds(
    catalogue: Catalogue,
    occurrences: list[Occurrence],
    config: Config,
    today: date,
    stamp: datetime,
) -> tuple[dict[str, bytes], list[str]]:
    """Every feed of every locale, as ``{path: bytes}``, each under MAX_FEED_BYTES, and the
    paths of the feeds that had to leave events out to stay under it."""
    recurring = {}
    if config.compact:
        first_year = config.window(today.year)[0]
        for observance in catalogue.observances:
            found = recurrence(observance, first_year)
            if found is not None:
                recurring[observance.id] = found
    planner = _FeedPlanner(catalogue, occurrences, config, today, stamp, recurring)
    parallel = len(occurrences) * len(config.locales) >= PARALLEL_FROM
    files: dict[str, bytes] = {}
    trimmed: list[str] = []
    for locale_files, locale_trimmed in map_locales(planner.feeds, config.locales, parallel):
        files.update(locale_files)
        trimmed += locale_trimmed
    return files, trimmed


@dataclass(frozen=True)
class _FeedPlanner:
    catalogue: Catalogue
    occurrences: list[Occurrence]
    config: Config
    today: date
    stamp: datetime
    recurring: dict[str, Recurrence]

    def feeds(self, locale: str) -> tuple[dict[str, bytes], list[str]]:
        """Every feed of one locale, and those trimmed to MAX_FEED_BYTES."""
        catalogue, config = self.catalogue, self.config
        names = {cid: category.name(locale) for cid, category in catalogue.categories.items()}
        context = EventContext(names, self.stamp, config.base_url)
        by_category: dict[str, list[Dated]] = defaultdict(list)
        by_observance: dict[str, list[Dated]] = defaultdict(list)
        brief: list[Dated] = []
        milestones: list[Dated] = []
        for observance_id, found in self.recurring.items():
            entry = catalogue.get(observance_id)
            assert entry is not None
            event = render_recurring(entry, found, locale, context, full=False)
            brief.append((None, event))
            full = render_recurring(entry, found, locale, context)
            by_observance[observance_id].append((None, full))
            for category in entry.categories:
                by_category[category].append((None, event))
        for occurrence in self.occurrences:
            if occurrence.id in self.recurring and not occurrence.milestone:
                continue  # the recurring event stands for it
            dated = (occurrence, render_event(occurrence, locale, context, full=False))
            brief.append(dated)
            full = render_event(occurrence, locale, context)
            by_observance[occurrence.id].append((occurrence, full))
            for category in occurrence.categories:
                by_category[category].append(dated)
            if occurrence.milestone:
                milestones.append(dated)
        all_path, milestone_path = feed_paths(locale)
        plan = [
            (all_path, translate(ALL_FEED, locale), brief),
            (milestone_path, translate(MILESTONE_FEED, locale), milestones),
        ]
        plan += [
            (category_feed_path(locale, c), names[c], by_category[c])
            for c in feed_categories(catalogue, config)
        ]
        plan += [
            (observance_feed_path(locale, o.id), o.name(locale), by_observance[o.id])
            for o in catalogue.observances
        ]
        files: dict[str, bytes] = {}
        trimmed: list[str] = []
        for path, title, events in plan:
            if not events:  # RFC 5545 wants a component; pages do not offer such a feed
                continue
            files[path], cut = _calendar(events, title, path, locale, config, self.today)
            if cut:
                trimmed.append(path)
        return files, trimmed
