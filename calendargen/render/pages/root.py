"""The site's root pages, in the first locale: ``index.html``, the language chooser, and
``404.html``, the page a static host serves at any missing address."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from calendargen.render.html import Context, Link, Page, html_lang
from calendargen.render.pages.parts import Parts, page_path


@dataclass(frozen=True)
class LanguagesContext(Context):
    """The language chooser, ``index.html``: no values of its own; ``page.languages`` links
    every language's home page."""

    template: ClassVar[str] = "languages.html"


@dataclass(frozen=True)
class NotFoundContext(Context):
    """The not-found page, ``404.html``: no values of its own; ``page.languages`` links every
    language's home page from the site's root, for the page is served at any address."""

    template: ClassVar[str] = "404.html"


class RootPlanner:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    def pages(self) -> list[Page]:
        """``index.html`` (the language chooser) and ``404.html``, in the first locale."""
        plan, links = self.parts.plan, self.parts.links
        locale = plan.locales[0]
        pages = []
        roots: tuple[tuple[str, Context], ...] = (
            ("index.html", LanguagesContext()),
            ("404.html", NotFoundContext()),
        )
        for path, context in roots:
            # 404.html is served at any address: its links start from the site's root
            root = ""
            if path == "404.html":
                root = links.absolute("") if plan.base_url else "/"
            languages = [
                Link(
                    (root + page_path(other)) if root else links.href(path, page_path(other)),
                    plan.language_names[other],
                    lang=html_lang(other),
                    hreflang=html_lang(other),
                )
                for other in plan.locales
            ]
            page = Page(
                path=path,
                template=context.template,
                locale=locale,
                title=plan.title,
                site_title=plan.title,
                root=root or links.href(path, ""),
                context=context,
                languages=languages,
                canonical=links.absolute(path) if plan.base_url else None,
            )
            pages.append(page)
        return pages
