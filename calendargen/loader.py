"""Data files to a validated catalogue. Collects every problem, then raises once.

The format is documented in docs/catalogue.md. Nothing here knows about dates beyond parsing
them: rule texts go to the one parser in ``calendargen.rules``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from stat import S_ISREG
from typing import Any, Generic, NamedTuple, TypeVar, cast

from babel import Locale

from calendargen.defaults import shipped
from calendargen.errors import CatalogueError, Problem, RuleError, did_you_mean, display_path
from calendargen.i18n import SHIPPED_LOCALES, canonical_locale, valid_locale
from calendargen.limits import MAX_YEAR
from calendargen.model import Category, Observance, Origin, Override, Source, own
from calendargen.parsed import ParsedFiles
from calendargen.rules import parse_eras
from calendargen.rules.base import Era
from calendargen.schema import (
    CATALOGUE,
    CATEGORY,
    CATEGORY_TYPES,
    DATA_FILE,
    OBSERVANCE,
    ORIGIN,
    Where,
    accepted,
    check,
)
from calendargen.sources import parse_sources, parse_text
from calendargen.tomlfile import Positions, UnreadableToml, read_toml
from calendargen.translations import (
    EntryTexts,
    apply_translations,
    merge_texts,
    missing_texts,
    read_translations,
)

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # always fullmatch: "$" passes "id\n"
ID_MAX_LENGTH = 80
CATEGORY_KEYS = {field.name for field in CATEGORY}
_T = TypeVar("_T")


@dataclass(frozen=True)
class Catalogue:
    """Everything read from one or more data folders."""

    observances: tuple[Observance, ...]
    categories: dict[str, Category] = field(default_factory=dict)

    def get(self, observance_id: str) -> Observance | None:
        return next((o for o in self.observances if o.id == observance_id), None)


class _Reader:
    """Reads one data file, appending problems instead of raising."""

    def __init__(self, path: Path, display: str, categories: dict[str, Category]) -> None:
        self.path = path
        self.display = display
        self.categories = categories
        self.problems: list[Problem] = []

    def read(
        self, content: bytes | None = None
    ) -> tuple[list[tuple[Observance, Where]], list[Problem]]:
        """The file's valid entries, each with its place in the file, and its problems
        (``content``: its bytes, read already)."""
        try:
            data, text = read_toml(self.path, content)
        except UnreadableToml as error:
            self.problems.append(error.problem(self.display))
            return [], self.problems
        top = Where(self.display, positions=Positions(text))
        self.problems += check(data, DATA_FILE, top)
        known = accepted(data, DATA_FILE)
        header = known.get("catalogue", {})
        self.problems += check(header, CATALOGUE, top.at("catalogue"))
        file_categories = self.category_list(
            top.at("catalogue").at("categories"), accepted(header, CATALOGUE).get("categories", [])
        )
        found = []
        for index, entry in enumerate(known.get("observance", [])):
            where = Where(
                self.display, f"observance #{index + 1}", ("observance", index), top.positions
            )
            observance = self.entry(entry, where, file_categories)
            if observance is not None:
                found.append((observance, replace(where, name=observance.id)))
        return found, self.problems

    def category_list(self, where: Where, value: list[str]) -> list[str]:
        for category in value:
            if category not in self.categories:
                hint = did_you_mean(category, self.categories)
                self.problems.append(where.problem(f"unknown category '{category}'", hint))
        return [c for c in value if c in self.categories]

    def texts(
        self, where: Where, value: dict[str, Any], key: str, official: dict[str, Source]
    ) -> dict[str, str]:
        """Texts by locale; the sources of official ones go to ``official`` ("name.ru")."""
        texts = {}
        for locale, item in value.items():
            at = where.at(locale)
            if not valid_locale(locale):
                self.problems.append(at.problem(f"unknown locale '{locale}'"))
                continue
            if canonical_locale(locale) != locale:
                message = f"write the locale as '{canonical_locale(locale)}', not '{locale}'"
                self.problems.append(at.problem(message))
                continue
            text, source, problems = parse_text(item, at)
            self.problems += problems
            if text:
                texts[locale] = text
            if source is not None:
                official[f"{key}.{locale}"] = source
        return texts

    def source(self, where: Where, value: Any) -> tuple[Source, ...]:
        sources, problems = parse_sources(value, where)
        self.problems += problems
        return sources

    def iso_date(self, where: Where, value: Any) -> date | None:
        if isinstance(value, datetime):
            message = f"'{value.isoformat()}' is a date and time: give the date alone"
            self.problems.append(where.problem(message))
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problems.append(where.problem(f"'{value}' is not a date (YYYY-MM-DD)"))
            return None

    def origin(
        self, where: Where, value: dict[str, Any], official: dict[str, Source]
    ) -> Origin | None:
        found = check(value, ORIGIN, where)
        self.problems += found
        known = accepted(value, ORIGIN)
        if "same_as" in value:
            if len(value) > 1:
                hint = "the entry it names gives the date, of and source"
                self.problems.append(where.problem("same_as stands alone", hint))
                return None
            if found:
                return None
            return Origin(date.min, owner=known["same_as"])  # resolved once all are read
        if "date" not in value:
            hint = "origin.date = YYYY-MM-DD, or origin.same_as = ID"
            self.problems.append(where.problem("missing date", hint))
            return None
        day = self.iso_date(where.at("date"), known["date"]) if "date" in known else None
        of = self.texts(where.at("of"), known.get("of", {}), "origin.of", official)
        sources = self.source(where.at("source"), known["source"]) if "source" in known else ()
        if day is None:
            return None
        return Origin(day, of, sources[0] if sources else None)

    def overrides(self, where: Where, value: dict[str, Any]) -> dict[int, Override]:
        result = {}
        for year_text, spans in value.items():
            at = where.at(year_text)
            if not re.fullmatch(r"[0-9]{1,4}", year_text) or not 1 <= int(year_text) <= MAX_YEAR:
                self.problems.append(at.problem(f"'{year_text}' is not a year"))
                continue
            year = int(year_text)
            parsed = []
            for span in spans if isinstance(spans, list) else [spans]:
                start_text, _, end_text = str(span).partition("/")
                start = self.iso_date(at, start_text)
                end = self.iso_date(at, end_text) if end_text else start
                if start is None or end is None:
                    continue
                if end < start:
                    self.problems.append(at.problem(f"'{span}' ends before it starts"))
                elif start.year != year:
                    self.problems.append(at.problem(f"'{span}' does not start in {year}"))
                elif (start, end) in parsed:
                    self.problems.append(at.problem(f"'{span}' is given twice"))
                else:
                    parsed.append((start, end))
            result[year] = Override(tuple(parsed))
        return result

    def eras(self, where: Where, value: str | list[str]) -> tuple[Era, ...]:
        try:
            return parse_eras(value if isinstance(value, list) else [value])
        except RuleError as error:
            message = f"{error.bare_message} at column {error.column} of {error.text!r}"
            problem = where.problem(message, error.problems[0].hint)
            line, column = where.position()
            if line is not None and column is not None and where.positions is not None:
                place = where.positions.inside_value(line, column, error.text, error.column)
                if place is not None:  # the character the message names, in the file
                    problem = replace(problem, line=place[0], column=place[1])
            self.problems.append(problem)
            return ()

    def entry(self, entry: Any, where: Where, file_categories: list[str]) -> Observance | None:
        """One ``[[observance]]``, named in messages by its id (by its number without one)."""
        if not isinstance(entry, dict):
            self.problems.append(where.problem("must be a table"))
            return None
        entry_id: str = entry["id"] if isinstance(entry.get("id"), str) else ""
        named = entry_id != ""  # else check() below says what is wrong with the id
        if named:
            where = replace(where, name=entry_id)
            if not ID_PATTERN.fullmatch(entry_id) or len(entry_id) > ID_MAX_LENGTH:
                message = (
                    "an id is a slug of a-z, 0-9 and '-' (at most 80 characters), "
                    "no spaces, slashes or dots"
                )
                self.problems.append(where.problem(message, key="id"))
                return None
        before = len(self.problems)
        self.problems += check(entry, OBSERVANCE, where)
        if not named:
            return None
        known = accepted(entry, OBSERVANCE)
        official: dict[str, Source] = {}
        names = self.texts(where.at("name"), known.get("name", {}), "name", official)
        written = entry.get("name", {})  # its wrong type is reported already
        if isinstance(written, dict) and "en" not in written:
            self.problems.append(where.problem("missing English name (name.en)"))
        descriptions = self.texts(
            where.at("description"), known.get("description", {}), "description", official
        )
        categories = file_categories + self.category_list(
            where.at("categories"), known.get("categories", [])
        )
        types = {self.categories[c].type for c in categories}
        for needed in CATEGORY_TYPES:
            if needed not in types and len(self.problems) == before:
                self.problems.append(where.problem(f"needs a category of type '{needed}'"))
        sources = self.source(where.at("source"), known["source"]) if "source" in known else ()
        origin = (
            self.origin(where.at("origin"), known["origin"], official)
            if "origin" in known
            else None
        )
        if "rule" in known:
            eras = self.eras(where.at("rule"), known["rule"])
        elif "rule" not in entry and "origin" not in entry and not entry.get("overrides"):
            self.problems.append(
                where.problem("missing rule (or an origin for an anniversary, or dated overrides)")
            )
            eras = ()
        else:
            eras = ()
        overrides = self.overrides(where.at("overrides"), known.get("overrides", {}))
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
            counted=known.get("edition", True),
        )


def load_categories(path: Path, display: str) -> tuple[dict[str, Category], list[Problem]]:
    """The categories of one ``categories.toml``: a table per category id."""
    try:
        data, text = read_toml(path)
    except UnreadableToml as error:
        return {}, [error.problem(display)]
    top = Where(display, positions=Positions(text))
    categories = {}
    problems: list[Problem] = []
    for category_id, table in data.items():
        where = top.at(category_id)
        if not isinstance(table, dict):
            problems.append(where.problem("must be a table ([ID] with type and name.en)"))
            continue
        found = check(table, CATEGORY, where)
        known = accepted(table, CATEGORY)
        usable = {"type", "name"} <= set(known) and all(  # unknown keys are not in the way
            key in known for key in table if key in CATEGORY_KEYS
        )
        names = known.get("name", {})
        for locale, name in names.items():
            if not valid_locale(locale):
                found.append(where.at("name").at(locale).problem(f"unknown locale '{locale}'"))
            elif not isinstance(name, str) or not name.strip():
                found.append(where.at("name").at(locale).problem("must be non-empty text"))
                usable = False
        if "name" in known and "en" not in names:
            found.append(where.problem("missing English name (name.en)"))
            usable = False
        territory = known.get("territory")
        if territory is not None and territory not in Locale.parse("en").territories:
            message = f"unknown CLDR territory '{territory}'"
            found.append(where.at("territory").problem(message))
            usable = False
        if not ID_PATTERN.fullmatch(category_id):
            found.append(where.problem("a category id is a slug of a-z, 0-9 and '-'"))
            usable = False
        if known.get("day_off") and known.get("working_day"):
            found.append(where.problem("a category is day_off or working_day, not both"))
            usable = False
        problems += found
        if usable:
            categories[category_id] = Category(
                category_id,
                known["type"],
                dict(names),
                territory,
                known.get("day_off", False),
                known.get("working_day", False),
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


def load(
    folders: Iterable[Path], locales: Iterable[str] | None = None, parsed: ParsedFiles | None = None
) -> Catalogue:
    """Read ``categories.toml`` and ``observances/*.toml`` of each folder, in order, and the
    texts of ``translations/`` (of ``locales`` and their languages only, if given: a build
    reads only what it shows), taking each file that did not change from ``parsed``.

    A later folder may add categories and observances; an id defined twice is an error.
    """
    folders = list(folders)
    try:
        return _load(folders, locales, parsed)
    except CatalogueError:
        if parsed is None or not parsed.hits:
            raise
        parsed.forget()  # read every file again: the messages get their lines and columns
        return _load(folders, locales, None)


class _Kept(NamedTuple, Generic[_T]):
    """How a kind of file's result is kept (``strip``: without the file's text) and how a
    kept one is recognized (``shaped``)."""

    kind: str
    strip: Callable[[_T], _T]
    shaped: Callable[[object], bool]


def _read_file(
    parsed: ParsedFiles | None,
    kept: _Kept[_T],
    path: Path,
    context: str,
    read: Callable[[bytes | None], tuple[_T, list[Problem]]],
) -> tuple[_T, list[Problem]]:
    """``read`` the file, or take what it gave for the same bytes before (see ``parsed``); a
    result with no problem is kept for the next build. The bytes are read once: a file
    changed meanwhile is never kept under the key of what it was."""
    if parsed is None:
        return read(None)
    try:
        content = path.read_bytes()
    except OSError:
        return read(None)
    key = parsed.key(kept.kind, display_path(path), content, context)
    found = parsed.get(key, kept.shaped)
    if found is not None:
        return cast(_T, found), []
    result, problems = read(content)
    if not problems:
        parsed.put(key, kept.strip(result))
    return result, problems


def _without_text(where: Where) -> Where:
    return replace(where, positions=None)


def _entries_kept(entries: list[tuple[Observance, Where]]) -> list[tuple[Observance, Where]]:
    return [(observance, _without_text(where)) for observance, where in entries]


def _texts_kept(found: dict[str, EntryTexts]) -> dict[str, EntryTexts]:
    return {
        entry_id: replace(texts, where={k: _without_text(w) for k, w in texts.where.items()})
        for entry_id, texts in found.items()
    }


def _entries_shaped(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, tuple) and len(item) == 2
        and isinstance(item[0], Observance) and isinstance(item[1], Where)
        for item in value
    )  # fmt: skip


def _texts_shaped(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, EntryTexts) for k, v in value.items()
    )


_ENTRIES = _Kept("observances", _entries_kept, _entries_shaped)
_TEXTS = _Kept("translations", _texts_kept, _texts_shaped)


def _load(
    folders: list[Path], locales: Iterable[str] | None, parsed: ParsedFiles | None
) -> Catalogue:
    wanted = None if locales is None else {c for locale in locales for c in own(locale)}
    problems: list[Problem] = []
    categories: dict[str, Category] = {}
    files: list[Path] = []
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
    seen: dict[str, Where] = {}
    checked_against = repr(sorted(categories.items()))
    for path in files:
        reader = _Reader(path, display_path(path), categories)
        entries, file_problems = _read_file(parsed, _ENTRIES, path, checked_against, reader.read)
        for observance, where in entries:
            first = seen.get(observance.id)
            if first is None:
                seen[observance.id] = where
                observances.append(observance)
                continue
            line, _ = first.position("id")
            place = f"{first.file}:{line}" if line else first.file
            message = f"duplicate id (first defined in {place})"
            file_problems.append(where.problem(message, key="id"))
        problems += file_problems
    texts: dict[str, EntryTexts] = {}
    for path in translation_files:
        if wanted is not None and path.stem not in wanted:
            continue
        found_texts, text_problems = _read_file(
            parsed, _TEXTS, path, "", partial(read_translations, path, display_path(path))
        )
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
