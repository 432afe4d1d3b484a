"""Reading a user's TOML file: every way it can fail becomes one message for the user, and a
key's place in the text (the parser keeps none) can be found for a message about it."""

from __future__ import annotations

import io
import re
from functools import cached_property
from pathlib import Path
from typing import Any

import tomli

from calendargen.errors import Problem

KeyPath = tuple[str | int, ...]  # a key's path in the data: ("observance", 3, "source", "url")


class UnreadableToml(Exception):
    """A TOML file that cannot be read; ``str(error)`` is the message for the user, and
    ``line`` and ``column`` (1-based) say where, when the parser knows."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column

    def problem(self, file: str) -> Problem:
        return Problem(str(self), file, line=self.line, column=self.column)


def read_toml(path: Path, content: bytes | None = None) -> tuple[dict[str, Any], str]:
    """A file's data and its text (a byte-order mark dropped); ``content``: the file's bytes,
    when they were read already (so that what is parsed is what was read)."""
    raw = path.read_bytes() if content is None else content
    try:  # as ``Path.read_text`` decodes: newlines made "\n"
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read().removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise UnreadableToml("not UTF-8 text") from None
    try:
        return tomli.loads(text), text
    except tomli.TOMLDecodeError as error:  # said by its place, not "(at line 4, column 14)"
        raise UnreadableToml(f"malformed TOML: {error.msg}", error.lineno, error.colno) from None
    except ValueError as error:  # an integer too long to convert
        raise UnreadableToml(f"malformed TOML: {error}") from None
    except RecursionError:
        raise UnreadableToml("malformed TOML: nested too deeply") from None


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'"
_SEGMENT = re.compile(rf"{_BARE}|{_QUOTED}")
_DOTTED = rf"(?:{_BARE}|{_QUOTED})(?:[ \t]*\.[ \t]*(?:{_BARE}|{_QUOTED}))*"
_HEADER = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]")
_ASSIGN = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")


_STRING_OR_COMMENT = re.compile(rf"{_QUOTED}|#.*")


def _depth(text: str) -> int:
    """How many more brackets a line opens than it closes (strings and comments aside)."""
    text = _STRING_OR_COMMENT.sub("", text)
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


def _segments(dotted: str, offset: int) -> list[tuple[str, int]]:
    """The keys of a dotted key, unquoted, with their 1-based columns."""
    found = []
    for match in _SEGMENT.finditer(dotted):
        key = match[0]
        if key[0] in "\"'":
            key = tomli.loads(f"k = {key}")["k"]
        found.append((key, offset + match.start() + 1))
    return found


class Positions:
    """Where each key of a TOML text is written: its line and the column of its name, both
    1-based. Tables, dotted keys and arrays of tables (``[[observance]]``, one index each) are
    found; a key inside an inline table is found on its parent's line. Built on first use, so
    that reading valid files costs nothing."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _index(self) -> tuple[dict[KeyPath, tuple[int, int]], list[str]]:
        found: dict[KeyPath, tuple[int, int]] = {}
        counts: dict[KeyPath, int] = {}  # arrays of tables: how many elements so far
        table: KeyPath = ()
        lines = self.text.split("\n")  # TOML ends lines with \n only (not \u2028, \x0c...)
        closing: str | None = None  # inside a multi-line string, its closing quotes
        depth = 0  # inside a multi-line array, how many brackets are open
        for number, line in enumerate(lines, start=1):
            if closing is not None:
                if line.count(closing) % 2:
                    closing = None
                continue
            if depth > 0:
                depth += _depth(line)
                continue
            header = _HEADER.match(line)
            if header:
                path: list[str | int] = []
                keys = _segments(header[2], header.start(2))
                for place, (key, column) in enumerate(keys, start=1):
                    path.append(key)
                    if place == len(keys) and header[1] == "[[":
                        counts[tuple(path)] = counts.get(tuple(path), -1) + 1
                    if tuple(path) in counts:
                        path.append(counts[tuple(path)])
                    found.setdefault(tuple(path), (number, column))
                table = tuple(path)
                continue
            assign = _ASSIGN.match(line)
            if assign:
                path = list(table)
                for key, column in _segments(assign[1], assign.start(1)):
                    path.append(key)
                    found.setdefault(tuple(path), (number, column))
                rest = line[assign.end() :].lstrip()
                for quotes in ('"""', "'''"):
                    if rest.startswith(quotes) and rest.count(quotes) == 1:
                        closing = quotes
                if closing is None:
                    depth = _depth(rest)
        return found, lines

    def inside_value(
        self, line: int, column: int, value: str, offset: int
    ) -> tuple[int, int] | None:
        """The line and column of character ``offset`` (1-based) of the string ``value``, as
        the first string literal holding it verbatim at or after ``line`` and ``column`` (a
        key's place, up to the next key); None when it is not written so (an escape)."""
        if "\n" in value:
            return None
        quoted = [f"'{value}'"] + ([] if "\\" in value or '"' in value else [f'"{value}"'])
        lines = self._index[1]
        for number in range(line, len(lines) + 1):
            text = lines[number - 1]
            if number > line and (_HEADER.match(text) or _ASSIGN.match(text)):
                return None  # past the value: the next key or table
            start = column - 1 if number == line else 0
            found = [i for q in quoted if (i := text.find(q, start)) >= 0]
            if found:
                return number, min(found) + 1 + offset
        return None

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        """The line and column of the key at ``path``, or of the nearest table around it that
        is written; (None, None) if none is."""
        found, lines = self._index
        for length in range(len(path), 0, -1):
            place = found.get(path[:length])
            if place is None:
                continue
            line, column = place
            for key in path[length:]:  # an inline table: { title = "x", kind = "law" }
                if isinstance(key, int):
                    break
                quoted = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
                inner = re.compile(rf"[{{,][ \t]*({quoted})[ \t]*[.=]")
                match = inner.search(lines[line - 1], column)
                if match is None:
                    break
                column = match.start(1) + 1
            return line, column
        return None, None
