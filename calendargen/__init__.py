"""calendargen: anniversary and observance calendars, iCalendar feeds and static sites."""

from calendargen.anniversaries import MilestonePolicy
from calendargen.engine import expand
from calendargen.errors import CalgenError
from calendargen.loader import Catalogue, load
from calendargen.model import Observance, Occurrence

__all__ = [
    "CalgenError",
    "Catalogue",
    "MilestonePolicy",
    "Observance",
    "Occurrence",
    "expand",
    "load",
]
