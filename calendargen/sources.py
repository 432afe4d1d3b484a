"""Where facts and texts come from: an entry's sources, and a text's provenance.

A source is a table ``{symbol, title, url, kind}`` (or a list of them). A text in a locale is a
plain string (the catalogue's own translation) or a table ``{text, source}``: an official text
quoted verbatim, ``source`` being a URL or a source table. Functions return what they read and
the problems they found instead of raising, so that the loader reports all at once.
"""

from __future__ import annotations

import re
from typing import Any

from calendargen.errors import Problem
from calendargen.model import Observance, Source
from calendargen.schema import OFFICIAL_TEXT, SOURCE, Where, accepted, check
from calendargen.weburl import web_url_problem

SECONDARY = ("press", "secondary")  # not the authority itself: a report or a dataset


def parse_sources(value: Any, where: Where) -> tuple[tuple[Source, ...], list[Problem]]:
    """A source table or a list of them (their keys and types checked already where the
    entry's are, as ``schema.OBSERVANCE`` says)."""
    tables = value if isinstance(value, list) else [value]
    sources = []
    problems: list[Problem] = []
    if not tables:
        problems.append(where.problem("needs a symbol, a title or a url"))
    for index, table in enumerate(tables):
        at = where.item(index) if isinstance(value, list) else where
        if not isinstance(table, dict):
            problems.append(at.problem("must be a table with symbol, title and/or url"))
            continue
        found = check(table, SOURCE, at)
        problems += found
        if found:
            continue
        url_problem = web_url_problem(table["url"]) if "url" in table else None
        if url_problem:
            problems.append(at.at("url").problem(url_problem))
            continue
        known = accepted(table, SOURCE)
        if not any(v.strip() for k, v in known.items() if k != "kind"):
            problems.append(at.problem("needs a symbol, a title or a url"))
            continue
        sources.append(Source(**{k: v.strip() for k, v in known.items()}))
    return tuple(sources), problems


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not tab, CR, LF
_BIDI_OPEN = re.compile(r"[\u202a\u202b\u202d\u202e\u2066\u2067\u2068]")
_BIDI_CLOSE = re.compile(r"[\u202c\u2069]")


def text_problem(text: str) -> str | None:
    """Why a text cannot be shown as it is: control characters (they reach pages and
    terminals) or a right-to-left override or isolate left open (it reverses what follows)."""
    if _CONTROLS.search(text):
        return "contains control characters"
    if len(_BIDI_OPEN.findall(text)) != len(_BIDI_CLOSE.findall(text)):
        return "leaves a bidirectional override or isolate (U+202A-202E, U+2066-2069) open"
    return None


def parse_text(value: Any, where: Where) -> tuple[str, Source | None, list[Problem]]:
    """A text and, for an official one, its source."""
    if isinstance(value, str):
        if not value.strip():
            return "", None, [where.problem("must be non-empty text")]
        problem = text_problem(value)
        if problem:
            return "", None, [where.problem(problem)]
        return value.strip(), None, []
    if not isinstance(value, dict):
        return "", None, [where.problem("must be text, or a table {text, source}")]
    problems = check(value, OFFICIAL_TEXT, where)
    known = accepted(value, OFFICIAL_TEXT)
    text = known.get("text")
    problem = text_problem(text) if text is not None else None
    if problem:
        problems.append(where.at("text").problem(problem))
    found: tuple[Source, ...] = ()
    source = known.get("source")
    if isinstance(source, str):
        url_problem = web_url_problem(source)
        if url_problem:
            problems.append(where.at("source").problem(url_problem))
        else:
            found = (Source(url=source),)
    elif source is not None:
        found, more = parse_sources(source, where.at("source"))
        problems += more
    if problems or not found or text is None:
        return "", None, problems
    return text.strip(), found[0], []


def secondary_only(observances: list[Observance]) -> list[Problem]:
    """A warning for each entry whose every source is a report or a dataset (kind press or
    secondary): its dates and facts want the primary source (the UN document, the law, the
    decree, the official page)."""
    return [
        Problem("every source is secondary (press, secondary): cite the primary one", o.file, o.id)
        for o in observances
        if o.sources and all(s.kind in SECONDARY for s in o.sources)
    ]
