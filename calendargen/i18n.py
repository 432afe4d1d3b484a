"""Locales and localized text: names with fallback, ordinals, milestone titles, dates.

Interface strings and patterns come from gettext catalogues (``data/locales/L/LC_MESSAGES/
calendargen.po``, read and compiled in memory); ordinals pick their pattern by the CLDR ordinal
category of the number (``Locale.ordinal_form``), so English gets 1st/2nd/3rd/11th and French
1er/2e without a suffix bolted onto another language. What CLDR cannot say is data, one table per
locale in ``data/locales/``: ordinal suffixes by the number's last word (``ordinals.toml``),
ordinals that agree with their noun (``ordinal-forms.toml``, which a pattern selects as
``{ordinal[feminine]}``), the named jubilees of a locale's own tradition (``jubilees.toml``) and
the month and weekday names a language writes in lower case where CLDR capitalises them
(``lowercase.toml``) and the date ranges of a language whose CLDR data has none of its own
(``ranges.toml``).
Every function takes an explicit locale.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path
from typing import Any

import tomli
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, match_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from calendargen.defaults import shipped
from calendargen.model import Occurrence, language, localized, own

DOMAIN = "calendargen"
SHIPPED_LOCALES = (  # complete in data/: every text and interface message
    "en", "ru", "tk", "fr", "es", "ar", "zh", "fa", "tr",
    "hy", "az", "ka", "kk", "uz", "ky", "tg", "ur",
)  # fmt: skip


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
ANNIVERSARY_SINCE = npgettext_noop(
    "anniversary", "{name}: {n} year since {date}", "{name}: {n} years since {date}"
)
ANNIVERSARY_SHORT = pgettext_noop("anniversary", "{ordinal} anniversary")
WITH_JUBILEE = pgettext_noop("anniversary", "{title} ({jubilee})")
EDITION = pgettext_noop("edition", "{ordinal} observance")
OBSERVED = pgettext_noop("observed", "{name} (observed)")


def canonical_locale(code: str) -> str:
    """CLDR's spelling of a locale identifier: ``ru``, ``zh_Hant``, ``pt_BR``."""
    return str(Locale.parse(code.replace("-", "_")))


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


def native_name(locale: str) -> str:
    """The language's name in itself, capitalized as a menu item (русский -> Русский)."""
    return capitalized(locale_of(locale).get_display_name(locale_of(locale)) or locale)


def is_rtl(code: str) -> bool:
    return locale_of(code).text_direction == "rtl"


_project_messages: tuple[Path, ...] = ()  # a project's own .po folders (use_project_messages)


def use_project_messages(folders: tuple[Path, ...]) -> None:
    """Search a project's interface catalogues (``FOLDER/L/LC_MESSAGES/calendargen.po``) before
    calendargen's own: set once per command by the CLI, from ``calgen.toml``'s ``messages``."""
    global _project_messages
    if folders != _project_messages:
        _project_messages = folders
        translations.cache_clear()
        translate.cache_clear()


def message_catalogs(code: str) -> list[Path]:
    """The ``.po`` files that translate ``code``, the project's first, then calendargen's."""
    found = []
    for root in (*_project_messages, shipped("data") / "locales"):
        for candidate in own(code):
            po = root / candidate / "LC_MESSAGES" / f"{DOMAIN}.po"
            if po.is_file():
                found.append(po)
                break
    return found


def _translated(string: object) -> bool:
    forms = string if isinstance(string, tuple) else (string,)
    return bool(forms) and all(isinstance(f, str) and f for f in forms)


def interface_coverage(code: str) -> tuple[int, int, list[Path]]:
    """(messages translated, messages in all, catalogues read) of the interface in ``code``."""
    with (shipped("data") / "locales" / f"{DOMAIN}.pot").open("rb") as handle:
        wanted = {(m.context, str(m.id)) for m in read_po(handle) if m.id}
    done: set[tuple[str | None, str]] = set()
    catalogs = message_catalogs(code)
    for po in catalogs:
        with po.open("rb") as handle:
            catalog = read_po(handle)
        done |= {(m.context, str(m.id)) for m in catalog if m.id and _translated(m.string)}
    if language(code) == "en":
        done = set(wanted)  # the messages are English
    return len(wanted & done), len(wanted), catalogs


def _compiled(po: Path, code: str) -> Translations:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@lru_cache(maxsize=64)
def translations(code: str) -> NullTranslations:
    """The compiled catalogues of ``code`` (or of its language), a project's before
    calendargen's; English (the messages themselves) where none translates a message."""
    catalogs = [_compiled(po, language(code)) for po in message_catalogs(code)]
    if not catalogs:
        return NullTranslations()
    for first, then in itertools.pairwise(catalogs):
        first.add_fallback(then)
    return catalogs[0]


@lru_cache(maxsize=65536)
def translate(message: tuple[str, str], locale: str) -> str:
    context, text = message
    return translations(locale).pgettext(context, text)


