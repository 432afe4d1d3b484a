"""Which entries an observance page links as related: a definition a reader can predict.

Two entries are related through their *next day*: the first occurrence from today that is
neither a milestone nor a substitute day (the date the page leads with). Entry ``B`` is related
to entry ``A`` when ``B`` is not ``A`` and not already linked as the same event
(``origin.same_as``), and either

1. both are days off of a shared source category (one country) and their next days touch or
   overlap, give or take ``NEIGHBOUR_DAYS``: the other days of one holiday kept as separate
   entries, a holiday next to another, the decreed day off that bridges them; or
2. ``B`` shares a kind category with ``A`` and its first days of the next two years that
   have one start on the same dates as ``A``'s (the same date year after year, not once by
   chance, as Eid al-Fitr and Nowruz in 2026): the same holiday in other countries (8 March,
   New Year, Eid al-Fitr), the other international days of that date.

Neighbouring days off come first (nearest first), then same-date entries in catalogue order;
at most ``MAX_RELATED`` in all, the same-event links included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from calendargen.model import Category, Observance, Occurrence, sources_of

MAX_RELATED = 6
NEIGHBOUR_DAYS = 1


def _gap(a: Occurrence, b: Occurrence) -> int:
    """Days between two spans: 0 when they overlap, 1 when one ends the day before the other."""
    return max((b.start - a.end).days, (a.start - b.end).days, 0)


def related_entries(
    observances: Sequence[Observance],
    categories: Mapping[str, Category],
    next_days: Mapping[str, list[Occurrence]],
    same_event: Mapping[str, Sequence[Observance]],
) -> dict[str, list[Occurrence]]:
    """For each entry id, the next days of its related entries (see the module's docstring);
    ``next_days`` holds each entry's first day of its next two years that have one."""
    order = {o.id: i for i, o in enumerate(observances)}
    days = {o.id: next_days.get(o.id, []) for o in observances}
    nexts = {key: found[0] for key, found in days.items() if found}
    dates = {key: tuple(o.start for o in found) for key, found in days.items()}
    days_off: dict[str, list[Occurrence]] = defaultdict(list)  # by source category
    same_dates: dict[tuple[str, tuple[date, ...]], list[Occurrence]] = defaultdict(list)
    for observance in observances:
        day = nexts.get(observance.id)
        if day is None:
            continue
        if day.day_off:
            for source in sources_of(observance, categories):
                days_off[source].append(day)
        for kind in observance.categories:
            if categories[kind].type == "kind":
                same_dates[(kind, dates[observance.id])].append(day)
    related: dict[str, list[Occurrence]] = {}
    for observance in observances:
        day = nexts.get(observance.id)
        room = MAX_RELATED - len(same_event.get(observance.id, ()))
        if day is None or room <= 0:
            continue
        skip = {observance.id} | {o.id for o in same_event.get(observance.id, ())}
        near = {
            other.id: (_gap(day, other), other.start, order[other.id], other)
            for source in sources_of(observance, categories) if day.day_off
            for other in days_off[source]
            if other.id not in skip and _gap(day, other) <= NEIGHBOUR_DAYS
        }  # fmt: skip
        same = {}  # the first of each kind's list (in catalogue order) are all that can show
        for kind in observance.categories:
            wanted = room + len(near)
            for other in same_dates.get((kind, dates[observance.id]), ()):
                if other.id not in skip:
                    same[other.id] = (order[other.id], other)
                    wanted -= 1
                    if wanted == 0:
                        break
        found = [entry[-1] for entry in sorted(near.values(), key=lambda e: e[:3])]
        found += [other for _, other in sorted(same.values(), key=lambda e: e[0])]
        found = list({o.id: o for o in found}.values())[:room]
        if found:
            related[observance.id] = found
    return related
