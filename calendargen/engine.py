"""Expand a catalogue into the occurrences that overlap a date range. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from calendargen.anniversaries import (
    DEFAULT_POLICY,
    MilestonePolicy,
    anniversary_date,
    years_since,
)
from calendargen.model import Observance, Occurrence
from calendargen.rules.base import MAX_YEAR


def _reach(observance: Observance) -> int:
    """How many years before a range an occurrence can start and still overlap it."""
    reach = 0
    for era in observance.eras:
        reach = max(reach, era.rule.reach_years + (1 if era.days > 1 else 0))
    for override in observance.overrides.values():
        for start, end in override.spans:
            reach = max(reach, end.year - start.year)
    return reach


def _year_occurrences(observance: Observance, year: int) -> Iterator[Occurrence]:
    """The occurrences that start in ``year``, before milestones are added."""
    override = observance.overrides.get(year)
    if override is not None:
        for start, end in override.spans:
            yield Occurrence(observance, start, end)
        return
    era = next((era for era in observance.eras if era.covers(year)), None)
    if era is None or (observance.origin is not None and year < observance.origin.date.year):
        return  # nothing before the commemorated event, whatever the rule says
    estimated = era.rule.estimated
    for start in era.rule.dates(year):
        yield Occurrence(observance, start, era.rule.end(start, era.days), estimated=estimated)
        for shift in era.shifts:
            substitute = shift.observed(start)
            if substitute is not None:
                yield Occurrence(observance, substitute, substitute, estimated, observed=True)
                break


def _with_numbers(
    observance: Observance, occurrences: list[Occurrence], year: int, policy: MilestonePolicy
) -> Iterator[Occurrence]:
    """Add anniversary and edition numbers, and a milestone occurrence in milestone years."""
    first_year = observance.first_year
    edition = year - first_year + 1 if first_year is not None else None
    anniversary = years_since(observance.origin.date, year) if observance.origin else None
    numbered = [replace(o, anniversary=anniversary, edition=edition) for o in occurrences]
    yield from numbered
    if anniversary is None or not policy.is_milestone(anniversary):
        return
    if not observance.eras and observance.origin is not None:  # an anniversary-only entry
        day = anniversary_date(observance.origin.date, year)
        yield Occurrence(observance, day, day, anniversary=anniversary, milestone=True)
        return
    for occurrence in numbered:
        if not occurrence.observed:
            yield replace(occurrence, milestone=True)


def expand(
    observances: Iterable[Observance],
    start: date,
    end: date,
    policy: MilestonePolicy = DEFAULT_POLICY,
) -> list[Occurrence]:
    """Every occurrence (milestones included) that overlaps ``start``..``end`` inclusive,
    sorted by start date, then id."""
    found: list[Occurrence] = []
    for observance in observances:
        first = max(1, start.year - _reach(observance))
        for year in range(first, min(end.year, MAX_YEAR) + 1):
            occurrences = list(_year_occurrences(observance, year))
            if not occurrences and observance.eras:
                continue
            for occurrence in _with_numbers(observance, occurrences, year, policy):
                if occurrence.end >= start and occurrence.start <= end:
                    found.append(occurrence)
    found.sort(key=lambda o: o.sort_key)
    return found
