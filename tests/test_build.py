"""The build pipeline: safe, incremental, locked, deterministic; init and serve."""

from __future__ import annotations

import errno
import gc
import json
import os
import random
import re
import select
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from filelock import FileLock

from calendargen import output
from calendargen.cli import main
from calendargen.parallel import Queue, map_tasks


def _tree(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".calgen")
    }


def test_failed_build_leaves_previous_output(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    before = _tree(project / "public")
    data = project / "data" / "observances" / "sample.toml"
    data.write_text(data.read_text() + '\n[[observance]]\nid = "broken"\nrule = "02-30"\n')
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "impossible date '02-30'" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(project / "public") == before


def test_template_error_leaves_previous_output(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    before = _tree(project / "public")
    (project / "templates").mkdir()
    (project / "templates" / "home.html").write_text("{% extends 'base.html' %}{% block x %}")
    config = project / "calgen.toml"
    config.write_text('templates = "templates"\n' + config.read_text())
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "template syntax error" in result.stderr and "home.html" in result.stderr
    assert _tree(project / "public") == before


def test_incremental_and_stale_files(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    out = project / "public"
    user_file = out / "CNAME"
    user_file.write_text("days.example.org")  # not ours: never removed
    before = _tree(out)
    result = runner.invoke(main, ["build"])
    assert "up to date (no input changed)" in result.stdout
    assert _tree(out) == before  # same bytes, same modification times
    (out / "en" / "2025.json").unlink()  # a missing output file: build again
    result = runner.invoke(main, ["build"])
    assert " 1 written" in result.stdout and "0 removed" in result.stdout
    after = _tree(out)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert [k for k in after if after[k][1] != before[k][1]] == ["en/2025.json"]
    data = project / "data" / "observances" / "sample.toml"
    text = data.read_text()
    start = text.index('[[observance]]\nid = "leap-day-founding"')
    data.write_text(text[:start])  # the entry is gone: its files must go too
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0
    assert not (out / "en" / "observances" / "leap-day-founding.ics").exists()
    assert not (out / "en" / "observances" / "leap-day-founding").exists()
    assert user_file.read_text() == "days.example.org"


def test_interrupted_build_is_completed(project: Path, runner: CliRunner) -> None:
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    out = project / "public"
    complete = _tree(out)
    staging = project / ".public.calgen" / "next"  # as if killed while writing it
    (staging / "en").mkdir(parents=True)
    (staging / "en" / "calendar.ics").write_bytes(b"half a fi")
    (project / ".public.calgen" / "inputs").unlink()
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert _tree(out) == complete  # same bytes and times: unchanged files were kept
    assert not staging.exists()
    assert not [p for p in out.rglob("*") if p.name.startswith(".calgen")]  # nothing of ours


def test_a_folder_another_worker_made_meanwhile_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers make the staging's folders side by side: a folder made by another worker
    between this one's look and its own ``mkdir`` is taken as made, in a spare too."""
    out = tmp_path / "site"
    for _ in range(2):  # the second build leaves the first's site as the spare
        with output.Staging(out) as staging:
            staging.put("en/index.html", b"home")
            staging.commit()
    made = str(output.OutputFolder(out).staging / "en" / "new")
    make = os.mkdir

    def racing(path: str, *args: object) -> None:
        if path == made and not os.path.isdir(made):
            make(path)  # by another worker, after this one looked
        make(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "mkdir", racing)
    with output.Staging(out) as staging:
        assert staging._spare is not None
        staging.put("en/new/index.html", b"new")
        staging.commit()
    assert (out / "en" / "new" / "index.html").read_bytes() == b"new"


def test_state_records_that_are_not_what_calgen_wrote_are_not_used(
    project: Path, runner: CliRunner, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The state folder may come from elsewhere: a record of the spare's files naming paths
    outside it, or records of another shape, never remove anything outside the build's own
    files nor end in a traceback; the build equals a build from nothing."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "precious.txt").write_text("keep")
    state = project / ".public.calgen"
    climb = os.path.relpath(outside, state / "next")  # from the staging folder, outside
    planted = {
        "spare.json": [
            json.dumps([climb, f"{climb}/precious.txt", f"{climb}/"]),
            "5",
            "[1, null]",
            '{"a": 1}',
        ],
        "keys.json": ['{"en/index.html": 5}', "[1, 2]", '"abc"', "every record emptied"],
        "groups.json": ['{"a": 5}', "[1]", '{"a": ["../../x"]}'],
    }
    sample = project / "data" / "observances" / "sample.toml"
    for name, records in planted.items():
        for record in records:
            for _ in range(2):  # a new input each time: a real build, leaving a spare
                sample.write_text(sample.read_text() + "\n")
                assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
            if record == "every record emptied":
                record = json.dumps({key: [] for key in json.loads((state / name).read_text())})
            (state / name).write_text(record)
            sample.write_text(sample.read_text() + "\n")
            result = runner.invoke(main, ["build", "--quiet"])
            assert result.exit_code == 0, f"{name} {record[:60]}: {result.stderr}"
            assert (outside / "precious.txt").read_text() == "keep", f"{name} {record[:60]}"
    assert runner.invoke(main, ["build", "--quiet", "--out", "cold"]).exit_code == 0
    assert _contents(project / "public") == _contents(project / "cold")


def test_the_spare_site_is_updated_not_followed(
    project: Path, runner: CliRunner, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The previous site, kept beside the output, is what the next build updates: the result
    equals a build from nothing; the user's files, links and folders come and go with the
    output (an empty folder is not carried); a link planted in the spare is removed, never
    written through; a spare without its record is not used."""
    outside = tmp_path_factory.mktemp("outside")
    for name in ("keep.txt", "index.html"):  # index.html: as under a locale's folder
        (outside / name).write_text("not calgen's")
    out, state = project / "public", project / ".public.calgen"
    config = project / "calgen.toml"

    def build(*options: str) -> None:
        result = runner.invoke(main, ["build", "--quiet", *options])
        assert result.exit_code == 0, result.stderr

    def cold() -> dict[str, bytes]:
        shutil.rmtree(project / "cold", ignore_errors=True)
        shutil.rmtree(project / ".cold.calgen", ignore_errors=True)
        build("--out", "cold")
        return _contents(project / "cold")

    def window(years: str) -> None:  # a new input: a real build, not "up to date"
        config.write_text(re.sub(r"to = \d+", f"to = {years}", config.read_text()))

    build()
    (out / "CNAME").write_text("days.example.org")
    (out / "notes").mkdir()
    (out / "notes" / "a.txt").write_text("mine")
    (out / "empty").mkdir()
    (out / "docs").symlink_to(outside)
    window("2027")
    build()  # the first site is now the spare
    assert (state / "spare").is_dir() and (state / "spare.json").is_file()
    window("2026")
    build()  # updates the first site, which had none of the user's files
    found = _contents(out)
    assert found.pop("CNAME") == b"days.example.org" and found.pop("notes/a.txt") == b"mine"
    assert found == cold()
    assert (out / "docs").is_symlink()
    assert not (out / "empty").exists()  # an empty folder is not carried over (nor kept)
    (out / "notes" / "a.txt").unlink()
    (out / "notes").rmdir()
    (out / "docs").unlink()
    spare = state / "spare"
    for planted in ("en", "fr"):  # links where the site has folders, to a folder outside
        shutil.rmtree(spare / planted)
        (spare / planted).symlink_to(outside)
    window("2027")
    config.write_text(config.read_text().replace('"en", "fr", "ru"', '"en", "ru"'))
    build()  # fr's files are stale, under a planted link
    assert sorted(p.name for p in outside.iterdir()) == ["index.html", "keep.txt"]
    assert not (out / "notes").exists() and not (out / "docs").exists()
    assert {k: v for k, v in _contents(out).items() if k != "CNAME"} == cold()
    (state / "spare.json").unlink()  # as if killed while the spare was being updated
    (state / "spare" / "en" / "index.html").write_text("half a fi")
    window("2026")
    build()
    assert {k: v for k, v in _contents(out).items() if k != "CNAME"} == cold()


def test_a_spare_made_while_nothing_changes_is_what_the_next_build_updates(
    project: Path,
    runner: CliRunner,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``make_spare`` (``calgen serve`` between edits) gives a site built into a new folder
    its spare: links to the output's files, the user's files and links as they are (a link
    is copied, never followed). The next build keeps those files as they are and equals a
    build from nothing. Nothing is made while a build holds the output, when there is a spare
    already, when the state folder is gone, or where the spare's place is a link."""
    outside = tmp_path_factory.mktemp("outside")
    out, state = project / "public", project / ".public.calgen"
    config = project / "calgen.toml"
    assert output.make_spare(out) is False  # no site yet
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert not (state / "spare.json").exists()  # a first build leaves no spare
    (out / "CNAME").write_text("days.example.org")
    (out / "docs").symlink_to(outside)
    with FileLock(state / "lock"):
        assert output.make_spare(out) is False
    assert not (state / "spare").exists()
    assert output.make_spare(out) is True
    spare = state / "spare"
    page = Path("en", "index.html")
    assert (spare / page).stat().st_ino == (out / page).stat().st_ino
    assert (spare / "docs").is_symlink() and (spare / "CNAME").read_text() == "days.example.org"
    assert output.make_spare(out) is False  # there is one
    config.write_text(re.sub(r"to = \d+", "to = 2027", config.read_text()))
    linked = []  # the files the build links: without the spare, every one it keeps
    keep = output._keep
    monkeypatch.setattr(output, "_keep", lambda old, new: linked.append(old) or keep(old, new))
    result = runner.invoke(main, ["build", "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert " 0 removed" in result.stdout and " unchanged (" in result.stdout, result.stdout
    assert linked == [str(out.resolve() / "CNAME")]  # the user's file, carried over
    found = _contents(out)
    assert found.pop("CNAME") == b"days.example.org" and (out / "docs").is_symlink()
    assert runner.invoke(main, ["build", "--quiet", "--out", "cold"]).exit_code == 0
    assert found == _contents(project / "cold")
    shutil.rmtree(project / ".cold.calgen" / "spare", ignore_errors=True)
    (project / ".cold.calgen" / "spare").symlink_to(outside)  # planted
    assert output.make_spare(project / "cold") is False
    assert os.listdir(outside) == []
    shutil.rmtree(project / ".cold.calgen")
    assert output.make_spare(project / "cold") is False  # the state folder is gone


def test_groups_of_files_are_kept_whole_and_only_inside_the_output(
    project: Path, runner: CliRunner
) -> None:
    """A task whose inputs did not change keeps its files as a group, each checked as still
    written (its size and modification time: a hand edit of the same size is caught, and
    in the spare its inode too); a group
    whose record (bookkeeping that may come from elsewhere) names a path
    outside the output, or that is not a record at all, is made file by file instead, and
    the build equals a build from nothing."""
    state, out = project / ".public.calgen", project / "public"
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    page = out / "en" / "index.html"
    page.write_text("changed by hand")  # a group's file, not as written
    feed = out / "en" / "calendar.ics"  # another's, changed by hand in place, same size
    with feed.open("r+b") as file:
        file.write(b"X")
    os.utime(feed, ns=(feed.stat().st_atime_ns, feed.stat().st_mtime_ns + 1_000_000_000))
    (state / "inputs").unlink()
    result = runner.invoke(main, ["build"])
    assert " 2 written" in result.stdout, result.stdout
    assert feed.read_bytes().startswith(b"BEGIN:VCALENDAR")
    groups = json.loads((state / "groups.json").read_text())
    keys = json.loads((state / "keys.json").read_text())
    outside = project / "outside.ics"
    outside.write_text("x")
    planted = "../outside.ics"  # recorded as if written, with the size of the file outside
    group = next(key for key, names in groups.items() if "en/calendar.ics" in names)
    groups[group].append(planted)
    keys[planted] = [keys["en/calendar.ics"][0], False, 1]
    (state / "keys.json").write_text(json.dumps(keys))
    with (state / "manifest").open("a") as manifest:
        manifest.write(planted + "\n")
    for record in (json.dumps(groups), "[]", "{not json"):
        (state / "groups.json").write_text(record)
        (state / "inputs").unlink()
        result = runner.invoke(main, ["build", "--quiet"])
        assert result.exit_code == 0, result.stderr
        assert outside.read_text() == "x"
    # with a spare (the site before, sharing the unchanged files): a file edited in place is
    # made again; one replaced by another file is the spare's copy as written, kept
    assert (state / "spare").is_dir()
    with feed.open("r+b") as file:
        file.write(b"X")
    os.utime(feed, ns=(feed.stat().st_atime_ns, feed.stat().st_mtime_ns + 1_000_000_000))
    page.unlink()
    page.write_text("replaced by hand")
    (state / "inputs").unlink()
    result = runner.invoke(main, ["build"])
    assert " 1 written" in result.stdout, result.stdout
    assert runner.invoke(main, ["build", "--quiet", "--out", "cold"]).exit_code == 0
    assert _contents(out) == _contents(project / "cold")


def test_concurrent_build_refused(project: Path, runner: CliRunner) -> None:
    state = project / ".public.calgen"
    state.mkdir()
    with FileLock(state / "lock"):
        result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "another build is writing to public" in result.stderr
    assert not (project / "public").exists()


@pytest.mark.slow
def test_init_then_build(tmp_path: Path, runner: CliRunner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    target = tmp_path / "mine"
    result = runner.invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.stderr
    config = (target / "calgen.toml").read_text()
    for key in ("title", "base_url", "locales", "include_default", "data", "templates", "out",
                "categories", "compact", "[window]", "[milestones]"):  # fmt: skip
        assert key in config
    monkeypatch.chdir(target)
    assert runner.invoke(main, ["check"]).exit_code == 0
    result = runner.invoke(main, ["build", "--quiet", "--locale", "en"])
    assert result.exit_code == 0, result.stderr
    assert (target / "public" / "en" / "observances" / "my-org-founding-day.ics").is_file()
    assert (target / "public" / "en" / "observances" / "united-nations-day.ics").is_file()
    again = runner.invoke(main, ["init", str(target)])
    assert again.exit_code == 1 and "exists and is not empty" in again.stderr


@pytest.mark.slow
def test_serve_serves_and_rebuilds(project: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "calendargen", "serve", "--port", "0"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if " at http://127.0.0.1:" in line:
                url = line.split(" at ", 1)[1].split(" ", 1)[0]
        assert url, "serve did not start"
        with urllib.request.urlopen(f"{url}en/calendar.ics", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
            assert response.read().startswith(b"BEGIN:VCALENDAR")
        spare = project / ".public.calgen" / "spare.json"  # made while nothing changes
        deadline = time.monotonic() + 30
        while not spare.is_file() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert spare.is_file(), "serve made no spare while waiting for an edit"
        data = project / "data" / "observances" / "sample.toml"
        data.write_text(data.read_text().replace("Disarmament Week", "Disarmament Week (renamed)"))
        page = f"{url}en/observances/disarmament-week/index.html"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with urllib.request.urlopen(page, timeout=10) as response:
                if "Disarmament Week (renamed)" in response.read().decode():
                    break
            time.sleep(0.3)
        else:
            raise AssertionError("serve did not rebuild after a data change")
        _serve_survives_bad_rebuilds(project, url, process)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _serve_survives_bad_rebuilds(project: Path, url: str, process: subprocess.Popen) -> None:
    """A broken data file, a failing template and an editor's lock file never stop the
    server; the last good build stays served; odd paths get 400/404, never a crash."""
    assert process.stderr is not None
    data = project / "data" / "observances"
    (data / ".#sample.toml").symlink_to("user@host.1234")  # an editor's lock: a dangling link
    broken = data / "broken.toml"
    broken.write_text('catalogue = "x"\n')
    templates = project / "templates"
    templates.mkdir()
    (templates / "home.html").write_text("{{ 1/0 }}")
    config = project / "calgen.toml"
    config.write_text('templates = "templates"\n' + config.read_text())
    errors = []
    deadline = time.monotonic() + 60
    while not errors and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        line = process.stderr.readline() if ready else ""
        if line.startswith("error:"):
            errors.append(line)
    assert errors and "Traceback" not in errors[0], errors
    assert process.poll() is None, "serve died"
    assert _status(f"{url}en/calendar.ics") == 200  # the last good build
    assert _status(f"{url}%00") == 400
    assert _status(f"{url}.calgen-manifest") == 404
    assert _status(f"{url}no/such/page.html") == 404
    try:
        urllib.request.urlopen(f"{url}no/such/page.html", timeout=10)
    except urllib.error.HTTPError as error:
        assert b"<html" in error.read()  # the site's own 404.html
    broken.unlink()
    (templates / "home.html").unlink()
    assert process.poll() is None


@pytest.mark.slow
def test_parallel_build_equals_serial(project: Path, runner: CliRunner) -> None:
    for jobs in ("1", "2", "3"):
        result = runner.invoke(main, ["build", "--quiet", "--jobs", jobs, "--out", f"jobs{jobs}"])
        assert result.exit_code == 0, result.stderr
    serial = _contents(project / "jobs1")
    assert serial == _contents(project / "jobs2") == _contents(project / "jobs3")


def test_error_in_a_worker_arrives_whole(project: Path, runner: CliRunner) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "year.html").write_text("{{ no_such_value }}")
    config = project / "calgen.toml"
    config.write_text('templates = "templates"\n' + config.read_text())
    result = runner.invoke(main, ["build", "--jobs", "2"])
    assert result.exit_code == 1
    assert "year.html: 'no_such_value' is undefined" in result.stderr


def _contents(out: Path) -> dict[str, bytes]:
    return {k: v[0] for k, v in _tree(out).items()}


@pytest.mark.slow
def test_killed_builds_leave_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    """SIGKILL at random moments of a build, mostly in its write phase, 20 times: the output
    is the previous site or the next one, byte for byte, never a mix."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764547200"}
    command = [sys.executable, "-m", "calendargen", "build", "--quiet", "--locale", "en",
               "--locale", "ru", "--from", "2024", "--to", "2030"]  # fmt: skip
    later = {**env, "SOURCE_DATE_EPOCH": "1795824000"}  # a year on: most files change
    subprocess.run([*command, "--out", "new"], cwd=tmp_path, env=later, check=True)
    new = _contents(tmp_path / "new")
    subprocess.run(command, cwd=tmp_path, env=env, check=True)
    old = _contents(tmp_path / "public")
    assert old != new
    started = time.monotonic()
    subprocess.run(command, cwd=tmp_path, env=later, check=True)
    seconds = time.monotonic() - started
    outcomes = []
    chance = random.Random(20261206)
    for _ in range(20):
        subprocess.run(command, cwd=tmp_path, env=env, check=True)  # back to the old site
        process = subprocess.Popen(command, cwd=tmp_path, env=later)
        deadline = time.monotonic() + chance.uniform(0.3, 1.1) * seconds
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        process.kill()
        process.wait(timeout=10)
        found = _contents(tmp_path / "public")
        assert found in (old, new)
        outcomes.append(found == new)
    assert not any((tmp_path / "public").rglob(".calgen*"))
    subprocess.run(command, cwd=tmp_path, env=later, check=True)
    assert _contents(tmp_path / "public") == new  # and the next build completes


def test_a_failing_write_leaves_the_previous_output(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (ENOSPC while writing) is a clear error; the site is as it was."""
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    before = _tree(project / "public")
    config = project / "calgen.toml"
    config.write_text(config.read_text().replace("to = 2026", "to = 2027"))

    def full(path: str, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", path)

    monkeypatch.setattr(output, "_write", full)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert _tree(project / "public") == before
    assert not (project / ".public.calgen" / "next").exists()


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _reorder(file: Path) -> None:
    """The first entry moved to the end of the file."""
    head, first, *rest = file.read_text(encoding="utf-8").split("[[observance]]")
    file.write_text("[[observance]]".join([head, *rest, first]), encoding="utf-8")


@pytest.mark.slow
def test_a_rebuild_after_each_kind_of_edit_equals_a_cold_build(
    project: Path, runner: CliRunner
) -> None:
    """A build that keeps what its inputs did not change gives the same bytes as a build from
    nothing, whatever was edited: a name, a date, an origin two entries share, categories, a
    category's name, the catalogue's order, an entry added or removed, a translated name; and
    it renders only what the edit touches (a Russian name: only Russian files)."""
    data = project / "data" / "observances" / "sample.toml"
    added = '\n[[observance]]\nid = "added-day"\nrule = "12-10"\n'
    added += 'categories = ["un", "international-day"]\nname.en = "Added Day"\n'
    added += 'source.symbol = "A/RES/1"\n'
    edits = [
        lambda: _edit(data, 'name.en = "United Nations Day"', 'name.en = "UN Day"'),
        lambda: _edit(data, 'rule = "10-24"\n', 'rule = "10-25"\n'),
        lambda: _edit(data, 'origin.date = "1995-12-12"', 'origin.date = "1995-12-11"'),
        lambda: _edit(
            data,
            'categories = ["tm", "public-holiday"]',
            'categories = ["tm", "public-holiday", "international-day"]',
        ),
        lambda: _edit(data, 'name.en = "Permanent Neutrality Day"', 'name.en = "Eid al-Fitr"'),
        lambda: _reorder(data),
        lambda: data.write_text(data.read_text(encoding="utf-8") + added, encoding="utf-8"),
        lambda: _edit(data, 'id = "disarmament-week"', 'id = "disarmament-week-renamed"'),
        lambda: _edit(project / "data" / "categories.toml", '"Public holidays"', '"Holidays"'),
        lambda: _edit(data, 'name.ru = "Международный день мира"', 'name.ru = "День мира"'),
    ]
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    keys_file = project / ".public.calgen" / "keys.json"
    before = json.loads(keys_file.read_text(encoding="utf-8"))
    for number, edit in enumerate(edits):
        edit()
        result = runner.invoke(main, ["build"])
        assert result.exit_code == 0, result.stderr
        summary = result.stdout.splitlines()[0]
        files = int(summary.split(": ", 1)[1].split(" files", 1)[0])
        kept = int(summary.split(" unchanged (", 1)[1].split(" of them", 1)[0])
        if number == 0:  # a name: its pages, feeds and the pages listing it, not the rest
            assert kept > files / 2, summary
        if number == len(edits) - 1:  # a Russian name: Russian files, not the others
            keys = json.loads(keys_file.read_text(encoding="utf-8"))
            changed = {path.split("/")[0] for path in keys if keys[path] != before.get(path)}
            assert changed == {"ru", "pagefind"}, changed  # the index holds the names
        before = json.loads(keys_file.read_text(encoding="utf-8"))
        cold = f"cold{number}"
        assert runner.invoke(main, ["build", "--quiet", "--out", cold]).exit_code == 0
        assert _contents(project / "public") == _contents(project / cold), number


def test_the_search_index_is_made_again_only_when_a_name_changes(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind runs when the names it indexes change, not for a date; either way the site
    equals a build from nothing."""
    from calendargen import search, tasks

    runs = []

    def counted(entries: dict[str, list[search.Entry]]) -> dict[str, bytes]:
        runs.append(entries)
        return search.build_index(entries)

    monkeypatch.setattr(tasks, "build_index", counted)
    data = project / "data" / "observances" / "sample.toml"
    assert runner.invoke(main, ["build", "--quiet", "--jobs", "1"]).exit_code == 0
    assert len(runs) == 1 and (project / "public" / "pagefind").is_dir()
    for edit, indexed in (('rule = "10-24"\n', 1), ('name.en = "United Nations Day"', 2)):
        new = 'rule = "10-25"\n' if edit.startswith("rule") else 'name.en = "UN Day"'
        _edit(data, edit, new)
        assert runner.invoke(main, ["build", "--quiet", "--jobs", "1"]).exit_code == 0
        assert len(runs) == indexed
        assert runner.invoke(main, ["build", "--quiet", "--out", f"cold{indexed}"]).exit_code == 0
        assert _contents(project / "public") == _contents(project / f"cold{indexed}")


def test_a_new_library_version_is_a_new_input(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Babel's CLDR data or a calendar library changes the output: a build after an upgrade
    renders again instead of keeping the previous files."""
    from calendargen import build

    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    again = runner.invoke(main, ["build"])
    assert "up to date" in again.stdout
    monkeypatch.setattr(build, "_libraries", lambda: [("babel", "99.0")])
    upgraded = runner.invoke(main, ["build"])
    assert upgraded.exit_code == 0 and "up to date" not in upgraded.stdout
    assert "(0 of them not rendered again)" in upgraded.stdout


def test_an_unknown_category_in_the_config_is_placed(project: Path, runner: CliRunner) -> None:
    """The catalogue decides which categories exist, so this is found after reading it; the
    message still points at the key in calgen.toml."""
    config = project / "calgen.toml"
    config.write_text('categories = ["tm", "tm-holidays"]\n' + config.read_text())
    line = config.read_text().splitlines().index('categories = ["tm", "tm-holidays"]') + 1
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: calgen.toml:{line}:1: categories: unknown category 'tm-holidays'"
    ), result.stderr


def test_a_worker_keeps_to_its_group_then_helps() -> None:
    queue = Queue(["s", "a", "a", "a", "b", "b", "c"])
    assert [queue.next("w1"), queue.next("w2")] == [0, 1]  # each the first group nobody holds
    assert [queue.next("w1"), queue.next("w1"), queue.next("w1")] == [4, 5, 6]  # s done: b, c
    assert [queue.next("w1"), queue.next("w2"), queue.next("w2")] == [2, 3, None]  # helps w2


def test_tasks_of_a_group_run_in_one_worker_where_they_can() -> None:
    groups = [locale for locale in ("en", "ru", "fr", "ar") for _ in range(12)]
    ran = map_tasks(lambda i: (os.getpid(), groups[i]), len(groups), 2, lambda i, r: None, groups)
    assert [group for _, group in ran] == groups  # every task once, results in order
    workers = {group: {pid for pid, g in ran if g == group} for group in set(groups)}
    assert sum(len(pids) for pids in workers.values()) <= len(workers) + 1  # one group shared


def test_a_build_leaves_the_garbage_collector_as_it_found_it(
    project: Path, runner: CliRunner
) -> None:
    """``calgen serve`` builds again in the same process: nothing stays frozen or off, after
    a build and after a failed one."""
    thresholds = gc.get_threshold()
    result = runner.invoke(main, ["build", "--quiet", "--jobs", "1", "--locale", "en"])
    assert result.exit_code == 0, result.stderr
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    sample = project / "data" / "observances" / "sample.toml"
    sample.write_text(sample.read_text().replace('rule = "10-24"', 'rule = "10-99"'))
    assert runner.invoke(main, ["build", "--quiet", "--jobs", "1"]).exit_code == 1
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
