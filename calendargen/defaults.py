"""Where the shipped catalogue and templates are: the one place that knows the layout.

In a source checkout (or an editable install) they are the repository's top-level ``data/`` and
``templates/``; a wheel carries them inside the package as ``calendargen/_shipped/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The shipped folder ``name`` ("data" or "templates")."""
    inside = _PACKAGE / "_shipped" / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def scaffold() -> Path:
    """The files ``calgen init`` copies into a new project."""
    return _PACKAGE / "scaffold"
