"""What one build renders, computed once: the renderers receive this, not the project.

``build`` reads the configuration and the catalogue, runs the engine and freezes the result
here; everything under ``render/`` takes these values and reads no file, clock or setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from calendargen.model import Category, Observance, Occurrence
from calendargen.recurrence import Recurrence


@dataclass(frozen=True)
class BuildPlan:
    """One build's settings, catalogue and occurrences, ready to render."""

    title: str
    locales: tuple[str, ...]
    window: tuple[int, int]  # first and last year, inclusive
    today: date  # the reference date: "today" on pages, the feeds' first year
    stamp: datetime  # DTSTAMP
    observances: tuple[Observance, ...]
    categories: Mapping[str, Category]  # every category, by id
    feed_categories: tuple[str, ...]  # the categories with a feed and a page, in order
    occurrences: list[Occurrence]  # every occurrence of the window, sorted by start
    upcoming: Mapping[str, list[Occurrence]]  # per entry: its next ones, made when asked
    next_days: Mapping[str, list[Occurrence]]  # per entry: its first day of the next two years
    language_names: Mapping[str, str]  # per locale: its name in itself, for the switcher
    base_url: str | None = None
    templates: Path | None = None  # the project's templates, over the shipped ones
    recurring: Mapping[str, Recurrence] = field(default_factory=dict)  # compact feeds

    @property
    def this_year(self) -> int:
        """The reference year, kept within the window (the year pages link to)."""
        first, last = self.window
        return min(max(self.today.year, first), last)
