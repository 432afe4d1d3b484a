"""Expand a catalogue into the occurrences that overlap a date range. Pure: no I/O, no clock."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from operator import attrgetter, itemgetter

from calendargen.anniversaries import DEFAULT_POLICY, MilestonePolicy, anniversary_date
from calendargen.limits import MAX_YEAR, NEXT_MILESTONES, NEXT_OCCURRENCES
from calendargen.model import Observance, Occurrence


def _reach(observance: Observance) -> int:
    """How many years before a range an occurrence can start and still overlap it."""
    reach = 0
    for era in observance.eras:
        crosses = era.days > 1 or era.shifts  # a span or a substitute can reach into January
        reach = max(reach, era.rule.reach_years + (1 if crosses else 0))
    for override in observance.overrides.values():
        for start, end in override.spans:
            reach = max(reach, end.year - start.year)
    return reach


def _occurrences(
    observance: Observance, first: int, last: int, policy: MilestonePolicy
) -> list[Occurrence]:
    """Every occurrence starting in ``first``..``last``, milestones included.

    Anniversaries count years since the origin; nothing a rule gives comes before the origin's
    year, nor before or on its day unless the rule's ``since`` names that year (the event is
    not its own observance: the first Independence Day follows the declaration, but Victory
    Day 1945 was kept on the day); an override is kept as written; an anniversary-only entry
    (no rule) appears in milestone years.
    This is the engine's hot loop: eras are walked by their year ranges, not searched per year.
    """
    overrides = observance.overrides
    origin = observance.origin
    origin_year = origin.date.year if origin is not None else None
    since = observance.first_year if observance.counted else None
    if origin_year is not None:
        first = max(first, origin_year)
    found: list[Occurrence] = []
    append = found.append
    for era in observance.eras:
        low = first if era.since is None else max(first, era.since)
        high = last if era.until is None else min(last, era.until)
        rule, days, shifts = era.rule, era.days, era.shifts
        dates, estimated = rule.dates, rule.estimated
        event_day = observance.event_day(era)
        spans = days != 1 or rule.own_end
        for year in range(low, high + 1):
            if year in overrides:
                continue
            anniversary = (
                year - origin_year if origin_year is not None and year > origin_year else None
            )
            edition = year - since + 1 if since is not None else None
            after = event_day if event_day is not None and year == event_day.year else None
            try:
                for start in dates(year):
                    if after is not None and start <= after:
                        continue  # the event itself, or before it
                    end = rule.end(start, days) if spans else start
                    append(
                        Occurrence(observance, start, end, estimated, False, anniversary, edition)
                    )
                    for shift in shifts:
                        substitute = shift.observed(start)
                        if substitute is not None:
                            append(Occurrence(observance, substitute, substitute, estimated, True,
                                              anniversary, edition))  # fmt: skip
                            break
            except (OverflowError, ValueError):
                continue  # past what a date or a calendar can express (years 1 and 9999)
    for year, override in overrides.items():
        if first <= year <= last:
            anniversary = (
                year - origin_year if origin_year is not None and year > origin_year else None
            )
            edition = year - since + 1 if since is not None else None
            for start, end in override.spans:
                append(Occurrence(observance, start, end, False, False, anniversary, edition))
    if origin is None or origin_year is None or origin.owner is not None:
        return found  # no origin, or another entry marks this event's milestones
    milestones = {n for n in range(1, last - origin_year + 1) if policy.is_milestone(n)}
    if not observance.eras:  # an anniversary-only entry
        for year in range(max(first, origin_year + 1), last + 1):
            if year - origin_year in milestones:
                day = anniversary_date(origin.date, year)
                append(
                    Occurrence(observance, day, day, False, False, year - origin_year, None, True)
                )
        return found
    found += [
        o._replace(milestone=True) for o in found if o.anniversary in milestones and not o.observed
    ]
    return found


def expand(
    observances: Iterable[Observance],
    start: date,
    end: date,
    policy: MilestonePolicy = DEFAULT_POLICY,
) -> list[Occurrence]:
    """Every occurrence (milestones included) that overlaps ``start``..``end`` inclusive,
    sorted by start date, then id."""
    found: list[Occurrence] = []
    last = min(end.year, MAX_YEAR)
    for observance in sorted(observances, key=attrgetter("id")):
        first = max(1, start.year - _reach(observance))
        found += [
            o
            for o in _occurrences(observance, first, last, policy)
            if o.end >= start and o.start <= end
        ]
    # Each observance's list holds its regular occurrences before its milestones, and the lists
    # are joined in id order: a stable sort by start date alone gives (start, id, milestone).
    found.sort(key=itemgetter(1))
    return found


UPCOMING_YEARS = 100  # how far ahead an entry's next occurrences and milestones are sought
CHUNK_YEARS = 10  # the years expanded at a time while looking ahead


def upcoming(
    observance: Observance, start: date, policy: MilestonePolicy = DEFAULT_POLICY
) -> list[Occurrence]:
    """One entry's next occurrences from ``start``, within a century: the first
    ``NEXT_OCCURRENCES``, the first day of each of the first two years that have one, the
    first ``NEXT_MILESTONES`` milestones and the occurrences on their days; sorted as
    ``expand`` sorts. Years are expanded ten at a time until those are found, so that an
    entry does not hold a century of dates."""
    horizon = min(start.year + UPCOMING_YEARS, MAX_YEAR)
    origin = observance.origin
    has_milestones = origin is not None and origin.owner is None
    found: list[Occurrence] = []
    year = start.year
    while year <= horizon:
        last = min(year + CHUNK_YEARS - 1, horizon)
        low = start if year == start.year else date(year, 1, 1)
        found += [
            o
            for o in expand([observance], low, date(last, 12, 31), policy)
            if year == start.year or o.start >= low  # once: not again in a later chunk
        ]
        regular = [o for o in found if not o.milestone]
        years = {o.start.year for o in regular if not o.observed}
        milestones = sum(1 for o in found if o.milestone)
        if (
            len(regular) >= NEXT_OCCURRENCES
            and len(years) >= 2
            and (not has_milestones or milestones >= NEXT_MILESTONES)
        ):
            break
        year = last + 1
    return _next(found)


def _next(found: list[Occurrence]) -> list[Occurrence]:
    """Of an entry's occurrences ahead (sorted), those ``upcoming`` keeps."""
    kept: set[int] = set()
    regular = [i for i, o in enumerate(found) if not o.milestone]
    kept.update(regular[:NEXT_OCCURRENCES])
    first_of_year: dict[int, int] = {}
    for i in regular:
        if not found[i].observed and len(first_of_year) < 2:
            first_of_year.setdefault(found[i].start.year, i)
    kept.update(first_of_year.values())
    milestones = [i for i, o in enumerate(found) if o.milestone][:NEXT_MILESTONES]
    kept.update(milestones)
    days = {found[i].start for i in milestones}
    kept.update(i for i in regular if found[i].start in days)
    return [found[i] for i in sorted(kept)]


