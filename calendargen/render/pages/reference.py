"""The template reference, ``templates/README.md`` in a new project (``calgen init`` copies it
from ``calendargen/scaffold/``), made from the code: each template and its page's values (the
fields of its context), the ``page`` every template gets, and the value types they hold.

A value's type is its annotation as written; its meaning is the comment beside it, continued
on the comment lines right below it (a property's: its docstring's first paragraph). A value
without one is an error, so the reference cannot fall silent. ``tests/test_pages.py`` fails
when the shipped file differs from ``readme()``; ``pytest --update-golden`` rewrites it.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import textwrap
import tokenize
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import get_args, get_origin, get_type_hints

from calendargen.render.html import Context, Page
from calendargen.render.pages.category import CategoryContext
from calendargen.render.pages.home import HomeContext
from calendargen.render.pages.observance import ObservanceContext
from calendargen.render.pages.root import LanguagesContext, NotFoundContext
from calendargen.render.pages.search import SearchContext
from calendargen.render.pages.subscribe import SubscribeContext
from calendargen.render.pages.year import MonthContext, YearContext

# Every page kind's context, in the order the reference lists them
CONTEXTS: tuple[type[Context], ...] = (
    HomeContext,
    YearContext,
    MonthContext,
    ObservanceContext,
    CategoryContext,
    SubscribeContext,
    SearchContext,
    LanguagesContext,
    NotFoundContext,
)

MACROS = ("entries", "items", "days", "spans", "month_grid", "filter_form", "feed_links", "badges",
          "sentence", "language_choice")  # fmt: skip

INTRO = """\
# Your templates

A file you put here replaces calendargen's shipped template of the same name; everything else
keeps the shipped look. Start from a copy of the shipped file (`calgen init` does not copy them;
they are in calendargen's `templates/` folder) and change what you need (`L` stands for a
locale: `en`, `ru`, `zh_Hant`...):

| file | page |
| --- | --- |
| `base.html` | the layout of every page; blocks: `title`, `head`, `header`, `content`, `footer` |
{pages}
| `macros.html` | shared pieces: {macros} |
| `static/style.css` | the one stylesheet |
| `static/filter.js` | the country and kind filters of the home, year and month pages |
| `static/search.js` | the search page's search |
| `static/copy.js` | the "Copy address" buttons of feed addresses (with `base_url`) |

To change one block only, extend the shipped file under the `shipped/` prefix, e.g. a
`base.html` of yours that changes the footer of every page:

    {% extends "shipped/base.html" %}
    {% block footer %}<p>Published by us.</p>{% endblock %}

or a `home.html` that adds to the home page's content:

    {% extends "shipped/home.html" %}
    {% block content %}{{ super() }}<p>Our own note.</p>{% endblock %}

