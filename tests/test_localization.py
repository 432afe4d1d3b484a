"""The shipped catalogue speaks every shipped locale: complete texts, milestone titles in one
language, no English left on the pages of the other eight."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendargen.cli import main
from calendargen.defaults import shipped
from calendargen.engine import expand
from calendargen.i18n import SHIPPED_LOCALES
from calendargen.loader import Catalogue, load
from calendargen.model import Occurrence
from calendargen.render.records import record
from calendargen.render.text import coverage

OTHERS = [locale for locale in SHIPPED_LOCALES if locale != "en"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load([shipped("data")])


@pytest.mark.parametrize("locale", OTHERS)
def test_shipped_catalogue_is_complete(catalogue: Catalogue, locale: str) -> None:
    for key, (needed, _, _, missing) in coverage(catalogue.observances, locale).items():
        assert needed and missing == 0, (locale, key, missing)


@pytest.mark.parametrize("locale", OTHERS)
def test_no_english_left_in_translations(catalogue: Catalogue, locale: str) -> None:
    """A translated text never repeats the English one, and never holds its English name."""
    for observance in catalogue.observances:
        english = observance.names["en"]
        assert observance.descriptions[locale] != observance.descriptions["en"], observance.id
        if len(english.split()) > 2:  # a proper name of one or two words may be shared
            assert english not in observance.descriptions[locale], (observance.id, locale)
            if observance.provenance("name", locale)[0] != "official":
                assert observance.names[locale] != english, (observance.id, locale)


def _milestones(runner: CliRunner, locale: str) -> list[dict[str, object]]:
    result = runner.invoke(
        main,
        ["list", "--from", "2024", "--to", "2030", "--milestones", "--format", "json",
         "--locale", locale],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout))


@pytest.fixture(scope="module")
def milestones(catalogue: Catalogue) -> list[Occurrence]:
    """The shipped catalogue's milestones of 2024-2030 (as ``calgen list --milestones``)."""
    found = expand(catalogue.observances, date(2024, 1, 1), date(2030, 12, 31))
    return [o for o in found if o.milestone]


@pytest.mark.parametrize("locale", ["ru", "ar", "zh", "fa", "hy", "ka", "kk", "ky", "tg", "ur"])
def test_milestone_titles_have_no_latin_words(milestones: list[Occurrence], locale: str) -> None:
    titles = [str(record(o, locale)["name"]) for o in milestones]
    assert len(titles) > 150
    assert [t for t in titles if re.search(r"[A-Za-z]{2,}", t)] == []


@pytest.mark.parametrize("locale", ["tk", "fr", "es", "tr", "az", "uz"])
def test_milestone_titles_hold_no_english_name(
    catalogue: Catalogue, milestones: list[Occurrence], locale: str
) -> None:
    records = [record(o, locale) for o in milestones]
    assert len(records) > 150
    for found in records:
        observance = catalogue.get(str(found["id"]))
        assert observance is not None
        if observance.provenance("name", locale)[0] != "official":
            assert observance.names["en"] not in str(found["name"]), found


@pytest.mark.slow
def test_one_milestone_per_day_and_title(runner: CliRunner, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    for locale in SHIPPED_LOCALES:
        seen = [(r["start"], r["name"]) for r in _milestones(runner, locale)]
        assert len(seen) == len(set(seen)), locale


class _EnglishMarks(HTMLParser):
    """Elements marked lang="en" outside the language chooser."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._chooser = 0
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "ul" and "language-choice" in (attributes.get("class") or ""):
            self._chooser += 1
        if tag == "html" or self._chooser:
            return
        if attributes.get("lang") in ("en", "en-US"):
            self.found.append(f"<{tag} {attributes}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self._chooser:
            self._chooser -= 1


@pytest.mark.slow
def test_no_english_on_observance_and_home_pages(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    args = ["build", "--out", "site", "--quiet", "--from", "2025", "--to", "2026"]
    result = runner.invoke(main, [*args, *(f"--locale={locale}" for locale in OTHERS)])
    assert result.exit_code == 0, result.stderr
    pages = 0
    for locale in OTHERS:
        paths = [tmp_path / "site" / locale / "index.html"]
        paths += sorted((tmp_path / "site" / locale / "observances").glob("*/index.html"))
        for path in paths:
            parser = _EnglishMarks()
            parser.feed(path.read_text(encoding="utf-8"))
            assert parser.found == [], (path, parser.found[:3])
            pages += 1
    assert pages > 3000
