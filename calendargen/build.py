"""Plan every output in memory, then write them: the only module that writes the site.

A build renders all files before the first byte is written, so a failure leaves the previous
output untouched. Each file is replaced atomically (temporary name, then rename); unchanged files
are not rewritten; files a previous build wrote that no longer belong are removed (the list is
kept in ``.calgen-manifest``); a lock keeps two builds from interleaving.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

from calendargen.config import Config
from calendargen.defaults import shipped
from calendargen.engine import expand
from calendargen.errors import BuildError, ConfigError, Problem, did_you_mean
from calendargen.loader import load
from calendargen.model import MAX_YEAR

MAX_WINDOW_YEARS = 200
MANIFEST = ".calgen-manifest"
FINGERPRINT = ".calgen-inputs"
LOCK = ".calgen.lock"
TEMP_PREFIX = ".calgen-tmp-"


def reference_date() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ConfigError(
                f"SOURCE_DATE_EPOCH must be a Unix timestamp, not '{epoch}'"
            ) from None
    return date.today()


def reference_timestamp(today: date) -> datetime:
    """The build's timestamp (DTSTAMP): SOURCE_DATE_EPOCH, else 1 January of ``today``'s year,
    so that rebuilding the same inputs within a year changes no byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime(today.year, 1, 1, tzinfo=UTC)


Progress = Callable[[str, int, int], None]  # stage, done, total


def _silent(stage: str, done: int, total: int) -> None:
    pass


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def safe_path(relative: str) -> PurePosixPath:
    """A planned path, refused if it could leave the output folder."""
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts):
        raise BuildError(Problem(f"refusing to write outside the output folder: {relative!r}"))
    return path


def check_output_folder(out: Path, project: Path, inputs: list[Path]) -> None:
    """Refuse an output folder the build must not fill: the root, the home or current folder,
    the project or a folder holding it, or one that overlaps an input (data, templates)."""
    target = out.expanduser().resolve()
    refusal = None
    if target == Path(target.anchor):
        refusal = "is the root of the file system"
    elif target == Path.home().resolve():
        refusal = "is your home folder"
    elif target == Path.cwd().resolve():
        refusal = "is the current folder"
    elif project.resolve().is_relative_to(target):
        refusal = "holds the project"
    else:
        for place in inputs:
            place = place.resolve()
            if place.is_relative_to(target) or target.is_relative_to(place):
                refusal = f"overlaps {place}, which the build reads"
                break
    if refusal is None and target.exists() and not target.is_dir():
        refusal = "is not a folder"
    if refusal:
        raise BuildError(
            Problem(
                f"output folder '{out}' {refusal}", hint="choose a folder of its own, e.g. public"
            )
        )


