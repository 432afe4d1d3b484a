"""The ``calgen`` command: thin wrappers over the library that turn CalgenError into exit codes.

Only this module reads the clock (for default years) and prints. Heavy modules (Jinja2, the ICS
writer) are imported inside the commands that need them, so ``calgen --help`` stays quick.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from calendargen import __version__
from calendargen.errors import (
    CalgenError,
    CatalogueError,
    ConfigError,
    Problem,
    did_you_mean,
    display_path,
)
from calendargen.limits import MAX_YEAR

if TYPE_CHECKING:
    from calendargen.config import Config
    from calendargen.loader import Catalogue

F = TypeVar("F", bound=Callable[..., Any])
_YEAR = re.compile(r"^\d{1,4}$")


def _today() -> date:
    """The CLI's notion of today: the day of SOURCE_DATE_EPOCH when it is set (reproducible
    builds), else the clock's. Only the CLI reads the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ConfigError(
                f"SOURCE_DATE_EPOCH must be a Unix timestamp, not '{epoch}'"
            ) from None
    return date.today()


def _stamp(today: date) -> datetime:
    """The build's timestamp (DTSTAMP): SOURCE_DATE_EPOCH, else 1 January of ``today``'s year,
    so that rebuilding the same inputs within a year changes no byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime(today.year, 1, 1, tzinfo=UTC)


def handles_errors(command: F) -> F:
    """Print a CalgenError as its one-line problems and exit non-zero, without a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CalgenError as error:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            if len(error.problems) > 1:
                click.echo(f"{len(error.problems)} problems found.", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _parse_bound(value: str | None, option: str, end: bool) -> date | None:
    """``--from``/``--to`` take a year (whole year) or an ISO date."""
    if value is None:
        return None
    if _YEAR.match(value):
        year = four_digit_year(value, option)
        return date(year, 12, 31) if end else date(year, 1, 1)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            Problem(f"{option} takes a year (1-{MAX_YEAR}) or a date YYYY-MM-DD, not '{value}'")
        ) from None


MAX_LIST_YEARS = 500  # one request; a longer one costs minutes and gigabytes
NO_BASE_URL_HINT = (
    "hint: no base_url in calgen.toml, so the site offers its feeds as downloads only; "
    'set base_url = "https://..." (its public address) for subscribe links and QR codes'
)


def four_digit_year(value: str, option: str, last: int = MAX_YEAR) -> int:
    """A year as a calendar writes it: ``--year 25`` is refused, ``--year 0025`` is the year 25."""
    if not re.fullmatch(r"[0-9]{4}", value) or not 1 <= int(value) <= last:
        raise ConfigError(f"{option} takes a four-digit year from 0001 to {last}, not '{value}'")
    return int(value)


def date_range(year: str | None, start: str | None, end: str | None) -> tuple[date, date]:
    if year is not None and (start or end):
        raise ConfigError("--year cannot be combined with --from/--to")
    if year is not None:
        number = four_digit_year(year, "--year")
        return date(number, 1, 1), date(number, 12, 31)
    first = _parse_bound(start, "--from", end=False)
    last = _parse_bound(end, "--to", end=True)
    this_year = _today().year
    first = first or (date(last.year, 1, 1) if last else date(this_year, 1, 1))
    last = last or date(first.year, 12, 31)
    if first > last:
        raise ConfigError(f"--from {first} is after --to {last}")
    if last.year - first.year >= MAX_LIST_YEARS:
        raise ConfigError(
            f"at most {MAX_LIST_YEARS} years at once ({first.year}-{last.year} asked): "
            "list a shorter range, or several"
        )
    return first, last


