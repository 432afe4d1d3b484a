"""iCalendar output: byte-level conformance, golden files, independent parsers, stable UIDs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from calendargen.cli import main
from calendargen.engine import expand
from calendargen.loader import Catalogue
from calendargen.render.ics import LONG_SPAN_DAYS, escape_text, fold

GOLDEN = Path(__file__).parent / "golden" / "ics"
JS = Path(__file__).parent / "js"
GOLDEN_FILES = [
    "en/calendar.ics",
    "ru/milestones.ics",
    "fr/observances/international-day-of-peace.ics",
    "en/feeds/tm.ics",
]


@pytest.fixture
def built(project: Path, runner: CliRunner) -> Path:
    result = runner.invoke(main, ["build", "--quiet"])
    assert result.exit_code == 0, result.stderr
    return project / "public"


def _feeds(out: Path) -> list[Path]:
    return sorted(out.rglob("*.ics"))


def _listed(runner: CliRunner, locale: str) -> list[dict]:
    result = runner.invoke(
        main, ["list", "--from", "2024", "--to", "2026", "--format", "json", "--locale", locale]
    )
    return json.loads(result.stdout)


# -- the bytes --------------------------------------------------------------------------


def test_escaping() -> None:
    assert escape_text("a;b,c\\d\ne: f") == "a\\;b\\,c\\\\d\\ne: f"  # a colon is not escaped
    assert escape_text("x\r\ny\rz\x00\x1b") == "x\\ny\\nz"


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "Туркменистан😀" * 20
    folded = fold(line)
    physical = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert "".join(p[1:] if i else p for i, p in enumerate(physical)) == line
    for part in physical:
        part.encode("utf-8").decode("utf-8")  # each physical line is whole UTF-8


def _split_escape(lines: list[str]) -> bool:
    """Whether a fold leaves a TEXT escape's backslash at the end of a physical line."""
    for line in lines[:-1]:
        run = len(line) - len(line.rstrip("\\"))
        if run % 2:
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["\\", ";", ",", "\n", "a", "Ä", "ы", "😀", "中", " "]), max_size=300),
    st.integers(0, 20),
)
def test_fold_keeps_escapes_and_characters_whole(pieces: list[str], offset: int) -> None:
    line = "DESCRIPTION:" + "x" * offset + escape_text("".join(pieces))
    physical = fold(line).split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert "".join(p[1:] if i else p for i, p in enumerate(physical)) == line
    assert not _split_escape(physical)


def test_feed_conformance(built: Path) -> None:
    for path in _feeds(built):
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), path  # no BOM (ical.js rejects one)
        text = data.decode("utf-8")
        assert text.endswith("END:VCALENDAR\r\n")
        assert "BEGIN:VEVENT" in text, path  # RFC 5545: a calendar holds a component
        assert "\n" not in text.replace("\r\n", ""), path  # CRLF only
        lines = text.split("\r\n")[:-1]
        assert all(len(line.encode("utf-8")) <= 75 for line in lines), path
        assert not _split_escape(lines), path  # Google drops an event folded inside an escape
        for required in ("VERSION:2.0", "PRODID:", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                         "NAME;LANGUAGE=", "X-WR-CALNAME:", "DESCRIPTION;LANGUAGE=",
                         "X-WR-CALDESC:", "REFRESH-INTERVAL;VALUE=DURATION:P1D",
                         "X-PUBLISHED-TTL:P1D"):  # fmt: skip
            assert required in text, (path, required)
        assert "VALARM" not in text
        unfolded = text.replace("\r\n ", "")
        for event in unfolded.split("BEGIN:VEVENT")[1:]:
            for required in ("DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:", "TRANSP:TRANSPARENT",
                             "X-MICROSOFT-CDO-BUSYSTATUS:FREE", "SUMMARY;",
                             "UID:", "DTSTAMP:"):  # fmt: skip
                assert required in event, (path, required)


def test_base_url_adds_urls(project: Path, runner: CliRunner) -> None:
    config = project / "calgen.toml"
    config.write_text('base_url = "https://days.example.org/"\n' + config.read_text())
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    text = (project / "public" / "en" / "calendar.ics").read_text().replace("\r\n ", "")
    assert "URL;VALUE=URI:https://days.example.org/en/calendar.ics" in text
    assert "SOURCE;VALUE=URI:https://days.example.org/en/calendar.ics" in text
    assert "URL;VALUE=URI:https://days.example.org/en/observances/united-nations-day/" in text


def test_estimated_dates_are_tentative(built: Path) -> None:
    text = (built / "en" / "observances" / "eid-al-fitr.ics").read_text().replace("\r\n ", "")
    events = text.split("BEGIN:VEVENT")[1:]
    status = {re.search(r"DTSTART;VALUE=DATE:(\d+)", e)[1]: re.search(r"STATUS:(\w+)", e)[1]
              for e in events}  # fmt: skip
    assert status["20240410"] == "CONFIRMED"  # announced (an override)
    assert status["20250330"] == "TENTATIVE"  # computed Umm al-Qura date


