"""Occurrences to iCalendar (RFC 5545, RFC 7986) bytes that every calendar client accepts.

Each event is serialized once per locale and reused by every feed that contains it: a plain
formatter with RFC 5545 TEXT escaping and folding at 75 octets (never inside a UTF-8
character), about twenty times faster than icalendar's object tree, which the tests use to parse
our output back. All-day events are ``DTSTART;VALUE=DATE`` with an exclusive ``DTEND``, free
(``TRANSP:TRANSPARENT``, ``X-MICROSOFT-CDO-BUSYSTATUS:FREE``), without alarms.

A UID is the observance id, the start date, the kind of occurrence and the locale: stable when
the window moves or a name changes, distinct between locales so that two feeds subscribed side
by side never merge. A date that changes (an announced Eid) gets a new UID, so clients replace
the event instead of needing a SEQUENCE.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import chain
from urllib.parse import unquote

from calendargen.i18n import (
    anniversary_short,
    anniversary_title,
    edition_text,
    occurrence_title,
    pgettext_noop,
    translate,
)
from calendargen.model import Observance, Occurrence, Source, localized
from calendargen.recurrence import Recurrence

PRODID = "-//calendargen//calendargen//EN"
UID_DOMAIN = "calendargen"
REFRESH = "P1D"
SOURCE_LABEL = pgettext_noop("ics", "Source: {source}")
PAGE_LABEL = pgettext_noop("ics", "More: {url}")
WITH_COUNTRY = pgettext_noop("ics", "{name} ({country})")
SPAN_BEGINS = pgettext_noop("ics", "{name} begins")
SPAN_ENDS = pgettext_noop("ics", "{name} ends")
LONG_SPAN_DAYS = 31  # longer spans (years, decades) show as their first and last day
ESTIMATED_NOTE = pgettext_noop("ics", "Estimated date: the date observed may differ.")
OBSERVED_NOTE = pgettext_noop("ics", "Substitute day off.")
DAY_OFF_NOTE = pgettext_noop("ics", "Day off.")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped; a colon is not."""
    value = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _inside_escape(encoded: bytes, start: int, cut: int) -> bool:
    """Whether ``cut`` falls right after the backslash of a TEXT escape (``\\n``, ``\\;``...)."""
    backslashes = 0
    while cut - backslashes - 1 >= start and encoded[cut - backslashes - 1] == 0x5C:
        backslashes += 1
    return backslashes % 2 == 1


def fold(line: str) -> str:
    """Fold a content line at 75 octets, CRLF-terminated, never inside a UTF-8 character and
    never between a backslash and the character it escapes (Google Calendar drops an event
    folded there, as icalendar's own bug #1501 showed)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    parts = []
    start, limit = 0, 75  # continuation lines start with a space: 74 octets of content
    while len(encoded) - start > limit:
        cut = start + limit
        while encoded[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back off
            cut -= 1
        if _inside_escape(encoded, start, cut):
            cut -= 1
        parts.append(encoded[start:cut])
        start, limit = cut, 74
    parts.append(encoded[start:])
    return b"\r\n ".join(parts).decode("utf-8") + "\r\n"


def _prop(name: str, value: str, **params: str) -> str:
    head = name + "".join(f";{key}={val}" for key, val in params.items())
    return fold(f"{head}:{value}")


def _date(day: date) -> str:
    return day.isoformat().replace("-", "")  # ISO years have four digits: 0001, 2025


def uid(occurrence: Occurrence, locale: str) -> str:
    kind = "milestone" if occurrence.milestone else "observed" if occurrence.observed else "day"
    return f"{occurrence.id}-{_date(occurrence.start)}-{kind}-{locale}@{UID_DOMAIN}"


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says of itself."""

    name: str
    description: str
    locale: str
    url: str | None = None  # the feed's own absolute URL, when a base URL is configured


@dataclass(frozen=True)
class EventContext:
    """What an event needs besides its occurrence: category names and page URLs, and a cache
    of the lines that repeat across occurrences (an event is rendered per occurrence, but its
    categories, URL and most descriptions are the same every year)."""

    category_names: dict[str, str]
    stamp: datetime
    base_url: str | None = None
    # In feeds of several countries, the country of each entry whose name another country's
    # entry shares ("New Year (Kazakhstan)"): CATEGORIES alone is not shown by Google.
    countries: dict[str, str] = field(default_factory=dict)
    lines: dict[tuple[object, ...], str] = field(default_factory=dict, compare=False)

    def page_url(self, observance: Observance, locale: str) -> str | None:
        if not self.base_url:
            return None
        return f"{self.base_url.rstrip('/')}/{locale}/observances/{observance.id}/"


def _source_text(source: Source) -> str:
    """A source as a reader wants it: reference, title and address (decoded) apart."""
    parts = [source.symbol, source.title, unquote(source.url) if source.url else None]
    return " — ".join(part for part in parts if part)


