"""Rules in words: every rule kind and modifier reads as a sentence, in English and in each
shipped locale (no placeholder left, no English left in a translated locale)."""

from __future__ import annotations

import re

import pytest

from calendargen.config import DEFAULT_LOCALES
from calendargen.rules import parse_era
from calendargen.words import era_words

ENGLISH = [
    ("12-12 since 1995", "every year on December 12, since 1995"),
    ("3rd tuesday of september since 1982 until 2001",
     "every year on the 3rd Tuesday of September, 1982–2001"),
    ("last sunday of november", "every year on the last Sunday of November"),
    ("last day of february until 2020", "every year on the last day of February, until 2020"),
    ("saturday before 06-24", "every year on the Saturday before June 24"),
    ("monday on or after 05-24", "every year on the Monday on or after May 24"),
    ("easter +39", "every year on 39 days after Easter Sunday"),
    ("orthodox easter -1", "every year on 1 day before Orthodox Easter Sunday"),
    ("1 shawwal for 3 days", "every year from 1 Shawwal of the Islamic calendar, for 3 days"),
    ("1 farvardin", "every year on 1 Farvardin of the Persian calendar"),
    ("15 nisan", "every year on 15 Nisan of the Hebrew calendar"),
    ("chinese 01-01", "every year on day 1 of month 1 of the Chinese calendar"),
    ("march equinox in Asia/Tehran", "every year on the March equinox (Asia/Tehran time)"),
    ("01-01 if sunday then next monday",
     "every year on January 1; when it falls on a Sunday, the Monday after is a day off too"),
    ("year 2025", "the year 2025"),
    ("years 2021-2030", "the years 2021–2030"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "words"), ENGLISH, ids=[r for r, _ in ENGLISH])
def test_english(rule: str, words: str) -> None:
    assert era_words(parse_era(rule), "en") == words


@pytest.mark.parametrize("locale", [loc for loc in DEFAULT_LOCALES if loc != "en"])
def test_every_locale_translates_every_kind(locale: str) -> None:
    for rule, english in ENGLISH:
        text = era_words(parse_era(rule), locale)
        assert not re.search(r"\{\w+\}", text), (locale, rule, text)
        assert text != english, (locale, rule)
        for word in ("every year", "Easter", "calendar", "equinox", "day off"):
            assert not re.search(rf"\b{word}\b", text), (locale, rule, text)


# -- grammatical forms (issue #18) ----------------------------------------------------------
# Expected phrases are written from each language's grammar, not from the output.

# Urdu: 1st-4th are words, 5th and up the number and a suffix; the ordinal agrees with the
# weekday, which stands before the postposition کو: masculine oblique (پیر، منگل، بدھ، جمعہ،
# ہفتہ، اتوار) -ے / -ویں, feminine (جمعرات) -ی / -ویں, as in «نومبر کی تیسری جمعرات کو».
URDU = [
    ("1st sunday of june", "ہر سال جون کے پہلے اتوار کو"),
    ("2nd saturday of may", "ہر سال مئی کے دوسرے ہفتے (سنیچر) کو"),
    ("3rd wednesday of october", "ہر سال اکتوبر کے تیسرے بدھ کو"),
    ("4th friday of march", "ہر سال مارچ کے چوتھے جمعے کو"),
    ("5th monday of may", "ہر سال مئی کے 5ویں پیر کو"),
    ("2nd tuesday of april", "ہر سال اپریل کے دوسرے منگل کو"),
    ("1st thursday of june", "ہر سال جون کی پہلی جمعرات کو"),
    ("2nd thursday of june", "ہر سال جون کی دوسری جمعرات کو"),
    ("3rd thursday of november", "ہر سال نومبر کی تیسری جمعرات کو"),
    ("4th thursday of november", "ہر سال نومبر کی چوتھی جمعرات کو"),
    ("5th thursday of may", "ہر سال مئی کی 5ویں جمعرات کو"),
    ("2nd sunday of may for 3 days", "ہر سال مئی کے دوسرے اتوار سے 3 دن تک"),
]