# -- golden files -----------------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN_FILES)
def test_golden(built: Path, name: str, update_golden: bool) -> None:
    golden = GOLDEN / name
    current = (built / name).read_bytes()
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(current)
    assert golden.exists(), f"{golden} is missing: write it with --update-golden"
    assert current == golden.read_bytes(), f"{name} differs; review, then --update-golden"


# -- independent parsers ----------------------------------------------------------------


def _expected(runner: CliRunner, locale: str) -> set[tuple[str, str, str]]:
    """What an aggregate feed holds: the occurrences of ``calgen list``, a long span (a year, a
    decade) as its first and its last day."""
    found = set()
    for r in _listed(runner, locale):
        start, end = r["start"], r["end"]
        if (date.fromisoformat(end) - date.fromisoformat(start)).days + 1 > LONG_SPAN_DAYS:
            found |= {(r["id"], start, start), (r["id"], end, end)}
        else:
            found.add((r["id"], start, end))
    return found


def _id_of(uid: str) -> str:
    return re.sub(r"-\d{8}-(day|milestone|observed|begins|ends)-[A-Za-z_]+@calendargen$", "", uid)


def test_icalendar_parses_back_the_same_dates(built: Path, runner: CliRunner) -> None:
    for locale in ("en", "fr", "ru"):
        calendar = icalendar.Calendar.from_ical((built / locale / "calendar.ics").read_bytes())
        found = {
            (
                _id_of(str(event["UID"])),
                event.decoded("DTSTART").isoformat(),
                (event.decoded("DTEND") - timedelta(days=1)).isoformat(),
            )
            for event in calendar.walk("VEVENT")
        }
        assert found == _expected(runner, locale)
    for path in _feeds(built):
        icalendar.Calendar.from_ical(path.read_bytes())  # every feed parses


def test_recurring_ical_events_agrees(built: Path, runner: CliRunner) -> None:
    calendar = icalendar.Calendar.from_ical((built / "en" / "calendar.ics").read_bytes())
    events = recurring_ical_events.of(calendar).between(date(2024, 1, 1), date(2027, 1, 1))
    found = {(_id_of(str(e["UID"])), e["DTSTART"].dt.isoformat()) for e in events}
    expected = _expected(runner, "en")
    assert found == {(i, s) for i, s, e in expected if e >= "2024-01-01" and s < "2027-01-01"}


def test_ical_js_parses_every_feed(built: Path, runner: CliRunner) -> None:
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "ical.js").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must install node and tests/js (npm ci --prefix tests/js)")
        pytest.skip("ical.js not installed: npm ci --prefix tests/js")
    paths = [str(p) for p in _feeds(built)]
    result = subprocess.run(
        [node, str(JS / "parse.mjs"), *paths], capture_output=True, text=True, check=True
    )
    parsed = json.loads(result.stdout)
    assert set(parsed) == set(paths)
    events = parsed[str(built / "en" / "calendar.ics")]
    assert all(e["allDay"] for e in events)
    found = {
        (
            _id_of(e["uid"]),
            e["start"],
            (date.fromisoformat(e["end"]) - timedelta(days=1)).isoformat(),
        )
        for e in events
    }
    assert found == _expected(runner, "en")


# -- identity ---------------------------------------------------------------------------


def _uids(path: Path) -> dict[str, str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e.decoded("DTSTART").isoformat() for e in calendar.walk("VEVENT")}


def test_uids_stable_across_windows_and_names(project: Path, runner: CliRunner) -> None:
    runner.invoke(main, ["build", "--quiet", "--from", "2024", "--to", "2026"])
    before = _uids(project / "public" / "en" / "calendar.ics")
    data = project / "data" / "observances" / "sample.toml"
    data.write_text(data.read_text().replace("United Nations Day", "UN Day (renamed)"))
    runner.invoke(main, ["build", "--quiet", "--from", "2025", "--to", "2027"])
    after = _uids(project / "public" / "en" / "calendar.ics")
    shared = {u for u, d in before.items() if d >= "2025"}
    assert shared and shared <= set(after)
    assert all(before[u] == after[u] for u in shared)
    assert len(set(before.values())) > 1 and len(before) == len(set(before))  # unique


def test_locales_share_no_uid(built: Path) -> None:
    en = set(_uids(built / "en" / "calendar.ics"))
    ru = set(_uids(built / "ru" / "calendar.ics"))
    assert en and ru and not en & ru


def test_two_builds_are_byte_identical(project: Path, runner: CliRunner, tmp_path: Path) -> None:
    runner.invoke(main, ["build", "--quiet", "--out", str(tmp_path / "a")])
    runner.invoke(main, ["build", "--quiet", "--out", str(tmp_path / "b")])
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*")
         if p.is_file() and p.name != ".calgen.lock"}  # fmt: skip
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*")
         if p.is_file() and p.name != ".calgen.lock"}  # fmt: skip
    assert a == b and len(a) > 10


