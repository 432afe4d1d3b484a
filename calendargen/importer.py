"""``calgen import``: an existing calendar (.ics) as catalogue entries to review.

Read with the ``icalendar`` library, so any client's or organization's feed works. A yearly
RRULE becomes a rule (``12-12``, ``3rd tuesday of september``, ``last day of february``, with
``since``/``until``); its EXDATE and RDATE become overrides. Events that come back on the same
day every year become a fixed-date rule; any other dated events become overrides of one entry.
Names and descriptions keep their language (the LANGUAGE parameter). Events calendargen derives
itself (milestones, substitute days, the first and last day of a long span) are left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import icalendar

from calendargen.errors import CalgenError, Problem

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
WEEKDAYS = {"MO": "monday", "TU": "tuesday", "WE": "wednesday", "TH": "thursday",
            "FR": "friday", "SA": "saturday", "SU": "sunday"}  # fmt: skip
_OWN_UID = re.compile(
    r"^(?P<id>[a-z0-9-]+?)-(?:(?P<day>\d{8})-(?P<kind>day|milestone|observed|begins|ends)"
    r"|recurring)-[A-Za-z_]+@calendargen$"
)
DERIVED = ("milestone", "observed", "begins", "ends")
MAX_SPAN = 366  # the longest "for N days" a rule takes
NTH = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}


class CalendarFileError(CalgenError):
    """An .ics file that cannot be read."""


@dataclass
class Entry:
    """What the import found for one observance."""

    id: str
    names: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    rule: str | None = None
    eras: list[str] = field(default_factory=list)  # a rule that changed
    days: int = 1
    dates: list[tuple[date, int]] = field(default_factory=list)  # (start, days)
    overrides: dict[int, list[str]] = field(default_factory=dict)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "imported"


def _day(value: Any) -> date:
    moment = value.dt if hasattr(value, "dt") else value
    return moment.date() if isinstance(moment, datetime) else moment


def _length(event: Any, start: date) -> int:
    if event.get("DTEND") is not None:
        return max(1, (_day(event["DTEND"]) - start).days)
    if event.get("DURATION") is not None:
        return max(1, int(event["DURATION"].dt.days))
    return 1


def _text(event: Any, key: str) -> tuple[str, str] | None:
    value = event.get(key)
    if value is None or not str(value).strip():
        return None
    language = value.params.get("LANGUAGE", "en") if hasattr(value, "params") else "en"
    return str(value).strip(), language.replace("-", "_")


def _dates(values: Any) -> list[date]:
    found: list[date] = []
    for value in values if isinstance(values, list) else [values]:
        found += [_day(d) for d in value.dts]
    return found


def _rrule(rule: Any, start: date) -> str | None:
    """A yearly RRULE in calendargen's rule language, or None if it says something else."""
    if rule.get("FREQ") != ["YEARLY"] or rule.get("INTERVAL", [1]) != [1]:
        return None
    months = rule.get("BYMONTH", [start.month])
    if len(months) != 1:
        return None
    month = MONTHS[months[0] - 1]
    monthdays, weekdays = rule.get("BYMONTHDAY"), rule.get("BYDAY")
    if weekdays:
        match = re.fullmatch(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)", str(weekdays[0]))
        if monthdays or len(weekdays) != 1 or not match or int(match[1]) not in NTH:
            return None
        text = f"{NTH[int(match[1])]} {WEEKDAYS[match[2]]} of {month}"
    elif monthdays == [-1]:
        text = f"last day of {month}"
    elif monthdays is None or len(monthdays) == 1:
        text = f"{months[0]:02d}-{(monthdays or [start.day])[0]:02d}"
    else:
        return None
    text += f" since {start.year}"
    if rule.get("UNTIL"):
        text += f" until {_day(rule['UNTIL'][0]).year}"
    return text


