"""The calgen command through click's runner: exit codes, messages, formats."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendargen.cli import main
from calendargen.loader import Catalogue


def _json(runner: CliRunner, *args: str) -> list[dict]:
    result = runner.invoke(main, ["list", *args, "--format", "json"])
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def test_list_json_fields_and_order(project: Path, runner: CliRunner) -> None:
    records = _json(runner, "--year", "2025")
    assert records == sorted(records, key=lambda r: (r["start"], r["id"]))
    for record in records:
        assert {"id", "start", "end", "name", "categories", "anniversary", "milestone"} <= set(
            record
        )
    on_12_12 = {r["id"] for r in records if r["start"] == "2025-12-12"}
    assert {"tm-permanent-neutrality-day", "international-day-of-neutrality"} <= on_12_12
    year = next(r for r in records if r["id"] == "international-year-of-peace-and-trust")
    assert (year["start"], year["end"]) == ("2025-01-01", "2025-12-31")


def test_list_from_to_dates_and_years(project: Path, runner: CliRunner) -> None:
    days = _json(runner, "--from", "2025-03-21", "--to", "2025-03-21")
    assert "international-day-of-nowruz" in [r["id"] for r in days]
    assert all(r["start"] <= "2025-03-21" <= r["end"] for r in days)
    years = _json(runner, "--from", "2001", "--to", "2002", "--category", "international-day")
    peace = [r["start"] for r in years if r["id"] == "international-day-of-peace"]
    assert peace == ["2001-09-18", "2002-09-21"]


def test_list_locale(project: Path, runner: CliRunner) -> None:
    records = _json(runner, "--year", "2025", "--locale", "fr", "--category", "international-day")
    peace = next(r for r in records if r["id"] == "international-day-of-peace")
    assert peace["name"] == "Journée internationale de la paix"


def test_list_csv_and_table(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["list", "--year", "2025", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(_json(runner, "--year", "2025"))
    assert {"id", "start", "end", "name", "categories"} <= set(rows[0])
    table = runner.invoke(main, ["list", "--year", "2025"])
    assert "international-day-of-nowruz" in table.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--year", "2025", "--from", "2024"], "--year cannot be combined"),
        (["list", "--from", "2025-13-01"], "--from takes a year"),
        (["list", "--from", "2026", "--to", "2025"], "is after --to"),
        (["list", "--locale", "xx-invalid"], "unknown locale 'xx-invalid'"),
        (["list", "--category", "nope"], "unknown category 'nope'"),
        (["show", "international-day-of-pease"], "did you mean 'international-day-of-peace'?"),
        (["list", "--year", "0"], "--year takes a four-digit year from 0001 to 9999, not '0'"),
        (["list", "--year", "25"], "--year takes a four-digit year from 0001 to 9999, not '25'"),
        (["list", "--category", "TM"], "unknown category 'TM' (did you mean 'tm'?)"),
        (["check", "nothere.toml"], "nothere.toml: no such file"),
    ],
)
def test_usage_errors(project: Path, runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_show_text_and_json(project: Path, runner: CliRunner) -> None:
    text = runner.invoke(main, ["show", "international-day-of-peace", "--year", "2001"])
    assert text.exit_code == 0
    assert "3rd tuesday of september since 1982 until 2001" in text.stdout
    assert "when: every year on the 3rd Tuesday of September" in text.stdout  # in words
    assert "2001-09-18" in text.stdout
    russian = runner.invoke(main, ["show", "international-day-of-peace", "--locale", "ru"])
    assert "when: ежегодно 21 сентября, с 2002 года" in russian.stdout
    data = json.loads(
        runner.invoke(
            main, ["show", "tm-independence-day", "--year", "2026", "--format", "json"]
        ).stdout
    )
    assert data["next"][0]["start"] == "2026-09-27"
    assert data["milestones"][0]["anniversary"] == 35


def test_check_ok_and_bad(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["check"]).exit_code == 0
    bad = project / "data" / "observances" / "bad.toml"
    bad.write_text('[[observance]]\nid = "x"\nrule = "12-32"\n', encoding="utf-8")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert "impossible date '12-32'" in result.stderr
    assert "missing English name" in result.stderr  # every problem, not just the first


def test_bad_config(project: Path, runner: CliRunner) -> None:
    (project / "calgen.toml").write_text('titel = "x"\n', encoding="utf-8")
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 1
    assert "calgen.toml:1:1: titel: unknown key 'titel' (did you mean 'title'?)" in result.stderr


def test_build_writes_and_keeps_unchanged_files(project: Path, runner: CliRunner) -> None:
    first = runner.invoke(main, ["build"])
    assert first.exit_code == 0, first.stderr
    target = project / "public" / "en" / "2025.json"
    assert json.loads(target.read_text(encoding="utf-8"))
    mtime = target.stat().st_mtime_ns
    second = runner.invoke(main, ["build"])
    assert "up to date" in second.stdout
    assert target.stat().st_mtime_ns == mtime


def test_debug_shows_traceback(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["--debug", "list", "--locale", "xx-invalid"])
    assert result.exit_code != 0
    assert result.exception is not None


def test_milestone_policy_from_config(project: Path, runner: CliRunner) -> None:
    config = project / "calgen.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "[milestones]\nevery = 10\nalso = [1, 25]\n",
        encoding="utf-8",
    )
    records = _json(runner, "--from", "2020", "--to", "2030", "--milestones")
    neutrality = [r["anniversary"] for r in records if r["id"] == "tm-permanent-neutrality-day"]
    assert neutrality == [25, 30]  # 2020: 25th (in `also`); 2030: 35th is no multiple of 10
    un = [r["anniversary"] for r in records if r["id"] == "united-nations-day"]
    assert un == [80]


def test_show_lists_both_baselines(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", "international-day-of-neutrality", "--year", "2025"])
    assert "anniversary 30, edition 9" in result.stdout


def test_days_off(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped catalogue: public holidays are days off, commemorations are not."""
    monkeypatch.chdir(tmp_path)
    everything = _json(runner, "--year", "2025", "--category", "tm")
    days_off = _json(runner, "--year", "2025", "--category", "tm", "--days-off")
    assert days_off and all(r["day_off"] for r in days_off)
    assert all("public-holiday" in r["categories"] or "decreed-day-off" in r["categories"]
               or r["observed"] for r in days_off)  # fmt: skip
    working = [r for r in everything if not r["day_off"]]
    assert all(r["milestone"] or "public-holiday" not in r["categories"] for r in working)
    assert {r["start"] for r in days_off} >= {"2025-01-01", "2025-03-08", "2025-12-12"}


