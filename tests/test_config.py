"""load_config: the defaults, each key, each wrong type and the build window.

The defaults and keys are those of README.md ("Configuration": title "calendargen", the
seventeen shipped locales, include_default true, data [], out "public", compact false, a window
of 1 year before and 3 after, milestones every 5 and also [1]); messages are exact, with the
line and column of the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from calendargen.anniversaries import MilestonePolicy
from calendargen.config import Config, load_config
from calendargen.errors import ConfigError

SHIPPED = ("ar", "az", "en", "es", "fa", "fr", "hy", "ka", "kk", "ky", "ru", "tg", "tk", "tr",
           "ur", "uz", "zh")  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, the current folder (messages name calgen.toml as written)."""
    monkeypatch.chdir(tmp_path)
    for name in ("mine", "tpl", "locales"):
        (tmp_path / name).mkdir()
    return tmp_path


def _load(folder: Path, text: str) -> Config:
    (folder / "calgen.toml").write_text(text, encoding="utf-8")
    return load_config(folder)


def _problems(folder: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        _load(folder, text)
    return [str(problem) for problem in raised.value.problems]


def test_defaults_without_a_file(folder: Path) -> None:
    config = load_config(folder)
    assert config == Config(root=folder)
    assert config.file is None
    assert config.title == "calendargen"
    assert config.base_url is None
    assert sorted(config.locales) == list(SHIPPED)
    assert config.include_default is True
    assert config.data == ()
    assert config.templates is None and config.messages is None
    assert config.out == Path("public")
    assert (config.years_before, config.years_after) == (1, 3)
    assert (config.first_year, config.last_year) == (None, None)
    assert config.milestones == MilestonePolicy(every=5, also=(1,))
    assert config.categories is None
    assert config.compact is False


def test_an_empty_file_or_empty_tables_keep_the_defaults(folder: Path) -> None:
    path = folder / "calgen.toml"
    assert _load(folder, "") == Config(root=folder, file=path)
    assert _load(folder, "[window]\n[milestones]\n") == Config(root=folder, file=path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('title = "My days"', {"title": "My days"}, id="title"),
        pytest.param(
            'base_url = "https://days.example.org/"',
            {"base_url": "https://days.example.org/"},
            id="base_url",
        ),
        pytest.param('locales = ["ru", "en"]', {"locales": ("ru", "en")}, id="locales"),
        pytest.param("include_default = false", {"include_default": False}, id="include_default"),
        pytest.param('data = ["mine"]', {"data": ("mine",)}, id="data"),
        pytest.param('templates = "tpl"', {"templates": "tpl"}, id="templates"),
        pytest.param('messages = "locales"', {"messages": "locales"}, id="messages"),
        pytest.param('out = "site"', {"out": "site"}, id="out"),
        pytest.param('categories = ["un", "tm"]', {"categories": ("un", "tm")}, id="categories"),
        pytest.param("compact = true", {"compact": True}, id="compact"),
        pytest.param("[window]\nyears_before = 0", {"years_before": 0}, id="years_before"),
        pytest.param("[window]\nyears_after = 100", {"years_after": 100}, id="years_after"),
        pytest.param("[window]\nfrom = 1", {"first_year": 1}, id="from"),
        pytest.param("[window]\nto = 9999", {"last_year": 9999}, id="to"),
        pytest.param(
            "[window]\nfrom = 2020\nto = 2020",
            {"first_year": 2020, "last_year": 2020},
            id="from-equals-to",
        ),
        pytest.param(
            "[milestones]\nevery = 10", {"milestones": MilestonePolicy(10, (1,))}, id="every"
        ),
        pytest.param(
            "[milestones]\nalso = [1, 25]", {"milestones": MilestonePolicy(5, (1, 25))}, id="also"
        ),
        pytest.param(
            "[milestones]\nevery = 0\nalso = []", {"milestones": MilestonePolicy(0, ())}, id="none"
        ),
        pytest.param(
            "window = { from = 2020, to = 2022 }",
            {"first_year": 2020, "last_year": 2022},
            id="inline-window",
        ),
    ],
)
def test_each_key(folder: Path, text: str, expected: dict[str, Any]) -> None:
    wanted = dict(expected)  # folders are relative to the project's
    if "data" in wanted:
        wanted["data"] = tuple(folder / name for name in wanted["data"])
    for key in ("templates", "messages", "out"):
        if key in wanted:
            wanted[key] = folder / wanted[key]
    config = _load(folder, text)
    assert config == Config(root=folder, file=folder / "calgen.toml", **wanted)


