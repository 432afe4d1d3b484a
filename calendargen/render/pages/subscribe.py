"""The subscribe page of a locale, ``L/subscribe/index.html``: every aggregate feed, with QR
codes, and how to subscribe in each kind of calendar app."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from calendargen.i18n import translate
from calendargen.render.feeds import ALL_FEED, MILESTONE_FEED, category_feed_path, feed_paths
from calendargen.render.html import Context, Page
from calendargen.render.pages.parts import NAV_SUBSCRIBE, PageUnit, Parts, page_path
from calendargen.render.subscription import Feed


@dataclass(frozen=True)
class SubscribeContext(Context):
    """Every feed, ``L/subscribe/index.html``: the main feeds and one per category (an
    entry's own feed is on its page), and how to subscribe in each kind of calendar app."""

    template: ClassVar[str] = "subscribe.html"

    feeds: list[Feed]  # the feeds of every entry and of the milestones
    category_feeds: list[Feed]  # a feed per category, in the configured order
    has_base_url: bool  # whether the site has a public address (else feeds are downloads)


class SubscribePlanner:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    def units(self, locale: str) -> Iterator[PageUnit]:
        yield page_path(locale, "subscribe"), (), partial(self.page, locale)

    def page(self, locale: str) -> Page:
        parts, plan = self.parts, self.parts.plan
        path = page_path(locale, "subscribe")
        all_path, milestone_path = feed_paths(locale)
        feeds = parts.feeds(
            locale,
            (path, all_path, translate(ALL_FEED, locale)),
            (path, milestone_path, translate(MILESTONE_FEED, locale)),
            qr=True,
        )
        category_feeds = parts.feeds(
            locale,
            *(
                (path, category_feed_path(locale, c), plan.categories[c].name(locale))
                for c in plan.feed_categories
            ),
            qr=True,  # a country's feed is the one a phone most often wants
        )
        context = SubscribeContext(
            feeds=feeds, category_feeds=category_feeds, has_base_url=bool(plan.base_url)
        )
        title = translate(NAV_SUBSCRIBE, locale)
        scripts = parts.copy_script(path, feeds + category_feeds)
        return parts.page(path, locale, title, context, scripts)
