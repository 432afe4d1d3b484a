"""Ordinals, milestone titles and jubilees per locale; the gettext catalogues are complete."""

from __future__ import annotations

import json
import re
import string
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from click.testing import CliRunner

from calendargen.cli import main
from calendargen.config import DEFAULT_LOCALES
from calendargen.engine import expand
from calendargen.i18n import (
    date_range,
    edition_text,
    full_date,
    jubilee,
    long_date,
    occurrence_name,
    occurrence_title,
    ordinal,
    weekday_name,
)
from calendargen.loader import Catalogue
from calendargen.words import CHINESE

ROOT = Path(__file__).parent.parent
LOCALES = ROOT / "data" / "locales"

# English ordinals 1-125 as any style guide writes them (Chicago Manual of Style 9.6): -st, -nd,
# -rd after 1, 2, 3 except in 11, 12, 13; -th otherwise. Checked by eye, not generated.
ENGLISH_1_TO_125 = """
1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 11th 12th 13th 14th 15th 16th 17th 18th 19th 20th 21st
22nd 23rd 24th 25th 26th 27th 28th 29th 30th 31st 32nd 33rd 34th 35th 36th 37th 38th 39th 40th
41st 42nd 43rd 44th 45th 46th 47th 48th 49th 50th 51st 52nd 53rd 54th 55th 56th 57th 58th 59th
60th 61st 62nd 63rd 64th 65th 66th 67th 68th 69th 70th 71st 72nd 73rd 74th 75th 76th 77th 78th
79th 80th 81st 82nd 83rd 84th 85th 86th 87th 88th 89th 90th 91st 92nd 93rd 94th 95th 96th 97th
98th 99th 100th 101st 102nd 103rd 104th 105th 106th 107th 108th 109th 110th 111th 112th 113th
114th 115th 116th 117th 118th 119th 120th 121st 122nd 123rd 124th 125th
""".split()


def test_english_ordinals_1_to_125() -> None:
    assert [ordinal(n, "en") for n in range(1, 126)] == ENGLISH_1_TO_125


@pytest.mark.parametrize(
    ("locale", "cases"),
    [
        # French: 1er, then e (Académie française: 1er, 2e, 30e).
        ("fr", {1: "1er", 2: "2e", 21: "21e", 30: "30e", 101: "101e"}),
        # Spanish (RAE): 1.er and 3.er for primer/tercer, .º otherwise; 13.er decimotercer.
        ("es", {1: "1.er", 2: "2.º", 3: "3.er", 11: "11.º", 13: "13.er", 30: "30.º"}),
        # Turkmen: -njy after 6, 9 and 10 (altynjy, dokuzynjy, onunjy), -nji otherwise, as in
        # "69-njy mejlisinde", "71-nji mejlisinde" of the UN General Assembly's sessions.
        ("tk", {1: "1-nji", 6: "6-njy", 9: "9-njy", 10: "10-njy", 50: "50-nji", 69: "69-njy"}),
        ("tr", {1: "1.", 30: "30."}),  # Turkish: the number and a full stop (30. yıl dönümü)
        ("ru", {1: "1-й", 30: "30-й"}),
        ("zh", {30: "第30"}),
    ],
)
def test_ordinals_by_grammar(locale: str, cases: dict[int, str]) -> None:
    assert {n: ordinal(n, locale) for n in cases} == cases


def _milestone(sample: Catalogue, observance_id: str, year: int):  # type: ignore[no-untyped-def]
    observance = sample.get(observance_id)
    assert observance is not None
    found = expand([observance], date(year, 1, 1), date(year, 12, 31))
    return next(o for o in found if o.milestone)


def _with_texts(occurrence, names=None, of=None):  # type: ignore[no-untyped-def]
    """The occurrence of an observance given more names and ``origin.of`` phrases."""
    observance = occurrence.observance
    origin = replace(observance.origin, of={**observance.origin.of, **(of or {})})
    observance = replace(observance, names={**observance.names, **(names or {})}, origin=origin)
    return occurrence._replace(observance=observance)


