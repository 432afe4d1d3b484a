"""The rule kinds: each turns a Gregorian year into the start dates it gives in that year.

The subclasses of ``DateRule`` here are the rule language's closed set of kinds: the parser
builds these and nothing else. A rule's ``text`` is its canonical form, which parses back to an
equal rule.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

from calendargen.calendars import chinese, hebrew, hijri, persian, seasons
from calendargen.limits import MAX_YEAR

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ORDINALS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
CALENDARS = {"hijri": hijri, "persian": persian, "hebrew": hebrew}


def weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


class DateRule:
    """A rule that yields zero or more start dates per Gregorian year."""

    kind: ClassVar[str]
    estimated: ClassVar[bool] = False
    own_end: ClassVar[bool] = False  # the rule sets its occurrences' end (declared years)

    def dates(self, year: int) -> tuple[date, ...]:
        raise NotImplementedError

    def end(self, start: date, days: int) -> date:
        """The inclusive last day of an occurrence that starts on ``start``."""
        return start + timedelta(days=days - 1)

    @property
    def text(self) -> str:
        raise NotImplementedError

    @property
    def reach_years(self) -> int:
        """How many years an occurrence can reach back across (declared decades)."""
        return 0


@dataclass(frozen=True)
class FixedDate(DateRule):
    """``12-12``: the same Gregorian day each year (29 February only in leap years)."""

    month: int
    day: int
    kind: ClassVar[str] = "fixed"

    def dates(self, year: int) -> tuple[date, ...]:
        if self.month == 2 and self.day == 29 and not calendar.isleap(year):
            return ()
        return (date(year, self.month, self.day),)

    @property
    def text(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class NthWeekday(DateRule):
    """``3rd tuesday of september``, ``last sunday of november`` (``nth`` -1 is last)."""

    nth: int
    weekday: int
    month: int
    kind: ClassVar[str] = "nth-weekday"

    def dates(self, year: int) -> tuple[date, ...]:
        if self.nth == -1:
            last = date(year, self.month, calendar.monthrange(year, self.month)[1])
            return (weekday_on_or_before(last, self.weekday),)
        first = weekday_on_or_after(date(year, self.month, 1), self.weekday)
        day = first + timedelta(weeks=self.nth - 1)
        return (day,) if day.month == self.month else ()

    @property
    def text(self) -> str:
        nth = next(word for word, n in ORDINALS.items() if n == self.nth)
        return f"{nth} {WEEKDAYS[self.weekday]} of {MONTHS[self.month - 1]}"


@dataclass(frozen=True)
class LastDayOfMonth(DateRule):
    """``last day of february``."""

    month: int
    kind: ClassVar[str] = "last-day"

    def dates(self, year: int) -> tuple[date, ...]:
        return (date(year, self.month, calendar.monthrange(year, self.month)[1]),)

    @property
    def text(self) -> str:
        return f"last day of {MONTHS[self.month - 1]}"


RELATIONS = ("before", "after", "on or before", "on or after")


@dataclass(frozen=True)
class WeekdayRelative(DateRule):
    """``saturday before 06-24``, ``monday on or after 05-24``: a weekday near another date."""

    weekday: int
    relation: str
    base: DateRule
    kind: ClassVar[str] = "weekday-relative"

    def dates(self, year: int) -> tuple[date, ...]:
        found = []
        for day in self.base.dates(year):
            if self.relation == "before":
                found.append(weekday_on_or_before(day - timedelta(days=1), self.weekday))
            elif self.relation == "on or before":
                found.append(weekday_on_or_before(day, self.weekday))
            elif self.relation == "after":
                found.append(weekday_on_or_after(day + timedelta(days=1), self.weekday))
            else:
                found.append(weekday_on_or_after(day, self.weekday))
        return tuple(day for day in found if day.year == year)

    @property
    def estimated(self) -> bool:  # type: ignore[override]
        return self.base.estimated

    @property
    def text(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.relation} {self.base.text}"


@dataclass(frozen=True)
class Easter(DateRule):
    """``easter`` (Gregorian computus) and ``orthodox easter`` (Julian computus, given as a
    Gregorian date)."""

    orthodox: bool = False
    kind: ClassVar[str] = "easter"

    def dates(self, year: int) -> tuple[date, ...]:
        if self.orthodox and year >= 5243:  # dateutil's Julian-to-Gregorian limit
            return ()
        return (easter(year, EASTER_ORTHODOX if self.orthodox else EASTER_WESTERN),)

    @property
    def text(self) -> str:
        return "orthodox easter" if self.orthodox else "easter"


@dataclass(frozen=True)
class Offset(DateRule):
    """``easter +39``: another rule's dates moved by a number of days."""

    base: DateRule
    days: int
    kind: ClassVar[str] = "offset"

    def dates(self, year: int) -> tuple[date, ...]:
        # An offset can carry a date across New Year: look at both neighbouring years.
        found = []
        for base_year in (year - 1, year, year + 1):
            if not 1 <= base_year <= MAX_YEAR:
                continue
            for day in self.base.dates(base_year):
                try:
                    moved = day + timedelta(days=self.days)
                except OverflowError:
                    continue
                if moved.year == year:
                    found.append(moved)
        return tuple(found)

    @property
    def estimated(self) -> bool:  # type: ignore[override]
        return self.base.estimated

    @property
    def text(self) -> str:
        return f"{self.base.text} {self.days:+d}"


