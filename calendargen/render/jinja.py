"""Jinja2 made cheaper per page, with the same text: rendering the default site's 10,236 pages
took 5.0 s, half of it in Jinja2's general machinery rather than in the pages; it takes 2.3 s
so (the equality is tested on every page of a site and on the forms where it could differ).

- The code generator escapes an output value to a plain string. Jinja2 makes each one a
  ``Markup``, but the pieces of a template's output are only ever joined (a macro's or a
  block's text becomes ``Markup`` after the join), so the type is never seen.
- ``a.b`` looks the attribute up inline; only when there is none does it call
  ``environment.getattr`` (item lookup, undefined).
- ``_()`` and ``gettext()``: a message without variables is translated and formatted once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
import markupsafe
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import EvalContext, Getattr, Template
from markupsafe import Markup

# MarkupSafe 3's C function behind ``escape``, without the ``Markup`` around its text
_escaped: Callable[[str], str] = getattr(markupsafe, "_escape_inner", None) or (
    lambda text: str(markupsafe.escape(text))
)

MISSING = object()  # no such attribute: Jinja2's own lookup decides


def output(value: object) -> str:
    """A value printed by ``{{ }}`` with autoescaping: ``markupsafe.escape``'s text."""
    if value.__class__ is str:
        return _escaped(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return html()  # type: ignore[no-any-return]
    return _escaped(str(value))


class PlainOutputCodeGenerator(CodeGenerator):
    """Jinja2's code generator, with outputs escaped to plain strings and inline attribute
    lookups (see the module's docstring); an async environment keeps Jinja2's code."""

    def visit_Template(self, node: Template, frame: Frame | None = None) -> None:
        self.writeline(f"from {__name__} import output as _cg_output, MISSING as _cg_missing")
        super().visit_Template(node, frame)

    def _output_child_pre(self, node: Any, frame: Frame, finalize: Any) -> None:
        ctx = frame.eval_ctx
        if ctx.autoescape and not ctx.volatile and finalize.src is None:
            self.write("_cg_output(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def visit_Getattr(self, node: Getattr, frame: Frame) -> None:
        if self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        # the object is evaluated once (``_cg_o``), for the fallback too
        self.write("(_cg_v if (_cg_v := getattr((_cg_o := ")
        self.visit(node.node, frame)
        self.write(
            f"), {node.attr!r}, _cg_missing)) is not _cg_missing"
            f" else environment.getattr(_cg_o, {node.attr!r}))"
        )


def once_gettext(translate: Callable[[str], str]) -> Callable[..., str]:
    """The ``gettext`` of Jinja2's i18n extension in its newstyle (the message is a format
    string, ``Markup`` when autoescaping), with a message without variables made once."""
    made: dict[tuple[str, bool], str] = {}

    @jinja2.pass_eval_context
    def gettext(eval_ctx: EvalContext, string: str, /, **variables: object) -> str:
        if variables:
            text = translate(string)
            return (Markup(text) if eval_ctx.autoescape else text) % variables
        key = (string, eval_ctx.autoescape)
        found = made.get(key)
        if found is None:
            text = translate(string)
            found = made[key] = (Markup(text) if eval_ctx.autoescape else text) % {}
        return found

    return gettext
