"""The rule language: one parser (``parse_era``) and a closed registry of rule kinds."""

from calendargen.rules.base import DateRule, Shift
from calendargen.rules.parser import parse_era, parse_eras

__all__ = ["DateRule", "Shift", "parse_era", "parse_eras"]
