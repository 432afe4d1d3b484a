"""The site's root pages, in the first locale: ``index.html``, the language chooser, and
``404.html``, the page a static host serves at any missing address."""

from __future__ import annotations

from dataclasses import dataclass

from calendargen.render.html import Context, Link, Page, html_lang, native_name
from calendargen.render.pages.parts import Parts, page_path

ROOT_PAGES = (("index.html", "languages.html"), ("404.html", "404.html"))  # path, template


@dataclass(frozen=True)
class RootContext(Context):
    """``languages.html`` and ``404.html``: no values of their own; ``page.languages`` links
    every language's home page."""


class RootPlanner:
    def __init__(self, parts: Parts) -> None:
        self.parts = parts

    def pages(self) -> list[Page]:
        """``index.html`` (the language chooser) and ``404.html``, in the first locale."""
        plan, links = self.parts.plan, self.parts.links
        locale = plan.locales[0]
        pages = []
        for path, template in ROOT_PAGES:
            # 404.html is served at any address: its links start from the site's root
            root = ""
            if path == "404.html":
                root = links.absolute("") if plan.base_url else "/"
            languages = [
                Link(
                    (root + page_path(other)) if root else links.href(path, page_path(other)),
                    native_name(other),
                    lang=html_lang(other),
                    hreflang=html_lang(other),
                )
                for other in plan.locales
            ]
            page = Page(
                path=path,
                template=template,
                locale=locale,
                title=plan.title,
                site_title=plan.title,
                root=root or links.href(path, ""),
                context=RootContext(),
                languages=languages,
                canonical=links.absolute(path) if plan.base_url else None,
            )
            pages.append(page)
        return pages