@dataclass(frozen=True)
class CalendarDate(DateRule):
    """``1 shawwal`` (Hijri), ``1 farvardin`` (Solar Hijri), ``15 nisan`` (Hebrew)."""

    calendar: str
    month: int
    day: int
    variant: str | None = None  # hijri only: "umm al-qura" (None), "iran", "tabular"
    kind: ClassVar[str] = "calendar-date"

    def dates(self, year: int) -> tuple[date, ...]:
        module = CALENDARS[self.calendar]
        if self.variant is not None:
            return hijri.dates_in_year(year, self.month, self.day, self.variant)
        found: tuple[date, ...] = module.dates_in_year(year, self.month, self.day)
        return found

    @property
    def estimated(self) -> bool:  # type: ignore[override]
        return bool(CALENDARS[self.calendar].ESTIMATED)

    @property
    def text(self) -> str:
        months = CALENDARS[self.calendar].MONTHS
        name = next(name for name, number in months.items() if number == self.month)
        return f"{self.day} {name}" + (f" by {self.variant}" if self.variant else "")


@dataclass(frozen=True)
class ChineseDate(DateRule):
    """``chinese 01-01``: a day of a regular month of the Chinese lunisolar calendar."""

    month: int
    day: int
    kind: ClassVar[str] = "chinese"

    def dates(self, year: int) -> tuple[date, ...]:
        return chinese.dates_in_year(year, self.month, self.day)

    @property
    def text(self) -> str:
        return f"chinese {self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Season(DateRule):
    """``march equinox in Asia/Tehran``: the local date of an equinox or solstice."""

    event: str
    zone: str = "UTC"
    kind: ClassVar[str] = "season"

    def dates(self, year: int) -> tuple[date, ...]:
        if not 1 <= year <= MAX_YEAR - 1:
            return ()
        return (seasons.date_in_year(year, self.event, self.zone),)

    @property
    def text(self) -> str:
        return self.event if self.zone == "UTC" else f"{self.event} in {self.zone}"


@dataclass(frozen=True)
class DeclaredYears(DateRule):
    """``year 2025``, ``years 2021-2030``: an international year or decade, one occurrence
    spanning 1 January of the first year to 31 December of the last."""

    first: int
    last: int
    kind: ClassVar[str] = "declared-years"
    own_end: ClassVar[bool] = True

    def dates(self, year: int) -> tuple[date, ...]:
        return (date(year, 1, 1),) if year == self.first else ()

    def end(self, start: date, days: int) -> date:
        return date(self.last, 12, 31)

    @property
    def reach_years(self) -> int:
        return self.last - self.first

    @property
    def text(self) -> str:
        if self.first == self.last:
            return f"year {self.first}"
        return f"years {self.first}-{self.last}"


@dataclass(frozen=True)
class Shift:
    """``if sunday then next monday``: a substitute day when the date falls on ``weekday``."""

    weekday: int
    direction: int  # +1 next, -1 previous
    to_weekday: int

    def observed(self, day: date) -> date | None:
        if day.weekday() != self.weekday:
            return None
        if self.direction > 0:
            return weekday_on_or_after(day + timedelta(days=1), self.to_weekday)
        return weekday_on_or_before(day - timedelta(days=1), self.to_weekday)

    @property
    def text(self) -> str:
        direction = "next" if self.direction > 0 else "previous"
        return f"if {WEEKDAYS[self.weekday]} then {direction} {WEEKDAYS[self.to_weekday]}"


@dataclass(frozen=True)
class Era:
    """One rule in force from ``since`` to ``until`` (inclusive years; None is open)."""

    rule: DateRule
    text: str
    since: int | None = None
    until: int | None = None
    days: int = 1
    shifts: tuple[Shift, ...] = ()

    def covers(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (
            self.until is None or year <= self.until
        )
