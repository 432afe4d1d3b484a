"""The loader: every problem reported at once, good input read right (the bad-input corpus
is run by test_bad_input.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calendargen.errors import CatalogueError
from calendargen.loader import Catalogue, load


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


def test_shipped_catalogue_is_valid() -> None:
    from calendargen.defaults import shipped

    catalogue = load([shipped("data")])
    for observance in catalogue.observances:
        assert observance.sources, observance.id
        assert observance.names.get("en"), observance.id
