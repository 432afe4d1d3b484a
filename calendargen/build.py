"""Plan the build, then render it into the output's staging folder, file by file.

Files are written as they are rendered, by the processes that render them, into a staging
folder beside the output (``output.Staging``); only when every file is there does the staging
folder replace the output, in one step, so a failure leaves the previous output untouched.
A fingerprint of the inputs lets a build with nothing changed skip rendering.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path

from calendargen.config import Config
from calendargen.defaults import shipped
from calendargen.engine import expand, upcoming
from calendargen.errors import ConfigError, Problem, did_you_mean, display_path
from calendargen.limits import MAX_YEAR
from calendargen.loader import Catalogue, load
from calendargen.model import Observance
from calendargen.output import (
    OutputFolder,
    Progress,
    Staging,
    Written,
    _silent,
    check_output_folder,
)
from calendargen.parallel import map_tasks
from calendargen.plan import BuildPlan
from calendargen.recurrence import recurrence
from calendargen.reuse import Dependencies, Keys
from calendargen.search import Entry, build_index

MAX_WINDOW_YEARS = 200


def feed_categories(catalogue: Catalogue, config: Config) -> tuple[str, ...]:
    """The categories that get a feed: those configured (all by default) that have entries."""
    used = {c for o in catalogue.observances for c in o.categories}
    wanted = config.categories if config.categories is not None else tuple(catalogue.categories)
    return tuple(c for c in wanted if c in used)


def window(config: Config, today: date) -> tuple[int, int]:
    """The build's first and last year, checked."""
    first_year, last_year = config.window(today.year)
    if first_year > last_year:
        raise ConfigError(f"the window starts after it ends ({first_year} > {last_year})")
    if not 1 <= first_year <= last_year <= MAX_YEAR:
        raise ConfigError(f"the window {first_year}-{last_year} is not within 1-{MAX_YEAR}")
    if last_year - first_year >= MAX_WINDOW_YEARS:
        raise ConfigError(
            f"the window {first_year}-{last_year} is longer than {MAX_WINDOW_YEARS} years: "
            "a site and feeds of more years would take hours to build and months to read"
        )
    return first_year, last_year


def make_plan(config: Config, today: date, stamp: datetime) -> BuildPlan:
    """Read the catalogue and expand it over the window: everything the renderers need."""
    catalogue = load(config.data_folders)
    unknown = [c for c in config.categories or () if c not in catalogue.categories]
    if unknown:
        raise ConfigError(
            [
                Problem(
                    f"unknown category '{c}'",
                    display_path(config.file) if config.file else "calgen.toml",
                    "categories",
                    hint=did_you_mean(c, catalogue.categories),
                )
                for c in unknown
            ]
        )
    first_year, last_year = window(config, today)
    occurrences = expand(
        catalogue.observances, date(first_year, 1, 1), date(last_year, 12, 31), config.milestones
    )
    recurring = {}
    if config.compact:
        for observance in catalogue.observances:
            found = recurrence(observance)
            if found is not None:
                recurring[observance.id] = found
    return BuildPlan(
        title=config.title,
        locales=config.locales,
        window=(first_year, last_year),
        today=today,
        stamp=stamp,
        observances=catalogue.observances,
        categories=catalogue.categories,
        feed_categories=feed_categories(catalogue, config),
        occurrences=occurrences,
        upcoming={o.id: upcoming(o, today, config.milestones) for o in catalogue.observances},
        base_url=config.base_url,
        templates=config.templates,
        recurring=recurring,
    )


def search_entries(plan: BuildPlan) -> dict[str, list[Entry]]:
    """What the search index holds per page language: each entry's id, name, English name."""
    from calendargen.render.html import html_lang

    return {
        html_lang(locale): [(o.id, o.name(locale), o.name("en")) for o in plan.observances]
        for locale in plan.locales
    }


ENTRIES_PER_TASK = 60  # entries whose pages and feeds one task renders
Task = tuple[str, str, tuple[Observance, ...]]  # what to render, the locale, the entries
Unit = tuple[str, Dependencies, Callable[[], tuple[bytes, bool]]]  # path, inputs, maker


