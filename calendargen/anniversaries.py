"""Anniversary arithmetic and the milestone policy.

An anniversary is counted in whole years from the origin's year; the date of a milestone is the
observance's own date that year (Turkmenistan's Independence Day, proclaimed 27 October 1991 and
celebrated on 27 September since 2018, has its 35th anniversary on 2026-09-27). An anniversary
only entry (an origin and no rule) falls on the origin's day; an origin on 29 February falls on
28 February in common years (the last day of the same month, as most legal systems count years).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MilestonePolicy:
    """Which anniversaries are milestones: every ``every``-th, plus the numbers in ``also``."""

    every: int = 5
    also: tuple[int, ...] = (1,)

    def is_milestone(self, anniversary: int) -> bool:
        if anniversary < 1:
            return False
        return anniversary in self.also or (self.every > 0 and anniversary % self.every == 0)


DEFAULT_POLICY = MilestonePolicy()


def anniversary_date(origin: date, year: int) -> date:
    """The origin's day in ``year``; 29 February becomes 28 February in a common year."""
    if origin.month == 2 and origin.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return origin.replace(year=year)
