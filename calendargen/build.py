"""Plan the build, then render it into the output's staging folder, file by file.

Files are written as they are rendered, by the processes that render them, into a staging
folder beside the output (``output.Staging``); only when every file is there does the staging
folder replace the output, in one step, so a failure leaves the previous output untouched.
A fingerprint of the inputs lets a build with nothing changed skip rendering.
"""

from __future__ import annotations

import gc
import hashlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from importlib import metadata
from pathlib import Path

from calendargen.config import Config
from calendargen.defaults import shipped
from calendargen.engine import Upcoming, expand, first_days
from calendargen.errors import ConfigError, did_you_mean, display_path
from calendargen.i18n import native_name
from calendargen.limits import MAX_YEAR
from calendargen.loader import Catalogue, load
from calendargen.output import (
    OutputFolder,
    Progress,
    Staging,
    Written,
    _silent,
    check_output_folder,
)
from calendargen.parallel import map_tasks
from calendargen.parsed import ParsedFiles
from calendargen.plan import BuildPlan
from calendargen.recurrence import recurrence
from calendargen.schema import Where
from calendargen.tomlfile import Positions

MAX_WINDOW_YEARS = 200
UPCOMING_KEPT = 1_000  # entries whose next occurrences a process keeps made


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


def language_names(locales: tuple[str, ...], parsed: ParsedFiles | None) -> dict[str, str]:
    """Each locale's name in itself, from CLDR through Babel, for the language switcher. Kept
    with the parsed files (Babel's version is in their key): loading every locale's CLDR data
    for these names alone was most of a small rebuild's serial part."""
    if parsed is None:
        return {locale: native_name(locale) for locale in locales}
    key = parsed.key("language names", "CLDR", "\n".join(locales).encode())
    found = parsed.get(key, lambda names: _names_of(names, locales))
    if isinstance(found, dict):
        return found
    names = language_names(locales, None)
    parsed.put(key, names)
    return names


def _names_of(found: object, locales: tuple[str, ...]) -> bool:
    """Whether ``found`` is a name for each of ``locales``, in their order."""
    return (
        isinstance(found, dict)
        and list(found) == list(locales)
        and all(isinstance(name, str) for name in found.values())
    )


