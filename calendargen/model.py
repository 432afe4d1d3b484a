"""The catalogue as frozen data: observances, their eras and the occurrences they produce."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from babel import Locale

if TYPE_CHECKING:
    from calendargen.rules.base import Era

FALLBACK_LOCALE = "en"


def language(locale: str) -> str:
    """``zh`` for ``zh_Hant``: the language a locale falls back to."""
    return locale.split("_")[0]


def own(locale: str) -> tuple[str, str]:
    """The locales whose texts are in ``locale``'s language: itself, then its language."""
    return locale, language(locale)


def localized(texts: dict[str, str], locale: str) -> tuple[str, str]:
    """The text for ``locale`` (falling back from ``zh_Hant`` to ``zh``, then to English).

    Returns ``(text, locale_of_text)`` so callers can mark a fallback with its language. This is
    the one fallback of the catalogue's texts; interface messages fall back in ``i18n``.
    """
    text = texts.get(locale)  # most often there: a build asks a million times
    if text is not None:
        return text, locale
    for candidate in (*own(locale), FALLBACK_LOCALE):
        if candidate in texts:
            return texts[candidate], candidate
    if texts:
        first = sorted(texts)[0]
        return texts[first], first
    return "", FALLBACK_LOCALE


@dataclass(frozen=True)
class Category:
    """A feed and a filter: a source (the UN, a country) or a kind (public holiday...)."""

    id: str
    type: str
    names: dict[str, str]
    territory: str | None = None  # a CLDR territory code: names in every locale from CLDR
    day_off: bool = False  # a kind whose days are days off (public holidays, decreed days off)
    working_day: bool = False  # a kind whose days are working days (weekend days made working)

    def name(self, locale: str) -> str:
        text, text_locale = localized(self.names, locale)
        if text_locale in own(locale):
            return text
        if self.territory:
            return _territory_name(locale, self.territory) or self.names["en"]
        return text


@lru_cache(maxsize=4096)
def _territory_name(locale: str, territory: str) -> str | None:
    """CLDR's name of a territory in ``locale``, looked up once (Babel parses the locale anew
    at every call: 2% of a build)."""
    name: str | None = Locale.parse(locale).territories.get(territory)
    return name


def sources_of(observance: Observance, categories: Mapping[str, Category]) -> list[str]:
    """The entry's source categories (its country, the UN), in the entry's order."""
    return [c for c in observance.categories if categories[c].type == "source"]


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a document symbol (A/RES/71/275), a title, a URL."""

    symbol: str | None = None  # a document symbol: "A/RES/71/275"
    title: str | None = None  # the document's title
    url: str | None = None  # where to read it
    kind: str | None = None  # resolution, law, decree, official, press, secondary

    def __str__(self) -> str:
        return " ".join(part for part in (self.symbol, self.title, self.url) if part)


@dataclass(frozen=True)
class Override:
    """An announced date that replaces the computed one for a year (empty: not held)."""

    spans: tuple[tuple[date, date], ...]


@dataclass(frozen=True)
class Origin:
    """The event an observance commemorates; anniversaries are counted from it."""

    date: date
    of: dict[str, str] = field(default_factory=dict)  # "Nth anniversary <of>" per locale
    source: Source | None = None
    # The entry that marks this event's milestones, when another entry commemorates the same
    # event (origin.same_as): one milestone per event and date, not one per entry.
    owner: str | None = None


@dataclass(frozen=True)
class Observance:
    """One catalogue entry, validated."""

    id: str
    names: dict[str, str]
    eras: tuple[Era, ...]
    categories: tuple[str, ...]
    sources: tuple[Source, ...]
    descriptions: dict[str, str] = field(default_factory=dict)
    origin: Origin | None = None
    overrides: dict[int, Override] = field(default_factory=dict)
    file: str = ""
    # Where a text is quoted from, for official texts ("name.ru" -> the law or UN page); any
    # other text outside English is a translation (docs/catalogue.md, "Translations").
    official: dict[str, Source] = field(default_factory=dict)
    day_off: bool = False  # its days are days off in its country (from its kind's category)
    # Whether its occurrences count editions from its first year: not where that year is only
    # the first one a source supports (``edition = false``), as for a feast far older.
    counted: bool = True

    def name(self, locale: str) -> str:
        return localized(self.names, locale)[0]

    def description(self, locale: str) -> str:
        return localized(self.descriptions, locale)[0]

    def provenance(self, key: str, locale: str) -> tuple[str, Source | None]:
        """Whether the text ``key`` (name, description, origin.of) in ``locale`` is the
        catalogue's ``original`` (English), ``official`` (with its source) or a
        ``translation``."""
        if locale == FALLBACK_LOCALE:
            return "original", None
        source = self.official.get(f"{key}.{locale}")
        return ("official", source) if source else ("translation", None)

    @property
    def first_year(self) -> int | None:
        """The first year observed, when the rule says (``since``)."""
        return self.eras[0].since if self.eras else None

    def event_day(self, era: Era) -> date | None:
        """The origin's day, on and before which ``era`` gives no date (the commemorated event
        is not its own observance: the first Independence Day follows the declaration); None
        without an origin, or when the era's ``since`` names the origin's year (Victory Day
        1945 was kept on the day)."""
        origin = self.origin
        if origin is None or (era.since is not None and era.since >= origin.date.year):
            return None
        return origin.date


class Occurrence(NamedTuple):
    """One dated instance of an observance; ``end`` is inclusive.

    A named tuple rather than a frozen dataclass: the engine makes tens of thousands of these
    per build, and a tuple is built three times faster.
    """

    observance: Observance
    start: date
    end: date
    estimated: bool = False
    observed: bool = False  # a substitute day off given by an observed-day shift
    anniversary: int | None = None  # years since the origin
    edition: int | None = None  # 1 for the first year observed
    milestone: bool = False

    @property
    def id(self) -> str:
        return self.observance.id

    @property
    def categories(self) -> tuple[str, ...]:
        return self.observance.categories

    @property
    def day_off(self) -> bool:
        """A day off in its country: a public holiday, its substitute, a decreed day off (a
        milestone only marks the anniversary of a day listed on its own)."""
        return self.observance.day_off and not self.milestone

    @property
    def distinct_edition(self) -> int | None:
        """The edition, when it is a second baseline worth showing beside the anniversary
        (first observed in another year than the event it commemorates)."""
        origin = self.observance.origin
        if self.edition is None or (origin and self.observance.first_year == origin.date.year):
            return None
        return self.edition

    @property
    def sort_key(self) -> tuple[date, str, bool, bool]:
        return (self.start, self.observance.id, self.milestone, self.observed)
