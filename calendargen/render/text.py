"""Plain-text views for the terminal: the ``list`` table and the ``show`` description."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from calendargen.i18n import occurrence_name
from calendargen.model import Observance, Occurrence
from calendargen.words import era_words

NEXT_OCCURRENCES = 5  # at most limits.NEXT_OCCURRENCES: what engine.upcoming keeps
NEXT_MILESTONES = 5  # at most limits.NEXT_MILESTONES


def _dates(occurrence: Occurrence) -> str:
    if occurrence.end == occurrence.start:
        return occurrence.start.isoformat()
    return f"{occurrence.start.isoformat()}..{occurrence.end.isoformat()}"


def _flags(occurrence: Occurrence) -> str:
    flags = []
    if occurrence.milestone:
        flags.append("milestone")
    if occurrence.observed:
        flags.append("observed")
    if occurrence.estimated:
        flags.append("estimated")
    if occurrence.day_off:
        flags.append("day-off")
    return ",".join(flags)


def table(occurrences: list[Occurrence], locale: str) -> str:
    """Aligned columns: dates, anniversary, flags, id, name."""
    if not occurrences:
        return "no occurrences\n"
    rows = [
        (
            _dates(o),
            str(o.anniversary) if o.anniversary else "",
            _flags(o),
            o.id,
            occurrence_name(o, locale),
        )
        for o in occurrences
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _next(upcoming: list[Occurrence]) -> tuple[list[Occurrence], list[Occurrence]]:
    """The next occurrences and the next milestones among an entry's upcoming ones."""
    regular = [o for o in upcoming if not o.milestone][:NEXT_OCCURRENCES]
    milestones = [o for o in upcoming if o.milestone][:NEXT_MILESTONES]
    return regular, milestones


def describe(observance: Observance, upcoming: list[Occurrence], locale: str) -> str:
    """What ``calgen show ID`` prints; ``upcoming`` are the entry's occurrences from the
    chosen day on (``engine.upcoming``)."""
    data = describe_json(observance, upcoming, locale)
    regular, milestones = _next(upcoming)
    lines = [f"{data['name']} ({observance.id})", ""]
    for words, era in zip(data["when"], data["rule"], strict=True):
        lines.append(f"  when: {words}  ({era})")
    lines.append(f"  categories: {', '.join(data['categories'])}")
    if data["origin"]:
        lines.append(f"  origin: {data['origin']}")
    if data["description"]:
        lines.append(f"  {data['description']}")
    for source in data["sources"]:
        lines.append(f"  source: {source}")
    lines += ["", "Next occurrences:"]
    lines += [f"  {_line(o, locale)}" for o in regular] or ["  none"]
    if observance.origin:
        lines += ["", "Next milestones:"]
        lines += [f"  {_line(o, locale)}" for o in milestones] or ["  none"]
    return "\n".join(lines) + "\n"


def _line(occurrence: Occurrence, locale: str) -> str:
    extra = []
    if occurrence.anniversary:
        extra.append(f"anniversary {occurrence.anniversary}")
    if occurrence.distinct_edition:
        extra.append(f"edition {occurrence.distinct_edition}")
    extra += [flag for flag in ("estimated", "observed") if getattr(occurrence, flag)]
    suffix = f" ({', '.join(extra)})" if extra else ""
    return f"{_dates(occurrence)}  {occurrence_name(occurrence, locale)}{suffix}"


def describe_json(
    observance: Observance, upcoming: list[Occurrence], locale: str
) -> dict[str, Any]:
    """What ``calgen show ID --format json`` prints."""
    from calendargen.render.records import record

    regular, milestones = _next(upcoming)
    return {
        "id": observance.id,
        "name": observance.name(locale),
        "description": observance.description(locale),
        "rule": [era.text for era in observance.eras],
        "when": [era_words(era, locale) for era in observance.eras],
        "categories": list(observance.categories),
        "origin": observance.origin.date.isoformat() if observance.origin else None,
        "sources": [str(source) for source in observance.sources],
        "file": observance.file,
        "next": [record(o, locale) for o in regular],
        "milestones": [record(o, locale) for o in milestones],
    }


TEXT_FIELDS = ("name", "description", "origin.of")


def _texts(observance: Observance, key: str) -> dict[str, str]:
    if key == "name":
        return observance.names
    if key == "description":
        return observance.descriptions
    return observance.origin.of if observance.origin else {}


def coverage(
    observances: Sequence[Observance], locale: str
) -> dict[str, tuple[int, int, int, int]]:
    """Per text field: (entries that need it, official, translated, missing) in ``locale``.

    An entry needs a description in a locale when it has an English one, and ``origin.of``
    when it has an origin."""
    counts = {}
    for key in TEXT_FIELDS:
        needed = official = translated = 0
        for observance in observances:
            if not _texts(observance, key).get("en"):
                continue
            needed += 1
            if locale in _texts(observance, key):
                kind = observance.provenance(key, locale)[0]
                official += kind in ("official", "original")
                translated += kind == "translation"
        counts[key] = (needed, official, translated, needed - official - translated)
    return counts


def coverage_table(
    observances: Sequence[Observance],
    locales: tuple[str, ...],
    interface: dict[str, tuple[int, int, list[str]]],
) -> str:
    """Per locale and text field: how many texts are official, translated or missing; then
    the interface's messages per locale (translated, in all, the catalogues read, as shown)."""
    header = ["locale", *(f"{key}: official/translated/missing" for key in TEXT_FIELDS)]
    rows = []
    for locale in locales:
        cells = [locale]
        for needed, official, translated, missing in coverage(observances, locale).values():
            share = (needed - missing) * 100 // needed if needed else 100
            cells.append(f"{official}/{translated}/{missing} ({share}%)")
        rows.append(cells)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.rjust(widths[i]) if i else cell.ljust(widths[i])
                       for i, cell in enumerate(row)) for row in [header, *rows]]  # fmt: skip
    note = (
        f"texts of {len(observances)} entries per locale (English is the original; "
        "a missing text shows the English one, marked lang=en)"
    )
    messages = ["", "interface messages translated per locale (a missing one shows in English):"]
    for locale in locales:
        done, total, catalogs = interface[locale]
        where = ", ".join(catalogs) or "no catalogue"
        messages.append(f"{locale.ljust(widths[0])}  {done}/{total}  ({where})")
    return "\n".join([note, *lines, *messages]) + "\n"
