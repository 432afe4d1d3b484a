"""calendargen: anniversary and observance calendars, iCalendar feeds and static sites.

Public names are imported on first use, so that ``calgen --help`` does not load the calendars.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    "CalgenError": "calendargen.errors",
    "Catalogue": "calendargen.loader",
    "MilestonePolicy": "calendargen.anniversaries",
    "Observance": "calendargen.model",
    "Occurrence": "calendargen.model",
    "expand": "calendargen.engine",
    "load": "calendargen.loader",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'calendargen' has no attribute {name!r}")
