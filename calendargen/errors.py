"""Errors raised by calendargen: each knows where the problem is and how to say it in one line."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAX_LENGTH = 400
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def display_path(path: Path) -> str:
    """A file as the user would write it: relative to the current folder when inside it (a
    link is named, not followed)."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The hint for a misspelt word: "did you mean 'tuesday'?", or None if nothing is close."""
    choices = list(choices)
    exact = [c for c in choices if c.lower() == word.lower()]  # "TM" for "tm"
    close = exact or difflib.get_close_matches(word, choices, n=1)
    return f"did you mean '{close[0]}'?" if close else None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input: where it is and what is wrong."""

    message: str
    file: str | None = None
    entry: str | None = None
    line: int | None = None  # 1-based, where known
    hint: str | None = None
    column: int | None = None  # 1-based, where known (with a line)

    def __str__(self) -> str:
        """One line, whatever the input held (a newline or an escape in an id stays visible)."""
        where = self.file or ""
        if self.file and self.line:
            where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        if self.entry:
            where = f"{where}: {self.entry}" if where else self.entry
        text = f"{where}: {self.message}" if where else self.message
        text = f"{text} ({self.hint})" if self.hint else text
        if len(text) > MAX_LENGTH:  # a huge value in the input stays readable
            text = text[: MAX_LENGTH // 2] + " … " + text[-MAX_LENGTH // 2 :]
        return _CONTROLS.sub(lambda m: repr(m[0])[1:-1], text)


def _restore(cls: type[CalgenError], problems: tuple[Problem, ...]) -> CalgenError:
    error = Exception.__new__(cls)
    CalgenError.__init__(error, problems)
    return error


class CalgenError(Exception):
    """Base of every error that is the user's to fix; the CLI prints it without a traceback."""

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by problems, so an error raised in a worker process arrives whole."""
        return (_restore, (type(self), self.problems))

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RuleError(CalgenError):
    """A rule text that does not parse; ``column`` is 1-based."""

    def __init__(self, text: str, column: int, message: str, hint: str | None = None) -> None:
        self.text = text
        self.column = column
        super().__init__(Problem(f"{message} at column {column} of {text!r}", hint=hint))
        self.bare_message = message


class CatalogueError(CalgenError):
    """One or more problems in data files; all are collected before raising."""


class ConfigError(CalgenError):
    """A problem in calgen.toml or in command-line options."""


class BuildError(CalgenError):
    """The build could not finish (template error, lock held, unwritable output)."""


class ServeError(CalgenError):
    """``calgen serve`` cannot serve (a busy or forbidden port)."""
