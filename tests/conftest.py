"""Shared fixtures: the small sample catalogue, and a CLI runner working in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendargen.loader import Catalogue, load

HERE = Path(__file__).parent
SAMPLE = HERE / "catalogue"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files and snapshots from the current output (review the diff).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def sample() -> Catalogue:
    return load([SAMPLE])


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user project holding only the sample catalogue, as the current folder."""
    sample_project(tmp_path, monkeypatch)
    return tmp_path


def sample_project(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` a project of the sample catalogue, the current folder, built as of
    2025-12-01."""
    shutil.copytree(SAMPLE, folder / "data")
    (folder / "calgen.toml").write_text(
        'include_default = false\ndata = ["data"]\nlocales = ["en", "fr", "ru"]\n'
        "[window]\nfrom = 2024\nto = 2026\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01T00:00:00Z


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