def first_days(upcoming: Sequence[Occurrence], years: int) -> list[Occurrence]:
    """The first occurrence of each of the first ``years`` years that have one, neither a
    milestone nor a substitute day (a holiday a decree split in two counts once)."""
    firsts: dict[int, Occurrence] = {}
    for occurrence in upcoming:  # sorted by start
        if not occurrence.milestone and not occurrence.observed:
            firsts.setdefault(occurrence.start.year, occurrence)
            if len(firsts) == years:
                break
    return list(firsts.values())


class Upcoming(Mapping[str, list[Occurrence]]):
    """Each entry's ``upcoming`` occurrences by id, made when first asked for; only the most
    recently asked are kept, so that a catalogue of any size holds few of them at a time."""

    def __init__(
        self, observances: Iterable[Observance], start: date, policy: MilestonePolicy, keep: int
    ) -> None:
        self._observances = {o.id: o for o in observances}
        self._start = start
        self._policy = policy
        self._keep = keep
        self._made: OrderedDict[str, list[Occurrence]] = OrderedDict()

    def __getitem__(self, observance_id: str) -> list[Occurrence]:
        found = self._made.get(observance_id)
        if found is None:
            observance = self._observances[observance_id]
            found = self._made[observance_id] = upcoming(observance, self._start, self._policy)
            if len(self._made) > self._keep:
                self._made.popitem(last=False)
        else:
            self._made.move_to_end(observance_id)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._observances)

    def __len__(self) -> int:
        return len(self._observances)
