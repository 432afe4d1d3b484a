"""Occurrences as plain records: the objects of ``calgen list --format json`` and YEAR.json."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from calendargen.i18n import occurrence_name
from calendargen.model import Occurrence

FIELDS = (
    "id",
    "start",
    "end",
    "name",
    "categories",
    "anniversary",
    "edition",
    "milestone",
    "estimated",
    "observed",
    "day_off",
)

_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one for every line: json.dumps makes one a call


def record(occurrence: Occurrence, locale: str) -> dict[str, Any]:
    """One occurrence as JSON-ready values; ``end`` is inclusive."""
    return {
        "id": occurrence.id,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "name": occurrence_name(occurrence, locale),
        "categories": list(occurrence.categories),
        "anniversary": occurrence.anniversary,
        "edition": occurrence.edition,
        "milestone": occurrence.milestone,
        "estimated": occurrence.estimated,
        "observed": occurrence.observed,
        "day_off": occurrence.day_off,
    }


def render_json(occurrences: Iterable[Occurrence], locale: str) -> str:
    """A JSON array sorted by start, then id (the engine's order), one object a line."""
    return "".join(json_lines(occurrences, locale))


def json_lines(occurrences: Iterable[Occurrence], locale: str) -> Iterator[str]:
    """``render_json``'s text a line at a time, for writing as it is made."""
    opened = False
    for occurrence in occurrences:
        yield ",\n" if opened else "[\n"
        opened = True
        yield _ENCODER.encode(record(occurrence, locale))
    yield "\n]\n" if opened else "[]\n"


def render_csv(occurrences: list[Occurrence], locale: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for occurrence in occurrences:
        row = record(occurrence, locale)
        row["categories"] = " ".join(row["categories"])
        writer.writerow(row)
    return buffer.getvalue()