def _linked(path: Path, out: Path) -> Path | None:
    """The first symbolic link on the way from ``out`` to ``path`` (``path`` included)."""
    current = out
    for part in path.relative_to(out).parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out`` for the whole write (released even if killed)."""
    out.mkdir(parents=True, exist_ok=True)
    handle = open(out / LOCK, "w")  # noqa: SIM115 - held for the with-block
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                Problem(f"another build is writing to {out}; wait for it to finish")
            ) from None
        yield
    finally:
        handle.close()


def _refuse_foreign(
    out: Path, planned: dict[PurePosixPath, bytes], previous: set[str], force: bool
) -> None:
    """Refuse to write through a symbolic link, or over a file no calgen build wrote."""
    own = (LOCK, MANIFEST, FINGERPRINT)
    if (
        not force
        and not previous
        and out.is_dir()
        and any(p.name not in own for p in out.iterdir())
    ):
        raise BuildError(
            Problem(
                f"output folder '{out}' holds files that calgen did not write",
                hint="choose an empty or new folder, or pass --force to build into it anyway",
            )
        )
    problems = []
    links = set()
    for relative in sorted(planned):
        target = out.joinpath(*relative.parts)
        link = _linked(target, out)
        if link is not None:
            if link not in links:
                links.add(link)
                problems.append(
                    Problem(f"{link} is a symbolic link; calgen does not write through it")
                )
        elif not force and str(relative) not in previous and target.exists():
            problems.append(
                Problem(
                    f"{target} was not written by calgen and would be overwritten",
                    hint="move it away, or pass --force",
                )
            )
    if problems:
        raise BuildError(problems[:20])


def write(
    out: Path,
    files: dict[str, bytes],
    progress: Progress = _silent,
    inputs: str | None = None,
    force: bool = False,
) -> WriteReport:
    """Make ``out`` hold exactly ``files`` (plus what the user put there), touching only what
    changed; record the inputs' fingerprint last, so an interrupted write is never taken for
    an up-to-date one. Files the previous build did not write are left alone: neither
    overwritten (unless ``force``) nor deleted, and links are never followed."""
    planned = {safe_path(name): content for name, content in files.items()}
    written = unchanged = removed = 0
    manifest = out / MANIFEST
    previous = manifest.read_text(encoding="utf-8").split("\n") if manifest.is_file() else []
    _refuse_foreign(out, planned, {name for name in previous if name}, force)
    with output_lock(out):
        (out / FINGERPRINT).unlink(missing_ok=True)
        for folder, _, names in os.walk(out):  # never follows links out of the tree
            for name in names:
                if name.startswith(TEMP_PREFIX):  # left by an interrupted build
                    (Path(folder) / name).unlink(missing_ok=True)
        for done, (relative, content) in enumerate(sorted(planned.items()), start=1):
            if done % 500 == 0:
                progress("writing", done, len(planned))
            target = out.joinpath(*relative.parts)
            try:
                if target.is_file() and target.read_bytes() == content:
                    unchanged += 1
                    continue
            except OSError:
                pass
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f"{TEMP_PREFIX}{target.name}")
            temporary.write_bytes(content)
            os.replace(temporary, target)
            written += 1
        current = {str(p) for p in planned}
        for name in previous:
            if name and name not in current:
                try:
                    old = out.joinpath(*safe_path(name).parts)
                except BuildError:
                    continue
                if _linked(old, out) is None and old.is_file():
                    old.unlink()
                    removed += 1
                    _prune_empty(old.parent, out)
        manifest_text = "\n".join(sorted(current)) + "\n"
        if not manifest.is_file() or manifest.read_text(encoding="utf-8") != manifest_text:
            manifest.write_text(manifest_text, encoding="utf-8")
        if inputs is not None:
            (out / FINGERPRINT).write_text(inputs, encoding="utf-8")
    return WriteReport(written, unchanged, removed)


def _prune_empty(folder: Path, out: Path) -> None:
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def plan(
    config: Config, today: date, progress: Progress = _silent
) -> tuple[dict[str, bytes], dict[str, int]]:
    """Every output file of the project, rendered in memory, with counts for the summary."""
    from calendargen.render.feeds import plan_feeds
    from calendargen.render.records import render_json
    from calendargen.render.site import plan_site

    catalogue = load(config.data_folders)
    unknown = [c for c in config.categories or () if c not in catalogue.categories]
    if unknown:
        raise ConfigError(
            [
                Problem(
                    f"unknown category '{c}'",
                    str(config.file or "calgen.toml"),
                    "categories",
                    hint=did_you_mean(c, catalogue.categories),
                )
                for c in unknown
            ]
        )
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
    occurrences = expand(
        catalogue.observances, date(first_year, 1, 1), date(last_year, 12, 31), config.milestones
    )
    files: dict[str, bytes] = {}
    for locale in config.locales:
        for year in range(first_year, last_year + 1):
            in_year = [o for o in occurrences if o.start.year == year]
            files[f"{locale}/{year}.json"] = render_json(in_year, locale).encode("utf-8")
    feeds, trimmed = plan_feeds(catalogue, occurrences, config, today, reference_timestamp(today))
    files.update(feeds)
    progress("feeds", len(feeds), len(feeds))
    pages = plan_site(catalogue, occurrences, config, today, frozenset(feeds), progress)
    files.update(pages)
    counts = {
        "occurrences": len(occurrences),
        "feeds": len(feeds),
        "trimmed": len(trimmed),
        "pages": sum(1 for path in pages if path.endswith(".html")),
        "files": len(files),
    }
    return files, counts


def fingerprint(config: Config, today: date) -> str:
    """A hash of everything a build reads: config, reference date, data, templates, locales
    and calendargen's own code. Equal fingerprints give byte-identical output."""
    digest = hashlib.sha256()
    settings = {k: v for k, v in vars(config).items() if k != "out"}  # output place: no input
    digest.update(repr(sorted(settings.items(), key=str)).encode())
    digest.update(today.isoformat().encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    folders = [*config.data_folders, shipped("templates"), Path(__file__).parent]
    if config.templates is not None:
        folders.append(config.templates)
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _up_to_date(out: Path, print_: str) -> bool:
    """True when the output was built from the same inputs and none of its files is missing."""
    stored = out / FINGERPRINT
    manifest = out / MANIFEST
    if not stored.is_file() or not manifest.is_file() or stored.read_text() != print_:
        return False
    names = [n for n in manifest.read_text(encoding="utf-8").split("\n") if n]
    return all((out / name).is_file() for name in names)


def build_project(
    config: Config, today: date, progress: Progress = _silent, force: bool = False
) -> str:
    """Plan, then write; returns the one-line summary. When nothing the build reads changed
    since the last build and no output file is missing, nothing is rendered."""
    started = time.perf_counter()
    inputs = [*config.data, shipped("data"), shipped("templates")]
    if config.templates is not None:
        inputs.append(config.templates)
    check_output_folder(config.out, config.root, inputs)
    print_ = fingerprint(config, today)
    if _up_to_date(config.out, print_):
        seconds = time.perf_counter() - started
        return f"{config.out} is up to date (no input changed) in {seconds:.2f} s"
    files, counts = plan(config, today, progress)
    report = write(config.out, files, progress, print_, force)
    seconds = time.perf_counter() - started
    trimmed = (
        f", {counts['trimmed']} of them trimmed to the 1 MB Google Calendar reads"
        if counts["trimmed"]
        else ""
    )
    return (
        f"built {config.out}: {counts['files']} files ({counts['pages']} pages, "
        f"{counts['feeds']} feeds{trimmed}), {counts['occurrences']} occurrences; "
        f"{report.written} written, {report.unchanged} unchanged, {report.removed} removed "
        f"in {seconds:.2f} s"
    )
