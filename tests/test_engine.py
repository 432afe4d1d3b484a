"""The engine over the sample catalogue: eras, spans, overrides, observed days, ranges."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from calendargen.engine import expand
from calendargen.loader import Catalogue

D = date


def _dates(catalogue: Catalogue, observance_id: str, start: date, end: date) -> list[tuple]:
    observance = catalogue.get(observance_id)
    assert observance is not None
    return [
        (o.start, o.end)
        for o in expand([observance], start, end)
        if not o.milestone and not o.observed
    ]


def test_peace_day_eras(sample: Catalogue) -> None:
    # A/RES/36/67 (third Tuesday of September, the GA's opening day) and A/RES/55/282 (21 Sep).
    found = _dates(sample, "international-day-of-peace", D(2001, 1, 1), D(2002, 12, 31))
    assert found == [(D(2001, 9, 18), D(2001, 9, 18)), (D(2002, 9, 21), D(2002, 9, 21))]


def test_nothing_before_since(sample: Catalogue) -> None:
    assert _dates(sample, "international-day-of-neutrality", D(1990, 1, 1), D(2016, 12, 31)) == []
    # the sample's "12-12 since 1995" says the day was kept on the event's own day
    assert _dates(sample, "tm-permanent-neutrality-day", D(1994, 1, 1), D(1995, 12, 31)) == [
        (D(1995, 12, 12), D(1995, 12, 12))
    ]


def test_declared_year_and_decade(sample: Catalogue) -> None:
    year = _dates(sample, "international-year-of-peace-and-trust", D(2025, 6, 1), D(2025, 6, 30))
    assert year == [(D(2025, 1, 1), D(2025, 12, 31))]
    decade = _dates(sample, "decade-of-ocean-science", D(2025, 1, 1), D(2025, 12, 31))
    assert decade == [(D(2021, 1, 1), D(2030, 12, 31))]
    assert _dates(sample, "decade-of-ocean-science", D(2031, 1, 1), D(2040, 12, 31)) == []


def test_week_span(sample: Catalogue) -> None:
    assert _dates(sample, "disarmament-week", D(2025, 10, 30), D(2025, 12, 31)) == [
        (D(2025, 10, 24), D(2025, 10, 30))
    ]


def test_override_replaces_computed_date(sample: Catalogue) -> None:
    eid = sample.get("eid-al-fitr")
    assert eid is not None
    occurrences = expand([eid], D(2024, 1, 1), D(2025, 12, 31))
    assert [(o.start, o.end, o.estimated) for o in occurrences] == [
        (D(2024, 4, 10), D(2024, 4, 12), False),  # the override: announced
        (D(2025, 3, 30), D(2025, 4, 1), True),  # Umm al-Qura: an estimate
    ]


def test_observed_shifts(sample: Catalogue) -> None:
    new_year = sample.get("new-year-observed")
    assert new_year is not None
    found = [(o.start, o.observed) for o in expand([new_year], D(2022, 1, 1), D(2023, 12, 31))]
    # 2022-01-01 was a Saturday (previous Friday 2021-12-31, outside the range), 2023-01-01 a
    # Sunday (next Monday 2023-01-02).
    assert found == [(D(2022, 1, 1), False), (D(2023, 1, 1), False), (D(2023, 1, 2), True)]


def test_anniversary_counted_from_origin(sample: Catalogue) -> None:
    independence = sample.get("tm-independence-day")
    assert independence is not None
    found = expand([independence], D(2026, 1, 1), D(2026, 12, 31))
    assert [(o.start, o.anniversary, o.milestone) for o in found] == [
        (D(2026, 9, 27), 35, False),
        (D(2026, 9, 27), 35, True),
    ]


def test_two_baselines(sample: Catalogue) -> None:
    neutrality = sample.get("international-day-of-neutrality")
    assert neutrality is not None
    (day, milestone) = expand([neutrality], D(2025, 12, 12), D(2025, 12, 12))
    assert (day.anniversary, day.edition, milestone.milestone) == (30, 9, True)


def test_an_entry_without_editions(sample: Catalogue) -> None:
    """``edition = false``: the rule's first year is a lower bound, so no count is given (the
    occurrences are the same)."""
    neutrality = sample.get("international-day-of-neutrality")
    assert neutrality is not None
    uncounted = replace(neutrality, counted=False)
    (day, _), (same, _) = (expand([o], D(2025, 12, 12), D(2025, 12, 12))
                           for o in (neutrality, uncounted))  # fmt: skip
    assert (day.edition, same.edition, same.anniversary) == (9, None, 30)
    assert (day.start, day.end) == (same.start, same.end)


def test_anniversary_only_and_leap_day(sample: Catalogue) -> None:
    founding = sample.get("leap-day-founding")
    assert founding is not None
    found = expand([founding], D(2001, 1, 1), D(2030, 12, 31))
    assert [(o.start, o.anniversary) for o in found] == [
        (D(2001, 2, 28), 1),  # common year: 28 February
        (D(2005, 2, 28), 5),
        (D(2010, 2, 28), 10),
        (D(2015, 2, 28), 15),
        (D(2020, 2, 29), 20),  # leap year: the day itself
        (D(2025, 2, 28), 25),
        (D(2030, 2, 28), 30),
    ]
    assert all(o.milestone for o in found)


@settings(max_examples=60, deadline=None)
@given(st.dates(D(1900, 1, 1), D(2100, 12, 31)), st.integers(0, 800))
def test_every_occurrence_overlaps_range(sample: Catalogue, start: date, days: int) -> None:
    end = date.fromordinal(min(start.toordinal() + days, D(2100, 12, 31).toordinal()))
    found = expand(sample.observances, start, end)
    assert all(o.end >= start and o.start <= end and o.start <= o.end for o in found)
    assert found == sorted(found, key=lambda o: o.sort_key)


def test_ranges_compose(sample: Catalogue) -> None:
    whole = expand(sample.observances, D(2024, 1, 1), D(2025, 12, 31))
    halves = expand(sample.observances, D(2024, 1, 1), D(2024, 12, 31)) + expand(
        sample.observances, D(2025, 1, 1), D(2025, 12, 31)
    )
    assert {(o.id, o.start, o.milestone, o.observed) for o in whole} == {
        (o.id, o.start, o.milestone, o.observed) for o in halves
    }


def test_nothing_before_origin(sample: Catalogue) -> None:
    # "10-24" has no `since`, but the United Nations came into being on 1945-10-24: that day
    # is the event, not its first United Nations Day, which comes a year later
    assert _dates(sample, "united-nations-day", D(1940, 1, 1), D(1946, 10, 23)) == []
    assert _dates(sample, "united-nations-day", D(1946, 1, 1), D(1946, 12, 31)) == [
        (D(1946, 10, 24), D(1946, 10, 24))
    ]


def test_upcoming_keeps_what_a_century_of_dates_would_show() -> None:
    """What pages list of an entry's next dates (the next 6, the next 8 milestones, the days
    under them, the first day of the next two years) is the same as from a whole century."""
    from calendargen.anniversaries import DEFAULT_POLICY
    from calendargen.defaults import shipped
    from calendargen.engine import Upcoming, first_days, upcoming
    from calendargen.loader import load

    catalogue = load([shipped("data")])
    start = date(2026, 11, 28)
    ahead = Upcoming(catalogue.observances, start, DEFAULT_POLICY, keep=2)
    for observance in catalogue.observances:
        century = expand([observance], start, date(2126, 12, 31))
        kept = upcoming(observance, start)
        regular = [o for o in century if not o.milestone]
        milestones = [o for o in century if o.milestone][:8]
        assert [o for o in kept if not o.milestone][:6] == regular[:6], observance.id
        assert [o for o in kept if o.milestone] == milestones, observance.id
        days = {o.start for o in milestones}
        assert all(o in kept for o in regular if o.start in days), observance.id
        assert first_days(kept, 2) == first_days(century, 2), observance.id
        assert ahead[observance.id] == kept
    assert len(ahead) == len(catalogue.observances)
