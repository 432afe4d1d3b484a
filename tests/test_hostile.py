"""Hostile and random input: escaped everywhere, never outside the output folder, never a
crash other than our own errors (hypothesis builds random small catalogues)."""

from __future__ import annotations

import json
import os
import string
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendargen.cli import main
from calendargen.errors import BuildError
from calendargen.output import Staging
from calendargen.render.ics import LONG_SPAN_DAYS

CATEGORIES = (Path(__file__).parent / "catalogue" / "categories.toml").read_text()
NASTY = (
    '<script>alert("x")</script> & "quotes" \'single\' {{ 7*7 }} {% raw %} '
    "\u202eRLO\u202c; comma, semicolon; back\\slash"
)
LONG = "Très long " * 600


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _project(root: Path, entries: list[dict[str, str]], locales: list[str]) -> None:
    (root / "data" / "observances").mkdir(parents=True)
    (root / "data" / "categories.toml").write_text(CATEGORIES)
    blocks = []
    for entry in entries:
        lines = ["[[observance]]"] + [f"{k} = {v}" for k, v in entry.items()]
        lines += ['categories = ["un", "international-day"]', 'source.title = "test"']
        blocks.append("\n".join(lines))
    (root / "data" / "observances" / "test.toml").write_text("\n\n".join(blocks) + "\n")
    (root / "calgen.toml").write_text(
        f'include_default = false\ndata = ["data"]\nlocales = {json.dumps(locales)}\n'
        'base_url = "https://days.example.org/"\n[window]\nfrom = 2024\nto = 2026\n'
    )


class _WellFormed(HTMLParser):
    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts.append(data)


def _check_pages(out: Path) -> None:
    for page in out.rglob("*.html"):
        parser = _WellFormed()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        assert parser.stack == [], f"{page}: unclosed {parser.stack}"
        for script in parser.scripts:
            json.loads(script)  # JSON-LD only, and valid