def test_every_key_at_once(folder: Path) -> None:
    config = _load(
        folder,
        'title = "T"\nbase_url = "https://x.org/"\nlocales = ["en"]\ninclude_default = false\n'
        'data = ["mine"]\ntemplates = "tpl"\nmessages = "locales"\nout = "o"\n'
        'categories = ["un"]\ncompact = true\n[window]\nyears_before = 2\nyears_after = 4\n'
        "[milestones]\nevery = 10\nalso = [1, 25]\n",
    )
    assert config == Config(
        root=folder,
        file=folder / "calgen.toml",
        title="T",
        base_url="https://x.org/",
        locales=("en",),
        include_default=False,
        data=(folder / "mine",),
        templates=folder / "tpl",
        messages=folder / "locales",
        out=folder / "o",
        years_before=2,
        years_after=4,
        milestones=MilestonePolicy(10, (1, 25)),
        categories=("un",),
        compact=True,
    )
    assert config.data_folders == (folder / "mine",)  # no shipped catalogue


WINDOW_YEARS = "must be a number of years from 0 to 100"
YEAR = "must be a year from 1 to 9999"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("title = 5", "1:1: title: must be text", id="title"),
        pytest.param("base_url = 5", "1:1: base_url: must be a web address (https://...)",
                     id="base_url"),
        pytest.param('locales = "en"', "1:1: locales: must be a list of one or more locale codes",
                     id="locales-text"),
        pytest.param("locales = []", "1:1: locales: must be a list of one or more locale codes",
                     id="locales-empty"),
        pytest.param('locales = ["en", 5]',
                     "1:1: locales: must be a list of one or more locale codes",
                     id="locales-number"),
        pytest.param('include_default = "yes"', "1:1: include_default: must be true or false",
                     id="include_default"),
        pytest.param('data = "mine"', "1:1: data: must be a list of folders", id="data"),
        pytest.param('templates = ["tpl"]', "1:1: templates: must be a folder", id="templates"),
        pytest.param("messages = 1", "1:1: messages: must be a folder", id="messages"),
        pytest.param("out = false", "1:1: out: must be a folder", id="out"),
        pytest.param('categories = "un"', "1:1: categories: must be a list of category ids",
                     id="categories"),
        pytest.param("compact = 1", "1:1: compact: must be true or false", id="compact"),
        pytest.param("window = 3",
                     "1:1: window: must be a table ([window] with years_before, years_after, "
                     "from, to)", id="window"),
        pytest.param("milestones = [5]",
                     "1:1: milestones: must be a table ([milestones] with every, also)",
                     id="milestones"),
        pytest.param("[window]\nyears_before = -1", f"2:1: window.years_before: {WINDOW_YEARS}",
                     id="years_before-negative"),
        pytest.param("[window]\nyears_after = 101", f"2:1: window.years_after: {WINDOW_YEARS}",
                     id="years_after-too-many"),
        pytest.param("[window]\nyears_after = 2.5", f"2:1: window.years_after: {WINDOW_YEARS}",
                     id="years_after-fraction"),
        pytest.param("[window]\nyears_after = true", f"2:1: window.years_after: {WINDOW_YEARS}",
                     id="years_after-boolean"),
        pytest.param("[window]\nfrom = 0", f"2:1: window.from: {YEAR}", id="from-zero"),
        pytest.param('[window]\nfrom = "2020"', f"2:1: window.from: {YEAR}", id="from-text"),
        pytest.param("[window]\nfrom = 2020-01-01", f"2:1: window.from: {YEAR}", id="from-date"),
        pytest.param("[window]\nto = 10000", f"2:1: window.to: {YEAR}", id="to-too-late"),
        pytest.param("[window]\nfrom = 2030\nto = 2020",
                     "2:1: window.from: 2030 is after window.to (2020)", id="backwards"),
        pytest.param("[milestones]\nevery = -5",
                     "2:1: milestones.every: must be a whole number (0: none)", id="every"),
        pytest.param("[milestones]\nevery = true",
                     "2:1: milestones.every: must be a whole number (0: none)",
                     id="every-boolean"),
        pytest.param("[milestones]\nalso = [0]",
                     "2:1: milestones.also: must be a list of positive whole numbers",
                     id="also-zero"),
        pytest.param("[milestones]\nalso = 5",
                     "2:1: milestones.also: must be a list of positive whole numbers",
                     id="also-number"),
        pytest.param("[milestones]\nalso = [true]",
                     "2:1: milestones.also: must be a list of positive whole numbers",
                     id="also-boolean"),
        pytest.param('titel = "x"', "1:1: titel: unknown key 'titel' (did you mean 'title'?)",
                     id="unknown-key"),
        pytest.param("[window]\nyears_befor = 2",
                     "2:1: window.years_befor: unknown key 'years_befor' (did you mean "
                     "'years_before'?)", id="unknown-window-key"),
        pytest.param("[milestones]\nevry = 5",
                     "2:1: milestones.evry: unknown key 'evry' (did you mean 'every'?)",
                     id="unknown-milestones-key"),
        pytest.param('base_url = "days.example.org"',
                     "1:1: base_url: must start with https:// or http://", id="base_url-value"),
        pytest.param('locales = ["en", "xx-nope"]', "1:1: locales: unknown locale 'xx-nope'",
                     id="unknown-locale"),
        pytest.param('data = ["mine", "nope"]', "1:1: data: folder not found: nope",
                     id="data-folder"),
        pytest.param('templates = "nope"', "1:1: templates: folder not found: nope",
                     id="templates-folder"),
        pytest.param('messages = "nope"', "1:1: messages: folder not found: nope",
                     id="messages-folder"),
        pytest.param('title = "x', "1:11: malformed TOML: Illegal character '\\n'",
                     id="malformed"),  # the end of line 1 ends the string too early
    ],
)  # fmt: skip
def test_each_mistake(folder: Path, text: str, expected: str) -> None:
    assert _problems(folder, text + "\n") == [f"calgen.toml:{expected}"]


