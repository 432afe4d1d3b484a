"""The keys of every table a user writes, and what each holds: one description, one check.

Each kind of table (calgen.toml and its ``[window]`` and ``[milestones]``, a data file, its
``[catalogue]`` header, an ``[[observance]]`` and its ``origin``, a source, an official text, a
category, an entry of a translation file) is a tuple of ``Field``. ``check`` reports, all at
once, the keys a table should not have (with a "did you mean"), the values of the wrong type or
out of range, and the required keys it lacks; each problem names the file, the entry and key
(``world-day.source.url``) and, when it can be found, the line and column. What a value means
(a rule, a date, a locale, a web address) is the reader's to check, not this table's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import GenericAlias
from typing import Any, get_args, get_origin

from calendargen.errors import Problem, did_you_mean
from calendargen.limits import MAX_YEAR
from calendargen.tomlfile import KeyPath, Positions

Type = type | GenericAlias  # str, int (never a boolean), bool, dict, list, list[str]...

CATEGORY_TYPES = ("source", "kind")
SOURCE_KINDS = ("resolution", "law", "decree", "official", "press", "secondary")


@dataclass(frozen=True)
class Field:
    """A key of a table: the types its value may have and, for messages, what it must be
    ("must be {help}"; "missing {name} ({help})"). ``choices`` and ``valid`` narrow the value
    further (a kind of source, a year from 1 to 9999)."""

    name: str
    types: Type | tuple[Type, ...]
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    valid: Callable[[Any], bool] | None = None
    is_type: Callable[[Any], bool] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_type", _type_test(self.types))
        if not (self.help or self.choices or self.types in _DEFAULT_HELP):
            raise TypeError(f"Field {self.name!r}: say what its value must be (help)")

    def accepts(self, value: Any) -> bool:
        return (
            self.is_type(value)
            and (not self.choices or value in self.choices)
            and (self.valid is None or self.valid(value))
        )

    @property
    def must_be(self) -> str:
        if self.help:
            return self.help
        if self.choices:
            return "one of " + ", ".join(self.choices)
        return _DEFAULT_HELP[self.types]


_DEFAULT_HELP: dict[object, str] = {str: "text", bool: "true or false", int: "a whole number"}


def _type_test(types: Type | tuple[Type, ...]) -> Callable[[Any], bool]:
    """Whether a value has one of ``types``, as one function made once (the loader asks it
    for every key of every entry)."""
    if isinstance(types, tuple):
        plain = tuple(one for one in types if isinstance(one, type) and one is not int)
        if len(plain) == len(types):  # (str, dict): one isinstance
            return lambda value: isinstance(value, plain)
        tests = [_type_test(one) for one in types]
        return lambda value: any(test(value) for test in tests)
    if get_origin(types) is list:
        (item,) = get_args(types)
        test = _type_test(item)
        return lambda value: isinstance(value, list) and all(test(v) for v in value)
    if types is int:  # TOML's true is a Python int, and not a number of years
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    kind = get_origin(types) or types  # dict[str, Any]: a dict
    assert isinstance(kind, type)
    return lambda value: isinstance(value, kind)


@dataclass(frozen=True)
class Where:
    """A table in a user's file: the file as the user names it, the table's name in messages
    (``world-day.origin``; empty at the top of the file) and its path in the data
    (``("observance", 3, "origin")``), by which the line and column are found."""

    file: str
    name: str = ""
    path: KeyPath = ()
    positions: Positions | None = None

    def at(self, key: str) -> Where:
        """A key of this table, or a table within it."""
        name = f"{self.name}.{key}" if self.name else key
        return Where(self.file, name, (*self.path, key), self.positions)

    def item(self, index: int) -> Where:
        """An element of an array (0-based); messages name it as the array."""
        return replace(self, path=(*self.path, index))

    def position(self, key: str | None = None) -> tuple[int | None, int | None]:
        """The line and column of this table, or of its ``key``."""
        path = (*self.path, key) if key is not None else self.path
        if self.positions is None or not path:
            return None, None
        return self.positions.locate(path)

    def problem(self, message: str, hint: str | None = None, key: str | None = None) -> Problem:
        """A problem with this table (placed at its ``key``, when given)."""
        line, column = self.position(key)
        return Problem(message, self.file, self.name or None, line, hint, column)


def check(table: Mapping[str, Any], fields: tuple[Field, ...], where: Where) -> list[Problem]:
    """Every unknown key, wrong value and missing required key of ``table``, in the order of
    the file, then the missing ones."""
    known = {field.name: field for field in fields}
    problems = []
    for key, value in table.items():
        field = known.get(key)
        if field is None:
            hint = did_you_mean(key, known)
            problems.append(where.at(key).problem(f"unknown key '{key}'", hint))
        elif not field.accepts(value):
            hint = did_you_mean(value, field.choices) if isinstance(value, str) else None
            problems.append(where.at(key).problem(f"must be {field.must_be}", hint))
    problems += [
        where.problem(f"missing {field.name}", field.must_be)
        for field in fields
        if field.required and field.name not in table
    ]
    return problems


def accepted(table: Mapping[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    """The keys of ``table`` that ``check`` finds nothing wrong with."""
    known = {field.name: field for field in fields}
    return {k: v for k, v in table.items() if k in known and known[k].accepts(v)}


def _nonblank(text: str) -> bool:
    return bool(text.strip())


def _years(count: int) -> bool:
    return 0 <= count <= 100


def _year(year: int) -> bool:
    return 1 <= year <= MAX_YEAR


# -- calgen.toml (README.md, "Configuration") ------------------------------------------------

CONFIG = (
    Field("title", str),
    Field("base_url", str, "a web address (https://...)"),
    Field("locales", list[str], "a list of one or more locale codes", valid=bool),
    Field("include_default", bool),
    Field("data", list[str], "a list of folders"),
    Field("templates", str, "a folder"),
    Field("messages", str, "a folder"),
    Field("out", str, "a folder"),
    Field("window", dict, "a table ([window] with years_before, years_after, from, to)"),
    Field("milestones", dict, "a table ([milestones] with every, also)"),
    Field("categories", list[str], "a list of category ids"),
    Field("compact", bool),
)
WINDOW = (
    Field("years_before", int, "a number of years from 0 to 100", valid=_years),
    Field("years_after", int, "a number of years from 0 to 100", valid=_years),
    Field("from", int, f"a year from 1 to {MAX_YEAR}", valid=_year),
    Field("to", int, f"a year from 1 to {MAX_YEAR}", valid=_year),
)
MILESTONES = (
    Field("every", int, "a whole number (0: none)", valid=lambda every: every >= 0),
    Field(
        "also",
        list[int],
        "a list of positive whole numbers",
        valid=lambda ns: min(ns, default=1) > 0,
    ),
)

# -- data files (docs/catalogue.md) -----------------------------------------------------------

DATA_FILE = (
    Field("catalogue", dict, "a table ([catalogue] with categories = [...])"),
    Field("observance", list, "an array of tables ([[observance]])"),
)
CATALOGUE = (Field("categories", list[str], "a list of category ids"),)
_SOURCE = "a table with symbol, title and/or url, or a list of them"
OBSERVANCE = (
    Field("id", str, "a slug of a-z, 0-9 and '-'", required=True, valid=bool),
    Field("rule", (str, list[str]), "a rule text or a list of rule texts", valid=lambda r: r != []),
    Field("name", dict, "a table of texts by locale, such as name.en"),
    Field("description", dict, "a table of texts by locale, such as description.en"),
    Field("categories", list[str], "a list of category ids"),
    Field("source", (dict, list[dict[str, Any]]), _SOURCE, required=True),
    Field("origin", dict, "a table with a date (origin.date = YYYY-MM-DD)"),
    Field("overrides", dict, "a table by year (overrides.2024 = ...)"),
    Field("edition", bool),  # false: the rule's first year is only the first one a source supports
)
ORIGIN = (
    Field("date", (str, date), "a date (YYYY-MM-DD)"),
    Field("of", dict, "a table of texts by locale, such as origin.of.en"),
    Field("source", (dict, list[dict[str, Any]]), _SOURCE),
    Field("same_as", str, "another entry's id"),
)
SOURCE = (
    Field("symbol", str),
    Field("title", str),
    Field("url", str),
    Field("kind", str, choices=SOURCE_KINDS),
)
OFFICIAL_TEXT = (  # a text quoted from its source: name.ru = { text = "...", source = "..." }
    Field("text", str, "non-empty text", required=True, valid=_nonblank),
    Field(
        "source",
        (str, dict, list[dict[str, Any]]),
        "the web address or source table an official text is quoted from",
        required=True,
    ),
)
CATEGORY = (  # categories.toml
    Field("type", str, "'source' or 'kind'", required=True, choices=CATEGORY_TYPES),
    Field("name", dict, "a table of names by locale, such as name.en", required=True),
    Field("territory", str, "a CLDR territory code such as 'TM'"),
    Field("day_off", bool),
    Field("working_day", bool),
)
TRANSLATION = (  # an entry of translations/L.toml
    Field("name", (str, dict), "text, or a table {text, source}"),
    Field("description", (str, dict), "text, or a table {text, source}"),
    Field("origin", dict, "a table (origin.of = ...)"),
)
