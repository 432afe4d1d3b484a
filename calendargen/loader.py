"""Data files to a validated catalogue. Collects every problem, then raises once.

The format is documented in docs/catalogue.md. Nothing here knows about dates beyond parsing
them: rule texts go to the one parser in ``calendargen.rules``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from stat import S_ISREG
from typing import Any

from babel import Locale

from calendargen.defaults import shipped
from calendargen.errors import (
    CatalogueError,
    Problem,
    RuleError,
    did_you_mean,
    display_path,
    unknown_keys,
)
from calendargen.i18n import SHIPPED_LOCALES, canonical_locale, valid_locale
from calendargen.limits import MAX_YEAR
from calendargen.model import Category, Observance, Origin, Override, Source
from calendargen.rules import parse_eras
from calendargen.rules.base import Era
from calendargen.sources import parse_sources, parse_text
from calendargen.tomlfile import UnreadableToml, read_toml
from calendargen.translations import (
    EntryTexts,
    apply_translations,
    merge_texts,
    missing_texts,
    read_translations,
)

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # always fullmatch: "$" passes "id\n"
ID_MAX_LENGTH = 80
ENTRY_KEYS = (
    "id",
    "rule",
    "name",
    "description",
    "categories",
    "source",
    "origin",
    "overrides",
)
ORIGIN_KEYS = ("date", "of", "source", "same_as")
CATEGORY_TYPES = ("source", "kind")
CATEGORY_KEYS = ("type", "name", "territory", "day_off", "working_day")
FILE_KEYS = ("catalogue", "observance")


@dataclass(frozen=True)
class Catalogue:
    """Everything read from one or more data folders."""

    observances: tuple[Observance, ...]
    categories: dict[str, Category] = field(default_factory=dict)

    def get(self, observance_id: str) -> Observance | None:
        return next((o for o in self.observances if o.id == observance_id), None)


_ID_LINE = re.compile(r"^[ \t]*id[ \t]*=[ \t]*[\"']([^\"'\n]*)[\"']", re.MULTILINE)


def _id_lines(text: str) -> dict[str, list[int]]:
    """The 1-based lines where each id is defined, read once per file (finding a problem's line
    must not rescan the file: thousands of problems would cost quadratic time)."""
    lines: dict[str, list[int]] = {}
    number, position = 1, 0
    for match in _ID_LINE.finditer(text):
        number += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match[1], []).append(number)
    return lines


class _Reader:
    """Reads one data file, appending problems instead of raising."""

    def __init__(self, path: Path, display: str, categories: dict[str, Category]) -> None:
        self.path = path
        self.display = display
        self.categories = categories
        self.problems: list[Problem] = []
        self.lines: dict[str, list[int]] = {}

    def problem(
        self, entry: str | None, message: str, hint: str | None = None, last: bool = False
    ) -> None:
        found = self.lines.get(entry.split(".")[0]) if entry else None
        line = (found[-1] if last else found[0]) if found else None
        self.problems.append(Problem(message, self.display, entry, line, hint))

    def read(self) -> list[Observance]:
        try:
            data, text = read_toml(self.path)
        except UnreadableToml as error:
            self.problem(None, str(error))
            return []
        self.lines = _id_lines(text)
        for _, message, hint in unknown_keys(data, FILE_KEYS):
            self.problem(None, message, hint)
        header = data.get("catalogue", {})
        if not isinstance(header, dict):
            self.problem(None, "'catalogue' must be a table ([catalogue] with categories = [...])")
            header = {}
        file_categories = self.category_list(None, header.get("categories", []), "catalogue")
        for _, message, hint in unknown_keys(header, ["categories"]):
            self.problem("catalogue", message, hint)
        entries = data.get("observance", [])
        if not isinstance(entries, list):
            self.problem(None, "'observance' must be an array of tables ([[observance]])")
            return []
        found = []
        for index, entry in enumerate(entries, start=1):
            observance = self.entry(entry, index, file_categories)
            if observance is not None:
                found.append(observance)
        return found

    def category_list(self, entry: str | None, value: Any, key: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            self.problem(entry, f"{key} must be a list of category ids")
            return []
        for category in value:
            if category not in self.categories:
                self.problem(
                    entry, f"unknown category '{category}'", did_you_mean(category, self.categories)
                )
        return [c for c in value if c in self.categories]

    def texts(
        self, entry: str, value: Any, key: str, official: dict[str, Source]
    ) -> dict[str, str]:
        """Texts by locale; the sources of official ones go to ``official`` ("name.ru")."""
        if not isinstance(value, dict):
            self.problem(entry, f"{key} must be a table of texts by locale (e.g. {key}.en)")
            return {}
        texts = {}
        for locale, item in value.items():
            if not valid_locale(locale):
                self.problem(f"{entry}.{key}.{locale}", f"unknown locale '{locale}'")
                continue
            if canonical_locale(locale) != locale:
                self.problem(
                    f"{entry}.{key}.{locale}",
                    f"write the locale as '{canonical_locale(locale)}', not '{locale}'",
                )
                continue
            text, source, problems = parse_text(item, "text")
            for message, hint in problems:
                self.problem(f"{entry}.{key}.{locale}", message.removeprefix("text "), hint)
            if text:
                texts[locale] = text
            if source is not None:
                official[f"{key}.{locale}"] = source
        return texts

    def source(self, entry: str, value: Any) -> tuple[Source, ...]:
        sources, problems = parse_sources(value)
        for message, hint in problems:
            self.problem(entry, message, hint)
        return sources

    def iso_date(self, entry: str, value: Any) -> date | None:
        if isinstance(value, datetime):
            self.problem(entry, f"'{value.isoformat()}' is a date and time: give the date alone")
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem(entry, f"'{value}' is not a date (YYYY-MM-DD)")
            return None

    def origin(self, entry: str, value: Any, official: dict[str, Source]) -> Origin | None:
        if isinstance(value, dict) and "same_as" in value:
            if set(value) != {"same_as"} or not isinstance(value["same_as"], str):
                self.problem(entry, "origin.same_as names another entry's id, and stands alone")
                return None
            return Origin(date.min, owner=value["same_as"])  # resolved once all are read
        if not isinstance(value, dict) or "date" not in value:
            self.problem(entry, "origin must be a table with a date (origin.date = YYYY-MM-DD)")
            return None
        for _, message, hint in unknown_keys(value, ORIGIN_KEYS, "origin."):
            self.problem(entry, message, hint)
        day = self.iso_date(f"{entry}.origin.date", value["date"])
        of = self.texts(entry, value.get("of", {}), "origin.of", official)
        sources = self.source(f"{entry}.origin", value["source"]) if "source" in value else ()
        if day is None:
            return None
        return Origin(day, of, sources[0] if sources else None)

    def overrides(self, entry: str, value: Any) -> dict[int, Override]:
        if not isinstance(value, dict):
            self.problem(entry, "overrides must be a table by year (overrides.2024 = ...)")
            return {}
        result = {}
        for year_text, spans in value.items():
            where = f"{entry}.overrides.{year_text}"
            if not re.fullmatch(r"[0-9]{1,4}", year_text) or not 1 <= int(year_text) <= MAX_YEAR:
                self.problem(where, f"'{year_text}' is not a year")
                continue
            year = int(year_text)
            parsed = []
            for span in spans if isinstance(spans, list) else [spans]:
                start_text, _, end_text = str(span).partition("/")
                start = self.iso_date(where, start_text)
                end = self.iso_date(where, end_text) if end_text else start
                if start is None or end is None:
                    continue
                if end < start:
                    self.problem(where, f"'{span}' ends before it starts")
                elif start.year != year:
                    self.problem(where, f"'{span}' does not start in {year}")
                elif (start, end) in parsed:
                    self.problem(where, f"'{span}' is given twice")
                else:
                    parsed.append((start, end))
            result[year] = Override(tuple(parsed))
        return result

    def eras(self, entry: str, value: Any) -> tuple[Era, ...]:
        texts = value if isinstance(value, list) else [value]
        if not texts or not all(isinstance(t, str) for t in texts):
            self.problem(entry, "rule must be a rule text or a list of rule texts")
            return ()
        try:
            return parse_eras(texts)
        except RuleError as error:
            self.problem(f"{entry}.rule", error.bare_message + f" at column {error.column} "
                         f"of {error.text!r}", error.problems[0].hint)  # fmt: skip
            return ()

    def entry(self, entry: Any, index: int, file_categories: list[str]) -> Observance | None:
        if not isinstance(entry, dict):
            self.problem(f"observance #{index}", "must be a table")
            return None
        entry_id = entry.get("id")
        if not isinstance(entry_id, str) or not entry_id:
            self.problem(f"observance #{index}", "missing id")
            return None
        if not ID_PATTERN.fullmatch(entry_id) or len(entry_id) > ID_MAX_LENGTH:
            self.problem(
                entry_id,
                "an id is a slug of a-z, 0-9 and '-' (at most 80 characters), "
                "no spaces, slashes or dots",
            )
            return None
        before = len(self.problems)
        for _, message, hint in unknown_keys(entry, ENTRY_KEYS):
            self.problem(entry_id, message, hint)
        official: dict[str, Source] = {}
        names = self.texts(entry_id, entry.get("name", {}), "name", official)
        if "en" not in names:
            self.problem(entry_id, "missing English name (name.en)")
        descriptions = self.texts(entry_id, entry.get("description", {}), "description", official)
        categories = file_categories + self.category_list(
            entry_id, entry.get("categories", []), "categories"
        )
        types = {self.categories[c].type for c in categories}
        for needed in CATEGORY_TYPES:
            if needed not in types and len(self.problems) == before:
                self.problem(entry_id, f"needs a category of type '{needed}'")
        if "source" not in entry:
            self.problem(entry_id, "missing source (source.symbol, source.title or source.url)")
        sources = self.source(entry_id, entry.get("source", {})) if "source" in entry else ()
        origin = self.origin(entry_id, entry["origin"], official) if "origin" in entry else None
        if "rule" in entry:
            eras = self.eras(entry_id, entry["rule"])
        elif "origin" not in entry and not entry.get("overrides"):
            self.problem(
                entry_id, "missing rule (or an origin for an anniversary, or dated overrides)"
            )
            eras = ()
        else:
            eras = ()
        overrides = self.overrides(entry_id, entry.get("overrides", {}))
        if len(self.problems) > before:
            return None
        return Observance(
            id=entry_id,
            names=names,
            eras=eras,
            categories=tuple(dict.fromkeys(categories)),
            sources=sources,
            descriptions=descriptions,
            origin=origin,
            overrides=overrides,
            file=self.display,
            official=official,
            day_off=any(self.categories[c].day_off for c in categories),
        )


def load_categories(path: Path, display: str) -> tuple[dict[str, Category], list[Problem]]:
    problems: list[Problem] = []
    try:
        data, _ = read_toml(path)
    except UnreadableToml as error:
        return {}, [Problem(str(error), display)]
    categories = {}
    for category_id, table in data.items():
        if not isinstance(table, dict) or table.get("type") not in CATEGORY_TYPES:
            problems.append(Problem("type must be 'source' or 'kind'", display, category_id))
            continue
        names = table.get("name", {})
        if isinstance(names, dict) and not all(
            isinstance(n, str) and n.strip() for n in names.values()
        ):
            problems.append(Problem("every name must be non-empty text", display, category_id))
            continue
        if not isinstance(names, dict) or "en" not in names:
            problems.append(Problem("missing English name (name.en)", display, category_id))
            continue
        for _, message, hint in unknown_keys(table, CATEGORY_KEYS):
            problems.append(Problem(message, display, category_id, hint=hint))
        territory = table.get("territory")
        if territory is not None and not isinstance(territory, str):
            problems.append(Problem("territory must be a CLDR code such as 'TM'", display,
                                    category_id))  # fmt: skip
            continue
        if territory is not None and territory not in Locale.parse("en").territories:
            problems.append(Problem(f"unknown CLDR territory '{territory}'", display, category_id))
            continue
        for locale in names:
            if not valid_locale(locale):
                problems.append(Problem(f"unknown locale '{locale}'", display, category_id))
        if not ID_PATTERN.fullmatch(category_id):
            problems.append(
                Problem("a category id is a slug of a-z, 0-9 and '-'", display, category_id)
            )
            continue
        day_off = table.get("day_off", False)
        working_day = table.get("working_day", False)
        if not isinstance(day_off, bool) or not isinstance(working_day, bool):
            key = "day_off" if not isinstance(day_off, bool) else "working_day"
            problems.append(Problem(f"{key} must be true or false", display, category_id))
            continue
        if day_off and working_day:
            problems.append(
                Problem("a category is day_off or working_day, not both", display, category_id)
            )
            continue
        categories[category_id] = Category(
            category_id, table["type"], dict(names), territory, day_off, working_day
        )
    return categories, problems


MAX_FILE_BYTES = 10_000_000  # a data file is text a person edits; more is a mistake


def _data_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The ``*.toml`` files of a data folder: regular files only (not a FIFO, a device, a
    folder or a dangling link), of a sane size; hidden files (an editor's ``.#x.toml`` lock,
    ``.x.toml.swp``) are not data."""
    files, problems = [], []
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("."):
            continue
        try:
            stat = path.stat()
        except OSError:
            problems.append(Problem("cannot be read (a broken link?)", display_path(path)))
            continue
        if not S_ISREG(stat.st_mode):
            problems.append(Problem("is not a regular file", display_path(path)))
        elif stat.st_size > MAX_FILE_BYTES:
            problems.append(Problem(f"is larger than {MAX_FILE_BYTES:,} bytes", display_path(path)))
        else:
            files.append(path)
    return files, problems