def test_year_json_equals_calgen_list(project: Path, runner: CliRunner) -> None:
    """L/YEAR.json holds the objects of `calgen list --year YEAR --format json`, spans that
    began before the year included."""
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    for year in ("2024", "2025", "2026"):
        built = json.loads((project / "public" / "en" / f"{year}.json").read_text())
        assert built == _json(runner, "--year", year)
        assert any(r["start"] < f"{year}-01-01" for r in built) or year == "2024"


@pytest.mark.parametrize("spelling", ["ru", "RU", "ru_RU", "ru-RU", "ru-ru"])
def test_locale_spellings(project: Path, runner: CliRunner, spelling: str) -> None:
    records = _json(runner, "--year", "2025", "--locale", spelling)
    peace = next(r for r in records if r["id"] == "international-day-of-peace")
    assert peace["name"] == "Международный день мира"


def test_a_locale_without_texts_says_what_it_falls_back_to(
    project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(main, ["list", "--year", "2025", "--locale", "de"])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: calendargen has no texts in 'de': names and the interface fall back to English\n"
    )


@pytest.mark.parametrize("width", [60, 100, 200])
def test_the_terminal_table_fits_and_lists_long_spans_once(sample: Catalogue, width: int) -> None:
    from datetime import date

    from calendargen.cli import places
    from calendargen.engine import expand
    from calendargen.render.terminal import terminal_table

    occurrences = expand(sample.observances, date(2025, 1, 1), date(2025, 12, 31))
    text = terminal_table(occurrences, "fr", width, places(sample, "fr"))
    lines = text.splitlines()
    assert all(len(line) <= width for line in lines), max(lines, key=len)
    header = lines.index(next(line for line in lines if line.startswith("Date ")))
    above = "\n".join(lines[:header])
    assert ("2025" in above and "Année internationale" in above) or "International Year" in above
    assert "International Year of Peace and Trust" not in "\n".join(lines[header:])
    assert "21/09/2025" in "\n".join(lines[header:])  # French short dates
    assert ("ID" in lines[header]) == (width >= 200)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(child) for child in task.read_text().split()}
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")
def test_serve_stopped_during_a_rebuild_leaves_no_worker_and_frees_its_port(
    project: Path,
) -> None:
    """SIGTERM while a rebuild's forked workers render: serve exits, every worker exits with
    it, and the port can be bound again at once."""
    from calendargen.parallel import cores

    if cores() < 2:
        pytest.skip("one core: builds run in one process")
    config = project / "calgen.toml"
    settings = 'locales = ["en", "fr", "ru"]\n[window]\nfrom = 2024\nto = 2026\n'
    config.write_text(settings)  # calendargen's catalogue alone: enough work for workers
    shutil.rmtree(project / "data")
    process = subprocess.Popen(
        [sys.executable, "-m", "calendargen", "serve", "--port", "0"], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert process.stdout is not None
        port, said = None, []
        deadline = time.monotonic() + 120
        while port is None and process.poll() is None and time.monotonic() < deadline:
            said.append(process.stdout.readline())
            if " at http://127.0.0.1:" in said[-1]:
                port = int(said[-1].split("127.0.0.1:", 1)[1].split("/", 1)[0])
        assert port, f"serve did not start: {said}"
        config.write_text('title = "Renamed"\n' + settings)
        workers: set[int] = set()
        deadline = time.monotonic() + 120
        while not workers and time.monotonic() < deadline:
            workers = _children(process.pid)
            time.sleep(0.01)
        assert workers, "the rebuild started no worker"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _running(pid)], "workers outlived serve"
        with socket.socket() as again:
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            again.bind(("127.0.0.1", port))  # free: no worker holds the server's socket
    finally:
        process.kill()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def test_mistakes_get_hints_and_are_reported_at_once(project: Path, runner: CliRunner) -> None:
    """Issue #19's edges: rule hints, a duplicate id at its second line naming the first,
    `show --year 0`, and four calgen.toml mistakes reported in one run, paths as written."""
    entry = ('[[observance]]\nid = "{id}"\nrule = "{rule}"\ncategories = ["un", '
             '"international-day"]\nname.en = "X"\nsource.title = "t"\n\n')  # fmt: skip
    mistakes = project / "data" / "observances" / "mistakes.toml"
    mistakes.write_text(
        entry.format(id="a", rule="easter + 39") + entry.format(id="b", rule="2025-12-12")
        + entry.format(id="c", rule="12/12"),
        encoding="utf-8",
    )  # fmt: skip
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    for hint in ("(write the offset as one word: 'easter +39')",
                 """(every year: '12-12'; that year only: overrides.2025 = "2025-12-12")""",
                 "(a date is written MM-DD: '12-12' (month first))",
                 "3 problems found."):  # fmt: skip
        assert hint in result.stderr, hint
    mistakes.write_text(entry.format(id="disarmament-week", rule="10-24"), encoding="utf-8")
    result = runner.invoke(main, ["check"])
    assert (  # files are read in name order: mistakes.toml first
        "data/observances/sample.toml:29:1: disarmament-week: duplicate id (first defined in "
        "data/observances/mistakes.toml:2)"
    ) in result.stderr
    mistakes.unlink()
    result = runner.invoke(main, ["show", "disarmament-week", "--year", "0"])
    assert result.exit_code == 1 and "not '0'" in result.stderr
    config = project / "calgen.toml"
    text = config.read_text().replace("from = 2024", 'from = "2024"')
    text = text.replace('locales = ["en", "fr", "ru"]', 'locales = ["en", "xx-nope"]')
    config.write_text('titel = "x"\n' + text + "[milestones]\nevery = -5\n", encoding="utf-8")
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 1
    for problem in ("calgen.toml:1:1: titel: unknown key 'titel' (did you mean 'title'?)",
                    "calgen.toml:4:1: locales: unknown locale 'xx-nope'",
                    "calgen.toml:6:1: window.from: must be a year from 1 to 9999",
                    "calgen.toml:9:1: milestones.every: must be a whole number (0: none)",
                    "4 problems found."):  # fmt: skip
        assert problem in result.stderr, problem