@pytest.mark.parametrize(
    ("locale", "names", "of", "expected"),
    [
        pytest.param("en", {}, {}, ("30th anniversary of the permanent neutrality of "
                                    "Turkmenistan", "en"), id="en"),
        pytest.param("ru", {"ru": "День нейтралитета"},
                     {"ru": "постоянного нейтралитета Туркменистана"},
                     ("30-я годовщина постоянного нейтралитета Туркменистана", "ru"), id="ru"),
        pytest.param("tk", {}, {"tk": "Türkmenistanyň hemişelik Bitaraplygynyň"},
                     ("Türkmenistanyň hemişelik Bitaraplygynyň 30 ýyllygy", "tk"),
                     id="of-without-name"),
        # no origin.of in the locale: a neutral form that does not say what the anniversary
        # is of, all in the name's language
        pytest.param("ru", {"ru": "День нейтралитета"}, {},
                     ("День нейтралитета: 30 лет с 12 декабря 1995\u202fг.", "ru"),
                     id="ru-neutral"),
        pytest.param("fr", {"fr": "Journée de la neutralité"}, {},
                     ("Journée de la neutralité : 30 ans depuis le 12 décembre 1995", "fr"),
                     id="fr-neutral"),
        pytest.param("zh", {"zh": "中立日"}, {}, ("中立日：自1995年12月12日以来30年", "zh"),
                     id="zh-neutral"),
        # Tajik writes the month in lower case inside the sentence
        pytest.param("tg", {"tg": "Рӯзи бетарафӣ"}, {},
                     ("Рӯзи бетарафӣ: 30 сол аз 12 декабр 1995", "tg"), id="tg-neutral"),
        # neither: the whole title is the English one, and says it is English
        pytest.param("fr", {}, {}, ("30th anniversary of the permanent neutrality of "
                                    "Turkmenistan", "en"), id="fr-fallback"),
        pytest.param("tk", {}, {}, ("30th anniversary of the permanent neutrality of "
                                    "Turkmenistan", "en"), id="tk-fallback"),
    ],
)  # fmt: skip
def test_milestone_titles(
    sample: Catalogue, locale: str, names: dict, of: dict, expected: tuple[str, str]
) -> None:
    milestone = _with_texts(_milestone(sample, "tm-permanent-neutrality-day", 2025), names, of)
    assert occurrence_title(milestone, locale) == expected


def test_neutral_title_in_english(sample: Catalogue) -> None:
    milestone = _milestone(sample, "tm-permanent-neutrality-day", 2025)
    origin = replace(milestone.observance.origin, of={})
    observance = replace(milestone.observance, origin=origin)
    assert occurrence_title(milestone._replace(observance=observance), "en") == (
        "Permanent Neutrality Day: 30 years since December 12, 1995",
        "en",
    )


def test_jubilees(sample: Catalogue) -> None:
    silver = _milestone(sample, "tm-permanent-neutrality-day", 2020)
    assert occurrence_name(silver, "en") == (
        "25th anniversary of the permanent neutrality of Turkmenistan (silver jubilee)"
    )
    russian = _with_texts(silver, of={"ru": "постоянного нейтралитета Туркменистана"})
    assert occurrence_name(russian, "ru").endswith("(серебряный юбилей)")
    turkmen = _with_texts(silver, of={"tk": "Türkmenistanyň hemişelik Bitaraplygynyň"})
    assert occurrence_name(turkmen, "tk") == "Türkmenistanyň hemişelik Bitaraplygynyň 25 ýyllygy"
    assert jubilee(50, "es") == "bodas de oro"
    assert jubilee(50, "fr") is None  # French names only the centenary and bicentenary
    assert jubilee(100, "fr") == "centenaire"
    assert jubilee(30, "en") is None


