"""The project configuration: ``calgen.toml`` merged with command-line overrides, frozen."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from calendargen.anniversaries import DEFAULT_POLICY, MilestonePolicy
from calendargen.defaults import shipped
from calendargen.errors import ConfigError, Problem, display_path, unknown_keys
from calendargen.i18n import SHIPPED_LOCALES, valid_locale
from calendargen.limits import MAX_YEAR
from calendargen.tomlfile import UnreadableToml, read_toml
from calendargen.weburl import web_url_problem

CONFIG_NAME = "calgen.toml"
DEFAULT_LOCALES = SHIPPED_LOCALES
KEYS = {
    "title": str,
    "base_url": str,
    "locales": list,
    "include_default": bool,
    "data": list,
    "templates": str,
    "messages": str,
    "out": str,
    "window": dict,
    "milestones": dict,
    "categories": list,
    "compact": bool,
}
WINDOW_KEYS = ("years_before", "years_after", "from", "to")
MILESTONE_KEYS = ("every", "also")


@dataclass(frozen=True)
class Config:
    """What a build needs to know besides the data itself."""

    root: Path = field(default_factory=Path)
    file: Path | None = None
    title: str = "calendargen"
    base_url: str | None = None
    locales: tuple[str, ...] = DEFAULT_LOCALES
    include_default: bool = True
    data: tuple[Path, ...] = ()
    templates: Path | None = None
    messages: Path | None = None  # the project's interface catalogues (L/LC_MESSAGES/*.po)
    out: Path = Path("public")
    years_before: int = 1
    years_after: int = 3
    first_year: int | None = None
    last_year: int | None = None
    milestones: MilestonePolicy = DEFAULT_POLICY
    categories: tuple[str, ...] | None = None  # feeds to build (None: every category)
    compact: bool = False  # recurring events (RRULE) where a rule allows, instead of expanded

    @property
    def data_folders(self) -> tuple[Path, ...]:
        shipped_data = (shipped("data"),) if self.include_default else ()
        return shipped_data + self.data

    def window(self, this_year: int) -> tuple[int, int]:
        """The years a build covers; ``this_year`` comes from the caller (the CLI's clock or
        SOURCE_DATE_EPOCH), never from here."""
        first = self.first_year if self.first_year is not None else this_year - self.years_before
        last = self.last_year if self.last_year is not None else this_year + self.years_after
        return first, last

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _whole(value: Any) -> bool:
    """An integer, not a boolean (TOML's true is a Python int)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _year(value: Any) -> bool:
    return _whole(value) and 1 <= value <= MAX_YEAR


def load_config(folder: Path) -> Config:
    """Read ``folder/calgen.toml`` if it exists; every problem is reported at once."""
    path = folder / CONFIG_NAME
    if not path.is_file():
        return Config(root=folder)
    display = display_path(path)
    try:
        data, _ = read_toml(path)
    except UnreadableToml as error:
        raise ConfigError(Problem(str(error), display)) from None
    problems: list[Problem] = []

    def problem(key: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(message, display, key, hint=hint))

    values: dict[str, Any] = {"root": folder, "file": path}
    for key, message, hint in unknown_keys(list(data), KEYS):
        problem(key, message, hint)
        del data[key]
    for key, value in list(data.items()):
        if not isinstance(value, KEYS[key]):
            problem(key, f"must be of type {KEYS[key].__name__}")
            del data[key]
    for key in ("title", "base_url", "include_default", "compact"):
        if key in data:
            values[key] = data[key]
    base_url_problem = web_url_problem(data["base_url"]) if "base_url" in data else None
    if base_url_problem:
        problem("base_url", base_url_problem)
    if "locales" in data:
        locales = data["locales"]
        for locale in locales:
            if not isinstance(locale, str) or not valid_locale(locale):
                problem("locales", f"unknown locale '{locale}'")
        if not locales:
            problem("locales", "must name at least one locale")
        values["locales"] = tuple(str(locale) for locale in locales)
    if "data" in data:
        values["data"] = tuple(folder / str(p) for p in data["data"])
        for name, path in zip(data["data"], values["data"], strict=True):
            if not path.is_dir():
                problem("data", f"folder not found: {name}")
    if "templates" in data:
        values["templates"] = folder / data["templates"]
        if not values["templates"].is_dir():
            problem("templates", f"folder not found: {data['templates']}")
    if "messages" in data:
        values["messages"] = folder / data["messages"]
        if not values["messages"].is_dir():
            problem("messages", f"folder not found: {data['messages']}")
    if "out" in data:
        values["out"] = folder / data["out"]
    if "categories" in data:
        values["categories"] = tuple(str(c) for c in data["categories"])
    window = data.get("window", {})
    for key, message, hint in unknown_keys(window, WINDOW_KEYS):
        problem(f"window.{key}", message, hint)
    for key, value in window.items():
        if key in ("from", "to") and not _year(value):
            problem(f"window.{key}", f"must be a year from 1 to {MAX_YEAR}")
        elif key.startswith("years") and (not _whole(value) or not 0 <= value <= 100):
            problem(f"window.{key}", "must be a number of years from 0 to 100")
    for key, name in (("years_before", "years_before"), ("years_after", "years_after"),
                      ("from", "first_year"), ("to", "last_year")):  # fmt: skip
        if key in window:
            values[name] = window[key]
    milestones = data.get("milestones", {})
    for key, message, hint in unknown_keys(milestones, MILESTONE_KEYS):
        problem(f"milestones.{key}", message, hint)
    for key, value in milestones.items():
        if key == "every" and (not _whole(value) or value < 0):
            problem("milestones.every", "must be a whole number (0: none)")
        elif key == "also" and (
            not isinstance(value, list) or not all(_whole(n) and n > 0 for n in value)
        ):
            problem("milestones.also", "must be a list of positive whole numbers")
    if not problems and milestones:
        values["milestones"] = MilestonePolicy(
            every=milestones.get("every", 5), also=tuple(milestones.get("also", (1,)))
        )
    if problems:
        raise ConfigError(problems)
    config = Config(**values)
    if config.first_year and config.last_year and config.first_year > config.last_year:
        raise ConfigError(Problem("window.from is after window.to", display, "window"))
    return config