@lru_cache(maxsize=8)
def _locale_tables(name: str) -> dict[str, Any]:
    with (shipped("data") / "locales" / name).open("rb") as handle:
        return tomli.load(handle)


def locale_table(name: str, locale: str) -> dict[str, Any]:
    """``locale``'s table in ``data/locales/NAME`` (or its language's), empty if it has none:
    the data of a language's peculiarities (jubilees, ordinals) is kept out of the code."""
    tables = _locale_tables(name)
    return next((tables[c] for c in own(locale) if c in tables), {})


def jubilee(number: int, locale: str) -> str | None:
    """The named jubilee for an anniversary in the locale's tradition ("golden jubilee")."""
    names: dict[str, str] = locale_table("jubilees.toml", locale)
    return names.get(str(number))


@lru_cache(maxsize=65536)
def number(value: int, locale: str) -> str:
    return format_decimal(value, locale=locale_of(locale), numbering_system="default")


@lru_cache(maxsize=65536)
def ordinal(value: int, locale: str, form: str = "", *, year: bool = False) -> str:
    """``21st`` in English, ``21e`` in French: the CLDR category picks the pattern; languages
    whose suffix follows the number's last word (Turkmen, Kazakh, Tajik) say it by the number's
    ending in ``data/locales/ordinals.toml``. Where the ordinal agrees with its noun (Urdu
    دوسرا, دوسرے, دوسری), ``form`` names one of the language's forms in
    ``data/locales/ordinal-forms.toml`` (the first one if empty). A ``year`` is written as a year,
    without a thousands separator (``2019-cu``, not ``2.019-cu``)."""
    written = str(value) if year else number(value, locale)
    forms: dict[str, dict[str, str]] = locale_table("ordinal-forms.toml", locale)
    if forms or form:
        words = _ordinal_form(forms, form, locale)
        return words.get(str(value), words["n"]).format(n=written)
    endings: dict[str, str] = locale_table("ordinals.toml", locale)
    digits = str(value)
    found = max((e for e in endings if digits.endswith(e)), key=len, default=None)
    if found is not None:
        return endings[found].format(n=written)
    category = locale_of(locale).ordinal_form(value)
    return translate(ORDINALS[category], locale).format(n=written)


def _ordinal_form(forms: dict[str, dict[str, str]], form: str, locale: str) -> dict[str, str]:
    if not form and forms:
        return next(iter(forms.values()))
    if form not in forms:
        known = ", ".join(forms) or "none"
        raise KeyError(f"{locale}: no ordinal form {form!r} in ordinal-forms.toml ({known})")
    return forms[form]


@dataclass(frozen=True)
class Ordinal:
    """An ordinal for a pattern: ``{ordinal}`` writes its usual form, ``{ordinal[feminine]}``
    the form that agrees with the noun, in a language that has forms (Urdu)."""

    value: int
    locale: str

    def __str__(self) -> str:
        return ordinal(self.value, self.locale)

    def __getitem__(self, form: str) -> str:
        return ordinal(self.value, self.locale, form)


@dataclass(frozen=True)
class Numeral:
    """A number for a pattern: ``{day}`` writes it, ``{day[ordinal]}`` writes it as an ordinal,
    for languages whose suffix follows the number's sound (Turkmen 6-njy aýyň). A ``year`` is
    written as a year (2019, not 2,019), and as an ordinal for languages that say "the 2019th
    year" (Azerbaijani 2019-cu ildən, Turkmen 2019-njy ýyldan bäri)."""

    value: int
    locale: str
    year: bool = False

    def __str__(self) -> str:
        return str(self.value) if self.year else number(self.value, self.locale)

    def __getitem__(self, key: str) -> str:
        if key != "ordinal":
            kind = "year" if self.year else "number"
            raise KeyError(f"{self.locale}: a {kind} has no {key!r}, only [ordinal]")
        return ordinal(self.value, self.locale, year=self.year)


