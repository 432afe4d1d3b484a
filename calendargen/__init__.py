"""calendargen: anniversary and observance calendars, iCalendar feeds and static sites.

Public names are imported on first use, so that ``calgen --help`` does not load the calendars.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing is not imported at start-up (`calgen --version`)
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"
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
