"""Plan every page of the static site, one planner per page kind (``render/pages/``), and
the site's other files.

Pages per locale L: ``L/index.html`` (today, the coming weeks, next milestones, subscribe),
``L/YEAR/index.html``, ``L/YEAR/MM/index.html``, ``L/observances/ID/index.html``,
``L/categories/C/index.html``, ``L/subscribe/index.html``, ``L/search/index.html``; and
``index.html`` (language chooser), ``404.html``, ``sitemap.xml`` (with a base URL), the static
files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape

from calendargen.defaults import shipped
from calendargen.model import Observance
from calendargen.plan import BuildPlan
from calendargen.render.html import Page, Renderer
from calendargen.render.pages.category import CategoryPlanner
from calendargen.render.pages.home import HomePlanner
from calendargen.render.pages.observance import ObservancePlanner
from calendargen.render.pages.parts import COPY_SCRIPT, PageUnit, Parts
from calendargen.render.pages.root import RootPlanner
from calendargen.render.pages.search import SearchPlanner
from calendargen.render.pages.subscribe import SubscribePlanner
from calendargen.render.pages.year import YearPlanner

STATIC = ("style.css", "search.js", "filter.js")  # templates/static/ files every site serves


class SitePlanner:
    """The pages of one build, each made when asked for, with the entries it is made from
    (which decide when an incremental build makes it again); the planners share one
    ``Parts``, so a value's words in a locale are made once."""

    def __init__(self, plan: BuildPlan, published: frozenset[str]) -> None:
        self.plan = plan
        self.parts = Parts(plan, published)
        self.renderer = Renderer(plan.templates)
        self.home = HomePlanner(self.parts)
        self.subscribe = SubscribePlanner(self.parts)
        self.search = SearchPlanner(self.parts)
        self.years = YearPlanner(self.parts)
        self.categories = CategoryPlanner(self.parts)
        self.observances = ObservancePlanner(self.parts)
        self.roots = RootPlanner(self.parts)

    def shared_pages(self, locale: str) -> Iterator[PageUnit]:
        """The pages of one locale that list many entries, but for the years' (home,
        subscribe, search, each category), each with the entries it is made from."""
        yield from self.home.units(locale)
        yield from self.subscribe.units(locale)
        yield from self.search.units(locale)
        yield from self.categories.units(locale)

    def year_pages(self, locale: str, year: int) -> Iterator[PageUnit]:
        """A year's page and its months' pages in one locale."""
        return self.years.units(locale, year)

    def entry_pages(self, locale: str, observances: Iterable[Observance]) -> Iterator[PageUnit]:
        """The pages of these entries in one locale, each with the entries it shows."""
        return self.observances.units(locale, observances)

    def forget(self) -> None:
        """Drop what was cached for the pages made so far."""
        self.parts.forget()

    def render(self, page: Page) -> bytes:
        return self.renderer.render(page).encode("utf-8")

    def root_files(self) -> Iterator[tuple[str, bytes]]:
        """The files of the whole site beside the locales' pages: the language chooser,
        ``404.html``, the static files and, with a base URL, the copy script."""
        for page in self.roots.pages():
            yield page.path, self.render(page)
        for name in STATIC:
            yield name, static_file(self.plan, name)
        if self.plan.base_url:  # feed addresses to copy: only a site with a public address has them
            yield COPY_SCRIPT, static_file(self.plan, COPY_SCRIPT)

    def sitemap(self, paths: Iterable[str]) -> str | None:
        """The sitemap of ``paths`` (every page of the build), with a base URL (its addresses
        are absolute)."""
        if not self.plan.base_url:
            return None
        urls = "".join(
            f"  <url><loc>{escape(self.parts.links.absolute(p), quote=False)}</loc></url>\n"
            for p in sorted(paths)
            if p.endswith(".html") and p != "404.html"
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n"
        )


def static_file(plan: BuildPlan, name: str) -> bytes:
    """A file of ``templates/static/``: the project's, or else calendargen's."""
    own = plan.templates / "static" / name if plan.templates else None
    if own is not None and own.is_file():
        return own.read_bytes()
    return (shipped("templates") / "static" / name).read_bytes()
