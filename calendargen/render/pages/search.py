"""The search page of a locale, ``L/search/index.html``: Pagefind's search over every entry's
name (by search.js) and, without JavaScript or before it loads, every entry A to Z."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import ClassVar, NamedTuple

from calendargen.i18n import translate
from calendargen.render.html import Context, Link, Page
from calendargen.render.pages.parts import NAV_SEARCH, PageUnit, Parts, page_path
from calendargen.reuse import EVERY


class SearchEntry(NamedTuple):
    """An entry of the A-to-Z list: ``{% for id, link, where in entries %}``."""

    id: str  # the entry's id, which the search index's results name
    link: Link  # its page
    where: str  # its source categories: "Turkmenistan", "United Nations"


@dataclass(frozen=True)
class SearchContext(Context):
    """Search, ``L/search/index.html``: a search over every entry's name (by
    ``static/search.js``) and, without JavaScript, every entry A to Z."""

    template: ClassVar[str] = "search.html"

    entries: list[SearchEntry]  # every entry, A to Z in the page's language


class SearchPlanner:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    def units(self, locale: str) -> Iterator[PageUnit]:
        yield page_path(locale, "search"), EVERY, partial(self.page, locale)

    def page(self, locale: str) -> Page:
        parts = self.parts
        path = page_path(locale, "search")
        entries = [
            SearchEntry(o.id, parts.observance_link(o, locale, path), parts.where(o, locale))
            for o in parts.plan.observances
        ]
        entries.sort(key=lambda entry: (entry.link.text.casefold(), entry.id))
        context = SearchContext(entries=entries)
        return parts.page(path, locale, translate(NAV_SEARCH, locale), context)
