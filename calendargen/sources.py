"""Where facts and texts come from: an entry's sources, and a text's provenance.

A source is a table ``{symbol, title, url}`` (or a list of them). A text in a locale is a plain
string (the catalogue's own translation) or a table ``{text, source}``: an official text quoted
verbatim, ``source`` being a URL or a source table. Functions return what they read and a list
of ``(message, hint)`` problems instead of raising, so that the loader reports all at once.
"""

from __future__ import annotations

import re
from typing import Any

from calendargen.errors import Problem, did_you_mean, unknown_keys
from calendargen.model import Observance, Source
from calendargen.weburl import web_url_problem

SOURCE_KEYS = ("symbol", "title", "url", "kind")
SOURCE_KINDS = ("resolution", "law", "decree", "official", "press", "secondary")
SECONDARY = ("press", "secondary")  # not the authority itself: a report or a dataset
TEXT_KEYS = ("text", "source")

Problems = list[tuple[str, str | None]]


def parse_sources(value: Any, prefix: str = "source") -> tuple[tuple[Source, ...], Problems]:
    """A source table or a list of them."""
    tables = value if isinstance(value, list) else [value]
    sources = []
    problems: Problems = []
    if not tables:
        problems.append((f"{prefix} is empty: give a symbol, a title or a url", None))
    for table in tables:
        if not isinstance(table, dict):
            problems.append((f"{prefix} must be a table with symbol, title and/or url", None))
            continue
        problems += [
            (message, hint) for _, message, hint in unknown_keys(table, SOURCE_KEYS, f"{prefix}.")
        ]
        known = {k: table[k] for k in SOURCE_KEYS if k in table}
        wrong = [k for k, v in known.items() if not isinstance(v, str)]
        problems += [(f"{prefix}.{key} must be text", None) for key in wrong]
        if "kind" in known and known["kind"] not in SOURCE_KINDS:
            problems.append((f"{prefix}.kind must be one of {', '.join(SOURCE_KINDS)}",
                             did_you_mean(str(known["kind"]), SOURCE_KINDS)))  # fmt: skip
            continue
        url_problem = web_url_problem(known["url"]) if "url" in known and not wrong else None
        if url_problem:
            problems.append((f"{prefix}.url {url_problem}", None))
        if wrong or url_problem:
            continue
        if not any(v.strip() for k, v in known.items() if k != "kind"):
            problems.append((f"{prefix} needs a symbol, a title or a url", None))
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


def parse_text(value: Any, where: str) -> tuple[str, Source | None, Problems]:
    """A text and, for an official one, its source (``where`` names it in messages)."""
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        problem = text_problem(value["text"])
        if problem:
            return "", None, [(f"{where} {problem}", None)]
    if isinstance(value, str):
        if not value.strip():
            return "", None, [(f"{where} must be non-empty text", None)]
        problem = text_problem(value)
        if problem:
            return "", None, [(f"{where} {problem}", None)]
        return value.strip(), None, []
    if not isinstance(value, dict):
        return "", None, [(f"{where} must be text, or a table {{text, source}}", None)]
    problems: Problems = [(m, hint) for _, m, hint in unknown_keys(value, TEXT_KEYS, f"{where}.")]
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append((f"{where}.text must be non-empty text", None))
    if "source" not in value:
        problems.append((f"{where}.source is missing: an official text names its source", None))
        return "", None, problems
    found: tuple[Source, ...] = ()
    source = value["source"]
    if isinstance(source, str):
        url_problem = web_url_problem(source)
        if url_problem:
            problems.append((f"{where}.source {url_problem}", None))
        else:
            found = (Source(url=source),)
    else:
        found, more = parse_sources(source, f"{where}.source")
        problems += more
    if problems or not found:
        return "", None, problems
    assert isinstance(text, str)
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