def _description(
    occurrence: Occurrence | None, observance: Observance, locale: str, context: EventContext,
    full: bool,
) -> str:  # fmt: skip
    """The event's notes; ``full`` adds the entry's description and every source (feeds of one
    observance); aggregate feeds say only what is year-specific, so that they stay under the
    size clients read. With a base URL, the entry's page closes both (Google and Outlook do not
    show URL). Without an occurrence (a recurring event) nothing year-specific is said."""
    lines = []
    text = observance.description(locale) if full else ""
    if text:
        lines.append(text)
    if occurrence is not None:
        if occurrence.anniversary and not occurrence.milestone:  # a milestone's title says it
            lines.append(
                anniversary_title(occurrence, locale)[0]
                if full
                else anniversary_short(occurrence.anniversary, locale)
            )
        if occurrence.distinct_edition and full:
            lines.append(edition_text(occurrence.distinct_edition, locale))
        if occurrence.observed:
            lines.append(translate(OBSERVED_NOTE, locale))
        elif occurrence.day_off:
            lines.append(translate(DAY_OFF_NOTE, locale))
        if occurrence.estimated:
            lines.append(translate(ESTIMATED_NOTE, locale))
    elif observance.day_off:  # a recurring event: its regular days are days off
        lines.append(translate(DAY_OFF_NOTE, locale))
    key = ("references", observance.id, locale, full)  # the same every year: made once
    references = context.lines.get(key)
    if references is None:
        found = [translate(SOURCE_LABEL, locale).format(source=_source_text(source))
                 for source in (observance.sources if full else ())]  # fmt: skip
        page = context.page_url(observance, locale)
        if page:
            found.append(translate(PAGE_LABEL, locale).format(url=page))
        references = context.lines[key] = "\n".join(found)
    if references:
        lines.append(references)
    return "\n".join(lines)


def _summary(summary: tuple[str, str], observance_id: str, locale: str, context: EventContext
             ) -> str:  # fmt: skip
    """The SUMMARY line of a title and its language (from the context's cache)."""
    key = ("summary", observance_id, locale, summary)
    line = context.lines.get(key)
    if line is None:
        text, language = summary
        line = context.lines[key] = _prop("SUMMARY", escape_text(text), LANGUAGE=language)
    return line


def _body(
    summary: str, occurrence: Occurrence | None, observance: Observance, locale: str,
    context: EventContext, full: bool,
) -> str:  # fmt: skip
    """The lines from SUMMARY (the line ``summary``) to END:VEVENT. Repeated lines come from
    the context's cache."""
    cache = context.lines
    estimated = occurrence is not None and occurrence.estimated
    lines = [summary]
    key: tuple[object, ...] = ("description", observance.id, locale, full,
                               *_year_specific(occurrence))  # fmt: skip
    if key not in cache:
        description_locale = localized(observance.descriptions, locale)[1]
        notes = _description(occurrence, observance, locale, context, full)
        cache[key] = notes and _prop(
            "DESCRIPTION",
            escape_text(notes),
            LANGUAGE=description_locale if full and observance.descriptions else locale,
        )
    lines.append(cache[key])
    key = ("tail", observance.id, locale, estimated, full)
    if key not in cache:
        # Aggregate feeds carry no CATEGORIES (Google shows none; a shared name carries its
        # country in the title) and say STATUS only for an estimate: they must stay under 1 MB.
        tail = []
        if full:
            categories = ",".join(
                escape_text(context.category_names.get(c, c)) for c in observance.categories
            )
            tail.append(_prop("CATEGORIES", categories))
        url = context.page_url(observance, locale)
        if url:
            tail.append(_prop("URL", url, VALUE="URI"))
        if full or estimated:
            tail.append(_prop("STATUS", "TENTATIVE" if estimated else "CONFIRMED"))
        tail += [
            "TRANSP:TRANSPARENT\r\n",
            "X-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n",
            "END:VEVENT\r\n",
        ]
        cache[key] = "".join(tail)
    lines.append(cache[key])
    return "".join(lines)


def _year_specific(occurrence: Occurrence | None) -> tuple[object, ...]:
    """What makes one occurrence's description differ from another's of the same entry."""
    if occurrence is None:
        return ()
    anniversary = occurrence.anniversary if not occurrence.milestone else None
    return (
        anniversary, occurrence.distinct_edition, occurrence.observed, occurrence.estimated,
        occurrence.day_off,
    )  # fmt: skip


def _head(uid_text: str, start: date, days: int, context: EventContext) -> str:
    key = ("stamp",)
    if key not in context.lines:
        context.lines[key] = _prop("DTSTAMP", context.stamp.strftime("%Y%m%dT%H%M%SZ"))
    if start.toordinal() + days <= date.max.toordinal():
        end = f"DTEND;VALUE=DATE:{_date(start + timedelta(days=days))}\r\n"
    else:  # the exclusive end of 9999-12-31 is no date: say how long instead
        end = f"DURATION:P{days}D\r\n"
    return (
        "BEGIN:VEVENT\r\n"
        + _prop("UID", uid_text)
        + context.lines[key]
        + f"DTSTART;VALUE=DATE:{_date(start)}\r\n"
        + end
    )