def test_version_answers_without_loading_the_command_line() -> None:
    import calendargen

    check = (
        "import sys; sys.argv = ['calgen', '--version']; "
        "from calendargen.command import run; run(); "
        "print(sorted({'click', 'typing'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [f"calgen, version {calendargen.__version__}", "[]"]


def test_list_and_show_read_only_the_texts_of_their_locale(
    project: Path, runner: CliRunner
) -> None:
    """A broken translation file of another locale does not stop `list` or `show` (nor do
    they spend time on it); the locale's own file is read and checked, and `check` reads all."""
    folder = project / "data" / "translations"
    folder.mkdir()
    (folder / "es.toml").write_text("[united-nations-day\n", encoding="utf-8")
    (folder / "de.toml").write_text('[united-nations-day]\nname = "Tag der UN"\n', "utf-8")
    for command in (["list", "--year", "2025"], ["show", "united-nations-day"]):
        result = runner.invoke(main, [*command, "--locale", "de"])
        assert result.exit_code == 0, result.stderr
        assert "Tag der UN" in result.stdout
        broken = runner.invoke(main, [*command, "--locale", "es"])
        assert broken.exit_code == 1 and "data/translations/es.toml:1" in broken.stderr
    assert runner.invoke(main, ["check"]).exit_code == 1