def _shared_origins(observances: list[Observance]) -> tuple[list[Observance], list[Problem]]:
    """Give each ``origin.same_as`` entry the origin of the entry it names (which marks the
    milestones of that event)."""
    by_id = {o.id: o for o in observances}
    problems = []
    resolved = []
    for observance in observances:
        origin = observance.origin
        if origin is None or origin.owner is None:
            resolved.append(observance)
            continue
        owner = by_id.get(origin.owner)
        owner_origin = owner.origin if owner is not None else None
        if owner_origin is None or owner_origin.owner is not None:
            reason = "no such entry" if owner is None else "it has no origin of its own"
            problems.append(
                Problem(
                    f"origin.same_as = '{origin.owner}': {reason}",
                    observance.file,
                    observance.id,
                    hint=did_you_mean(origin.owner, by_id),
                )
            )
            resolved.append(replace(observance, origin=None))
            continue
        if origin.of:
            problems.append(
                Problem(
                    f"origin.of is given by '{origin.owner}' (origin.same_as)",
                    observance.file,
                    observance.id,
                )
            )
        resolved.append(replace(observance, origin=replace(owner_origin, owner=origin.owner)))
    return resolved, problems


def incomplete_shipped(catalogue: Catalogue) -> list[Problem]:
    """What the shipped catalogue lacks of its texts in the shipped locales (``calgen check``
    fails on it: every shipped entry speaks every shipped locale)."""
    files = {display_path(path) for path in (shipped("data") / "observances").glob("*.toml")}
    ours = [o for o in catalogue.observances if o.file in files]
    return missing_texts(ours, SHIPPED_LOCALES)


