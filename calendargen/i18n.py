"""Locales and localized text: names with fallback, ordinals, milestone titles, dates.

Interface strings and patterns come from gettext catalogues (``data/locales/L/LC_MESSAGES/
calendargen.po``, read and compiled in memory); ordinals pick their pattern by the CLDR ordinal
category of the number (``Locale.ordinal_form``), so English gets 1st/2nd/3rd/11th and French
1er/2e without a suffix bolted onto another language. Named jubilees are data
(``data/locales/jubilees.toml``): a locale names only the jubilees of its own tradition.
Every function takes an explicit locale.
"""

from __future__ import annotations

import io
import tomllib
from datetime import date
from functools import lru_cache
from gettext import NullTranslations

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from calendargen.defaults import shipped
from calendargen.model import Occurrence, localized

DOMAIN = "calendargen"


def pgettext_noop(context: str, message: str) -> tuple[str, str]:
    """Mark a message for extraction; it is translated later with its context."""
    return context, message


def npgettext_noop(context: str, singular: str, plural: str) -> tuple[str, str, str]:
    """Mark a plural message for extraction; translated later with ``npgettext``."""
    return context, singular, plural


ORDINALS = {
    "zero": pgettext_noop("ordinal:zero", "{n}th"),
    "one": pgettext_noop("ordinal:one", "{n}st"),
    "two": pgettext_noop("ordinal:two", "{n}nd"),
    "few": pgettext_noop("ordinal:few", "{n}rd"),
    "many": pgettext_noop("ordinal:many", "{n}th"),
    "other": pgettext_noop("ordinal:other", "{n}th"),
}
ANNIVERSARY_OF = pgettext_noop("anniversary", "{ordinal} anniversary of {subject}")
ANNIVERSARY_NAMED = pgettext_noop("anniversary", "{name}: {ordinal} anniversary")
ANNIVERSARY_SHORT = pgettext_noop("anniversary", "{ordinal} anniversary")
WITH_JUBILEE = pgettext_noop("anniversary", "{title} ({jubilee})")
EDITION = pgettext_noop("edition", "{ordinal} observance")
OBSERVED = pgettext_noop("observed", "{name} (observed)")


def valid_locale(code: str) -> bool:
    """Whether CLDR (through Babel) knows ``code``."""
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=64)
def locale_of(code: str) -> Locale:
    """A cached ``babel.Locale`` (``Locale.parse`` is not cached by Babel)."""
    return Locale.parse(code)


def is_rtl(code: str) -> bool:
    return locale_of(code).text_direction == "rtl"


@lru_cache(maxsize=64)
def translations(code: str) -> NullTranslations:
    """The compiled catalogue of ``code`` (or of its language), else the English identity."""
    for candidate in (code, code.split("_")[0]):
        po = shipped("data") / "locales" / candidate / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=candidate)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(buffer, domain=DOMAIN)
    return NullTranslations()


def translate(message: tuple[str, str], locale: str) -> str:
    context, text = message
    return translations(locale).pgettext(context, text)


@lru_cache(maxsize=1)
def _jubilees() -> dict[str, dict[int, str]]:
    with (shipped("data") / "locales" / "jubilees.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {locale: {int(n): name for n, name in table.items()} for locale, table in data.items()}


def jubilee(number: int, locale: str) -> str | None:
    """The named jubilee for an anniversary in the locale's tradition ("golden jubilee")."""
    table = _jubilees().get(locale) or _jubilees().get(locale.split("_")[0], {})
    return table.get(number)


@lru_cache(maxsize=65536)
def number(value: int, locale: str) -> str:
    return format_decimal(value, locale=locale_of(locale), numbering_system="default")


@lru_cache(maxsize=65536)
def ordinal(value: int, locale: str) -> str:
    """``21st`` in English, ``21e`` in French: the CLDR category picks the pattern."""
    category = locale_of(locale).ordinal_form(value)
    return translate(ORDINALS[category], locale).format(n=number(value, locale))


def _pattern(message: tuple[str, str], locale: str, value: int, **fields: str) -> str:
    return translate(message, locale).format(
        n=number(value, locale), ordinal=ordinal(value, locale), **fields
    )


def anniversary_short(value: int, locale: str) -> str:
    """``30th anniversary``: for lists where the name stands beside it."""
    return _pattern(ANNIVERSARY_SHORT, locale, value)


def edition_text(value: int, locale: str) -> str:
    """``9th observance``: the count from the first year observed."""
    return _pattern(EDITION, locale, value)


def observance_name(occurrence: Occurrence, locale: str) -> tuple[str, str]:
    """The observance's name in ``locale`` and the locale it is actually in (fallback)."""
    return localized(occurrence.observance.names, locale)


def anniversary_title(occurrence: Occurrence, locale: str) -> str:
    """``30th anniversary of the permanent neutrality of Turkmenistan``, in ``locale``.

    Uses the origin's ``of`` phrase when the entry has one in this locale (or its language);
    otherwise the observance's name: ``Permanent Neutrality Day: 30th anniversary``.
    """
    assert occurrence.anniversary is not None
    value = occurrence.anniversary
    origin = occurrence.observance.origin
    subject = None
    if origin is not None:
        subject = origin.of.get(locale) or origin.of.get(locale.split("_")[0])
    if subject:
        title = _pattern(ANNIVERSARY_OF, locale, value, subject=subject)
    else:
        name = observance_name(occurrence, locale)[0]
        title = _pattern(ANNIVERSARY_NAMED, locale, value, name=name)
    named = jubilee(value, locale)
    return translate(WITH_JUBILEE, locale).format(title=title, jubilee=named) if named else title


def occurrence_name(occurrence: Occurrence, locale: str) -> str:
    """The display name of one occurrence in ``locale``."""
    if occurrence.milestone and occurrence.anniversary is not None:
        return anniversary_title(occurrence, locale)
    name = observance_name(occurrence, locale)[0]
    if occurrence.observed:
        return translate(OBSERVED, locale).format(name=name)
    return name


@lru_cache(maxsize=65536)
def weekday_name(day: date, locale: str) -> str:
    return format_date(day, "EEEE", locale=locale_of(locale))


@lru_cache(maxsize=65536)
def long_date(day: date, locale: str) -> str:
    return format_date(day, format="long", locale=locale_of(locale))


@lru_cache(maxsize=65536)
def date_range(start: date, end: date, locale: str) -> str:
    """``21–22 March 2025``: a range as the locale writes one (one date if a single day)."""
    if start == end:
        return long_date(start, locale)
    skeleton = "yMMMMd"
    return format_interval(start, end, skeleton, locale=locale_of(locale))
