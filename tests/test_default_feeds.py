"""Every feed of the default build, expanded and --compact, as subscribers' clients read them:
icalendar, recurring-ical-events and ical.js parse each one; no fold inside a TEXT escape, no
empty calendar, no aggregate left short of its stated years, no look-alike events."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from click.testing import CliRunner

from calendargen.cli import main

JS = Path(__file__).parent / "js"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["expanded", "compact"])
def default_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(request.param) / "public"
    args = ["build", "--quiet", "--out", str(out), "--from", "2025", "--to", "2029"]
    if request.param == "compact":
        args.append("--compact")
    env = {"SOURCE_DATE_EPOCH": "1764547200"}  # 2025-12-01
    result = CliRunner(env=env).invoke(main, args)
    assert result.exit_code == 0, result.stderr
    return out


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8").split("\r\n")[:-1]


def test_no_fold_inside_an_escape_and_no_empty_calendar(default_build: Path) -> None:
    feeds = sorted(default_build.rglob("*.ics"))
    assert len(feeds) > 3000
    for path in feeds:
        lines = _lines(path)
        assert "BEGIN:VEVENT" in lines, path
        for line in lines[:-1]:
            trailing = len(line) - len(line.rstrip("\\"))
            assert trailing % 2 == 0, (path, line)


def test_no_look_alike_events(default_build: Path) -> None:
    """Two events of one feed never share their day and their title."""
    for path in sorted(default_build.rglob("*.ics")):
        unfolded = path.read_bytes().decode("utf-8").replace("\r\n ", "")
        seen = Counter(
            (re.search(r"DTSTART;VALUE=DATE:(\d+)", e)[1], re.search(r"SUMMARY[^:]*:(.*)", e)[1])  # type: ignore[index]
            for e in unfolded.split("BEGIN:VEVENT")[1:]
        )
        assert [k for k, n in seen.items() if n > 1] == [], path


def test_aggregates_hold_their_stated_years(default_build: Path) -> None:
    for locale_folder in sorted(p.parent for p in default_build.glob("*/calendar.ics")):
        for path in [locale_folder / "calendar.ics", *sorted((locale_folder / "feeds").glob("*"))]:
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
            assert len(path.read_bytes()) < 1_000_000, path
            description = str(calendar["X-WR-CALDESC"])
            assert re.search(r"2025\D{1,6}2029$", description), (path, description)


def test_parsers_read_every_feed(default_build: Path) -> None:
    aggregates = sorted(default_build.glob("*/calendar.ics"))
    for path in sorted(default_build.rglob("*.ics")):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert calendar.walk("VEVENT"), path
    for path in aggregates:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        between = recurring_ical_events.of(calendar).between(date(2025, 1, 1), date(2030, 1, 1))
        assert len(between) > 1000, path
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "ical.js").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must install node and tests/js (npm ci --prefix tests/js)")
        pytest.skip("ical.js not installed: npm ci --prefix tests/js")
    paths = [str(p) for p in sorted(default_build.rglob("*.ics"))]
    for start in range(0, len(paths), 800):
        chunk = paths[start : start + 800]
        result = subprocess.run(
            [node, str(JS / "parse.mjs"), *chunk], capture_output=True, text=True, check=True
        )
        parsed = json.loads(result.stdout)
        assert all(parsed[p] for p in chunk)
