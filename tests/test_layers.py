"""The import graph of the package: renderers take values (no arrow from render/ to the
configuration, the loader or the engine), the page planners stand below the site that puts
them together, the rules below the catalogue's model, and no module imports itself back
through others."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "calendargen"
IMPORT = re.compile(r"^\s*from (calendargen(?:\.\w+)*) import", re.MULTILINE)


def _graph() -> dict[str, set[str]]:
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(("calendargen", *path.relative_to(PACKAGE).with_suffix("").parts))
        graph[name.removesuffix(".__init__")] = set(IMPORT.findall(path.read_text()))
    return graph


def test_renderers_and_rules_import_downwards() -> None:
    graph = _graph()
    forbidden = {
        "calendargen.render": ("calendargen.config", "calendargen.loader", "calendargen.engine",
                               "calendargen.build"),
        "calendargen.render.pages": ("calendargen.render.site",),  # the planners, below it
        "calendargen.rules": ("calendargen.model",),
    }  # fmt: skip
    arrows = [
        (module, target)
        for module, targets in graph.items()
        for layer, below in forbidden.items()
        if module.startswith(layer)
        for target in targets
        if target.startswith(below)
    ]
    assert arrows == []


def test_no_import_cycle() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            assert target not in path, " -> ".join([*path, target])
            if target in graph and target not in done:
                visit(target, [*path, target])
        done.add(module)

    for module in sorted(graph):
        visit(module, [module])
