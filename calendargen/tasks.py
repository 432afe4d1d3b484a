"""A build's rendering as independent tasks, which forked workers run in any order and which
write their own files into the staging folder.

The work is split by locale and, within a locale, by year and by entries, so that even a
one-locale build keeps every core busy: per locale a task for the pages that list entries
(home, subscribe, search, categories), one per year (its page and its months'), one for the
feeds that mix entries and one for the JSON records; per locale and group of entries one for
their pages and one for their feeds; one for the search index, and one for the site's root
(the language chooser, 404.html, the static files). Big tasks come first, so that the last
ones to finish are small. A file made from the same inputs as in the previous build (see
``reuse``) is kept, not rendered; a task none of whose inputs changed (no entry's part in its
locale) keeps its files as a group, without a key for each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from calendargen.model import Observance, Occurrence
from calendargen.output import Staging, Written
from calendargen.plan import BuildPlan
from calendargen.render.feeds import FeedPlanner, published_feeds
from calendargen.render.html import Page, html_lang
from calendargen.render.records import render_json
from calendargen.render.site import SitePlanner
from calendargen.reuse import Dependencies, Keys
from calendargen.search import Entry, build_index

ENTRIES_PER_TASK = 60  # entries whose pages (or feeds) one task renders
Made = tuple[bytes, bool]  # a file's content, and whether it is a feed trimmed to fit
Unit = tuple[str, Dependencies, Callable[[], Made]]  # a file's path, inputs and maker


@dataclass(frozen=True)
class Task:
    kind: str  # search, root, pages, year, feeds, records, entry pages, entry feeds
    locale: str = ""
    year: int = 0
    entries: tuple[Observance, ...] = ()


def search_entries(plan: BuildPlan) -> dict[str, list[Entry]]:
    """What the search index holds per page language: each entry's id, name, English name."""
    return {
        html_lang(locale): [(o.id, o.name(locale), o.name("en")) for o in plan.observances]
        for locale in plan.locales
    }


class BuildTasks:
    """The tasks of one build, and how each is run."""

    def __init__(self, plan: BuildPlan, staging: Staging, base: str) -> None:
        self.plan = plan
        self.staging = staging
        self.published = published_feeds(plan)
        self.keys = Keys(base, plan, self.published)
        self.site = SitePlanner(plan, self.published)
        self.feeds = FeedPlanner(plan, self.published)
        first, last = plan.window
        entries = plan.observances
        groups = [entries[i : i + ENTRIES_PER_TASK]
                  for i in range(0, len(entries), ENTRIES_PER_TASK)]  # fmt: skip
        big = [Task("search")]
        small = []
        for locale in plan.locales:
            big += [Task("year", locale, year) for year in range(first, last + 1)]
            big += [Task("feeds", locale), Task("pages", locale)]
            small += [Task(kind, locale, entries=group)
                      for group in groups for kind in ("entry pages", "entry feeds")]  # fmt: skip
            small.append(Task("records", locale))
        self.tasks = big + small + [Task("root")]

    def run(self, index: int) -> tuple[Written, list[str]]:
        """Run one task: what it wrote, and the feeds it holds that were trimmed to fit."""
        task = self.tasks[index]
        staging = self.staging
        trimmed: list[str] | None = []
        if task.kind == "search":  # one run of Pagefind over every name, unless none changed
            entries = search_entries(self.plan)
            group = self.keys.of_value(entries)
            self._together(group, lambda: build_index(entries).items())
        elif task.kind == "root":  # the language chooser, 404.html, the static files
            group = self.keys.of_value(task.kind)  # what the whole build shares, alone
            self._together(group, self.site.root_files)
        else:
            covered = (task.kind, task.locale, task.year, [o.id for o in task.entries])
            group = self.keys.of_group(repr(covered), task.locale)
            trimmed = staging.reuse_group(group)
            if trimmed is None:  # an input of the task changed: file by file
                trimmed = self._files(task)
        written = staging.take()
        staging.group(group, written)
        return written, trimmed or []

    def _together(self, group: str, make: Callable[[], Iterable[tuple[str, bytes]]]) -> None:
        """Files made together from what ``group`` is the key of: kept as a group, or all
        made again."""
        if self.staging.reuse_group(group) is None:
            for path, content in make():
                self.staging.put(path, content, group)

    def _files(self, task: Task) -> list[str]:
        """Render the files of ``task`` whose inputs changed, keep the others: the trimmed
        feeds among them."""
        staging = self.staging
        trimmed: list[str] = []
        for path, needs, make in self.units(task):
            key = self.keys.key(path, needs, task.locale)
            cut = staging.reuse(path, key)
            if cut is None:
                content, cut = make()
                staging.put(path, content, key, cut)
                self.site.forget()  # once they are many: memory stays bounded
                self.feeds.forget()
            if cut:
                trimmed.append(path)
        return trimmed

    def units(self, task: Task) -> Iterator[Unit]:
        """The files of a task, each with its inputs and its maker."""
        site, locale = self.site, task.locale
        if task.kind == "feeds":
            yield from self.feeds.aggregate(locale)
        elif task.kind == "entry feeds":
            yield from self.feeds.entries(locale, task.entries)
        elif task.kind == "records":
            for year in range(self.plan.window[0], self.plan.window[1] + 1):
                in_year = [o for o in self.plan.occurrences if o.start.year <= year <= o.end.year]
                yield (f"{locale}/{year}.json", {o.id for o in in_year},
                       partial(_record, in_year, locale))  # fmt: skip
        else:
            if task.kind == "pages":
                pages = site.shared_pages(locale)
            elif task.kind == "year":
                pages = site.year_pages(locale, task.year)
            else:
                pages = site.entry_pages(locale, task.entries)
            for path, needs, make in pages:
                yield path, needs, partial(self._page, make)

    def _page(self, make: Callable[[], Page]) -> Made:
        return self.site.render(make()), False


def _record(occurrences: list[Occurrence], locale: str) -> Made:
    return render_json(occurrences, locale).encode("utf-8"), False
