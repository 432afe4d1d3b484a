"""The one parser of the rule language (grammar in docs/rules.md).

``parse_era("3rd tuesday of september since 1982 until 2001")`` gives an ``Era``. Every error is
a ``RuleError`` naming the column of the offending word and, where one is close, a suggestion.
"""

from __future__ import annotations

import calendar
import itertools
import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from calendargen.calendars import hebrew, hijri, persian, seasons
from calendargen.errors import RuleError, did_you_mean
from calendargen.limits import MAX_YEAR
from calendargen.rules.base import (
    MONTHS,
    ORDINAL_WORDS,
    ORDINALS,
    RELATIONS,
    WEEKDAYS,
    CalendarDate,
    ChineseDate,
    DateRule,
    DeclaredYears,
    Easter,
    Era,
    FixedDate,
    LastDayOfMonth,
    NthWeekday,
    Offset,
    Season,
    Shift,
    WeekdayRelative,
)

_MONTH_DAY = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_OFFSET = re.compile(r"^[+-]\d+$")
_NUMBER = re.compile(r"^\d+$")
_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})")
_YEAR_RANGE = re.compile(r"^(\d{1,4})-(\d{1,4})$")

# Month names of the other calendars, folded: "Sha'ban" and "shaʿbān" both read "shaban".
_CALENDAR_MONTHS: dict[str, tuple[str, int]] = {
    name: (system, number)
    for system, module in (("hijri", hijri), ("persian", persian), ("hebrew", hebrew))
    for name, number in module.MONTHS.items()
}
_HIJRI_DAYS = 30
_HEBREW_DAYS = 30
MODIFIERS = ("for", "if", "since", "until")
MAX_NESTING = 8  # "saturday before monday after 06-24": deeper chains say nothing more


@dataclass
class _Token:
    word: str  # lowercased, apostrophes dropped
    raw: str
    column: int  # 1-based


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    for match in re.finditer(r"\S+", text):
        raw = match.group()
        word = re.sub(r"['’ʿʾ`]", "", raw.lower())
        tokens.append(_Token(word, raw, match.start() + 1))
    return tokens


