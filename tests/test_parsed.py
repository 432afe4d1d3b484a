"""A build reads again only the catalogue files that changed, and trusts nothing else it finds
in its state folder."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendargen import build, i18n, loader, translations
from calendargen.cli import main
from calendargen.parsed import ParsedFiles

PARSED = Path(".public.calgen") / "parsed"
TRANSLATION = '[united-nations-day]\nname = "Día de las Naciones Unidas"\n'


def _contents(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the TOML files read from here on."""
    reads: list[str] = []
    read = loader.read_toml

    def counted(path: Path, content: bytes | None = None) -> tuple[dict, str]:
        reads.append(path.name)
        return read(path, content)

    monkeypatch.setattr(translations, "read_toml", counted)
    monkeypatch.setattr(loader, "read_toml", counted)
    return reads


def _translated(project: Path) -> None:
    """The project with a translation file of its own (Spanish)."""
    (project / "data" / "translations").mkdir()
    (project / "data" / "translations" / "es.toml").write_text(TRANSLATION, encoding="utf-8")
    config = project / "calgen.toml"
    config.write_text(config.read_text().replace('"ru"]', '"ru", "es"]'), encoding="utf-8")


def test_a_rebuild_reads_only_the_files_that_changed(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _translated(project)
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    reads = _count_reads(monkeypatch)
    sample = project / "data" / "observances" / "sample.toml"
    sample.write_text(sample.read_text().replace("10-24", "10-25"), encoding="utf-8")
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert sorted(reads) == ["categories.toml", "sample.toml"]  # not es.toml
    reads.clear()
    categories = project / "data" / "categories.toml"
    categories.write_text(categories.read_text() + "\n", encoding="utf-8")
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert reads == ["categories.toml"]  # the same categories
    reads.clear()
    categories.write_text(categories.read_text().replace('"Public holidays"', '"Holidays"'))
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert sorted(reads) == ["categories.toml", "sample.toml"]  # checked against them
    assert runner.invoke(main, ["build", "--quiet", "--out", "cold"]).exit_code == 0
    assert _contents(project / "public") == _contents(project / "cold")
    assert len(list((project / PARSED).iterdir())) == 3  # this build's: 2 files, the names


def test_a_rebuild_takes_the_language_names_from_the_previous_build(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The switcher's names (CLDR data of every locale) are looked up again only when the
    locales change; the pages are the same as a build's from nothing."""
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    asked: list[str] = []

    def native_name(locale: str) -> str:
        asked.append(locale)
        return i18n.native_name(locale)

    monkeypatch.setattr(build, "native_name", native_name)
    sample = project / "data" / "observances" / "sample.toml"
    sample.write_text(sample.read_text().replace("10-24", "10-25"), encoding="utf-8")
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert asked == []
    config = project / "calgen.toml"
    config.write_text(config.read_text().replace('"ru"]', '"ru", "es"]'), encoding="utf-8")
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert asked == ["en", "fr", "ru", "es"]
    assert runner.invoke(main, ["build", "--quiet", "--out", "cold"]).exit_code == 0
    assert _contents(project / "public") == _contents(project / "cold")
    assert "Español" in (project / "public" / "en" / "index.html").read_text(encoding="utf-8")


def test_a_file_saved_while_the_build_reads_it_is_kept_as_it_was_read(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file saved again just after the build read it for its key is parsed from the bytes
    the key was made from: what is kept under that key is never the newer text (a build of
    the first text again would have taken it)."""
    sample = project / "data" / "observances" / "sample.toml"
    before = sample.read_text(encoding="utf-8")
    key = ParsedFiles.key
    saving = [True]

    def saved_meanwhile(
        self: ParsedFiles, kind: str, display: str, content: bytes, context: str = ""
    ) -> str:
        found = key(self, kind, display, content, context)
        if saving[0] and display.endswith("sample.toml"):
            sample.write_text(before.replace("10-24", "10-25"), encoding="utf-8")
        return found

    monkeypatch.setattr(ParsedFiles, "key", saved_meanwhile)
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    saving[0] = False
    sample.write_text(before, encoding="utf-8")  # and the edit undone
    (project / ".public.calgen" / "inputs").unlink()  # a build, from the kept results
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert runner.invoke(main, ["build", "--quiet", "--out", "cold"]).exit_code == 0
    assert _contents(project / "public") == _contents(project / "cold")


class _Runs:
    """A pickle that would run a command when loaded by a plain unpickler."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, ("touch ran",)


def test_what_the_state_folder_holds_is_not_run_or_followed(
    project: Path, runner: CliRunner, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Results replaced by a pickle that runs a command, by bytes that are not a pickle, by
    data of another shape, by a link to a file elsewhere and by a FIFO are read from the files
    again: nothing runs, the outside file is untouched, the build does not hang and equals a
    build from nothing."""
    _translated(project)
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    entries = sorted((project / PARSED).iterdir())
    outside = tmp_path_factory.mktemp("outside") / "file"
    outside.write_bytes(pickle.dumps([]))
    wrong_shapes = [
        pickle.dumps([(1, 2)]),
        pickle.dumps({"united-nations-day": [1]}),
        pickle.dumps({"en": "English", "fr": 1, "ru": "Русский"}),
    ]
    for planted in ([pickle.dumps(_Runs()), b"not a pickle", pickle.dumps(_Runs())], wrong_shapes):
        for entry, content in zip(entries, planted, strict=True):
            entry.write_bytes(content)
        (project / ".public.calgen" / "inputs").unlink()  # a build, not "up to date"
        result = runner.invoke(main, ["build", "--quiet"])
        assert result.exit_code == 0, result.stderr
        assert not (project / "ran").exists()
    for entry in entries:
        entry.unlink()
    entries[0].symlink_to(outside)
    os.mkfifo(entries[1])
    (project / ".public.calgen" / "inputs").unlink()
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    assert outside.read_bytes() == pickle.dumps([])
    assert all(entry.is_file() and not entry.is_symlink() for entry in entries)
    assert runner.invoke(main, ["build", "--quiet", "--out", "cold"]).exit_code == 0
    assert _contents(project / "public") == _contents(project / "cold")


def test_a_problem_is_placed_after_files_were_taken_as_read_before(
    project: Path, runner: CliRunner
) -> None:
    """An id defined again in a new file names the line of the first, although the first
    file's result was kept from the previous build (which keeps no text)."""
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    (project / "data" / "observances" / "more.toml").write_text(
        '[[observance]]\nid = "disarmament-week"\nrule = "10-24"\n'
        'categories = ["un", "international-day"]\nname.en = "X"\nsource.title = "t"\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["build", "--quiet"])
    assert result.exit_code == 1
    assert (
        "data/observances/sample.toml:29:1: disarmament-week: duplicate id (first defined in "
        "data/observances/more.toml:2)"
    ) in result.stderr


def test_list_and_show_take_what_the_last_build_read(
    project: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a build, `list` and `show` read again only the files that changed since, and
    write nothing; their output is what reading every file gives."""
    _translated(project)
    commands = (["list", "--year", "2025", "--locale", "es"], ["show", "united-nations-day"])
    fresh = [runner.invoke(main, command).stdout for command in commands]
    assert runner.invoke(main, ["build", "--quiet"]).exit_code == 0
    kept = sorted(os.listdir(project / PARSED))
    reads = _count_reads(monkeypatch)
    assert [runner.invoke(main, command).stdout for command in commands] == fresh
    assert reads == ["categories.toml", "categories.toml"]  # not the entries, nor es.toml
    sample = project / "data" / "observances" / "sample.toml"
    sample.write_text(sample.read_text().replace("United Nations Day", "UN Day"), encoding="utf-8")
    reads.clear()
    result = runner.invoke(main, commands[1])
    assert "UN Day" in result.stdout and sorted(reads) == ["categories.toml", "sample.toml"]
    assert sorted(os.listdir(project / PARSED)) == kept
