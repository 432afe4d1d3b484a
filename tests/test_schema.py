"""The one key/type table and its check: unknown keys, wrong types and missing keys reported
together, each at its file, entry, key, line and column (the messages users see for each
kind of file are in test_bad_input.py, test_loader.py and test_config.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from calendargen.schema import (
    CONFIG,
    MILESTONES,
    OBSERVANCE,
    WINDOW,
    Field,
    Where,
    accepted,
    check,
)
from calendargen.tomlfile import Positions

ROOT = Path(__file__).parent.parent

TABLE = (
    Field("title", str),
    Field("count", int, "a number of days", valid=lambda n: n > 0),
    Field("flag", bool),
    Field("kind", str, choices=("law", "decree")),
    Field("tags", list[str], "a list of tags"),
    Field("date", str, "a date", required=True),
)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        pytest.param({"date": "x"}, [], id="valid"),
        pytest.param(
            {"date": "x", "titel": "A"},
            ["f.toml: e.titel: unknown key 'titel' (did you mean 'title'?)"],
            id="unknown-with-hint",
        ),
        pytest.param(
            {"date": "x", "colour": 1}, ["f.toml: e.colour: unknown key 'colour'"], id="unknown"
        ),
        pytest.param({"date": 1}, ["f.toml: e.date: must be a date"], id="wrong-type"),
        pytest.param(
            {"date": "x", "count": True},  # TOML's true is a Python int, not a count
            ["f.toml: e.count: must be a number of days"],
            id="boolean-is-not-a-number",
        ),
        pytest.param(
            {"date": "x", "count": 0}, ["f.toml: e.count: must be a number of days"], id="invalid"
        ),
        pytest.param(
            {"date": "x", "flag": 1}, ["f.toml: e.flag: must be true or false"], id="default-help"
        ),
        pytest.param({"date": "x", "title": 5}, ["f.toml: e.title: must be text"], id="text"),
        pytest.param(
            {"date": "x", "kind": "lwa"},
            ["f.toml: e.kind: must be one of law, decree (did you mean 'law'?)"],
            id="choices",
        ),
        pytest.param(
            {"date": "x", "tags": ["a", 2]}, ["f.toml: e.tags: must be a list of tags"], id="items"
        ),
        pytest.param({}, ["f.toml: e: missing date (a date)"], id="missing"),
        pytest.param(
            {"flag": "yes", "titel": "A", "count": -1},
            [  # all at once: in the order of the table, then what is missing
                "f.toml: e.flag: must be true or false",
                "f.toml: e.titel: unknown key 'titel' (did you mean 'title'?)",
                "f.toml: e.count: must be a number of days",
                "f.toml: e: missing date (a date)",
            ],
            id="all-at-once",
        ),
    ],
)
def test_check(table: dict[str, Any], expected: list[str]) -> None:
    assert [str(p) for p in check(table, TABLE, Where("f.toml", "e"))] == expected


def test_accepted_keeps_what_check_does_not_report() -> None:
    table = {"title": "A", "count": 0, "flag": True, "other": 1, "tags": ["a"]}
    assert accepted(table, TABLE) == {"title": "A", "flag": True, "tags": ["a"]}


def test_a_field_says_what_it_must_be() -> None:
    with pytest.raises(TypeError, match="say what its value must be"):
        Field("window", dict)


TEXT = """\
title = "x"
[window]
from = 2020
  "to" = 2030
[[observance]]
id = "a"
source = { title = "t", kind = "law" }
name.en = "A"
description = \"\"\"
other = "in a string"
\"\"\"
[[observance]]
id = "b"
categories = [
  "un",
  ["x"],
]
[[observance.source]]
title = "s"
[[observance.source]]
url = "https://example.org/"
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [  # line and column counted by hand in TEXT above
        pytest.param(("title",), (1, 1), id="top-level"),
        pytest.param(("window",), (2, 2), id="table"),
        pytest.param(("window", "from"), (3, 1), id="key-in-table"),
        pytest.param(("window", "to"), (4, 3), id="quoted-indented-key"),
        pytest.param(("observance", 0), (5, 3), id="array-of-tables"),
        pytest.param(("observance", 0, "id"), (6, 1), id="key-in-element"),
        pytest.param(("observance", 0, "source"), (7, 1), id="inline-table"),
        pytest.param(("observance", 0, "source", "kind"), (7, 25), id="key-in-inline-table"),
        pytest.param(("observance", 0, "name", "en"), (8, 6), id="dotted-key"),
        pytest.param(("observance", 0, "other"), (5, 3), id="not-in-a-multi-line-string"),
        pytest.param(("observance", 1, "id"), (13, 1), id="second-element"),
        pytest.param(("x",), (None, None), id="not-in-a-multi-line-array"),
        pytest.param(("observance", 1, "source", 0, "title"), (19, 1), id="nested-array"),
        pytest.param(("observance", 1, "source", 1), (20, 14), id="nested-element"),
        pytest.param(("observance", 1, "source", 1, "url"), (21, 1), id="key-in-nested"),
        pytest.param(("observance", 1, "rule"), (12, 3), id="absent-key-its-table"),
        pytest.param(("nothing",), (None, None), id="absent"),
    ],
)
def test_positions(path: tuple[str | int, ...], expected: tuple[int | None, int | None]) -> None:
    assert Positions(TEXT).locate(path) == expected


def test_only_newlines_end_lines() -> None:
    # U+2028 and a form feed may stand in a TOML string; they do not start a line
    text = 'name = "a\u2028b\x0cc"\nrule = "x"\n'
    assert Positions(text).locate(("rule",)) == (2, 1)


def test_problems_carry_line_and_column() -> None:
    top = Where("f.toml", positions=Positions(TEXT))
    entry = Where("f.toml", "a", ("observance", 0), top.positions)
    problems = check({"sorce": {}}, OBSERVANCE, entry)
    assert [str(p) for p in problems] == [
        "f.toml:5:3: a.sorce: unknown key 'sorce' (did you mean 'source'?)",  # not written
        "f.toml:5:3: a: missing id (a slug of a-z, 0-9 and '-')",
        "f.toml:5:3: a: missing source (a table with symbol, title and/or url, or a list of them)",
    ]
    assert str(entry.at("source").at("kind").problem("x")) == "f.toml:7:25: a.source.kind: x"
    assert str(entry.problem("x", key="id")) == "f.toml:6:1: a: x"


def _documented_keys(text: str, heading: str) -> set[str]:
    """The keys in the first column of the table after ``heading``."""
    section = text.split(heading, 1)[1].split("\n\n", 2)[1]
    keys = set()
    for row in section.splitlines()[2:]:
        keys |= {key.strip("[]") for key in re.findall(r"`([^`]+)`", row.split("|")[1])}
    return keys


def test_the_table_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    config = {f.name for f in CONFIG + WINDOW + MILESTONES}
    assert _documented_keys(readme, "A project's configuration") == config
    catalogue = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    entry = {f.name for f in OBSERVANCE}
    assert _documented_keys(catalogue, "### Keys of an `[[observance]]`") == entry