def render_event(
    occurrence: Occurrence, locale: str, context: EventContext, full: bool = True
) -> str:
    """One VEVENT as folded text (CRLF line ends); see ``_description`` for ``full``."""
    days = (occurrence.end - occurrence.start).days + 1
    head = _head(uid(occurrence, locale), occurrence.start, days, context)
    plain = not occurrence.milestone and not occurrence.observed  # titled by its name alone
    key = ("name", occurrence.id, locale, full)
    line = context.lines.get(key) if plain else None
    if line is None:
        title = occurrence_title(occurrence, locale)
        if not full and not occurrence.milestone:
            title = _with_country(title, occurrence.id, context)
        line = _summary(title, occurrence.id, locale, context)
        if plain:
            context.lines[key] = line
    return head + _body(line, occurrence, occurrence.observance, locale, context, full)


def _with_country(summary: tuple[str, str], observance_id: str, context: EventContext
                  ) -> tuple[str, str]:  # fmt: skip
    country = context.countries.get(observance_id)
    if not country:
        return summary
    text, language = summary
    return translate(WITH_COUNTRY, language).format(name=text, country=country), language


def is_long(occurrence: Occurrence) -> bool:
    return (occurrence.end - occurrence.start).days + 1 > LONG_SPAN_DAYS


def render_span_ends(occurrence: Occurrence, locale: str, context: EventContext) -> list[str]:
    """A long span (a year, a decade) as two one-day events, its first and its last day, for
    aggregate feeds: a ten-year all-day event would push every day's events behind "+N more"
    in month views. Its own feed keeps the whole span."""
    name, language = occurrence_title(occurrence, locale)
    events = []
    for day, kind, pattern in ((occurrence.start, "begins", SPAN_BEGINS),
                               (occurrence.end, "ends", SPAN_ENDS)):  # fmt: skip
        summary = (translate(pattern, language).format(name=name), language)
        text_uid = f"{occurrence.id}-{_date(occurrence.start)}-{kind}-{locale}@{UID_DOMAIN}"
        head = _head(text_uid, day, 1, context)
        line = _summary(summary, occurrence.id, locale, context)
        events.append(head + _body(line, occurrence, occurrence.observance, locale, context,
                                   full=False))  # fmt: skip
    return events


def render_recurring(
    observance: Observance, recurrence: Recurrence, locale: str, context: EventContext,
    full: bool = True,
) -> str:  # fmt: skip
    """One recurring VEVENT (RRULE, EXDATE, RDATE) standing for every regular occurrence."""
    head = _head(
        f"{observance.id}-recurring-{locale}@{UID_DOMAIN}",
        recurrence.start,
        recurrence.days,
        context,
    )
    rules = [_prop("RRULE", recurrence.rrule)]
    if recurrence.exdates:
        rules.append(_prop("EXDATE", ",".join(map(_date, recurrence.exdates)), VALUE="DATE"))
    if recurrence.rdates:
        rules.append(_prop("RDATE", ",".join(map(_date, recurrence.rdates)), VALUE="DATE"))
    summary = localized(observance.names, locale)
    if not full:
        summary = _with_country(summary, observance.id, context)
    line = _summary(summary, observance.id, locale, context)
    return head + "".join(rules) + _body(line, None, observance, locale, context, full)


def render_calendar(events: Iterable[str], info: FeedInfo) -> bytes:
    """A VCALENDAR around already-rendered events."""
    name = escape_text(info.name)
    description = escape_text(info.description)
    head = [
        "BEGIN:VCALENDAR\r\n",
        "VERSION:2.0\r\n",
        _prop("PRODID", PRODID),
        "CALSCALE:GREGORIAN\r\n",
        "METHOD:PUBLISH\r\n",
        _prop("NAME", name, LANGUAGE=info.locale),
        _prop("X-WR-CALNAME", name),
        _prop("DESCRIPTION", description, LANGUAGE=info.locale),
        _prop("X-WR-CALDESC", description),
        _prop("REFRESH-INTERVAL", REFRESH, VALUE="DURATION"),
        _prop("X-PUBLISHED-TTL", REFRESH),
    ]
    if info.url:
        head += [_prop("URL", info.url, VALUE="URI"), _prop("SOURCE", info.url, VALUE="URI")]
    return "".join(chain(head, events, ("END:VCALENDAR\r\n",))).encode("utf-8")  # one copy


def render_feed(occurrences: Iterable[Occurrence], info: FeedInfo, context: EventContext) -> bytes:
    """A whole feed from occurrences (for one-off feeds; builds reuse rendered events)."""
    return render_calendar((render_event(o, info.locale, context) for o in occurrences), info)
