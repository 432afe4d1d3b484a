"""The Jinja2 side of the site: the environment per locale, its template search path, links.

Templates are looked up in the project's ``templates/`` first, then the shipped ones, so a
project overrides them file by file; the shipped ones are also reachable as ``shipped/NAME``,
so a project's ``home.html`` can ``{% extends "shipped/home.html" %}`` and override one block.
Autoescaping is on for every template. Templates only format: pages hand them ready values.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import ClassVar, NamedTuple

import jinja2

from calendargen.defaults import shipped
from calendargen.errors import BuildError, Problem
from calendargen.i18n import is_rtl, translations
from calendargen.render.jinja import PlainOutputCodeGenerator, once_gettext


class Link(NamedTuple):  # a tuple: every page has dozens, made 2x faster than a dataclass
    """A link to another page."""

    href: str  # relative to the page (absolute for hreflang alternates)
    text: str  # what the link says
    lang: str | None = None  # set when the text is in another language than the page
    current: bool = False  # the language switcher's link to this very page
    hreflang: str | None = None  # the language of the page it leads to


@dataclass(frozen=True)
class Context:
    """A page kind's own values: one frozen dataclass per template, derived from this; the
    template gets its fields as top-level variables, beside ``page``."""

    template: ClassVar[str]  # the template's name, e.g. "home.html"

    def values(self) -> dict[str, object]:
        """The fields by name, as they are (not copied into dicts as ``asdict`` would)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Page:
    """What every template gets as ``page``: the head, the site's navigation and the language
    switcher; the page kind's own values are in ``context``."""

    path: str  # the output path, e.g. "ru/observances/x/index.html"
    template: str  # the template that renders it, e.g. "observance.html"
    locale: str  # the page's locale, e.g. "zh_Hant"
    title: str  # the page's title: its heading, and the start of its <title>
    site_title: str  # the site's title (``title`` in calgen.toml)
    root: str  # the site's root as seen from the page ("../../"), for the site's own files;
    # on 404.html, served at any address, the root itself ("/", or the base URL)
    context: Context  # the page's own values, also given to the template as variables
    languages: list[Link] = field(default_factory=list)  # the switcher: this page elsewhere
    alternates: list[Link] = field(default_factory=list)  # hreflang alternates (base URL)
    nav: list[Link] = field(default_factory=list)  # the site's sections (none on root pages)
    canonical: str | None = None  # the page's absolute address (with a base URL)
    scripts: list[str] = field(default_factory=list)  # relative to the page, loaded deferred

    @property
    def lang(self) -> str:
        """The page's language as a BCP 47 tag ("zh-Hant"), for ``lang``."""
        return html_lang(self.locale)

    @property
    def dir(self) -> str:
        """The writing direction: "rtl" or "ltr"."""
        return "rtl" if is_rtl(self.locale) else "ltr"

    @property
    def stylesheet(self) -> str:
        """The stylesheet's address, from ``root``."""
        return self.root + "style.css"


def html_lang(locale: str) -> str:
    """A BCP 47 tag for ``lang`` and ``hreflang`` (zh_Hant -> zh-Hant)."""
    return locale.replace("_", "-")


@dataclass(frozen=True)
class Linker:
    """Links between pages: relative, so the site works from any path, from disk and under
    ``calgen serve`` even with a base URL; absolute addresses (``absolute``) only where they
    must be: canonical, hreflang, the sitemap, feed subscriptions."""

    base_url: str | None = None

    def href(self, source: str, target: str) -> str:
        """``target`` as seen from the page ``source`` (both relative to the output root)."""
        return "../" * source.count("/") + target

    def absolute(self, target: str) -> str:
        assert self.base_url
        return f"{self.base_url.rstrip('/')}/{target}"


def json_ld(data: object) -> str:
    """JSON for a <script type="application/ld+json"> block, safe against "</script>"."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Renderer:
    """One Jinja2 environment (templates compile once, by a code generator that gives Jinja2's
    text faster, see ``jinja``); the page's locale's translations are installed before each
    page in that locale."""

    def __init__(self, project_templates: Path | None) -> None:
        own = jinja2.FileSystemLoader(str(shipped("templates")))
        loaders: list[jinja2.BaseLoader] = [own, jinja2.PrefixLoader({"shipped": own})]
        if project_templates is not None:
            loaders.insert(0, jinja2.FileSystemLoader(str(project_templates)))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one build: no need to stat template files for every page
        )
        self.env.code_generator_class = PlainOutputCodeGenerator
        self.locale: str | None = None
        self._gettext: dict[str, Callable[..., str]] = {}

    def environment(self, locale: str) -> jinja2.Environment:
        if locale != self.locale:
            messages = translations(locale)
            self.env.install_gettext_translations(messages, newstyle=True)  # type: ignore[attr-defined]
            if locale not in self._gettext:
                self._gettext[locale] = once_gettext(messages.gettext)
            self.env.globals.update(gettext=self._gettext[locale], _=self._gettext[locale])
            self.locale = locale
        return self.env

    def render(self, page: Page) -> str:
        try:
            template = self.environment(page.locale).get_template(page.template)
            return template.render(page=page, **page.context.values())
        except jinja2.TemplateSyntaxError as error:
            where = error.filename or error.name or page.template
            raise BuildError(
                Problem(f"template syntax error: {error.message}", where, line=error.lineno)
            ) from None
        except jinja2.TemplateNotFound as error:
            raise BuildError(
                Problem(
                    f"template not found: {error.name}",
                    hint="templates come from the project's templates/, then calendargen's",
                )
            ) from None
        except jinja2.UndefinedError as error:
            raise BuildError(Problem(f"{page.template}: {error.message}")) from None
        except RecursionError:
            raise BuildError(
                Problem(f"{page.template}: templates extend or include each other in a loop")
            ) from None
        except Exception as error:  # a template is code: its own failure is the user's to fix
            raise BuildError(
                Problem(f"{page.template}: template error: {type(error).__name__}: {error}")
            ) from None