def _check_feeds(out: Path, runner: CliRunner, locale: str) -> None:
    listed = json.loads(
        runner.invoke(
            main, ["list", "--from", "2024", "--to", "2026", "--format", "json",
                   "--locale", locale]
        ).stdout
    )  # fmt: skip
    feed = out / locale / "calendar.ics"
    assert feed.is_file() == bool(listed)  # no event, no (empty, invalid) calendar
    if not listed:
        return
    calendar = icalendar.Calendar.from_ical(feed.read_bytes())
    found = sorted(
        (e.decoded("DTSTART").isoformat(), (e.decoded("DTEND") - timedelta(days=1)).isoformat())
        for e in calendar.walk("VEVENT")
    )
    expected = []
    for r in listed:  # an aggregate feed gives a long span as its first and last day
        start, end = date.fromisoformat(r["start"]), date.fromisoformat(r["end"])
        if (end - start).days + 1 > LONG_SPAN_DAYS:
            expected += [(r["start"], r["start"]), (r["end"], r["end"])]
        else:
            expected.append((r["start"], r["end"]))
    assert found == sorted(expected)
    for path in out.rglob("*.ics"):
        text = path.read_bytes().decode("utf-8")
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_hostile_names_are_escaped(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = [
        {"id": '"hostile"', "rule": '"12-12"', "name.en": _toml_string(NASTY),
         "description.en": _toml_string(NASTY + "\r\nsecond line " + LONG)},
    ]  # fmt: skip
    _project(tmp_path, entries, ["en", "ar"])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    result = runner.invoke(main, ["build", "--quiet"])
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "public"
    page = (out / "en" / "observances" / "hostile" / "index.html").read_text()
    assert '<script>alert("x")' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and ">49<" not in page
    for path in out.rglob("*.html"):
        assert "<script>alert" not in path.read_text()
    _check_pages(out)
    calendar = icalendar.Calendar.from_ical(
        (out / "en" / "observances" / "hostile.ics").read_bytes()
    )
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == NASTY
    assert str(event["DESCRIPTION"]).startswith(NASTY + "\nsecond line Très long")
    _check_feeds(out, runner, "en")
    outside = {p for p in tmp_path.rglob("*") if p.is_file()} - set(out.rglob("*"))
    allowed = {"data", "calgen.toml", ".public.calgen"}  # the build's own state beside its output
    assert {p.relative_to(tmp_path).parts[0] for p in outside} <= allowed


# -- random catalogues ------------------------------------------------------------------

MONTHS = "january february march april may june july august september october november december"
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
SCRIPTS = st.sampled_from(
    [
        string.ascii_letters + " -'",
        "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВ ",
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ",
        "天地日月年国际和平中立纪念",
        "äöüçşňýžÄÖÜÇŞŇÝŽ<>&\"'{}%#",
    ]
)
RULES = st.one_of(
    st.builds(lambda m, d: f"{m:02d}-{d:02d}", st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda n, w, m: f"{n} {w} of {m}", st.sampled_from(["1st", "2nd", "3rd", "last"]),
              st.sampled_from(WEEKDAYS), st.sampled_from(MONTHS.split())),
    st.builds(lambda m: f"last day of {m}", st.sampled_from(MONTHS.split())),
    st.builds(lambda w, r, d: f"{w} {r} 06-{d:02d}", st.sampled_from(WEEKDAYS),
              st.sampled_from(["before", "after", "on or before", "on or after"]),
              st.integers(1, 30)),
    st.builds(lambda o, k: f"{o}easter {k:+d}", st.sampled_from(["", "orthodox "]),
              st.integers(-60, 60)),
    st.builds(lambda d, m: f"{d} {m}", st.integers(1, 29),
              st.sampled_from(["muharram", "ramadan", "shawwal", "dhu al-hijjah", "farvardin",
                               "mehr", "nisan", "tishrei"])),
    st.builds(lambda e: e, st.sampled_from(["march equinox", "december solstice in Asia/Tokyo"])),
    st.builds(lambda y: f"year {y}", st.integers(2020, 2030)),
    st.builds(lambda y: f"years {y}-{y + 9}", st.integers(2015, 2026)),
)  # fmt: skip
MODIFIERS = st.lists(
    st.sampled_from(["for 3 days", "since 2025", "until 2025", "if sunday then next monday",
                     "sinse 2020", "for 0 days"]),
    max_size=2, unique=True,
)  # fmt: skip


@st.composite
def catalogues(draw: st.DrawFn) -> list[dict[str, str]]:
    entries = []
    for index in range(draw(st.integers(1, 4))):
        rule = draw(RULES)
        if not rule.startswith("year"):
            rule = " ".join([rule, *draw(MODIFIERS)])
        name = draw(st.text(draw(SCRIPTS), min_size=1, max_size=40))
        entry = {"id": f'"entry-{index}"', "rule": _toml_string(rule),
                 "name.en": _toml_string(name or "x")}  # fmt: skip
        if draw(st.booleans()):
            entry["name.ar"] = _toml_string(draw(st.text(draw(SCRIPTS), min_size=1, max_size=20)))
        if draw(st.booleans()):
            entry["origin.date"] = '"1995-12-12"'
        entries.append(entry)
    return entries


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(catalogues())
def test_random_catalogues_build_or_fail_cleanly(
    tmp_path_factory: pytest.TempPathFactory, entries: list[dict[str, str]]
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    _project(root, entries, ["en", "ar"])
    runner = CliRunner()
    previous = Path.cwd()
    os.chdir(root)
    try:
        os.environ["SOURCE_DATE_EPOCH"] = "1764547200"
        result = runner.invoke(main, ["build", "--quiet"])
        if result.exit_code != 0:
            assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
            assert result.stderr.startswith("error: "), result.stderr
            return
        out = root / "public"
        _check_pages(out)
        for locale in ("en", "ar"):
            _check_feeds(out, runner, locale)
    finally:
        os.chdir(previous)
        os.environ.pop("SOURCE_DATE_EPOCH", None)


# -- the output folder is the build's own ---------------------------------------------------


@pytest.mark.parametrize(
    ("out", "message"),
    [
        pytest.param("/", "output folder '/' is the root of the file system", id="root"),
        pytest.param(".", "output folder '.' is the current folder", id="dot"),
        pytest.param("", "output folder '.' is the current folder", id="empty"),
        pytest.param("..", "output folder '..' holds the project", id="parent"),
        pytest.param("data", "output folder 'data' overlaps", id="data"),
        pytest.param(
            "data/observances/x", "output folder 'data/observances/x' overlaps", id="in-data"
        ),
        pytest.param("templates/out", "output folder 'templates/out' overlaps", id="in-templates"),
    ],
)
def test_output_folder_refused(project: Path, runner: CliRunner, out: str, message: str) -> None:
    (project / "templates").mkdir()
    (project / "calgen.toml").write_text(
        'templates = "templates"\n' + (project / "calgen.toml").read_text()
    )
    before = sorted(p for p in project.rglob("*"))
    result = runner.invoke(main, ["build", "--out", out])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p for p in project.rglob("*")) == before


def test_home_folder_refused(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = project / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    result = runner.invoke(main, ["build", "--out", "~"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: output folder '~' is your home folder"), result.stderr
    assert list(home.iterdir()) == []


def test_foreign_files_kept_unless_forced(project: Path, runner: CliRunner) -> None:
    site = project / "site"
    site.mkdir()
    (site / "notes.txt").write_text("mine")
    result = runner.invoke(main, ["build", "--out", "site"])
    assert result.exit_code == 1
    assert "holds files that calgen did not write" in result.stderr
    assert [p.name for p in site.iterdir()] == ["notes.txt"]
    assert runner.invoke(main, ["build", "--out", "site", "--force", "--quiet"]).exit_code == 0
    assert (site / "notes.txt").read_text() == "mine"
    # a later build never deletes it, and never overwrites a file it did not write
    (site / "en" / "2030.json").write_text("mine too")
    config = project / "calgen.toml"
    config.write_text(config.read_text().replace("to = 2026", "to = 2030"))
    result = runner.invoke(main, ["build", "--out", "site"])
    assert result.exit_code == 1
    assert "2030.json was not written by calgen and would be overwritten" in result.stderr
    assert (site / "en" / "2030.json").read_text() == "mine too"
    assert (site / "notes.txt").read_text() == "mine"


def test_a_file_put_in_the_output_while_a_build_runs_is_not_overwritten(tmp_path: Path) -> None:
    """A file someone puts where the build writes, after the build wrote its own and before
    the switch, stops the build, whether the output existed before it or not: the file stays
    (the spare would have taken it, and the next build deleted it)."""
    out = tmp_path / "site"
    for existed in (False, True):
        with pytest.raises(BuildError) as raised, Staging(out) as staging:
            staging.put("en/new.html", b"calgen's")
            (out / "en").mkdir(parents=True, exist_ok=True)
            (out / "en" / "new.html").write_text("mine")
            staging.commit()
        assert "en/new.html was not written by calgen" in str(raised.value), existed
        assert (out / "en" / "new.html").read_text() == "mine"
        (out / "en" / "new.html").unlink()
        if not existed:
            os.rmdir(out / "en")
            os.rmdir(out)
            with Staging(out) as staging:  # now the output exists, written by calgen
                staging.put("en/index.html", b"home")
                staging.commit()
    assert (out / "en" / "index.html").read_bytes() == b"home"


def test_symlinks_in_the_output_are_not_followed(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    outside = project / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep")
    (outside / ".calgen-tmp-x").write_text("not ours")
    public = project / "public"
    # a folder the build writes into, replaced by a link to somewhere else
    (public / "fr").rename(project / "fr-old")
    (public / "fr").symlink_to(outside, target_is_directory=True)
    (public / "elsewhere").symlink_to(outside, target_is_directory=True)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "fr is a symbolic link; calgen does not write through it" in result.stderr
    assert sorted(p.name for p in outside.iterdir()) == [".calgen-tmp-x", "precious.txt"]
    # and removing what the previous build wrote never goes through a link either
    (public / "fr").unlink()
    (project / "fr-old").rename(public / "fr")
    config = project / "calgen.toml"
    config.write_text(config.read_text().replace(', "ru"', ""))
    (public / "ru").rename(project / "ru-old")
    (public / "ru").symlink_to(project / "ru-old", target_is_directory=True)
    result = runner.invoke(main, ["build", "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert (project / "ru-old" / "index.html").is_file()
    assert (outside / ".calgen-tmp-x").is_file()


def test_data_folders_read_regular_files_only(project: Path, runner: CliRunner) -> None:
    """Links, folders, FIFOs and devices among the data files are reported, not read (a FIFO
    would hang, /dev/zero eat memory); an editor's hidden lock file is not data."""
    folder = project / "data" / "observances"
    (folder / ".#sample.toml").symlink_to("user@host.1234")  # an editor's lock: ignored
    (folder / "broken.toml").symlink_to("nowhere.toml")
    (folder / "folder.toml").mkdir()
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: data/observances/broken.toml: cannot be read (a broken link?)",
        "error: data/observances/fifo.toml: is not a regular file",
        "error: data/observances/folder.toml: is not a regular file",
        "error: data/observances/zero.toml: is not a regular file",
        "4 problems found.",
    ]


ODD_VALUES = [
    (["show", "international-day-of-peace", "--year", "-1"],
     "error: --year takes a four-digit year from 0001 to 9998, not '-1'"),
    (["show", "international-day-of-peace", "--year", "0"],
     "error: --year takes a four-digit year from 0001 to 9998, not '0'"),
    (["serve", "--port", "99999"],
     "Error: Invalid value for '--port': 99999 is not in the range 0<=x<=65535."),
    (["init", "calgen.toml"],
     "error: calgen.toml exists and is not a folder (choose a new name)"),
    (["list", "--from", "0001", "--to", "9999"],
     "error: at most 500 years at once (1-9999 asked): list a shorter range, or several"),
    (["build", "--from", "2030", "--to", "2020"],
     "error: the window starts after it ends (2030 > 2020)"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), ODD_VALUES)
def test_commands_refuse_odd_values(
    project: Path, runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code in (1, 2), result.output
    assert message in result.stderr.splitlines(), result.stderr
    assert "Traceback" not in result.stderr


def test_busy_port(project: Path, runner: CliRunner) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot serve on port {port}: Address already in use" in result.stderr
