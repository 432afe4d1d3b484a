"""calgen import: an .ics back into catalogue entries that give the same dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from calendargen.cli import main
from calendargen.engine import expand
from calendargen.loader import Catalogue, load

FOREIGN = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example Org//Holidays//EN\r
BEGIN:VEVENT\r
UID:founders@example.org\r
DTSTAMP:20250101T000000Z\r
DTSTART;VALUE=DATE:20100503\r
RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=1MO\r
EXDATE;VALUE=DATE:20200504\r
SUMMARY;LANGUAGE=fr:Journ\xc3\xa9e des fondateurs\r
DESCRIPTION;LANGUAGE=fr:La f\xc3\xaate de l'association.\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:gala-2024@example.org\r
DTSTAMP:20250101T000000Z\r
DTSTART:20241115T190000Z\r
DTEND:20241115T230000Z\r
SUMMARY:Annual gala\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:gala-2025@example.org\r
DTSTAMP:20250101T000000Z\r
DTSTART:20251121T190000Z\r
DTEND:20251121T230000Z\r
SUMMARY:Annual gala\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _import(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, ["import", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_foreign_calendar(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "org.ics"
    feed.write_bytes(FOREIGN)
    text = _import(runner, str(feed), "--category", "un", "--category", "commemoration")
    assert 'rule = "1st monday of may since 2010"' in text
    assert "overrides.2020 = []" in text  # the excluded year
    assert 'name.fr = "Journée des fondateurs"' in text
    assert 'description.fr = "La fête de l\'association."' in text
    assert 'overrides.2024 = ["2024-11-15"]' in text  # no yearly pattern: dated
    assert 'overrides.2025 = ["2025-11-21"]' in text
    assert 'categories = ["un", "commemoration"]' in text


def test_a_compact_feed_comes_back_as_rules_with_the_same_dates(
    project: Path, runner: CliRunner, sample: Catalogue
) -> None:
    assert runner.invoke(main, ["build", "--quiet", "--compact", "--locale", "en"]).exit_code == 0
    feeds = sorted((project / "public" / "en" / "observances").glob("*.ics"))
    text = _import(runner, *map(str, feeds), "--category", "un", "--category", "commemoration")
    folder = project / "imported"
    (folder / "observances").mkdir(parents=True)
    (folder / "observances" / "imported.toml").write_text(text, encoding="utf-8")
    (folder / "categories.toml").write_text((project / "data" / "categories.toml").read_text())
    imported = load([folder])
    first, last = date(2024, 1, 1), date(2026, 12, 31)

    def days(catalogue: Catalogue) -> dict[str, set[tuple[date, date]]]:
        found: dict[str, set[tuple[date, date]]] = {}
        for o in expand(catalogue.observances, first, last):
            if not o.milestone and not o.observed:
                found.setdefault(o.id, set()).add((o.start, o.end))
        return found

    assert days(imported) == {k: v for k, v in days(sample).items() if k in days(imported)}
    recurring = [o for o in imported.observances if o.eras and not o.overrides]
    assert len(recurring) >= 5  # rules, not lists of dates
    assert set(days(imported)) == set(days(sample))