def make_plan(
    config: Config, today: date, stamp: datetime, parsed: ParsedFiles | None = None
) -> BuildPlan:
    """Read the catalogue (the files that did not change from ``parsed``) and expand it over
    the window: everything the renderers need."""
    catalogue = load(config.data_folders, config.locales, parsed)
    unknown = [c for c in config.categories or () if c not in catalogue.categories]
    if unknown:
        where = Where(display_path(config.file) if config.file else "calgen.toml")
        if config.file is not None and config.file.is_file():  # the line and column of the key
            where = replace(where, positions=Positions(config.file.read_text(encoding="utf-8")))
        raise ConfigError(
            [
                where.at("categories").problem(
                    f"unknown category '{c}'", hint=did_you_mean(c, catalogue.categories)
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
    ahead = Upcoming(catalogue.observances, today, config.milestones, keep=UPCOMING_KEPT)
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
        upcoming=ahead,
        next_days={o.id: first_days(ahead[o.id], 2) for o in catalogue.observances},
        language_names=language_names(config.locales, parsed),
        base_url=config.base_url,
        templates=config.templates,
        recurring=recurring,
    )


def render(plan: BuildPlan, staging: Staging, base: str, jobs: int,
           progress: Progress = _silent) -> dict[str, int]:  # fmt: skip
    """Render every output file of the build into ``staging``, in up to ``jobs`` processes
    that write their files themselves (see ``tasks``); a file made from the same inputs as in
    the previous build (``base``: what the whole build shares) is kept, not rendered.
    Returns counts for the summary."""
    from calendargen.tasks import BuildTasks

    work = BuildTasks(plan, staging, base)

    def done(index: int, result: tuple[Written, list[str]]) -> None:
        progress("rendering", index + 1, len(work.tasks))

    groups = [task.locale for task in work.tasks]
    results = map_tasks(work.run, len(work.tasks), jobs, done, groups)
    trimmed = [path for _, cut in results for path in cut]
    names = [name for written, _ in results for name in written.names]
    for written, _ in results:
        staging.add(written)
    sitemap = work.site.sitemap(names)
    if sitemap is not None:
        staging.put("sitemap.xml", sitemap.encode("utf-8"))
        names.append("sitemap.xml")
    return {
        "occurrences": len(plan.occurrences),
        "feeds": len(work.published),
        "trimmed": len(trimmed),
        "pages": sum(1 for name in names if name.endswith(".html")),
        "files": len(names),
    }


@contextmanager
def fewer_collections() -> Iterator[Callable[[], None]]:
    """The cyclic garbage collector while a build runs: off while the plan is made (reading
    the catalogue makes no cycles, and what it makes lives to the end of the build); once it
    is made (call what this yields), on again, with what exists left out of its walks
    (``gc.freeze``) and full collections, which walk every object kept (the caches), ten
    times rarer. It took 8% of a one-process build, 4% so. Undone after: ``calgen serve``
    builds again in the same process."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.disable()
    gc.set_threshold(thresholds[0], thresholds[1], thresholds[2] * 10)

    def planned() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield planned
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        if enabled:
            gc.enable()


def code_digest() -> str:
    """A hash of calendargen's own code and of the libraries it runs on."""
    digest = hashlib.sha256(repr(_libraries()).encode())
    _digest_files(digest.update, [Path(__file__).parent], skip=())
    return digest.hexdigest()


def fingerprints(config: Config, today: date, stamp: datetime, code: str) -> tuple[str, str]:
    """Two hashes of what a build reads, each file read once: of everything (config, reference
    date, data, templates, locales, and ``code``, calendargen's own and its libraries': equal
    hashes give byte-identical output), and of everything but the catalogue's folders (what
    every output file shares, see ``reuse``)."""
    shared = hashlib.sha256(code.encode())
    settings = {k: v for k, v in vars(config).items() if k != "out"}  # output place: no input
    shared.update(repr(sorted(settings.items(), key=str)).encode())
    shared.update(today.isoformat().encode())
    shared.update(stamp.isoformat().encode())
    folders = [shipped("data") / "locales", shipped("templates")]
    folders += [f for f in (config.templates, config.messages) if f is not None]
    code_folder = Path(__file__).parent  # in ``code`` already (with the shipped data installed)
    _digest_files(shared.update, folders, skip=[code_folder])
    whole = hashlib.sha256(shared.hexdigest().encode())
    _digest_files(whole.update, config.data_folders, skip=[*folders, code_folder])
    return whole.hexdigest(), shared.hexdigest()


def _digest_files(
    update: Callable[[bytes], object], folders: Iterable[Path], skip: Iterable[Path]
) -> None:
    """Every file of ``folders`` (or the file itself) to a digest's ``update``, but those in
    ``skip``."""
    skipped = tuple(skip)
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if any(path.is_relative_to(other) for other in skipped):
                continue
            update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")


def _libraries() -> list[tuple[str, str | None]]:
    """The installed versions of the libraries calendargen runs on (CLDR's formats in Babel,
    the calendars, Jinja2...): a new one may change the output."""
    try:
        wanted = metadata.requires("calendargen") or []
    except metadata.PackageNotFoundError:  # run from a source tree: nothing to compare
        return []
    names = sorted({re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0]
                    for line in wanted if "extra ==" not in line})  # fmt: skip
    versions: list[tuple[str, str | None]] = []
    for name in names:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    return versions


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
    code = code_digest()
    print_, base = fingerprints(config, today, stamp, code)
    folder = OutputFolder(config.out)
    if folder.up_to_date(print_):
        seconds = time.perf_counter() - started
        return f"{config.out} is up to date (no input changed) in {seconds:.2f} s"
    parsed = ParsedFiles(folder.state / "parsed", code)
    with fewer_collections() as planned:
        plan = make_plan(config, today, stamp, parsed)
        planned()
        with Staging(config.out, force) as staging:
            counts = render(plan, staging, base, jobs, progress)
            report = staging.commit(print_)
            parsed.save()
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