def test_edition_and_ranges() -> None:
    assert edition_text(9, "en") == "9th observance"
    assert edition_text(9, "es") == "9.ª edición"
    # CLDR interval formats: one month and year written once.
    assert date_range(date(2025, 3, 21), date(2025, 3, 22), "en") == "Mar 21\u2009–\u200922, 2025"
    assert date_range(date(2025, 3, 21), date(2025, 3, 22), "es") == "21–22 de marzo de 2025"
    assert date_range(date(2025, 3, 21), date(2025, 3, 21), "ru") == "21 марта 2025\u202fг."


def test_tajik_ranges_follow_its_long_date() -> None:
    # CLDR's Tajik data has no ranges: Babel gives English-shaped ones ("Май 8 – 9, 2026").
    # data/locales/ranges.toml writes them like CLDR's Tajik long date ("dd MMMM y").
    assert date_range(date(2026, 5, 8), date(2026, 5, 9), "tg") == "08–09 май 2026"
    assert date_range(date(2026, 4, 30), date(2026, 5, 2), "tg") == "30 апрел – 02 май 2026"
    assert (
        date_range(date(2025, 12, 31), date(2026, 1, 2), "tg") == "31 декабр 2025 – 02 январ 2026"
    )


def test_tajik_names_in_lower_case() -> None:
    # Tajik writes month and weekday names in lower case except at the start of a sentence or
    # heading ("12 декабри соли 1995", "рӯзи шанбе"); CLDR capitalises them.
    assert long_date(date(1995, 12, 12), "tg") == "12 декабр 1995"
    assert long_date(date(2025, 3, 21), "tg") == "21 март 2025"
    assert weekday_name(date(2025, 12, 13), "tg") == "шанбе"  # after the date in headings
    assert weekday_name(date(2025, 12, 15), "tg") == "душанбе"
    assert full_date(date(2025, 12, 13), "tg") == "Шанбе, 13 декабр 2025"  # opens the line
    assert full_date(date(2026, 1, 25), "tg") == "Якшанбе, 25 январ 2026"
    # Azerbaijani: weekdays only (CLDR's months are already in lower case)
    assert weekday_name(date(2025, 12, 13), "az") == "şənbə"
    assert full_date(date(2025, 12, 13), "az") == "Şənbə, 13 dekabr 2025"  # opens the line
    # the others as CLDR writes them
    assert long_date(date(1995, 12, 12), "en") == "December 12, 1995"
    assert weekday_name(date(2025, 12, 13), "tr") == "Cumartesi"
    assert full_date(date(2025, 12, 13), "ru") == "суббота, 13 декабря 2025\u202fг."