def render(plan: BuildPlan, staging: Staging, base: str, jobs: int,
           progress: Progress = _silent) -> dict[str, int]:  # fmt: skip
    """Render every output file of the build into ``staging``, in up to ``jobs`` processes
    that write their files themselves; a file made from the same inputs as in the previous
    build (``base``: what the whole build shares; see ``reuse``) is kept, not rendered.
    Returns counts for the summary.

    The work is split by locale and, within a locale, by entries, so that even a one-locale
    build keeps every core busy: a task per locale for the pages and feeds that list many
    entries, a task per locale and group of entries for their own pages and feeds, and one for
    the search index."""
    from calendargen.render.feeds import Feed, FeedPlanner, published_feeds
    from calendargen.render.html import Page
    from calendargen.render.records import render_json
    from calendargen.render.site import SitePlanner

    published = published_feeds(plan)
    keys = Keys(base, plan, published)
    site = SitePlanner(plan, published)
    feeds = FeedPlanner(plan, published)
    first_year, last_year = plan.window
    entries = plan.observances
    groups = [entries[i : i + ENTRIES_PER_TASK] for i in range(0, len(entries), ENTRIES_PER_TASK)]

    def page(make: Callable[[], Page]) -> Feed:
        return site.render(make()), False

    def record(locale: str, year: int) -> Feed:
        in_year = [o for o in plan.occurrences if o.start.year <= year <= o.end.year]
        return render_json(in_year, locale).encode("utf-8"), False

    def units(kind: str, locale: str, group: tuple[Observance, ...]) -> Iterator[Unit]:
        if kind == "pages":
            for path, needs, make in site.shared_pages(locale):
                yield path, needs, partial(page, make)
        elif kind == "entry pages":
            for path, needs, make in site.entry_pages(locale, group):
                yield path, needs, partial(page, make)
        elif kind == "feeds":
            yield from feeds.aggregate(locale)
        elif kind == "entry feeds":
            yield from feeds.entries(locale, group)
        else:
            for year in range(first_year, last_year + 1):
                in_year = {o.id for o in plan.occurrences if o.start.year <= year <= o.end.year}
                yield f"{locale}/{year}.json", in_year, partial(record, locale, year)

    tasks: list[Task] = [("search", "", ())]
    for locale in plan.locales:
        tasks += [("pages", locale, ()), ("feeds", locale, ()), ("records", locale, ())]
        tasks += [(kind, locale, g) for g in groups for kind in ("entry pages", "entry feeds")]

    def run(index: int) -> tuple[Written, list[str]]:
        trimmed: list[str] = []
        if tasks[index][0] == "search":  # one run of Pagefind over every name, every time
            for path, content in build_index(search_entries(plan)).items():
                staging.put(path, content)
            return staging.take(), trimmed
        for path, needs, make in units(*tasks[index]):
            key = keys.key(path, needs)
            cut = staging.reuse(path, key)
            if cut is None:
                content, cut = make()
                staging.put(path, content, key, cut)
            if cut:
                trimmed.append(path)
        return staging.take(), trimmed

    def done(index: int, result: tuple[Written, list[str]]) -> None:
        progress("rendering", index + 1, len(tasks))

    results = map_tasks(run, len(tasks), jobs, done)
    trimmed = sorted(path for _, cut in results for path in cut)
    names = [name for written, _ in results for name in written.names]
    for written, _ in results:
        staging.add(written)
    for path, content in site.site_files(tuple(names)):
        staging.put(path, content)
        names.append(path)
    return {
        "occurrences": len(plan.occurrences),
        "feeds": len(published),
        "trimmed": len(trimmed),
        "pages": sum(1 for name in names if name.endswith(".html")),
        "files": len(names),
    }


def fingerprint(config: Config, today: date, stamp: datetime, data: bool = True) -> str:
    """A hash of everything a build reads: config, reference date, data, templates, locales
    and calendargen's own code. Equal fingerprints give byte-identical output. Without
    ``data``, the catalogue's folders are left out (the shipped locale data stays in)."""
    digest = hashlib.sha256()
    settings = {k: v for k, v in vars(config).items() if k != "out"}  # output place: no input
    digest.update(repr(sorted(settings.items(), key=str)).encode())
    digest.update(today.isoformat().encode())
    digest.update(stamp.isoformat().encode())
    catalogue = config.data_folders if data else (shipped("data") / "locales",)
    folders = [*catalogue, shipped("templates"), Path(__file__).parent]
    folders += [f for f in (config.templates, config.messages) if f is not None]
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_project(
    config: Config,
    today: date,
    stamp: datetime,
    progress: Progress = _silent,
    force: bool = False,
    jobs: int = 1,
) -> str:
    """Plan, then write; returns the one-line summary. When nothing the build reads changed
    since the last build and no output file is missing, nothing is rendered."""
    started = time.perf_counter()
    inputs = [*config.data, shipped("data"), shipped("templates")]
    if config.templates is not None:
        inputs.append(config.templates)
    check_output_folder(config.out, config.root, inputs)
    print_ = fingerprint(config, today, stamp)
    if OutputFolder(config.out).up_to_date(print_):
        seconds = time.perf_counter() - started
        return f"{config.out} is up to date (no input changed) in {seconds:.2f} s"
    plan = make_plan(config, today, stamp)
    with Staging(config.out, force) as staging:
        base = fingerprint(config, today, stamp, data=False)
        counts = render(plan, staging, base, jobs, progress)
        report = staging.commit(print_)
    seconds = time.perf_counter() - started
    trimmed = (
        f", {counts['trimmed']} of them trimmed to the 1 MB Google Calendar reads"
        if counts["trimmed"]
        else ""
    )
    return (
        f"built {config.out}: {counts['files']} files ({counts['pages']} pages, "
        f"{counts['feeds']} feeds{trimmed}), {counts['occurrences']} occurrences; "
        f"{report.written} written, {report.unchanged} unchanged ({report.reused} of them not "
        f"rendered again), {report.removed} removed in {seconds:.2f} s"
    )
