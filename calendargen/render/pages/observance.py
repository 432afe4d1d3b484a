"""An entry's page, ``L/observances/ID/index.html``: its name and where it comes from, its
rule in words, the event its anniversaries count from, related entries, its next dates and
milestones, and its feed."""

from __future__ import annotations

import string
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import ClassVar

from calendargen.i18n import (
    date_range,
    edition_text,
    jubilee,
    long_date,
    occurrence_name,
    ordinal,
    pgettext_noop,
    translate,
)
from calendargen.limits import NEXT_MILESTONES, NEXT_OCCURRENCES
from calendargen.model import Observance, Occurrence, Origin, Source, localized, own
from calendargen.render.feeds import observance_feed_path
from calendargen.render.html import Context, Link, Page, html_lang, json_ld
from calendargen.render.pages.items import Item
from calendargen.render.pages.parts import PageUnit, Parts, page_path
from calendargen.render.related import related_entries
from calendargen.render.subscription import Feed

# The event in the page's language takes the place "anniversary of" gives it (origin.of is
# written to follow it: a genitive in Russian, "de ..." in French); an event shown in another
# language (a fallback) stands apart, after a colon.
ORIGIN_OF = pgettext_noop("origin", "Anniversaries of {event} are counted from {date}.")
ORIGIN_QUOTED = pgettext_noop("origin", "Anniversaries are counted from {date}: {event}.")
ORIGIN_DATE = pgettext_noop("origin", "Anniversaries are counted from {date}.")


@dataclass(frozen=True)
class MilestoneRow:
    """A row of an observance page's milestone table."""

    year: str  # the milestone's year
    dates: str  # its dates: "21 September 2031"
    start: str  # its start, ISO (for <time datetime>)
    number: str  # the ordinal: "30th"
    jubilee: str  # its name where the locale has one, else ""
    estimated: bool  # a computed date not yet announced
    day_off: bool  # the entry's own day that date is a day off
    observed: bool = False  # never: a substitute day has no milestone

    @property
    def marked(self) -> bool:
        """Whether the table shows a badge beside its date (estimated, day off)."""
        return self.estimated or self.day_off


@dataclass(frozen=True)
class Part:
    """A piece of a translated sentence: plain text, or a value the template marks up."""

    text: str  # what it says
    iso: str | None = None  # a date: <time datetime>
    quote: bool = False  # a catalogue text: isolated (<bdi>), with its language when it differs
    lang: str | None = None  # a quoted text's language, when it is not the page's


def sentence(pattern: str, **values: Part) -> list[Part]:
    """The translated ``pattern`` cut at its ``{fields}``, each replaced by its value, so the
    template marks values up in the order the language puts them."""
    parts = []
    for text, field, _, _ in string.Formatter().parse(pattern):
        if text:
            parts.append(Part(text))
        if field is not None:
            parts.append(values[field])
    return parts


@dataclass(frozen=True)
class ObservanceContext(Context):
    """An entry, ``L/observances/ID/index.html``: its name and description, its rule in
    words, what its anniversaries count from, related entries, its next dates and milestones,
    its feed."""

    template: ClassVar[str] = "observance.html"

    name_lang: str | None  # the name's language, when a fallback's differs from the page's
    name_provenance: str | None  # "official" or "translation"; None for an English name
    name_source: Source | None  # where an official name is given
    description: str  # the entry's description ("" without one)
    description_lang: str | None  # its language, when a fallback's differs from the page's
    rules: list[str]  # each era of the rule in words: "every year on 21 September, since 2002"
    origin: list[Part]  # the sentence saying what anniversaries count from (empty: none)
    categories: list[Link]  # the entry's categories that have a page
    same_event: list[Link]  # other entries commemorating the same event
    related: list[Item]  # related entries, at their next date
    sources: tuple[Source, ...]  # where the entry's facts come from
    next: list[Item]  # the next dates (no milestones: see ``milestones``)
    edition: str | None  # the next one's count since the first year observed: "9th observance"
    milestones: list[MilestoneRow]  # the next milestone anniversaries
    feed: Feed | None  # the entry's feed (None: no date in the site's years)
    json_ld: str  # schema.org events of the next dates, JSON for a <script> block


