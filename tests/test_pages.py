"""The page planners' contexts against the templates and their reference: every page template
has a typed context, uses all of its values and no other, and templates/README.md (what
``calgen init`` writes) lists each value that exists and no other."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from pathlib import Path

import jinja2
import pytest
from jinja2 import meta

from calendargen.defaults import scaffold, shipped
from calendargen.render.html import Page
from calendargen.render.pages.reference import CONTEXTS, readme, value_types

README = scaffold() / "templates" / "README.md"
TRANSLATION = {"_", "gettext", "ngettext", "pgettext", "npgettext"}  # jinja2.ext.i18n's calls


def _names(kind: type) -> set[str]:
    """The fields and properties of a dataclass or named tuple."""
    names = {f.name for f in fields(kind)} if is_dataclass(kind) else set(kind.__annotations__)
    return names | {name for name, value in vars(kind).items() if isinstance(value, property)}


def _listed() -> dict[str, set[str]]:
    """The values README.md lists, by the name in its section's heading."""
    listed: dict[str, set[str]] = {}
    section = ""
    for line in README.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"#+ `([^`]+)`", line)
        if heading:
            section = heading[1]
            listed[section] = set()
        value = re.match(r"\| `(\w+)` \| `", line)
        if value and section:
            listed[section].add(value[1])
    return listed


def test_readme_is_made_from_the_code(update_golden: bool) -> None:
    if update_golden:
        README.write_text(readme(), encoding="utf-8")
    assert README.read_text(encoding="utf-8") == readme(), (
        f"{README} differs from the code's contexts: review, then pytest --update-golden"
    )


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda c: c.template)
def test_readme_lists_every_value_of_each_template(context: type) -> None:
    assert _listed().get(context.template) == _names(context)


def test_readme_lists_every_value_of_page() -> None:
    assert _listed().get("page") == _names(Page)


def test_readme_lists_every_field_of_the_value_types() -> None:
    listed = _listed()
    kinds = value_types()
    assert {"Item", "Link", "Feed", "MonthGrid", "Cell", "Source"} <= {k.__name__ for k in kinds}
    for kind in kinds:
        assert listed.get(kind.__name__) == _names(kind), kind.__name__


def test_every_page_template_has_a_context() -> None:
    templates = {p.name for p in shipped("templates").glob("*.html")}
    assert templates - {"base.html", "macros.html"} == {c.template for c in CONTEXTS}


@pytest.mark.parametrize("context", CONTEXTS, ids=lambda c: c.template)
def test_template_uses_its_values_and_no_other(context: type) -> None:
    """What a shipped template reads is its context's fields and ``page``: no value is
    missing (StrictUndefined would fail the build) and none is made for nothing."""
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    source = (shipped("templates") / context.template).read_text(encoding="utf-8")
    parsed = environment.parse(source)
    imported = {  # macros, which the blocks see as free names
        name if isinstance(name, str) else name[1]
        for node in parsed.find_all(jinja2.nodes.FromImport)
        for name in node.names
    }
    used = meta.find_undeclared_variables(parsed) - TRANSLATION - imported
    assert used == _names(context) | {"page"}


def test_init_writes_the_reference(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from calendargen.cli import main

    result = CliRunner().invoke(main, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "templates" / "README.md").read_text(encoding="utf-8") == readme()