def check_locale(locale: str, available: Iterable[str] = ()) -> str:
    """A locale in any usual spelling (``ru_RU``, ``ru-RU``, ``RU``) as the catalogue has it
    (``ru``); for one it lacks, a warning names the language the output falls back to."""
    from calendargen.i18n import SHIPPED_LOCALES, canonical_locale, valid_locale

    spelled = locale.replace("-", "_")
    if not valid_locale(spelled):
        raise ConfigError(f"unknown locale '{locale}' (use a CLDR code such as en, ru, tk, zh)")
    canonical = canonical_locale(spelled)
    known = {*SHIPPED_LOCALES, *available}
    if canonical in known:
        return canonical
    if canonical.split("_")[0] in known:  # ru_RU → ru
        return canonical.split("_")[0]
    if not available:  # only checking the spelling, before the catalogue is read
        return canonical
    click.echo(
        f"warning: calendargen has no texts in '{canonical}': names and the interface fall "
        "back to English",
        err=True,
    )
    return canonical


def places(catalogue: Catalogue, locale: str) -> dict[str, str]:
    """Each observance's country or organization (its source category), named in ``locale``."""
    from calendargen.model import sources_of

    found = {}
    for observance in catalogue.observances:
        sources = sources_of(observance, catalogue.categories)
        if sources:
            found[observance.id] = catalogue.categories[sources[0]].name(locale)
    return found


def catalogue_locales(config: Config, catalogue: Catalogue) -> set[str]:
    """The locales the project speaks: configured, or found in its texts."""
    found = set(config.locales)
    for observance in catalogue.observances:
        found |= set(observance.names)
    return found


def project(locale: str) -> tuple[Config, Catalogue]:
    """The project here and its catalogue, with the texts of ``locale`` (and its language)
    only: the other translation files are neither read nor checked (``calgen check`` does).
    Files unchanged since the last build are taken as it read them (nothing is written)."""
    from calendargen.config import load_config
    from calendargen.loader import load
    from calendargen.output import OutputFolder

    config = use(load_config(Path.cwd()))
    kept = None
    if (folder := OutputFolder(config.out).state / "parsed").is_dir():
        from calendargen.build import code_digest
        from calendargen.parsed import ParsedFiles

        kept = ParsedFiles(folder, code_digest())
    return config, load(config.data_folders, (locale,), kept)


def use(config: Config) -> Config:
    """Make the project's interface translations (``messages``) those of this command."""
    from calendargen.i18n import use_project_messages

    use_project_messages((config.messages,) if config.messages else ())
    return config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.version_option(__version__, prog_name="calgen")
def main(debug: bool) -> None:
    """calendargen: anniversary and observance calendars, feeds and sites."""
    import logging

    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s"
    )


@main.command("list")
@click.option("--year", metavar="YYYY", help="One calendar year, in four digits.")
@click.option("--from", "start", metavar="YEAR|DATE", help="First year or date (inclusive).")
@click.option("--to", "end", metavar="YEAR|DATE", help="Last year or date (inclusive).")
@click.option("--locale", default="en", show_default=True, help="Language of names.")
@click.option("--category", "categories", multiple=True, help="Only these categories (repeat).")
@click.option("--milestones", is_flag=True, help="Only milestone anniversaries.")
@click.option("--days-off", is_flag=True, help="Only days off (holidays, substitutes, decrees).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "ics"]),
    default="table",
    show_default=True,
)
@handles_errors
def list_command(
    year: str | None,
    start: str | None,
    end: str | None,
    locale: str,
    categories: tuple[str, ...],
    milestones: bool,
    days_off: bool,
    fmt: str,
) -> None:
    """List occurrences in a date range (default: this year)."""
    from calendargen.engine import expand
    from calendargen.render.records import json_lines, render_csv

    first, last = date_range(year, start, end)
    spelled = check_locale(locale)  # a typo is an error before the catalogue is read
    config, catalogue = project(spelled)
    locale = check_locale(locale, catalogue_locales(config, catalogue))
    for category in categories:
        if category not in catalogue.categories:
            hint = did_you_mean(category, catalogue.categories)
            raise ConfigError(Problem(f"unknown category '{category}'", hint=hint))
    observances = [
        o for o in catalogue.observances if not categories or set(categories) & set(o.categories)
    ]
    occurrences = expand(observances, first, last, config.milestones)
    if milestones:
        occurrences = [o for o in occurrences if o.milestone]
    if days_off:
        occurrences = [o for o in occurrences if o.day_off]
    if fmt == "json":
        for text in json_lines(occurrences, locale):  # written as made: a long list streams
            click.echo(text, nl=False)
    elif fmt == "csv":
        click.echo(render_csv(occurrences, locale), nl=False)
    elif fmt == "ics":
        from calendargen.render.ics import EventContext, FeedInfo, render_feed

        info = FeedInfo(name=config.title, description=f"{first} – {last}", locale=locale)
        names = {cid: category.name(locale) for cid, category in catalogue.categories.items()}
        context = EventContext(names, _stamp(_today()), config.base_url)
        click.echo(render_feed(occurrences, info, context).decode("utf-8"), nl=False)
    else:
        from calendargen.render.text import table

        if sys.stdout.isatty():
            from calendargen.render.terminal import terminal_table

            width = shutil.get_terminal_size().columns
            click.echo(terminal_table(occurrences, locale, width, places(catalogue, locale)),
                       nl=False)  # fmt: skip
        else:
            click.echo(table(occurrences, locale), nl=False)


