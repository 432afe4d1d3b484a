"""Rules in words, in every locale: "every year on the 3rd Tuesday of September, 1982–2001".

Each rule kind is a noun phrase ("the 3rd Tuesday of September", "Easter Sunday") that the
sentence patterns wrap ("every year on {when}"). Patterns are gettext messages with contexts;
where a language inflects by weekday or month (Russian ordinals agree with the weekday's
gender, French writes "d'avril"), the catalogue has one message per weekday or month so that
translators can write each form whole; where the ordinal itself agrees with the weekday (Urdu
دوسرے اتوار, دوسری جمعرات), the message names the form: ``{ordinal[feminine]}``. Years are
numbers in most languages and ordinals in some: ``{year[ordinal]} ildən`` (Azerbaijani).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_skeleton, get_day_names

from calendargen.i18n import (
    Numeral,
    Ordinal,
    locale_of,
    lower_names,
    npgettext_noop,
    number,
    pgettext_noop,
    translate,
    translations,
)
from calendargen.rules.base import (
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
    WeekdayRelative,
)

NTH = (
    pgettext_noop("rule:nth", "the {ordinal} Monday {of_month}"),
    pgettext_noop("rule:nth", "the {ordinal} Tuesday {of_month}"),
    pgettext_noop("rule:nth", "the {ordinal} Wednesday {of_month}"),
    pgettext_noop("rule:nth", "the {ordinal} Thursday {of_month}"),
    pgettext_noop("rule:nth", "the {ordinal} Friday {of_month}"),
    pgettext_noop("rule:nth", "the {ordinal} Saturday {of_month}"),
    pgettext_noop("rule:nth", "the {ordinal} Sunday {of_month}"),
)
LAST = (
    pgettext_noop("rule:last", "the last Monday {of_month}"),
    pgettext_noop("rule:last", "the last Tuesday {of_month}"),
    pgettext_noop("rule:last", "the last Wednesday {of_month}"),
    pgettext_noop("rule:last", "the last Thursday {of_month}"),
    pgettext_noop("rule:last", "the last Friday {of_month}"),
    pgettext_noop("rule:last", "the last Saturday {of_month}"),
    pgettext_noop("rule:last", "the last Sunday {of_month}"),
)
OF_MONTH = (
    pgettext_noop("rule:month", "of January"),
    pgettext_noop("rule:month", "of February"),
    pgettext_noop("rule:month", "of March"),
    pgettext_noop("rule:month", "of April"),
    pgettext_noop("rule:month", "of May"),
    pgettext_noop("rule:month", "of June"),
    pgettext_noop("rule:month", "of July"),
    pgettext_noop("rule:month", "of August"),
    pgettext_noop("rule:month", "of September"),
    pgettext_noop("rule:month", "of October"),
    pgettext_noop("rule:month", "of November"),
    pgettext_noop("rule:month", "of December"),
)
LAST_DAY = pgettext_noop("rule", "the last day {of_month}")
RELATIONS = {
    "before": pgettext_noop("rule", "the {weekday} before {date}"),
    "after": pgettext_noop("rule", "the {weekday} after {date}"),
    "on or before": pgettext_noop("rule", "the {weekday} on or before {date}"),
    "on or after": pgettext_noop("rule", "the {weekday} on or after {date}"),
}
EASTER = pgettext_noop("rule", "Easter Sunday")
ORTHODOX_EASTER = pgettext_noop("rule", "Orthodox Easter Sunday")
DAYS_AFTER = npgettext_noop("rule", "{days} day after {date}", "{days} days after {date}")
DAYS_BEFORE = npgettext_noop("rule", "{days} day before {date}", "{days} days before {date}")
HIJRI_VARIANTS = {
    "iran": pgettext_noop("rule", "{date} (by Iran's official calendar)"),
    "tabular": pgettext_noop("rule", "{date} (by the tabular Islamic calendar)"),
}
CALENDAR_DATE = {
    "hijri": pgettext_noop("rule", "{day} {month} of the Islamic calendar"),
    "persian": pgettext_noop("rule", "{day} {month} of the Persian calendar"),
    "hebrew": pgettext_noop("rule", "{day} {month} of the Hebrew calendar"),
}
CHINESE = pgettext_noop("rule", "day {day} of month {month} of the Chinese calendar")
HIJRI_MONTHS = (
    pgettext_noop("hijri-month", "Muharram"),
    pgettext_noop("hijri-month", "Safar"),
    pgettext_noop("hijri-month", "Rabi al-Awwal"),
    pgettext_noop("hijri-month", "Rabi al-Thani"),
    pgettext_noop("hijri-month", "Jumada al-Awwal"),
    pgettext_noop("hijri-month", "Jumada al-Thani"),
    pgettext_noop("hijri-month", "Rajab"),
    pgettext_noop("hijri-month", "Shaban"),
    pgettext_noop("hijri-month", "Ramadan"),
    pgettext_noop("hijri-month", "Shawwal"),
    pgettext_noop("hijri-month", "Dhu al-Qadah"),
    pgettext_noop("hijri-month", "Dhu al-Hijjah"),
)
PERSIAN_MONTHS = (
    pgettext_noop("persian-month", "Farvardin"),
    pgettext_noop("persian-month", "Ordibehesht"),
    pgettext_noop("persian-month", "Khordad"),
    pgettext_noop("persian-month", "Tir"),
    pgettext_noop("persian-month", "Mordad"),
    pgettext_noop("persian-month", "Shahrivar"),
    pgettext_noop("persian-month", "Mehr"),
    pgettext_noop("persian-month", "Aban"),
    pgettext_noop("persian-month", "Azar"),
    pgettext_noop("persian-month", "Dey"),
    pgettext_noop("persian-month", "Bahman"),
    pgettext_noop("persian-month", "Esfand"),
)
HEBREW_MONTHS = {
    1: pgettext_noop("hebrew-month", "Nisan"),
    2: pgettext_noop("hebrew-month", "Iyar"),
    3: pgettext_noop("hebrew-month", "Sivan"),
    4: pgettext_noop("hebrew-month", "Tammuz"),
    5: pgettext_noop("hebrew-month", "Av"),
    6: pgettext_noop("hebrew-month", "Elul"),
    7: pgettext_noop("hebrew-month", "Tishrei"),
    8: pgettext_noop("hebrew-month", "Cheshvan"),
    9: pgettext_noop("hebrew-month", "Kislev"),
    10: pgettext_noop("hebrew-month", "Tevet"),
    11: pgettext_noop("hebrew-month", "Shevat"),
    12: pgettext_noop("hebrew-month", "Adar"),
    112: pgettext_noop("hebrew-month", "Adar I"),
    113: pgettext_noop("hebrew-month", "Adar II"),
}
SEASONS = {
    "march equinox": pgettext_noop("rule", "the March equinox"),
    "june solstice": pgettext_noop("rule", "the June solstice"),
    "september equinox": pgettext_noop("rule", "the September equinox"),
    "december solstice": pgettext_noop("rule", "the December solstice"),
}
SEASON_ZONE = pgettext_noop("rule", "{season} ({zone} time)")
EVERY_YEAR = pgettext_noop("rule", "every year on {when}")
EVERY_YEAR_DAYS = npgettext_noop(
    "rule",
    "every year from {when}, for {days} day",
    "every year from {when}, for {days} days",
)
YEAR = pgettext_noop("rule", "the year {year}")
YEARS = pgettext_noop("rule", "the years {first}–{last}")
SINCE = pgettext_noop("rule", "{rule}, since {year}")
UNTIL = pgettext_noop("rule", "{rule}, until {year}")
BETWEEN = pgettext_noop("rule", "{rule}, {first}–{last}")
SHIFT_NEXT = pgettext_noop(
    "rule", "{rule}; when it falls on a {weekday}, the {to} after is a day off too"
)
SHIFT_PREVIOUS = pgettext_noop(
    "rule", "{rule}; when it falls on a {weekday}, the {to} before is a day off too"
)


def _weekday(index: int, locale: str) -> str:
    name = str(get_day_names("wide", locale=locale_of(locale))[index])
    return lower_names(name, locale, opens=False)  # it stands inside the sentence


def _ngettext(message: tuple[str, str, str], count: int, locale: str) -> str:
    context, singular, plural = message
    return str(translations(locale).npgettext(context, singular, plural, count))


def _calendar_month(rule: CalendarDate, locale: str) -> str:
    if rule.calendar == "hijri":
        return translate(HIJRI_MONTHS[rule.month - 1], locale)
    if rule.calendar == "persian":
        return translate(PERSIAN_MONTHS[rule.month - 1], locale)
    return translate(HEBREW_MONTHS[rule.month], locale)


@lru_cache(maxsize=65536)  # at most 366 per locale: Babel was most of what ``when`` took
def _day_of_year(month: int, day: int, locale: str) -> str:
    """A month and day, as "every year on {when}" takes it: "21 September"."""
    written = date(2000, month, day)  # a leap year: 29 February can be written
    text = format_skeleton("MMMMd", written, locale=locale_of(locale))
    return lower_names(text, locale, opens=False)


def when(rule: DateRule, locale: str) -> str:
    """The rule as a noun phrase: "the 3rd Tuesday of September", "Easter Sunday"."""
    if isinstance(rule, FixedDate):
        return _day_of_year(rule.month, rule.day, locale)
    if isinstance(rule, NthWeekday):
        of_month = translate(OF_MONTH[rule.month - 1], locale)
        if rule.nth == -1:
            return translate(LAST[rule.weekday], locale).format(of_month=of_month)
        return translate(NTH[rule.weekday], locale).format(
            ordinal=Ordinal(rule.nth, locale), n=number(rule.nth, locale), of_month=of_month
        )
    if isinstance(rule, LastDayOfMonth):
        return translate(LAST_DAY, locale).format(
            of_month=translate(OF_MONTH[rule.month - 1], locale)
        )
    if isinstance(rule, WeekdayRelative):
        return translate(RELATIONS[rule.relation], locale).format(
            weekday=_weekday(rule.weekday, locale), date=when(rule.base, locale)
        )
    if isinstance(rule, Easter):
        return translate(ORTHODOX_EASTER if rule.orthodox else EASTER, locale)
    if isinstance(rule, Offset):
        message = DAYS_AFTER if rule.days > 0 else DAYS_BEFORE
        return _ngettext(message, abs(rule.days), locale).format(
            days=number(abs(rule.days), locale), date=when(rule.base, locale)
        )
    if isinstance(rule, CalendarDate):
        text = translate(CALENDAR_DATE[rule.calendar], locale).format(
            day=number(rule.day, locale), month=_calendar_month(rule, locale)
        )
        if rule.variant is not None:
            text = translate(HIJRI_VARIANTS[rule.variant], locale).format(date=text)
        return text
    if isinstance(rule, ChineseDate):
        return translate(CHINESE, locale).format(
            day=Numeral(rule.day, locale), month=Numeral(rule.month, locale)
        )
    if isinstance(rule, Season):
        season = translate(SEASONS[rule.event], locale)
        if rule.zone == "UTC":
            return season
        return translate(SEASON_ZONE, locale).format(season=season, zone=rule.zone)
    raise TypeError(f"no words for rule kind {rule.kind}")  # pragma: no cover


def _with_years(message: tuple[str, str], locale: str, **fields: str | int) -> str:
    """A pattern whose years can be ordinals: ``{year}`` writes 2019, ``{year[ordinal]}``
    2019-cu in Azerbaijani ("2019-cu ildən"), 2019-njy in Turkmen."""
    values = {
        k: Numeral(v, locale, year=True) if isinstance(v, int) else v for k, v in fields.items()
    }
    return translate(message, locale).format(**values)


def era_words(era: Era, locale: str) -> str:
    """One era as a sentence: "every year on 12 December, since 1995"."""
    rule = era.rule
    if isinstance(rule, DeclaredYears):
        if rule.first == rule.last:
            return _with_years(YEAR, locale, year=rule.first)
        return _with_years(YEARS, locale, first=rule.first, last=rule.last)
    phrase = when(rule, locale)
    if era.days > 1:
        text = _ngettext(EVERY_YEAR_DAYS, era.days, locale).format(
            when=phrase, days=number(era.days, locale)
        )
    else:
        text = translate(EVERY_YEAR, locale).format(when=phrase)
    for shift in era.shifts:
        message = SHIFT_NEXT if shift.direction > 0 else SHIFT_PREVIOUS
        text = translate(message, locale).format(
            rule=text,
            weekday=_weekday(shift.weekday, locale),
            to=_weekday(shift.to_weekday, locale),
        )
    if era.since is not None and era.until is not None:
        return _with_years(BETWEEN, locale, rule=text, first=era.since, last=era.until)
    if era.since is not None:
        return _with_years(SINCE, locale, rule=text, year=era.since)
    if era.until is not None:
        return _with_years(UNTIL, locale, rule=text, year=era.until)
    return text
