"""The bad-input corpus: one file per mistake under tests/bad/, its expected message in its
first line. Each must give that one-line message, a non-zero exit and no traceback, and leave
the previous output alone.

- ``tests/bad/*.toml``: a data file, checked with ``calgen check FILE``;
- ``tests/bad/config/*.toml``: a project's ``calgen.toml``, built with ``calgen build``;
- ``tests/bad/templates/*.html``: a project's ``templates/home.html``, built likewise.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendargen.cli import main

BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.glob("*.toml")) + sorted(BAD.glob("config/*.toml"))
CASES += sorted(BAD.glob("templates/*.html"))
SAMPLE = Path(__file__).parent / "catalogue"


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").removeprefix("\ufeff").splitlines()[0]
    match = re.match(r"(?:#|\{#) expect: (.*?)(?: #\})?$", first)
    assert match, f"{path}: first line must be '# expect: MESSAGE'"
    return match[1]


def _message(line: str) -> str:
    """An error line without its ``error: FILE[:LINE[:COLUMN]]: `` location (paths vary by
    machine)."""
    return re.sub(r"^error: (?:\S*?\.(?:toml|html)(?::\d+){0,2}: )?", "", line)


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_bad_input(
    path: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLE, tmp_path / "data")
    previous = tmp_path / "public" / "en" / "index.html"
    previous.parent.mkdir(parents=True)
    previous.write_text("the previous build")
    (tmp_path / ".public.calgen").mkdir()  # calgen's record that it wrote that file
    (tmp_path / ".public.calgen" / "manifest").write_text("en/index.html\n")
    if path.parent.name == "config":
        (tmp_path / "calgen.toml").write_text(path.read_text(encoding="utf-8"))
        result = runner.invoke(main, ["build", "--locale", "en"])
    elif path.parent.name == "templates":
        (tmp_path / "templates").mkdir()
        shutil.copy(path, tmp_path / "templates" / "home.html")
        (tmp_path / "calgen.toml").write_text(
            'include_default = false\ndata = ["data"]\ntemplates = "templates"\n'
        )
        result = runner.invoke(main, ["build", "--locale", "en"])
    else:  # a data file beside the project, named as its author would
        shutil.copy(path, tmp_path / path.name)
        result = runner.invoke(main, ["check", path.name])
    assert result.exit_code == 1, result.output
    first = result.stderr.splitlines()[0]
    assert _message(first) == _expected(path), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert all(
        line.startswith(("error: ", "1 ", "2 ", "3 ")) for line in result.stderr.splitlines()
    )
    assert previous.read_text() == "the previous build"


def test_year_range_on_the_command_line(project: Path, runner: CliRunner) -> None:
    for args, message in (
        (["build", "--from", "0"], "not within 1-9999"),
        (["build", "--to", "10000"], "not within 1-9999"),
        (["list", "--from", "10000"], "--from takes a year (1-9999)"),
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1 and message in result.stderr, result.stderr