def load(folders: Iterable[Path]) -> Catalogue:
    """Read ``categories.toml`` and ``observances/*.toml`` of each folder, in order.

    A later folder may add categories and observances; an id defined twice is an error.
    """
    problems: list[Problem] = []
    categories: dict[str, Category] = {}
    files: list[Path] = []
    folders = list(folders)
    category_files: list[Path] = []
    translation_files: list[Path] = []
    for folder in folders:
        if folder.is_file():  # `calgen check data/observances/un.toml`
            files.append(folder)
            beside = folder.parent.parent / "categories.toml"
            category_files.append(
                beside if beside.is_file() else shipped("data") / "categories.toml"
            )
        elif folder.is_dir():
            category_files.append(folder / "categories.toml")
            for sub, listed in (("observances", files), ("translations", translation_files)):
                readable, unreadable = _data_files(folder / sub)
                listed += readable
                problems += unreadable
        else:
            missing = "no such file" if folder.suffix == ".toml" else "no such data folder"
            problems.append(Problem(missing, display_path(folder)))
    for category_file in dict.fromkeys(category_files):
        if category_file.is_file():
            found, category_problems = load_categories(category_file, display_path(category_file))
            categories.update(found)
            problems += category_problems
    observances: list[Observance] = []
    seen: dict[str, str] = {}
    for path in files:
        reader = _Reader(path, display_path(path), categories)
        for observance in reader.read():
            first = reader.lines.get(observance.id, [None])[0]
            if observance.id in seen:
                same_file = seen[observance.id].startswith(f"{reader.display}:")
                reader.problem(
                    observance.id,
                    f"duplicate id (first defined in {seen[observance.id]})",
                    last=same_file,  # the second definition's line
                )
            else:
                seen[observance.id] = f"{reader.display}:{first}" if first else reader.display
                observances.append(observance)
        problems += reader.problems
    texts: dict[str, EntryTexts] = {}
    for path in translation_files:
        found_texts, text_problems = read_translations(path, display_path(path))
        merge_texts(texts, found_texts)
        problems += text_problems
    observances, text_problems = apply_translations(observances, texts)
    problems += text_problems
    observances, origin_problems = _shared_origins(observances)
    if not any(folder.is_file() for folder in folders):  # one file alone may name another's
        problems += origin_problems

    if not observances and not problems:
        places = ", ".join(display_path(f) for f in folders) or "(no data folder)"
        problems.append(Problem(f"the catalogue is empty: no observance found in {places}"))
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(sorted(observances, key=lambda o: o.id)), categories)