def read(data: bytes, display: str) -> list[Entry]:
    """The entries an .ics file holds (one per observance)."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise CalendarFileError(Problem(f"not an iCalendar file: {error}", display)) from None
    entries: dict[str, Entry] = {}
    for event in calendar.walk("VEVENT"):
        if event.get("DTSTART") is None or event.get("SUMMARY") is None:
            continue
        uid = str(event.get("UID", ""))
        own = _OWN_UID.match(uid)
        if own and own["kind"] in DERIVED:
            continue
        summary = _text(event, "SUMMARY")
        assert summary is not None
        entry_id = own["id"] if own else _slug(summary[0])
        entry = entries.setdefault(entry_id, Entry(entry_id))
        entry.names.setdefault(summary[1], summary[0])
        description = _text(event, "DESCRIPTION")
        if description and not own:  # calendargen's own notes are not a description
            entry.descriptions.setdefault(description[1], description[0])
        start = _day(event["DTSTART"])
        days = _length(event, start)
        rrule = event.get("RRULE")
        rule = _rrule(rrule, start) if rrule is not None else None
        if rule is None:
            entry.dates.append((start, days))
            continue
        entry.rule, entry.days = rule, days
        excluded = _dates(event["EXDATE"]) if event.get("EXDATE") else []
        added = _dates(event["RDATE"]) if event.get("RDATE") else []
        for year in sorted({d.year for d in excluded + added}):
            entry.overrides[year] = [d.isoformat() for d in added if d.year == year]
    for entry in entries.values():
        _dated(entry)
        _eras(entry)
    return list(entries.values())


def _eras(entry: Entry) -> None:
    """A fixed date that moved (calendargen writes EXDATE and RDATE for each earlier year) is
    said as two eras: ``["10-27 since 1991 until 2017", "09-27 since 2018"]``."""
    match = re.fullmatch(r"(\d\d-\d\d) since (\d+)( until \d+)?", entry.rule or "")
    years = sorted(entry.overrides)
    if not match or not years or years[0] != int(match[2]):
        return
    earlier = {tuple(entry.overrides[y]) for y in years}
    days = {d[5:] for spans in earlier for d in spans}
    contiguous = years == list(range(years[0], years[-1] + 1))
    if not contiguous or len(days) != 1 or any(len(spans) != 1 for spans in earlier):
        return
    entry.rule = None
    entry.eras = [f"{days.pop()} since {years[0]} until {years[-1]}",
                  f"{match[1]} since {years[-1] + 1}{match[3] or ''}"]  # fmt: skip
    entry.overrides = {}


def _dated(entry: Entry) -> None:
    """Dated events: a fixed-date rule when they come back on one day every year, else
    overrides."""
    if not entry.dates:
        return
    dates = sorted(set(entry.dates))
    years = [d.year for d, _ in dates]
    if entry.rule is None and len(dates) == 1:
        start, days = dates[0]
        end = start + timedelta(days=days - 1)
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):  # declared years
            span = f"years {start.year}-{end.year}" if end.year > start.year else ""
            entry.rule = span or f"year {start.year}"
            return
    same_day = len({(d.month, d.day, n) for d, n in dates}) == 1
    repeats = len(years) > 1 and years == list(range(years[0], years[-1] + 1))
    if entry.rule is None and same_day and repeats and dates[0][1] <= MAX_SPAN:
        first, days = dates[0]
        entry.rule = f"{first.month:02d}-{first.day:02d} since {years[0]}"
        entry.days = days
        return
    for start, days in dates:
        end = start + timedelta(days=days - 1)
        text = start.isoformat() if days == 1 else f"{start.isoformat()}/{end.isoformat()}"
        entry.overrides.setdefault(start.year, []).append(text)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_toml(entries: list[Entry], source: str, categories: tuple[str, ...]) -> str:
    """Catalogue entries as TOML, to review and paste into ``observances/*.toml``."""
    lines = [
        f"# Imported from {source} by calgen import: review every entry, then run calgen check."
    ]
    for entry in sorted(entries, key=lambda e: e.id):
        lines += ["", "[[observance]]", f"id = {_string(entry.id)}"]
        span = f" for {entry.days} days" if entry.days > 1 else ""
        if entry.eras:
            eras = ", ".join(_string(era + span) for era in entry.eras)
            lines.append(f"rule = [{eras}]")
        elif entry.rule:
            lines.append(f"rule = {_string(entry.rule + span)}")
        cats = ", ".join(_string(c) for c in categories)
        lines.append(f"categories = [{cats}]" + ("" if categories else
                     "  # a source (country, UN) and a kind: calgen check lists them"))  # fmt: skip
        for locale, name in sorted(entry.names.items()):
            lines.append(f"name.{locale} = {_string(name)}")
        for locale, text in sorted(entry.descriptions.items()):
            lines.append(f"description.{locale} = {_string(text)}")
        for year, spans in sorted(entry.overrides.items()):
            value = "[" + ", ".join(_string(s) for s in spans) + "]"
            lines.append(f"overrides.{year} = {value}")
        lines.append(f"source.title = {_string(f'Imported from {source}')}")
    return "\n".join(lines) + "\n"