def test_list_format_ics(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["list", "--year", "2025", "--format", "ics"])
    calendar = icalendar.Calendar.from_ical(result.stdout.encode("utf-8"))
    assert len(calendar.walk("VEVENT")) == len(_json_2025(runner))


def _json_2025(runner: CliRunner) -> list[dict]:
    return json.loads(runner.invoke(main, ["list", "--year", "2025", "--format", "json"]).stdout)


@pytest.mark.slow
def test_default_feeds_under_one_megabyte(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    result = runner.invoke(main, ["build", "--quiet", "--locale", "en", "--locale", "ar"])
    assert result.exit_code == 0, result.stderr
    sizes = {p: p.stat().st_size for p in (tmp_path / "public").rglob("*.ics")}
    assert max(sizes.values()) < 1_000_000


# -- compact mode -----------------------------------------------------------------------


def test_compact_recurrences_give_the_engine_dates(
    project: Path, runner: CliRunner, sample: Catalogue
) -> None:
    result = runner.invoke(main, ["build", "--quiet", "--compact"])
    assert result.exit_code == 0, result.stderr
    recurring = 0
    for observance in sample.observances:
        feed = project / "public" / "en" / "observances" / f"{observance.id}.ics"
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        if not any("RRULE" in event for event in calendar.walk("VEVENT")):
            continue
        recurring += 1
        between = recurring_ical_events.of(calendar).between(date(1980, 1, 1), date(2041, 1, 1))
        found = {e["DTSTART"].dt for e in between if "RRULE" in e or "RDATE" in e}
        found |= {e["DTSTART"].dt for e in between if "-recurring-" in str(e["UID"])}
        # A rule with neither `since` nor origin starts with the build's window (2024 here).
        expected = {
            o.start
            for o in expand([observance], date(1980, 1, 1), date(2040, 12, 31))
            if not o.milestone and o.start >= min(found)
        }
        assert found == expected, observance.id
    # peace day (eras), neutrality, nowruz, UN day, TM days; not Eid (Hijri) nor shifted days
    assert recurring >= 6
    text = (project / "public" / "en" / "observances" / "eid-al-fitr.ics").read_text()
    assert "RRULE" not in text


def test_oversized_feed_keeps_whole_years_and_says_which(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from calendargen.render import feeds

    monkeypatch.setattr(feeds, "MAX_FEED_BYTES", 12_000)
    result = runner.invoke(main, ["build", "--locale", "en"])
    assert result.exit_code == 0, result.stderr
    assert "trimmed to the 1 MB Google Calendar reads" in result.stdout
    data = (project / "public" / "en" / "calendar.ics").read_bytes()
    assert len(data) <= 12_000
    calendar = icalendar.Calendar.from_ical(data)
    years = sorted({e.decoded("DTSTART").year for e in calendar.walk("VEVENT")})
    # SOURCE_DATE_EPOCH is 2025-12-01: this year first, then the nearest years, whole
    assert 2025 in years and years == list(range(years[0], years[-1] + 1))
    assert len(years) < 3  # the window is 2024-2026: something had to go
    assert str(calendar["X-WR-CALDESC"]).endswith(f"{years[0]}–{years[-1]}")
    listed = [r for r in _listed(runner, "en") if years[0] <= int(r["start"][:4]) <= years[-1]]
    assert len(calendar.walk("VEVENT")) >= len(listed)  # nothing left out of a kept year


def _events(out: Path) -> dict[str, dict[str, tuple[str, str]]]:
    """Per feed: UID -> (DTSTART, SUMMARY)."""
    feeds = {}
    for path in _feeds(out):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        feeds[str(path.relative_to(out))] = {
            str(e["UID"]): (e["DTSTART"].to_ical().decode(), str(e["SUMMARY"]))
            for e in calendar.walk("VEVENT")
        }
    return feeds


@pytest.mark.parametrize("compact", [False, True], ids=["expanded", "compact"])
def test_a_year_later_events_keep_uid_dtstart_and_summary(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, compact: bool
) -> None:
    config = project / "calgen.toml"
    config.write_text(config.read_text().split("[window]")[0])  # the window moves with the year
    extra = ["--compact"] if compact else []
    builds = []
    for epoch, out in (("1733011200", "before"), ("1764547200", "after")):  # 2024-12-01, 2025
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        result = runner.invoke(main, ["build", "--quiet", "--out", out, *extra])
        assert result.exit_code == 0, result.stderr
        builds.append(_events(project / out))
    before, after = builds
    shared = 0
    for feed, events in before.items():
        for uid, (start, summary) in events.items():
            if "-recurring-" in uid or (start[:4] > "2024" and uid in after.get(feed, {})):
                assert after[feed][uid] == (start, summary), (feed, uid)
                shared += 1
            elif start[:4] > "2024":  # inside both windows: it must still be there
                raise AssertionError(f"{feed}: {uid} vanished a year later")
    assert shared > 50
    if compact:
        assert any("-recurring-" in uid for events in after.values() for uid in events)