class ObservancePlanner:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts
        plan = parts.plan
        by_id = {o.id: o for o in plan.observances}
        self.same_event: dict[str, list[Observance]] = defaultdict(list)  # origin.same_as
        for observance in plan.observances:
            owner = by_id.get(observance.origin.owner or "") if observance.origin else None
            if owner is not None:
                self.same_event[owner.id].append(observance)
                self.same_event[observance.id].append(owner)
        self.related = related_entries(
            plan.observances, plan.categories, plan.next_days, self.same_event
        )
        self._day_off_dates: dict[str, frozenset[date]] = {}

    def units(self, locale: str, observances: Iterable[Observance]) -> Iterator[PageUnit]:
        """The pages of these entries in one locale, each with the entries it shows."""
        for observance in observances:
            shown = [observance.id, *(o.id for o in self.same_event[observance.id])]
            shown += [o.id for o in self.related.get(observance.id, [])]
            yield (page_path(locale, "observances", observance.id), shown,
                   partial(self.page, observance, locale))  # fmt: skip

    def day_off_dates(self, observance_id: str) -> frozenset[date]:
        """The days the entry's next occurrences are days off (once per entry, not per page):
        a milestone is no day off of its own, but the entry's own day on its date may be."""
        if observance_id not in self._day_off_dates:
            upcoming = self.parts.plan.upcoming[observance_id]
            self._day_off_dates[observance_id] = frozenset(o.start for o in upcoming if o.day_off)
        return self._day_off_dates[observance_id]

    def page(self, observance: Observance, locale: str) -> Page:
        parts = self.parts
        path = page_path(locale, "observances", observance.id)
        name, name_locale = localized(observance.names, locale)
        description, description_locale = localized(observance.descriptions, locale)
        provenance, name_source = observance.provenance("name", name_locale)
        upcoming = parts.plan.upcoming[observance.id]
        regular = [o for o in upcoming if not o.milestone][:NEXT_OCCURRENCES]
        milestones = [o for o in upcoming if o.milestone][:NEXT_MILESTONES]
        origin = observance.origin
        feed = parts.feed(path, observance_feed_path(locale, observance.id), name, locale, qr=True)
        context = ObservanceContext(
            name_lang=None if name_locale == locale else html_lang(name_locale),
            name_provenance=provenance if name_locale != "en" else None,
            name_source=name_source,
            description=description,
            description_lang=(
                None if description_locale == locale else html_lang(description_locale)
            ),
            rules=parts.rule_words(observance, locale),
            origin=self.origin_sentence(origin, locale) if origin else [],
            categories=self.category_links(observance, locale, path),
            same_event=[
                parts.observance_link(other, locale, path)
                for other in self.same_event[observance.id]
            ],
            related=[parts.item(o, locale, path) for o in self.related.get(observance.id, [])],
            sources=observance.sources,
            next=[parts.item(o, locale, path) for o in regular],
            edition=(
                edition_text(regular[0].distinct_edition, locale)
                if regular and regular[0].distinct_edition
                else None
            ),
            milestones=self.milestone_rows(observance, milestones, locale),
            feed=feed,
            json_ld=self.events(path, regular[:3], description, locale),
        )
        scripts = parts.copy_script(path, [feed] if feed else [])
        return parts.page(path, locale, name, context, scripts)

    def milestone_rows(
        self, observance: Observance, milestones: list[Occurrence], locale: str
    ) -> list[MilestoneRow]:
        days_off = self.day_off_dates(observance.id) if milestones else frozenset()
        return [
            MilestoneRow(
                year=str(o.start.year),
                dates=date_range(o.start, o.end, locale),
                start=o.start.isoformat(),
                number=ordinal(o.anniversary or 0, locale),
                jubilee=jubilee(o.anniversary or 0, locale) or "",
                estimated=o.estimated,
                day_off=o.start in days_off,
            )
            for o in milestones
        ]

    def events(self, path: str, shown: list[Occurrence], description: str, locale: str) -> str:
        """The next dates as schema.org events, for search engines."""
        parts = self.parts
        events = [
            {
                "@type": "Event",
                "name": occurrence_name(o, locale),
                "startDate": o.start.isoformat(),
                "endDate": o.end.isoformat(),
                "eventStatus": "https://schema.org/EventScheduled",
                "inLanguage": html_lang(locale),
                **({"description": description} if description else {}),
                **({"url": parts.links.absolute(path)} if parts.plan.base_url else {}),
            }
            for o in shown
        ]
        return json_ld({"@context": "https://schema.org", "@graph": events})

    def origin_sentence(self, origin: Origin, locale: str) -> list[Part]:
        """The sentence "Anniversaries of <the event> are counted from <date>.", in parts."""
        when = Part(long_date(origin.date, locale), iso=origin.date.isoformat())
        event, event_locale = localized(origin.of, locale)
        if not event:
            return sentence(translate(ORIGIN_DATE, locale), date=when)
        if event_locale in own(locale):
            return sentence(translate(ORIGIN_OF, locale), date=when, event=Part(event, quote=True))
        quoted = Part(event, quote=True, lang=html_lang(event_locale))
        return sentence(translate(ORIGIN_QUOTED, locale), date=when, event=quoted)

    def category_links(self, observance: Observance, locale: str, source: str) -> list[Link]:
        """The entry's categories that have a page."""
        categories, parts = self.parts.plan.categories, self.parts
        return [
            Link(
                parts.links.href(source, page_path(locale, "categories", c)),
                categories[c].name(locale),
            )
            for c in observance.categories
            if c in parts.plan.feed_categories
        ]
