"""The faster Jinja2 code generator and gettext give Jinja2's own text: on every page of the
sample site in three locales, and on the template forms where the difference could show
(values that are Markup, dicts, undefined names, autoescaping switched off, blocks whose text
becomes a value)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner
from markupsafe import Markup

from calendargen.cli import main
from calendargen.render import html
from calendargen.render.jinja import PlainOutputCodeGenerator, once_gettext


class _Messages:
    """A translation catalogue of two messages."""

    def gettext(self, message: str) -> str:
        return {"Hello": "Привет <b>мир</b>", "%(n)s days": "%(n)s дней"}.get(message, message)

    def ngettext(self, one: str, many: str, n: int) -> str:
        return one if n == 1 else many

    def pgettext(self, context: str, message: str) -> str:
        return message

    def npgettext(self, context: str, one: str, many: str, n: int) -> str:
        return one if n == 1 else many


def _environment(faster: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"]
    )
    env.install_gettext_translations(_Messages(), newstyle=True)  # type: ignore[attr-defined]
    if faster:
        env.code_generator_class = PlainOutputCodeGenerator
        gettext = once_gettext(_Messages().gettext)
        env.globals.update(gettext=gettext, _=gettext)
    return env


class _Thing:
    name = "<Tom & 'Jerry'>"
    safe = Markup("<em>safe</em>")
    number = 42
    nothing = None

    @property
    def broken(self) -> str:
        raise AttributeError("not here")


FORMS = {
    "text": "{{ thing.name }}|{{ thing.safe }}|{{ thing.number }}|{{ thing.nothing }}",
    "nested": "{{ thing.name.upper() }}{{ things[0].name }}{{ table.inner.name }}",
    "dict": "{{ table.key }}{{ table['key'] }}{% for k, v in table.items() %}{{ k }}{% endfor %}",
    "property raising": "{{ thing.broken is defined }}",
    "macro": "{% macro m(x) %}<i>{{ x }}</i>{% endmacro %}{{ m(thing.name) }}{{ m(m('<')) }}",
    "set block": "{% set x %}{{ thing.name }}{% endset %}{{ x }}{{ x|length }}",
    "filter block": "{% filter upper %}{{ thing.name }}{% endfilter %}",
    "autoescape off": "{% autoescape false %}{{ thing.name }}{{ _('Hello') }}{% endautoescape %}",
    "gettext": "{{ _('Hello') }}{{ gettext('Hello') }}{{ _('%(n)s days', n='<3>') }}"
    "{{ _('50%%') }}",
    "trans": "{% trans n=thing.number %}{{ n }} days{% endtrans %}{% trans %}Hello{% endtrans %}",
    "concat": "{{ thing.name ~ thing.safe }}{{ [thing.name, thing.safe]|join }}",
    "loop": "{% for t in things %}{{ loop.index }}{{ t.name }}{% endfor %}",
    "call": "{% macro box() %}[{{ caller() }}]{% endmacro %}"
    "{% call box() %}{{ thing.name }}{% endcall %}",
}
VALUES = {"thing": _Thing(), "things": [_Thing()], "table": {"key": "<k>", "inner": _Thing()}}


@pytest.mark.parametrize("source", FORMS.values(), ids=FORMS.keys())
def test_forms_give_jinja2s_text(source: str) -> None:
    ours = _environment(True).from_string(source).render(VALUES)
    assert ours == _environment(False).from_string(source).render(VALUES)
    assert ours  # every form prints something


@pytest.mark.parametrize(
    "source", ["{{ thing.missing }}", "{{ nothing.at.all }}", "{{ table.missing }}"]
)
def test_undefined_names_fail_as_in_jinja2(source: str) -> None:
    for faster in (True, False):
        with pytest.raises(jinja2.UndefinedError):
            _environment(faster).from_string(source).render(VALUES)


def test_every_page_of_the_site_is_jinja2s_text(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(main, ["build", "--quiet", "--out", "faster"])
    assert result.exit_code == 0, result.output
    monkeypatch.setattr(html, "PlainOutputCodeGenerator", jinja2.compiler.CodeGenerator)
    monkeypatch.setattr(html, "once_gettext", jinja2.ext._make_new_gettext)
    result = runner.invoke(main, ["build", "--quiet", "--out", "plain", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.relative_to(project / "faster") for p in (project / "faster").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        assert (project / "faster" / page).read_bytes() == (project / "plain" / page).read_bytes()