def test_every_mistake_is_reported_at_once(folder: Path) -> None:
    text = (
        'titel = "x"\nlocales = ["en", "xx-nope"]\ncompact = "no"\n'
        "[window]\nfrom = 2030\nto = 2020\nyears_after = -1\n[milestones]\nevery = -5\n"
    )
    assert _problems(folder, text) == [
        "calgen.toml:1:1: titel: unknown key 'titel' (did you mean 'title'?)",
        "calgen.toml:3:1: compact: must be true or false",
        "calgen.toml:2:1: locales: unknown locale 'xx-nope'",
        "calgen.toml:7:1: window.years_after: must be a number of years from 0 to 100",
        "calgen.toml:5:1: window.from: 2030 is after window.to (2020)",
        "calgen.toml:9:1: milestones.every: must be a whole number (0: none)",
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [  # this year is 2026
        pytest.param({}, (2025, 2029), id="default-1-before-3-after"),
        pytest.param({"years_before": 0, "years_after": 0}, (2026, 2026), id="this-year-only"),
        pytest.param({"years_before": 10}, (2016, 2029), id="years-before"),
        pytest.param({"first_year": 2020}, (2020, 2029), id="from-only"),
        pytest.param({"last_year": 2030}, (2025, 2030), id="to-only"),
        pytest.param({"first_year": 1990, "last_year": 1993}, (1990, 1993), id="fixed"),
        pytest.param({"first_year": 2000, "years_before": 5}, (2000, 2029), id="from-wins"),
        pytest.param({"first_year": None, "years_after": 1}, (2025, 2027), id="none-ignored"),
    ],
)
def test_window(changes: dict[str, Any], expected: tuple[int, int]) -> None:
    assert Config().with_overrides(**changes).window(2026) == expected
