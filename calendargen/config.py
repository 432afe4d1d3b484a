"""The project configuration: ``calgen.toml`` merged with command-line overrides, frozen."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from calendargen.anniversaries import DEFAULT_POLICY, MilestonePolicy
from calendargen.defaults import shipped
from calendargen.errors import ConfigError, Problem, display_path
from calendargen.i18n import SHIPPED_LOCALES, valid_locale
from calendargen.schema import CONFIG, MILESTONES, WINDOW, Where, accepted, check
from calendargen.tomlfile import Positions, UnreadableToml, read_toml
from calendargen.weburl import web_url_problem

CONFIG_NAME = "calgen.toml"
DEFAULT_LOCALES = SHIPPED_LOCALES


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


def load_config(folder: Path) -> Config:
    """Read ``folder/calgen.toml`` if it exists; every problem is reported at once."""
    path = folder / CONFIG_NAME
    if not path.is_file():
        return Config(root=folder)
    display = display_path(path)
    try:
        data, text = read_toml(path)
    except UnreadableToml as error:
        raise ConfigError(error.problem(display)) from None
    top = Where(display, positions=Positions(text))
    problems: list[Problem] = check(data, CONFIG, top)
    known = accepted(data, CONFIG)
    values: dict[str, Any] = {"root": folder, "file": path}
    for key in ("title", "base_url", "include_default", "compact"):
        if key in known:
            values[key] = known[key]
    base_url_problem = web_url_problem(known["base_url"]) if "base_url" in known else None
    if base_url_problem:
        problems.append(top.at("base_url").problem(base_url_problem))
    if "locales" in known:
        for locale in known["locales"]:
            if not valid_locale(locale):
                problems.append(top.at("locales").problem(f"unknown locale '{locale}'"))
        values["locales"] = tuple(known["locales"])
    if "data" in known:
        values["data"] = tuple(folder / name for name in known["data"])
        for name, found in zip(known["data"], values["data"], strict=True):
            if not found.is_dir():
                problems.append(top.at("data").problem(f"folder not found: {name}"))
    for key in ("templates", "messages"):
        if key in known:
            values[key] = folder / known[key]
            if not values[key].is_dir():
                problems.append(top.at(key).problem(f"folder not found: {known[key]}"))
    if "out" in known:
        values["out"] = folder / known["out"]
    if "categories" in known:
        values["categories"] = tuple(known["categories"])
    window = known.get("window", {})
    problems += check(window, WINDOW, top.at("window"))
    window = accepted(window, WINDOW)
    for key, name in (("years_before", "years_before"), ("years_after", "years_after"),
                      ("from", "first_year"), ("to", "last_year")):  # fmt: skip
        if key in window:
            values[name] = window[key]
    if "from" in window and "to" in window and window["from"] > window["to"]:
        message = f"{window['from']} is after window.to ({window['to']})"
        problems.append(top.at("window").at("from").problem(message))
    milestones = known.get("milestones", {})
    problems += check(milestones, MILESTONES, top.at("milestones"))
    milestones = accepted(milestones, MILESTONES)
    if milestones:
        every = milestones.get("every", DEFAULT_POLICY.every)
        values["milestones"] = MilestonePolicy(
            every, tuple(milestones.get("also", DEFAULT_POLICY.also))
        )
    if problems:
        raise ConfigError(problems)
    return Config(**values)