def _days_in_month(month: int) -> int:
    return calendar.monthrange(2000, month)[1]  # a leap year: 02-29 is a valid rule


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    # -- helpers ------------------------------------------------------------------------
    def error(
        self, message: str, token: _Token | None = None, hint: str | None = None
    ) -> RuleError:
        if token is None:
            token = self.peek()
        column = token.column if token else len(self.text) + 1
        return RuleError(self.text, column, message, hint)

    def peek(self, ahead: int = 0) -> _Token | None:
        index = self.pos + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, what: str) -> _Token:
        token = self.peek()
        if token is None:
            raise self.error(f"expected {what} after the end of the rule")
        self.pos += 1
        return token

    def expect(self, word: str) -> None:
        token = self.take(f"'{word}'")
        if token.word != word:
            raise self.unknown(token, f"expected '{word}', found '{token.raw}'", [word])

    def unknown(self, token: _Token, message: str, vocabulary: list[str]) -> RuleError:
        return self.error(message, token, did_you_mean(token.word, vocabulary))

    def phrase(self, vocabulary: Mapping[str, object] | tuple[str, ...]) -> str | None:
        """Consume the longest phrase of up to three words found in ``vocabulary``."""
        for length in (3, 2, 1):
            words = [t.word for t in self.tokens[self.pos : self.pos + length]]
            if len(words) == length:
                candidate = " ".join(words)
                if candidate in vocabulary:
                    self.pos += length
                    return candidate
        return None

    def year(self, what: str) -> int:
        token = self.take(what)
        if not _NUMBER.match(token.word) or not 1 <= int(token.word) <= MAX_YEAR:
            raise self.error(f"expected {what} (1-{MAX_YEAR}), found '{token.raw}'", token)
        return int(token.word)

    def month_name(self) -> int:
        token = self.take("a month")
        if token.word not in MONTHS:
            raise self.unknown(token, f"unknown month '{token.raw}'", MONTHS)
        return MONTHS.index(token.word) + 1

    def weekday(self) -> int:
        token = self.take("a weekday")
        if token.word not in WEEKDAYS:
            raise self.unknown(token, f"unknown weekday '{token.raw}'", WEEKDAYS)
        return WEEKDAYS.index(token.word)

    # -- grammar ------------------------------------------------------------------------
    def era(self) -> Era:
        if not self.tokens:
            raise self.error("empty rule")
        rule = self.date_rule()
        days, shifts, since, until = 1, [], None, None
        while (token := self.peek()) is not None:
            if isinstance(rule, DeclaredYears) and token.word in MODIFIERS:
                raise self.error("a declared year or decade takes no since, until, for or if")
            if token.word == "for":
                self.pos += 1
                days_token = self.take("a number of days")
                if not _NUMBER.match(days_token.word) or not 1 <= int(days_token.word) <= 366:
                    raise self.error("expected a number of days (1-366)", days_token)
                days = int(days_token.word)
                unit = self.take("'days'")
                if unit.word not in ("day", "days"):
                    raise self.unknown(unit, f"expected 'days', found '{unit.raw}'", ["days"])
            elif token.word == "if":
                self.pos += 1
                weekday = self.weekday()
                self.expect("then")
                direction = self.take("'next' or 'previous'")
                if direction.word not in ("next", "previous"):
                    raise self.unknown(
                        direction, f"expected 'next' or 'previous', found '{direction.raw}'",
                        ["next", "previous"],
                    )  # fmt: skip
                shifts.append(Shift(weekday, 1 if direction.word == "next" else -1, self.weekday()))
            elif token.word in ("since", "until"):
                self.pos += 1
                value = self.year("a year")
                if token.word == "since":
                    since = value
                else:
                    until = value
            elif token.word in ("+", "-") and (after := self.peek(1)) and _NUMBER.match(after.word):
                joined = self.text.replace(f"{token.raw} {after.raw}", token.raw + after.raw, 1)
                raise self.error(
                    f"unexpected word '{token.raw}'",
                    token,
                    f"write the offset as one word: '{joined}'",
                )
            else:
                raise self.unknown(
                    token, f"unexpected word '{token.raw}'", [*list(MODIFIERS), "+1", "-1"]
                )
        if since is not None and until is not None and since > until:
            raise self.error(f"'since {since}' is after 'until {until}'", self.tokens[0])
        return Era(rule, self.text, since, until, days, tuple(shifts))

    def date_rule(self) -> DateRule:
        rule = self.base_rule()
        token = self.peek()
        if token is not None and _OFFSET.match(token.word):
            self.pos += 1
            offset = int(token.word)
            if abs(offset) > 366:
                raise self.error("an offset is at most 366 days", token)
            if isinstance(rule, DeclaredYears):
                raise self.error("a declared year takes no offset", token)
            rule = Offset(rule, offset)
        return rule

    def base_rule(self) -> DateRule:
        token = self.take("a date")
        word = token.word
        if match := _MONTH_DAY.match(word):
            return self.fixed(int(match[1]), int(match[2]), token)
        if word in ("year", "years"):
            return self.declared(word)
        if word in ORDINALS or word in ORDINAL_WORDS:
            nth = ORDINALS.get(word) or ORDINAL_WORDS[word]
            if nth == -1 and self.peek() and self.peek().word == "day":  # type: ignore[union-attr]
                self.pos += 1
                self.expect("of")
                return LastDayOfMonth(self.month_name())
            weekday = self.weekday()
            self.expect("of")
            return NthWeekday(nth, weekday, self.month_name())
        if word in WEEKDAYS:
            relation = self.phrase(RELATIONS)
            if relation is None:
                after = self.peek()
                raise self.error(
                    "expected 'before', 'after', 'on or before' or 'on or after' after a weekday",
                    after,
                )
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise self.error(
                    f"a weekday may be relative to a date through at most {MAX_NESTING} steps",
                    token,
                )
            base = self.base_rule()
            if isinstance(base, DeclaredYears):
                raise self.error("a weekday cannot be relative to a declared year", token)
            return WeekdayRelative(WEEKDAYS.index(word), relation, base)
        if word == "easter":
            return Easter()
        if word == "orthodox":
            self.expect("easter")
            return Easter(orthodox=True)
        if word == "chinese":
            lunar = self.take("a lunar month and day (MM-DD)")
            match = _MONTH_DAY.match(lunar.word)
            if not match or not 1 <= int(match[1]) <= 12 or not 1 <= int(match[2]) <= 30:
                raise self.error("expected a lunar month and day like 01-01", lunar)
            return ChineseDate(int(match[1]), int(match[2]))
        self.pos -= 1
        if event := self.phrase(seasons.EVENTS):
            return self.season(event)
        if _NUMBER.match(word):
            self.pos += 1
            return self.day_of_month(int(word), token)
        if match := _FULL_DATE.fullmatch(word):
            raise self.error(
                f"'{token.raw}' is one day of one year, not a yearly rule", token,
                f"every year: '{match[2]}-{match[3]}'; that year only: "
                f"overrides.{match[1]} = \"{token.raw}\"",
            )  # fmt: skip
        if match := _SLASHED.fullmatch(word):
            raise self.error(
                f"unknown word '{token.raw}'", token,
                f"a date is written MM-DD: '{int(match[1]):02d}-{int(match[2]):02d}' "
                "(month first)",
            )  # fmt: skip
        vocabulary = (
            list(WEEKDAYS) + list(ORDINALS) + ["easter", "orthodox", "year", "years", "chinese"]
        )
        raise self.unknown(token, f"unknown word '{token.raw}'", vocabulary)

    def fixed(self, month: int, day: int, token: _Token) -> FixedDate:
        if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(month):
            raise self.error(f"impossible date '{token.raw}' (MM-DD)", token)
        return FixedDate(month, day)

    def day_of_month(self, day: int, token: _Token) -> DateRule:
        start = self.pos
        name = self.phrase(_CALENDAR_MONTHS)
        if name is not None:
            system, month = _CALENDAR_MONTHS[name]
            limit = {"hijri": _HIJRI_DAYS, "hebrew": _HEBREW_DAYS}.get(system)
            if limit is None:  # persian: 31 days in the first six months, then 30
                limit = 31 if month <= 6 else 30
            if not 1 <= day <= limit:
                raise self.error(f"impossible date '{day} {name}'", token)
            variant = self.hijri_variant() if system == "hijri" else None
            return CalendarDate(system, month, day, variant)
        month_token = self.peek()
        if month_token is not None and month_token.word in MONTHS:
            month = MONTHS.index(month_token.word) + 1
            self.pos += 1
            return self.fixed(month, day, token)
        self.pos = start
        vocabulary = list(MONTHS) + list(_CALENDAR_MONTHS)
        if month_token is None:
            raise self.error(f"expected a month after '{token.raw}'")
        raise self.unknown(month_token, f"unknown month '{month_token.raw}'", vocabulary)

    def hijri_variant(self) -> str | None:
        """``by iran``, ``by tabular`` or ``by umm al-qura`` (the default) after a Hijri date."""
        token = self.peek()
        if token is None or token.word != "by":
            return None
        self.pos += 1
        variants = {v: v for v in hijri.VARIANTS}
        found = self.phrase(variants)
        if found is None:
            wrong = self.take("a calendar variant (umm al-qura, iran, tabular)")
            raise self.unknown(wrong, f"unknown Hijri variant '{wrong.raw}'", list(variants))
        return None if found == hijri.DEFAULT_VARIANT else found

    def declared(self, word: str) -> DeclaredYears:
        if word == "year":
            year = self.year("a year")
            return DeclaredYears(year, year)
        token = self.take("a range of years like 2021-2030")
        match = _YEAR_RANGE.match(token.word)
        if not match:
            raise self.error("expected a range of years like 2021-2030", token)
        first, last = int(match[1]), int(match[2])
        if not 1 <= first < last <= MAX_YEAR:
            raise self.error(f"'{token.raw}' is not a range of years (first < last)", token)
        return DeclaredYears(first, last)

    def season(self, event: str) -> Season:
        token = self.peek()
        if token is None or token.word != "in":
            return Season(event)
        self.pos += 1
        zone_token = self.take("a time zone such as Asia/Tehran")
        try:
            zoneinfo.ZoneInfo(zone_token.raw)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            hint = did_you_mean(zone_token.raw, sorted(zoneinfo.available_timezones()))
            raise self.error(f"unknown time zone '{zone_token.raw}'", zone_token, hint) from None
        return Season(event, zone_token.raw)


def parse_era(text: str) -> Era:
    """Parse one rule text (with its ``since``/``until``/``for``/``if`` modifiers)."""
    if not isinstance(text, str):
        raise RuleError(repr(text), 1, "a rule must be text")
    return _Parser(text).era()


def parse_eras(texts: list[str]) -> tuple[Era, ...]:
    """Parse a rule that changed over time: eras in order, not overlapping."""
    eras = tuple(parse_era(text) for text in texts)
    for before, after in itertools.pairwise(eras):
        if before.until is None or after.since is None or after.since <= before.until:
            raise RuleError(
                after.text,
                1,
                "eras must follow each other: each but the last needs 'until', "
                "each but the first 'since' after the previous 'until'",
            )
    return eras
