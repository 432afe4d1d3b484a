"""The loader: every problem reported at once, good input read right (the bad-input corpus
is run by test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from calendargen.cli import main
from calendargen.errors import CatalogueError
from calendargen.loader import Catalogue, load, load_categories
from calendargen.model import Source


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    bad = sorted(Path(__file__).parent.joinpath("bad").glob("*.toml"))
    (tmp_path / "observances").mkdir()
    for path in bad:
        if path.stem not in ("malformed-toml", "duplicate-id", "empty-catalogue"):
            (tmp_path / "observances" / path.name).write_text(path.read_text(), encoding="utf-8")
    (tmp_path / "categories.toml").write_text(
        (Path(__file__).parent / "catalogue" / "categories.toml").read_text(), encoding="utf-8"
    )
    with pytest.raises(CatalogueError) as raised:
        load([tmp_path])
    files = {problem.file for problem in raised.value.problems}
    assert len(files) >= 10  # one problem per file at least, all in one error


def test_sample_loads(sample: Catalogue) -> None:
    neutrality = sample.get("international-day-of-neutrality")
    assert neutrality is not None
    assert neutrality.categories == ("un", "international-day")
    assert neutrality.first_year == 2017
    assert neutrality.origin is not None and neutrality.origin.date.isoformat() == "1995-12-12"
    assert [o.id for o in sample.observances] == sorted(o.id for o in sample.observances)


def test_name_falls_back_to_language_then_english(sample: Catalogue) -> None:
    peace = sample.get("international-day-of-peace")
    assert peace is not None
    assert peace.name("fr_CA") == "Journée internationale de la paix"
    assert peace.name("tk") == "International Day of Peace"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        pytest.param(
            'working_day = "yes"', "3:1: days.working_day: must be true or false", id="not-bool"
        ),
        pytest.param(
            "day_off = true\nworking_day = true",
            "1:2: days: a category is day_off or working_day, not both",  # at [days]
            id="both",
        ),
    ],
)
def test_category_day_flags(tmp_path: Path, flags: str, message: str) -> None:
    path = tmp_path / "categories.toml"
    path.write_text(f'[days]\ntype = "kind"\n{flags}\nname.en = "Days"\n', encoding="utf-8")
    categories, problems = load_categories(path, "categories.toml")
    assert categories == {}
    assert [str(problem) for problem in problems] == [f"categories.toml:{message}"]


def test_category_problems_at_once(tmp_path: Path) -> None:
    path = tmp_path / "categories.toml"
    path.write_text(
        '[days]\ntype = "knd"\nname = { en = "Days", xx-nope = "?" }\nterritory = 7\n\n'
        '[un]\ntype = "source"\nname.en = "UN"\nnmae.fr = "ONU"\n',
        encoding="utf-8",
    )
    categories, problems = load_categories(path, "categories.toml")
    assert [str(problem) for problem in problems] == [
        "categories.toml:2:1: days.type: must be 'source' or 'kind' (did you mean 'kind'?)",
        "categories.toml:4:1: days.territory: must be a CLDR territory code such as 'TM'",
        "categories.toml:3:23: days.name.xx-nope: unknown locale 'xx-nope'",
        "categories.toml:9:1: un.nmae: unknown key 'nmae' (did you mean 'name'?)",
    ]
    assert list(categories) == ["un"]  # a mistyped key does not make its entries' uses unknown


def test_entry_problems_at_once(tmp_path: Path) -> None:
    folder = _catalogue(tmp_path)
    (folder / "observances" / "sample.toml").write_text(
        '[catalogue]\ncategories = ["un"]\ncolour = 1\n\n'
        '[[observance]]\nid = "world-day"\nrule = 921\nsinse = 2001\n'
        'categories = "international-day"\nname.en = "World Day"\n'
        'source = { title = "t", url = "ftp://x" }\norigin = { date = "1995-12-12", of = 5 }\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as raised:
        load([folder])
    file = f"{tmp_path}/observances/sample.toml"
    assert [str(p) for p in raised.value.problems] == [
        f"{file}:3:1: catalogue.colour: unknown key 'colour'",
        f"{file}:7:1: world-day.rule: must be a rule text or a list of rule texts",
        f"{file}:8:1: world-day.sinse: unknown key 'sinse'",
        f"{file}:9:1: world-day.categories: must be a list of category ids",
        f"{file}:11:25: world-day.source.url: must start with https:// or http://",
        f"{file}:12:33: world-day.origin.of: must be a table of texts by locale, such as "
        "origin.of.en",
    ]


@pytest.mark.parametrize(
    ("rule", "place"),
    [
        pytest.param('"3rd tusday of september"', "7:13", id="one-line"),
        pytest.param("'3rd tusday of september'", "7:13", id="literal"),
        pytest.param(
            '[\n  "09-21 until 2001",\n  "3rd tusday of september since 2002",\n]',
            "9:8",
            id="era-on-its-line",
        ),
        pytest.param(
            '["09-21 until 2001", "3rd tusday of september since 2002"]', "7:34", id="era-in-line"
        ),
        pytest.param('"3rd tus\\u0064ay of september"', "7:1", id="escaped: at the key"),
    ],
)
def test_rule_problem_points_at_the_word(tmp_path: Path, rule: str, place: str) -> None:
    """A rule that does not parse is reported at the character its message names, where the
    rule text is written as it reads; else at its key."""
    folder = _catalogue(tmp_path)
    (folder / "observances" / "sample.toml").write_text(
        '[catalogue]\ncategories = ["un", "international-day"]\n\n'
        '[[observance]]\nid = "world-day"\nname.en = "World Day"\n'
        f'rule = {rule}\nsource.symbol = "A/RES/1"\n'
        '[[observance]]\nid = "other-day"\nname.en = "Other Day"\n'
        'rule = "3rd tusday of september"\nsource.symbol = "A/RES/2"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as raised:
        load([folder])
    first = str(raised.value.problems[0])
    assert first.startswith(f"{tmp_path}/observances/sample.toml:{place}: world-day.rule: "
                            "unknown weekday 'tusday' at column "), first  # fmt: skip


def test_shipped_working_day_kind() -> None:
    from calendargen.defaults import shipped

    categories, problems = load_categories(shipped("data") / "categories.toml", "categories")
    assert problems == []
    assert [c for c in categories if categories[c].working_day] == ["working-day"]
    assert [c for c in categories if categories[c].day_off] == ["public-holiday", "decreed-day-off"]


def test_shipped_catalogue_is_valid() -> None:
    from calendargen.defaults import shipped

    catalogue = load([shipped("data")])
    for observance in catalogue.observances:
        assert observance.sources, observance.id
        assert observance.names.get("en"), observance.id


# -- translations/L.toml ---------------------------------------------------------------------


def _catalogue(tmp_path: Path, **translations: str) -> Path:
    sample = Path(__file__).parent / "catalogue"
    (tmp_path / "observances").mkdir()
    (tmp_path / "observances" / "sample.toml").write_text(
        (sample / "observances" / "sample.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "categories.toml").write_text((sample / "categories.toml").read_text())
    (tmp_path / "translations").mkdir()
    for locale, text in translations.items():
        (tmp_path / "translations" / f"{locale}.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_build_reads_the_texts_of_its_locales_only(tmp_path: Path) -> None:
    """A build in English and Turkmen reads tk.toml, not a broken de.toml (``calgen check``,
    which reads every file, reports it)."""
    folder = _catalogue(
        tmp_path,
        tk='[international-day-of-neutrality]\nname = "Halkara Bitaraplyk güni"\n',
        de="[international-day-of-peace\n",
    )
    catalogue = load([folder], ["en", "tk"])
    neutrality = catalogue.get("international-day-of-neutrality")
    assert neutrality is not None and neutrality.name("tk") == "Halkara Bitaraplyk güni"
    with pytest.raises(CatalogueError, match=r"de\.toml"):
        load([folder])


def test_translations_are_read_with_their_provenance(tmp_path: Path) -> None:
    folder = _catalogue(
        tmp_path,
        tk=(
            "[international-day-of-neutrality]\n"
            'name.text = "Halkara Bitaraplyk güni"\n'
            'name.source = "https://example.org/tk/bitaraplyk"\n'
            'description = "Türkmenistanyň hemişelik Bitaraplygyny ykrar etmek."\n'
            'origin.of = "Türkmenistanyň hemişelik Bitaraplygynyň"\n'
        ),
        de=(
            "[international-day-of-peace]\n"
            'name = { text = "Internationaler Tag des Friedens", source.title = "Ein Beschluss" }\n'
        ),
    )
    catalogue = load([folder])
    neutrality = catalogue.get("international-day-of-neutrality")
    assert neutrality is not None and neutrality.origin is not None
    assert neutrality.name("tk") == "Halkara Bitaraplyk güni"
    assert neutrality.origin.of["tk"] == "Türkmenistanyň hemişelik Bitaraplygynyň"
    kind, source = neutrality.provenance("name", "tk")
    assert kind == "official" and source is not None
    assert source.url == "https://example.org/tk/bitaraplyk"
    assert neutrality.provenance("description", "tk") == ("translation", None)
    assert neutrality.provenance("name", "en") == ("original", None)
    peace = catalogue.get("international-day-of-peace")
    assert peace is not None and peace.provenance("name", "de")[1] == Source(title="Ein Beschluss")


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        pytest.param(
            "ru", '[international-day-of-neutraliti]\nname = "x"\n',
            "translations/ru.toml:1:2: international-day-of-neutraliti: no such entry "
            "(did you mean 'international-day-of-neutrality'?)",
            id="unknown-id",
        ),
        pytest.param(
            "fr", '[international-day-of-peace]\nname = "Journée"\n',
            "translations/fr.toml:2:1: international-day-of-peace: name.fr is also given in "
            "observances/sample.toml",
            id="twice",
        ),
        pytest.param(
            "ru", '[international-day-of-peace]\nname.text = "День"\n',
            "translations/ru.toml:2:1: international-day-of-peace.name: missing source (the web "
            "address or source table an official text is quoted from)",
            id="official-without-source",
        ),
        pytest.param(
            "ru",
            '[international-day-of-peace]\nname.text = "День"\nname.source = "javascript:x"\n',
            "translations/ru.toml:3:6: international-day-of-peace.name.source: must start with "
            "https:// or http://",
            id="official-bad-source",
        ),
        pytest.param(
            "ru", '[international-day-of-peace]\ndescription = "  "\n',
            "translations/ru.toml:2:1: international-day-of-peace.description: must be non-empty "
            "text",
            id="empty",
        ),
        pytest.param(
            "ru", '[international-day-of-peace]\norigin.of = "мира"\n',
            "translations/ru.toml:2:1: international-day-of-peace: origin.of given, but the entry "
            "has no origin",
            id="origin-of-without-origin",
        ),
        pytest.param(
            "ru", '[international-day-of-peace]\nnmae = "x"\n',
            "translations/ru.toml:2:1: international-day-of-peace.nmae: unknown key 'nmae' (did "
            "you mean 'name'?)",
            id="unknown-key",
        ),
        pytest.param(
            "en", '[international-day-of-peace]\nname = "x"\n',
            "translations/en.toml: English texts belong in the observance files",
            id="english",
        ),
        pytest.param(
            "xx-nope", "",
            "translations/xx-nope.toml: 'xx-nope' is not a locale: name the file after one "
            "(ru.toml, zh_Hant.toml)",
            id="not-a-locale",
        ),
    ],
)  # fmt: skip
def test_translation_problems(tmp_path: Path, locale: str, text: str, expected: str) -> None:
    folder = _catalogue(tmp_path, **{locale: text})
    with pytest.raises(CatalogueError) as raised:
        load([folder])
    messages = [str(p).replace(str(tmp_path) + "/", "") for p in raised.value.problems]
    assert messages == [expected]


def test_secondary_sources_are_warned_about(tmp_path: Path, runner: CliRunner) -> None:
    folder = _catalogue(tmp_path)
    path = folder / "observances" / "sample.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[observance]]\nid = "reported-day"\nrule = "05-05"\n'
        'categories = ["un", "international-day"]\nname.en = "Reported Day"\n'
        'source.title = "A news report"\nsource.kind = "press"\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["check", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path}/observances/sample.toml: reported-day: every source is secondary "
        "(press, secondary): cite the primary one"
    ]
