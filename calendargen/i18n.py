"""Locales and localized text: names with fallback, dates, ordinals; always an explicit locale."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from calendargen.model import Occurrence, localized


@lru_cache(maxsize=64)
def locale_of(code: str) -> Locale:
    """A cached ``babel.Locale`` (``Locale.parse`` is not cached by Babel)."""
    return Locale.parse(code)


def is_rtl(code: str) -> bool:
    return locale_of(code).text_direction == "rtl"


def observance_name(occurrence: Occurrence, locale: str) -> tuple[str, str]:
    """The observance's name in ``locale`` and the locale it is actually in (fallback)."""
    return localized(occurrence.observance.names, locale)


def occurrence_name(occurrence: Occurrence, locale: str) -> str:
    """The display name of one occurrence in ``locale``."""
    return observance_name(occurrence, locale)[0]


@lru_cache(maxsize=65536)
def long_date(day: object, locale: str) -> str:
    return format_date(day, format="long", locale=locale_of(locale))  # type: ignore[arg-type]