# Azerbaijani: a year is an ordinal (-ci/-cı/-cu/-cü by the vowel of the last spoken word:
# doqquz-uncu, doxsan-ıncı, üç-üncü, beş-inci, min-inci) before "il": ildən (from), ilin
# sonunadək (until the end of: "until" includes its year), illərdə (in the years), as in
# "2007-ci ildən BMT günüdür".
AZERBAIJANI = [
    ("12-12 since 1995", "hər il 12 dekabr, 1995-ci ildən"),
    ("01-04 since 2019", "hər il 4 yanvar, 2019-cu ildən"),
    ("01-04 since 1990", "hər il 4 yanvar, 1990-cı ildən"),
    ("01-04 since 1993", "hər il 4 yanvar, 1993-cü ildən"),
    ("01-04 since 2000", "hər il 4 yanvar, 2000-ci ildən"),
    ("01-04 since 2010", "hər il 4 yanvar, 2010-cu ildən"),
    ("last day of february until 2020", "hər il fevralın son günü, 2020-ci ilin sonunadək"),
    ("05-09 until 1991", "hər il 9 may, 1991-ci ilin sonunadək"),
    ("3rd tuesday of september since 1982 until 2001",
     "hər il sentyabrın 3-cü çərşənbə axşamı, 1982–2001-ci illərdə"),
    ("year 2025", "2025-ci il"),
    ("year 2026", "2026-cı il"),
    ("years 2021-2030", "2021–2030-cu illər"),
]  # fmt: skip

# Turkmen: a year is an ordinal, -njy after a back-vowel last word (dokuz, on, otuz, alty),
# -nji otherwise (bir, bäş, müň): "1990-njy ýyldan bäri", "2021-nji ýyl", "1982–2001-nji ýyllar
# aralygynda" (docs/reviews/tk.md); "until" includes its year: "1991-nji ýylyň ahyryna çenli".
TURKMEN = [
    ("12-12 since 1995", "her ýyl 12 dekabr güni, 1995-nji ýyldan bäri"),
    ("01-04 since 2019", "her ýyl 4 ýanwar güni, 2019-njy ýyldan bäri"),
    ("01-04 since 2010", "her ýyl 4 ýanwar güni, 2010-njy ýyldan bäri"),
    ("01-04 since 2000", "her ýyl 4 ýanwar güni, 2000-nji ýyldan bäri"),
    ("01-04 since 1990", "her ýyl 4 ýanwar güni, 1990-njy ýyldan bäri"),
    ("05-09 until 1991", "her ýyl 9 maý güni, 1991-nji ýylyň ahyryna çenli"),
    ("3rd tuesday of september since 1982 until 2001",
     "her ýyl sentýabr aýynyň 3-nji sişenbe güni, 1982–2001-nji ýyllar aralygynda"),
    ("year 2025", "2025-nji ýyl"),
    ("year 2026", "2026-njy ýyl"),
    ("years 2021-2030", "2021–2030-njy ýyllar"),
    ("chinese 09-06", "her ýyl Hytaý senenamasy boýunça 9-njy aýyň 6-njy güni"),
    ("chinese 01-15", "her ýyl Hytaý senenamasy boýunça 1-nji aýyň 15-nji güni"),
]  # fmt: skip

# Tajik writes month and weekday names in lower case inside a sentence ("12 декабр",
# "рӯзи шанбе"); CLDR capitalises them.
TAJIK = [
    ("12-12 since 1995", "ҳар сол 12 декабр, аз соли 1995"),
    ("03-21", "ҳар сол 21 март"),
    ("saturday before 06-24", "ҳар сол охирин шанбе пеш аз 24 июн"),
    ("monday on or after 05-24",
     "ҳар сол аввалин душанбе аз 24 май сар карда (бо худи ҳамон рӯз)"),
    ("01-01 if sunday then next monday",
     "ҳар сол 1 январ; агар ба рӯзи якшанбе рост ояд, душанбеи баъдӣ низ рӯзи истироҳат аст"),
    ("09-09 if saturday then previous friday",
     "ҳар сол 9 сентябр; агар ба рӯзи шанбе рост ояд, ҷумъаи пешина низ рӯзи истироҳат аст"),
]  # fmt: skip

GRAMMAR = [
    pytest.param(locale, rule, words, id=f"{locale}: {rule}")
    for locale, cases in (("ur", URDU), ("az", AZERBAIJANI), ("tk", TURKMEN), ("tg", TAJIK))
    for rule, words in cases
]


@pytest.mark.parametrize(("locale", "rule", "words"), GRAMMAR)
def test_grammatical_forms(locale: str, rule: str, words: str) -> None:
    assert era_words(parse_era(rule), locale) == words