@pytest.mark.slow
def test_must_hold_milestone_names(runner: CliRunner) -> None:
    for locale, needle in (("en", "30th"), ("fr", "30e"), ("ru", "30")):
        result = runner.invoke(
            main,
            ["list", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json",
             "--locale", locale],
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        milestones = [
            r
            for r in json.loads(result.stdout)
            if r["start"] == "2025-12-12" and r["milestone"] and r["anniversary"] == 30
        ]
        assert milestones, locale
        assert all(needle in r["name"] for r in milestones)
        if locale == "ru":
            assert all(re.search("[а-я]", r["name"]) for r in milestones)


# Urdu ordinals agree like adjectives in -ا: 1st-4th are words (پہلا، دوسرا، تیسرا، چوتھا), from
# 5th on the number and -واں (masculine) or -ویں (masculine oblique, feminine), as the Urdu
# descriptions write them (data/translations/ur.toml: «نومبر کی تیسری جمعرات کو», «پچاسویں سالگرہ»).
URDU_FORMS = {
    "masculine": ["پہلا", "دوسرا", "تیسرا", "چوتھا", "5واں", "10واں", "25واں", "30واں", "100واں"],
    "oblique": ["پہلے", "دوسرے", "تیسرے", "چوتھے", "5ویں", "10ویں", "25ویں", "30ویں", "100ویں"],
    "feminine": ["پہلی", "دوسری", "تیسری", "چوتھی", "5ویں", "10ویں", "25ویں", "30ویں", "100ویں"],
}
NUMBERS = [1, 2, 3, 4, 5, 10, 25, 30, 100]


@pytest.mark.parametrize("form", URDU_FORMS)
def test_urdu_ordinal_forms(form: str) -> None:
    assert [ordinal(n, "ur", form) for n in NUMBERS] == URDU_FORMS[form]
    assert [ordinal(n, "ur") for n in NUMBERS] == URDU_FORMS["masculine"]  # the first form


def test_urdu_edition() -> None:
    # "the nth year of being observed": سال is masculine, in the direct case
    assert [edition_text(n, "ur") for n in NUMBERS] == [
        f"منائے جانے کا {word} سال" for word in URDU_FORMS["masculine"]
    ]


def test_unknown_ordinal_form() -> None:
    with pytest.raises(KeyError, match="ur: no ordinal form 'plural'"):
        ordinal(2, "ur", "plural")
    with pytest.raises(KeyError, match="ru: no ordinal form 'feminine'"):
        ordinal(2, "ru", "feminine")


# -- the catalogues -------------------------------------------------------------------------


def _po(locale: str):  # type: ignore[no-untyped-def]
    with (LOCALES / locale / "LC_MESSAGES" / "calendargen.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def _placeholders(text: str | tuple[str, ...]) -> set[str]:
    """Placeholders of a message as written: {brace} fields (with any [key]) and %(python)s."""
    texts = text if isinstance(text, tuple | list) else (text,)
    found: set[str] = set()
    for one in texts:
        found |= set(re.findall(r"%\((\w+)\)s", one))
        if "%(" not in one:
            found |= {name for _, name, _, _ in string.Formatter().parse(one) if name}
    return found


def _fields(text: str | tuple[str, ...]) -> set[str]:
    """The values a message uses: ``{ordinal[feminine]}`` uses ``ordinal``."""
    return {re.split(r"[.\[]", name)[0] for name in _placeholders(text)}


def test_template_is_up_to_date() -> None:
    keywords = {
        "pgettext_noop": ((1, "c"), 2),
        "npgettext_noop": ((1, "c"), 2, 3),
        "_": None,
        "gettext": None,
        "pgettext": ((1, "c"), 2),
    }
    extracted = {
        (context, message if isinstance(message, str) else message[0])
        for _, _, message, _, context in extract_from_dir(
            str(ROOT),
            method_map=[("calendargen/**.py", "python"), ("templates/**.html", "jinja2")],
            keywords=keywords,
        )
    }
    with (LOCALES / "calendargen.pot").open("rb") as handle:
        template = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id
        }
    assert extracted == template, "run the pybabel extract command of babel.cfg"


@pytest.mark.parametrize("locale", DEFAULT_LOCALES)
def test_catalogue_complete(locale: str) -> None:
    with (LOCALES / "calendargen.pot").open("rb") as handle:
        template = {(m.context, m.id) for m in read_po(handle) if m.id}
    catalog = _po(locale)
    messages = {(m.context, m.id): m for m in catalog if m.id}
    assert set(messages) >= template, f"missing in {locale}: {template - set(messages)}"
    for key in template:
        message = messages[key]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{locale}: untranslated {key}"
        assert not message.fuzzy, f"{locale}: fuzzy {key}"
        required = _fields(message.id) - {"n", "ordinal"}
        allowed = _fields(message.id) | {"n", "ordinal"}
        assert required <= _fields(message.string) <= allowed, (locale, key, message.string)


@pytest.mark.parametrize("locale", DEFAULT_LOCALES)
def test_named_forms_exist(locale: str) -> None:
    """Every ``{ordinal[form]}`` of a catalogue names a form of data/locales/ordinal-forms.toml;
    a year (``{year}``, ``{first}``, ``{last}``) and a Chinese calendar's day and month offer only
    ``[ordinal]``."""
    for message in _po(locale):
        for name in _placeholders(message.string) if message.id else ():
            field, _, key = name.partition("[")
            if field == "ordinal" and key:
                ordinal(1, locale, key.rstrip("]"))  # KeyError if the locale has no such form
            elif key:
                numerals = ("day", "month") if message.id == CHINESE[1] else ()
                assert field in ("year", "first", "last", *numerals), (locale, message.id, name)
                assert key == "ordinal]", (locale, message.id, name)


def test_a_project_translates_its_own_interface(
    project: Path, runner: CliRunner, request: pytest.FixtureRequest
) -> None:
    """messages = "locales" in calgen.toml: the project's .po files come first, for a locale
    calendargen ships (ru: one message reworded) and for one it does not (de)."""
    from calendargen.i18n import translations, use_project_messages

    request.addfinalizer(lambda: (use_project_messages(()), translations.cache_clear()))
    for locale, text in (("de", "Heute"), ("ru", "Сегодня и всегда")):
        folder = project / "locales" / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "calendargen.po").write_text(
            f'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'msgid "Today"\nmsgstr "{text}"\n',
            encoding="utf-8",
        )
    config = project / "calgen.toml"
    config.write_text('messages = "locales"\n' + config.read_text().replace('"fr", ', '"de", '))
    result = runner.invoke(main, ["build", "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert ">Heute</h2>" in (project / "public" / "de" / "index.html").read_text()
    russian = (project / "public" / "ru" / "index.html").read_text()
    assert ">Сегодня и всегда</h2>" in russian
    assert "Ближайшие юбилейные годовщины" in russian  # the rest: calendargen's own
    coverage = runner.invoke(main, ["check", "--coverage"]).stdout
    assert re.search(r"^de +1/\d+ +\(locales/de/LC_MESSAGES/calendargen.po\)$", coverage, re.M)
    assert re.search(r"^ru +\d+/\d+ +\(locales/ru/LC_MESSAGES/calendargen.po, calendargen\)$",
                     coverage, re.M)  # fmt: skip


@pytest.mark.parametrize(
    ("locale", "value", "expected"),
    [
        # Turkmen: -njy after back-vowel numerals (alty, dokuz, on, otuz, kyrk, altmyş, togsan)
        ("tk", 6, "6-njy"), ("tk", 30, "30-njy"), ("tk", 40, "40-njy"), ("tk", 50, "50-nji"),
        ("tk", 90, "90-njy"), ("tk", 100, "100-nji"), ("tk", 21, "21-nji"),
        # Kazakh: елу, жетпіс, сексен, жүз are front-vowel words (-ші); алпыс, тоқсан back (-шы)
        ("kk", 50, "50-ші"), ("kk", 60, "60-шы"), ("kk", 70, "70-ші"), ("kk", 80, "80-ші"),
        ("kk", 90, "90-шы"), ("kk", 100, "100-ші"), ("kk", 6, "6-шы"), ("kk", 2, "2-ші"),
        # Tajik: -юм after ду, се, сӣ (vowels); дувоздаҳ, сенздаҳ end in a consonant
        ("tg", 2, "2-юм"), ("tg", 3, "3-юм"), ("tg", 12, "12-ум"), ("tg", 13, "13-ум"),
        ("tg", 22, "22-юм"), ("tg", 30, "30-юм"), ("tg", 4, "4-ум"),
        # Azerbaijani: min takes -ci (mininci), though CLDR counts 1000 as "other" (-cu);
        # yüz -cü (yüzüncü), milyon -cu (milyonuncu)
        ("az", 1000, "1.000-ci"), ("az", 2000, "2.000-ci"), ("az", 1900, "1.900-cü"),
        ("az", 1_000_000, "1.000.000-cu"),
    ],
)  # fmt: skip
def test_ordinals_by_the_sound_of_the_last_word(locale: str, value: int, expected: str) -> None:
    assert ordinal(value, locale) == expected