@main.command()
@click.argument("observance_id", metavar="ID")
@click.option(
    "--year", metavar="YYYY", help="Show occurrences from this year (default: this year)."
)
@click.option("--locale", default="en", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@handles_errors
def show(observance_id: str, year: str | None, locale: str, fmt: str) -> None:
    """Show one observance: its rule in words, source and next occurrences."""
    from calendargen.engine import upcoming
    from calendargen.render.text import describe, describe_json

    config, catalogue = project(check_locale(locale))
    locale = check_locale(locale, catalogue_locales(config, catalogue))
    observance = catalogue.get(observance_id)
    if observance is None:
        ids = [o.id for o in catalogue.observances]
        hint = did_you_mean(observance_id, ids) or "see 'calgen list'"
        raise ConfigError(Problem(f"no observance with id '{observance_id}'", hint=hint))
    start = date(four_digit_year(year, "--year", MAX_YEAR - 1), 1, 1) if year else _today()
    found = upcoming(observance, start, config.milestones)
    if fmt == "json":
        data = describe_json(observance, found, locale)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(describe(observance, found, locale), nl=False)


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--coverage", is_flag=True, help="Also print official, translated and missing texts per locale."
)
@handles_errors
def check(path: Path | None, coverage: bool) -> None:
    """Validate a catalogue (a data folder or one file) and list every problem."""
    from calendargen.config import load_config
    from calendargen.defaults import shipped
    from calendargen.loader import incomplete_shipped, load

    config = use(load_config(Path.cwd()))
    folders = config.data_folders if path is None else (path,)
    catalogue = load(folders)
    if any(folder.resolve() == shipped("data").resolve() for folder in folders):
        incomplete = incomplete_shipped(catalogue)
        if incomplete:
            raise CatalogueError(incomplete)
    from calendargen.sources import secondary_only

    for warning in secondary_only(list(catalogue.observances)):
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"ok: {len(catalogue.observances)} observances, no problems found.")
    if coverage:
        from calendargen.i18n import interface_coverage
        from calendargen.render.text import coverage_table

        interface = {}
        for locale in config.locales:
            done, total, catalogs = interface_coverage(locale)
            interface[locale] = (done, total, [_catalogue_shown(c) for c in catalogs])
        table = coverage_table(catalogue.observances, config.locales, interface)
        click.echo(table, nl=False)


def _catalogue_shown(path: Path) -> str:
    """A message catalogue as the user knows it: calendargen's own, or the project's file."""
    from calendargen.defaults import shipped

    return "calendargen" if path.is_relative_to(shipped("data")) else display_path(path)


