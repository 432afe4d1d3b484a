"""The README documents every command, option and rule word; CI runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from calendargen.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    assert isinstance(main, click.Group)
    return sorted(main.commands.items())


@pytest.mark.parametrize(("name", "command"), _commands(), ids=[n for n, _ in _commands()])
def test_command_and_options_documented(name: str, command: click.Command) -> None:
    assert f"calgen {name}" in README
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert any(f"`{opt}" in README for opt in parameter.opts), (name, parameter.opts)


def test_global_options_documented() -> None:
    for parameter in main.params:
        for opt in parameter.opts:
            assert f"`{opt}" in README or f"calgen {opt}" in README, opt


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    test_command = next(b.strip() for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_rule_words_documented() -> None:
    from calendargen.calendars import hebrew, hijri, persian, seasons
    from calendargen.rules.base import MONTHS, ORDINAL_WORDS, ORDINALS, RELATIONS, WEEKDAYS

    words = (
        list(ORDINALS) + list(ORDINAL_WORDS) + list(RELATIONS) + list(seasons.EVENTS)
        + list(hijri.MONTHS) + list(persian.MONTHS) + list(hebrew.MONTHS)
    )  # fmt: skip
    for word in words:
        assert word in RULES, word
    for word in ("since", "until", "for", "if", "then", "next", "previous", "year", "years"):
        assert f'"{word}"' in RULES, word
    for word in (*MONTHS, *WEEKDAYS, "by", *hijri.VARIANTS):
        assert word in RULES, word