def _pattern(message: tuple[str, str], locale: str, value: int, **fields: str) -> str:
    return translate(message, locale).format(
        n=number(value, locale), ordinal=Ordinal(value, locale), **fields
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


def anniversary_title(occurrence: Occurrence, locale: str) -> tuple[str, str]:
    """A milestone's title and the locale it is written in, never two languages in one.

    With the origin's ``of`` phrase in ``locale`` (or its language): ``30th anniversary of the
    permanent neutrality of Turkmenistan``. Without it, a neutral form that does not say what
    the anniversary is of: ``Neutrality Day: 30 years since 12 December 1995``, in the
    language of the name; where the name too is missing, the whole title is the English one.
    """
    assert occurrence.anniversary is not None
    value = occurrence.anniversary
    origin = occurrence.observance.origin
    name, name_locale = observance_name(occurrence, locale)
    subject, subject_locale = localized(origin.of, locale) if origin else ("", locale)
    if subject and subject_locale in (*own(locale), name_locale):
        language = subject_locale
        title = _pattern(ANNIVERSARY_OF, language, value, subject=subject)
    else:
        language = name_locale
        since = long_date(origin.date, language) if origin else ""
        title = translations(language).npgettext(*ANNIVERSARY_SINCE, value)
        title = title.format(name=name, n=number(value, language), date=since)
    named = jubilee(value, language)
    if named:
        title = translate(WITH_JUBILEE, language).format(title=title, jubilee=named)
    return title, language


def occurrence_title(occurrence: Occurrence, locale: str) -> tuple[str, str]:
    """The display name of one occurrence and the locale it is written in."""
    if occurrence.milestone and occurrence.anniversary is not None:
        return anniversary_title(occurrence, locale)
    name, name_locale = observance_name(occurrence, locale)
    if occurrence.observed:
        return translate(OBSERVED, name_locale).format(name=name), name_locale
    return name, name_locale


def occurrence_name(occurrence: Occurrence, locale: str) -> str:
    """The display name of one occurrence in ``locale`` (or its fallback)."""
    return occurrence_title(occurrence, locale)[0]


@lru_cache(maxsize=64)
def _names_to_lower(locale: str) -> re.Pattern[str] | None:
    """The month and weekday names CLDR capitalises but ``locale`` writes in lower case inside a
    sentence (``data/locales/lowercase.toml``); narrow names (single letters) are left alone."""
    kinds: list[str] = locale_table("lowercase.toml", locale).get("names", [])
    cldr = locale_of(locale)
    names: set[str] = set()
    for kind in kinds:
        for widths in {"months": cldr.months, "weekdays": cldr.days}[kind].values():
            for width, table in widths.items():
                if width != "narrow":
                    names |= {str(name) for name in table.values() if name != name.lower()}
    if not names:
        return None
    longest_first = sorted(names, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b")


def lower_names(text: str, locale: str, *, opens: bool) -> str:
    """``text`` from CLDR (a date, a weekday) with its month and weekday names in lower case,
    in a language that writes them so inside a sentence: Tajik "12 декабр", not CLDR's
    "12 Декабр". A name at the start keeps its capital if ``text`` ``opens`` a sentence or a
    heading ("Шанбе, 13 декабр 2025"); other languages' text is returned as it is."""
    names = _names_to_lower(locale)
    if names is None:
        return text
    return names.sub(lambda m: m[0] if opens and m.start() == 0 else m[0].lower(), text)


@lru_cache(maxsize=65536)
def capitalized(text: str) -> str:
    """A name as a heading, caption or menu item starts ("январь" -> "Январь")."""
    return text[:1].upper() + text[1:]


def weekday_name(day: date, locale: str) -> str:
    """The weekday, as it stands after a date in headings and lists (lower case where the
    language writes it so)."""
    return _weekday_names(locale)[day.weekday()]


@lru_cache(maxsize=64)
def _weekday_names(locale: str) -> tuple[str, ...]:
    """Monday to Sunday as ``weekday_name`` writes them (1 January 2024 was a Monday)."""
    monday = date(2024, 1, 1)
    return tuple(
        lower_names(format_date(monday + timedelta(days=n), "EEEE", locale=locale_of(locale)),
                    locale, opens=False)
        for n in range(7)
    )  # fmt: skip


@lru_cache(maxsize=65536)
def long_date(day: date, locale: str) -> str:
    return lower_names(
        format_date(day, format="long", locale=locale_of(locale)), locale, opens=True
    )


@lru_cache(maxsize=1024)
def full_date(day: date, locale: str) -> str:
    """The date with its weekday: "Saturday, December 13, 2025"."""
    return lower_names(
        format_date(day, format="full", locale=locale_of(locale)), locale, opens=True
    )


@lru_cache(maxsize=65536)
def date_range(start: date, end: date, locale: str) -> str:
    """``21–22 March 2025``: a range as the locale writes one (one date if a single day).

    A language whose CLDR data has no range of its own (Babel would give it English-shaped
    ranges) says it in ``data/locales/ranges.toml``."""
    if start == end:
        return long_date(start, locale)
    own_patterns: dict[str, list[str]] = locale_table("ranges.toml", locale)
    if own_patterns:
        field = "d" if (start.year, start.month) == (end.year, end.month) else "M"
        first, last = own_patterns[field if start.year == end.year else "y"]
        babel_locale = locale_of(locale)
        text = format_date(start, first, babel_locale) + format_date(end, last, babel_locale)
    else:
        text = format_interval(start, end, _range_skeleton(locale), locale=locale_of(locale))
    return lower_names(text, locale, opens=True)


RANGE_SKELETON = "yMMMMd"  # a range of days: day, month by name, year


@lru_cache(maxsize=64)
def _range_skeleton(locale: str) -> str:
    """The skeleton of the locale's CLDR ranges nearest ``RANGE_SKELETON`` (``yMMMd`` in most),
    matched once: Babel matches a skeleton it lacks again at every call (five times the cost
    of the range itself). With no match, Babel's own fallback is kept."""
    formats = locale_of(locale).interval_formats
    if RANGE_SKELETON in formats:
        return RANGE_SKELETON
    return match_skeleton(RANGE_SKELETON, formats) or RANGE_SKELETON