@main.command()
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: public).")
@click.option("--from", "first", type=int, help="First year of the window.")
@click.option("--to", "last", type=int, help="Last year of the window.")
@click.option("--locale", "locales", multiple=True, help="Only these locales (repeat).")
@click.option("--compact", is_flag=True, default=None, help="Recurring events where possible.")
@click.option("--quiet", is_flag=True, help="No progress, no summary.")
@click.option("--force", is_flag=True, help="Build into a folder that holds other files.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes that render at once (default: the cores available).",
)
@handles_errors
def build(
    out: Path | None,
    first: int | None,
    last: int | None,
    locales: tuple[str, ...],
    compact: bool | None,
    quiet: bool,
    force: bool,
    jobs: int | None,
) -> None:
    """Build the feeds (and site) into the output folder."""
    from calendargen.build import build_project
    from calendargen.config import load_config
    from calendargen.parallel import cores

    config = use(load_config(Path.cwd()))
    wanted = tuple(dict.fromkeys(check_locale(locale, config.locales) for locale in locales))
    config = config.with_overrides(
        out=out, first_year=first, last_year=last, locales=wanted or None, compact=compact
    )
    show = not quiet and sys.stderr.isatty()

    def progress(stage: str, done: int, total: int) -> None:
        if show:
            click.echo(f"\r{stage}: {done}/{total}\033[K", err=True, nl=False)

    today = _today()
    summary = build_project(config, today, _stamp(today), progress, force, jobs or cores())
    if show:
        click.echo("\r\033[K", err=True, nl=False)
    if not quiet:
        click.echo(summary)
        if config.base_url is None:  # the owner's note: visitors are only told "downloads only"
            click.echo(NO_BASE_URL_HINT)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--category", "categories", multiple=True, help="Categories of every entry.")
@handles_errors
def import_command(files: tuple[Path, ...], categories: tuple[str, ...]) -> None:
    """Read .ics files and print catalogue entries to review (rules, overrides, names)."""
    from calendargen.importer import read, to_toml

    entries = []
    for path in files:
        if not path.is_file():
            raise ConfigError(Problem("no such file", str(path)))
        entries += read(path.read_bytes(), str(path))
    click.echo(to_toml(entries, ", ".join(p.name for p in files), categories), nl=False)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@handles_errors
def init(directory: Path) -> None:
    """Create a project: calgen.toml, data/ with examples, templates/."""
    import shutil

    from calendargen.defaults import scaffold

    if directory.exists() and not directory.is_dir():
        raise ConfigError(
            Problem(f"{directory} exists and is not a folder", hint="choose a new name")
        )
    if directory.exists() and any(directory.iterdir()):
        raise ConfigError(
            Problem(f"{directory} exists and is not empty", hint="choose a new folder")
        )
    shutil.copytree(scaffold(), directory, dirs_exist_ok=True)
    click.echo(f"created {directory}: calgen.toml, data/, templates/")
    click.echo(f"next: cd {directory} && calgen build")


@main.command()
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 (0: any free).",
)
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: public).")
@handles_errors
def serve(port: int, out: Path | None) -> None:
    """Build, serve the site on 127.0.0.1 and rebuild when data, templates or config change."""
    from calendargen.build import build_project
    from calendargen.config import CONFIG_NAME, load_config
    from calendargen.parallel import cores
    from calendargen.serve import serve as run

    root = Path.cwd()

    def current() -> Config:
        return use(load_config(root)).with_overrides(out=out)

    def rebuild() -> None:
        try:
            today = _today()
            click.echo(build_project(current(), today, _stamp(today), jobs=cores()))
        except CalgenError as error:  # keep serving the last good build
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
        except Exception as error:  # calgen's own bug: report it, keep serving
            click.echo(f"error: the rebuild failed ({type(error).__name__}: {error}); "
                       "still serving the last good build", err=True)  # fmt: skip

    def watched() -> list[Path]:
        try:
            config = current()
        except CalgenError:
            return [root / CONFIG_NAME]
        extra = [f for f in (config.templates, config.messages) if f is not None]
        return [root / CONFIG_NAME, *config.data, *extra]

    config = current()
    today = _today()
    click.echo(build_project(config, today, _stamp(today), jobs=cores()))
    run(config.out, port, rebuild, watched, lambda text: click.echo(text))


if __name__ == "__main__":  # pragma: no cover
    main()