Templates are autoescaped; texts go through `{{ _("...") }}` for translation (see the
README's Locales section).

## The values each template gets

Every template gets `page` (its head, the site's sections and the language switcher, listed
at the end); a page's template also gets the page's own values, listed here, as variables.
Values come ready to show: a template formats them, it computes nothing. Types are Python's:
`list[Item]` is a list to loop over, `str | None` may be missing (test it with `{% if %}`),
a `bool` is a yes or no; the named types (`Item`, `Link`...) are described under "Value
types". A value of a named tuple can be unpacked: `{% for link, rule, next in rows %}`.

This file is made from calendargen's code (`calendargen/render/pages/`), so it lists what
this version gives.
"""


def readme() -> str:
    """The whole reference, as ``calgen init`` writes it."""
    pages = "\n".join(f"| `{c.template}` | {_text(c.__doc__)} |" for c in CONTEXTS)
    macros = ", ".join(f"`{name}`" for name in MACROS)
    out = [INTRO.replace("{pages}", pages).replace("{macros}", macros)]
    for context in CONTEXTS:
        out.append(f"\n### `{context.template}`\n\n{_text(context.__doc__)}\n")
        if fields(context):
            out.append(_table(context, "value"))
    out.append(f"\n## `page`: every template\n\n{_text(Page.__doc__)}\n")
    out.append(_table(Page, "value"))
    out.append("\n## Value types\n")
    for kind in sorted(value_types(), key=lambda kind: kind.__name__):
        out.append(f"\n### `{kind.__name__}`\n\n{_text(kind.__doc__)}\n")
        out.append(_table(kind, "field"))
    return "".join(out)


def value_types() -> set[type]:
    """The dataclasses and named tuples the contexts and ``page`` hold, however deep."""
    found: set[type] = set()

    def visit(kind: type) -> None:
        for hint in get_type_hints(kind).values():
            for named in _named(hint):
                if named not in found and not issubclass(named, Context):
                    found.add(named)
                    visit(named)

    for kind in (*CONTEXTS, Page):
        visit(kind)
    return found


def _named(hint: object) -> Iterator[type]:
    """The dataclasses and named tuples in a type: ``Item`` in ``list[Item] | None``."""
    if (
        isinstance(hint, type)
        and get_origin(hint) is None  # list[Item] passes for a type too
        and hint is not tuple
        and (is_dataclass(hint) or issubclass(hint, tuple))
    ):
        yield hint
    for argument in get_args(hint):
        yield from _named(argument)


def values(kind: type) -> list[tuple[str, str, str]]:
    """Each field (then each property) of a dataclass or named tuple: its name, its type as
    written and what it means."""
    annotations, notes = _described(kind)
    names = [f.name for f in fields(kind)] if is_dataclass(kind) else list(kind.__annotations__)
    names += [name for name, value in vars(kind).items() if isinstance(value, property)]
    found = []
    for name in names:
        if not notes.get(name):
            raise ValueError(
                f"{kind.__module__}.{kind.__name__}.{name} has no comment saying what it is: "
                "templates/README.md is made from them"
            )
        found.append((name, annotations[name], notes[name]))
    return found


def _described(kind: type) -> tuple[dict[str, str], dict[str, str]]:
    """The annotations as written and the comments of a class's fields and properties."""
    source = textwrap.dedent(inspect.getsource(kind))
    lines = source.splitlines()
    comments = {
        token.start[0]: token.string.lstrip("#").strip()
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    }
    annotations, notes = {}, {}
    definition = ast.parse(source).body[0]
    assert isinstance(definition, ast.ClassDef)
    for statement in definition.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name, line = statement.target.id, statement.end_lineno or statement.lineno
            said = [comments.get(line, "")]
            while line < len(lines) and lines[line].lstrip().startswith("#"):
                line += 1  # a comment line right below continues the field's
                said.append(comments[line])
            annotations[name] = ast.unparse(statement.annotation)
            notes[name] = " ".join(part for part in said if part)
        elif isinstance(statement, ast.FunctionDef) and _is_property(statement):
            annotations[statement.name] = ast.unparse(statement.returns or ast.Constant(None))
            notes[statement.name] = _text(ast.get_docstring(statement))
    return annotations, notes


def _is_property(function: ast.FunctionDef) -> bool:
    return any(ast.unparse(decorator) == "property" for decorator in function.decorator_list)


def _table(kind: type, heading: str) -> str:
    rows = [f"| {heading} | type | meaning |", "| --- | --- | --- |"]
    for name, annotation, note in values(kind):
        rows.append(f"| `{name}` | `{_cell(annotation)}` | {_cell(_markdown(note))} |")
    return "\n" + "\n".join(rows) + "\n"


def _text(docstring: str | None) -> str:
    """A docstring's first paragraph on one line, in Markdown."""
    paragraph = (inspect.cleandoc(docstring or "")).split("\n\n")[0]
    return _markdown(" ".join(paragraph.split()))


def _markdown(text: str) -> str:
    """A docstring's or comment's text in Markdown: ``code`` and <tags> as `code`."""
    return re.sub(r"(<[^>]+>)", r"`\1`", text.replace("``", "`"))


def _cell(text: str) -> str:
    """Text for a table cell: a "|" would end it, even within `code`."""
    return text.replace("|", "\\|")
