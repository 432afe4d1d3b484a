"""Benchmarks, each measured beside a reference in the same run so that the ratio holds on a
noisy machine; builds are whole processes. From the repository's root:
``python -m benchmarks.run`` (synthetic catalogues to 10,000 observances) or
``python -m benchmarks.run --full`` (to 50,000); ``--only NAME`` runs one (expansion, ics,
hugo, rebuilds, jobs, synthetic). Prints each figure with its reference and target;
``[MISSED]`` marks a target not met.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from calendargen.defaults import shipped
from calendargen.engine import expand
from calendargen.i18n import occurrence_title
from calendargen.loader import load
from calendargen.model import Occurrence
from calendargen.parallel import cores
from calendargen.render.ics import EventContext, _description, render_event, uid

COUNTRIES = ("TM", "RU", "IR", "TR", "PK", "KZ", "UZ", "KG", "TJ", "AM", "AZ", "GE")
FIRST, LAST = 1900, 2100
EPOCH = "1795824000"  # 2026-11-28T00:00:00Z
LOCALES = ("en", "ru", "tk", "fr", "es", "ar", "zh", "fa", "tr")


def paired_medians(
    ours: Callable[[], int], reference: Callable[[], int], repeat: int = 5
) -> tuple[float, int, float, int]:
    """Median wall times of ``ours`` and ``reference``, run in turn (a slow moment of this
    shared machine falls on both), and the counts they return."""
    times: tuple[list[float], list[float]] = ([], [])
    counts = [0, 0]
    for _ in range(repeat):
        for side, work in enumerate((ours, reference)):
            started = time.perf_counter()
            counts[side] = work()
            times[side].append(time.perf_counter() - started)
    return statistics.median(times[0]), counts[0], statistics.median(times[1]), counts[1]


def row(name: str, ours: str, reference: str, ratio: str, target: str, ok: bool | None) -> dict:
    """One benchmark's figures; ``ok`` None: a figure with no target of its own."""
    return {"benchmark": name, "ours": ours, "reference": reference, "ratio": ratio,
            "target": target, "ok": ok}  # fmt: skip


# -- rule expansion ---------------------------------------------------------------------


def bench_expansion() -> dict:
    import holidays

    catalogue = load([shipped("data")])

    def ours() -> int:
        return len(expand(catalogue.observances, date(FIRST, 1, 1), date(LAST, 12, 31)))

    def reference() -> int:
        years = range(FIRST, LAST + 1)
        return sum(len(holidays.country_holidays(c, years=years)) for c in COUNTRIES)

    ours()  # warm the calendar caches, as the second expansion of a build is
    seconds, count, ref_seconds, ref_count = paired_medians(ours, reference)
    rate, ref_rate = count / seconds, ref_count / ref_seconds
    return row(
        f"rule expansion, default catalogue {FIRST}-{LAST}",
        f"{count:,} occurrences in {seconds * 1000:.0f} ms = {rate:,.0f}/s",
        f"holidays, the 12 countries: {ref_count:,} dates = {ref_rate:,.0f}/s",
        f"{rate / ref_rate:.1f}x",
        ">= 3x the holidays package, and under 1 s",
        rate / ref_rate >= 3 and seconds < 1,
    )


# -- .ics writing -----------------------------------------------------------------------


def _floor_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _floor_fold(line: str) -> str:
    data = line.encode()
    if len(data) <= 75:
        return line + "\r\n"
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode() + "\r\n"


def _floor_texts(o: Occurrence, locale: str, context: EventContext) -> tuple[str, ...]:
    """What an event says, prepared before the clock starts: the floor only writes it."""
    title, language = occurrence_title(o, locale)
    notes = _description(o, o.observance, locale, context, False)
    return uid(o, locale), title, language, notes


def _floor_lines(o: Occurrence, texts: tuple[str, ...]) -> list[str]:
    """One event's content lines from its prepared texts (an aggregate feed's brief event:
    no CATEGORIES, STATUS only for an estimate)."""
    event_uid, title, language, notes = texts
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid}",
        "DTSTAMP:20260101T000000Z",
        f"DTSTART;VALUE=DATE:{o.start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{o.end + timedelta(days=1):%Y%m%d}",
        f"SUMMARY;LANGUAGE={language}:" + _floor_escape(title),
    ]
    if notes:
        lines.append(f"DESCRIPTION;LANGUAGE={texts_locale(event_uid)}:" + _floor_escape(notes))
    if o.estimated:
        lines.append("STATUS:TENTATIVE")
    return [
        *lines,
        "TRANSP:TRANSPARENT",
        "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
        "END:VEVENT",
    ]


def texts_locale(event_uid: str) -> str:
    return event_uid.rsplit("-", 1)[1].split("@", 1)[0]


def bench_ics() -> dict:
    """Our writer next to a true floor: a plain f-string formatter writing the same bytes from
    texts prepared in advance (localization done before its clock starts)."""
    catalogue = load([shipped("data")])
    occurrences = expand(catalogue.observances, date(2025, 1, 1), date(2029, 12, 31))
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    names = {loc: {cid: c.name(loc) for cid, c in catalogue.categories.items()} for loc in LOCALES}
    prepared = {
        locale: [(o, _floor_texts(o, locale, EventContext(names[locale], stamp)))
                 for o in occurrences]
        for locale in LOCALES
    }  # fmt: skip
    for locale in LOCALES:
        context = EventContext(names[locale], stamp)
        for o, texts in prepared[locale]:
            floor_bytes = "".join(map(_floor_fold, _floor_lines(o, texts)))
            assert floor_bytes == render_event(o, locale, context, full=False), "bytes differ"

    def ours() -> int:
        for locale in LOCALES:
            context = EventContext(names[locale], stamp)
            for o in occurrences:
                render_event(o, locale, context, full=False)
        return len(occurrences) * len(LOCALES)

    def floor() -> int:
        for locale in LOCALES:
            for o, texts in prepared[locale]:
                "".join(map(_floor_fold, _floor_lines(o, texts)))
        return len(occurrences) * len(LOCALES)

    seconds, count, ref_seconds, ref_count = paired_medians(ours, floor, repeat=9)
    rate, ref_rate = count / seconds, ref_count / ref_seconds
    return row(
        ".ics writing: the default window's events in 9 locales",
        f"{count:,} events = {rate:,.0f}/s",
        f"true floor: f-strings writing the same bytes from texts prepared in advance: "
        f"{ref_rate:,.0f}/s",
        f"{ref_rate / rate:.2f}x" if ref_rate > rate else f"{rate / ref_rate:.2f}x faster",
        "within 1.5x of the true floor",
        ref_rate / rate <= 1.5,
    )


# -- HTML -------------------------------------------------------------------------------

HUGO_LAYOUT = """<!DOCTYPE html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><nav><a href="{{ "" | relURL }}">Home</a></nav></header><main><h1>{{ .Title }}</h1>
<p>{{ .Params.description }}</p><table>{{ range .Params.items }}<tr><td>{{ .date }}</td>
<td>{{ .weekday }}</td><td><a href="{{ .href }}">{{ .name }}</a></td></tr>{{ end }}</table>
</main><footer>calendargen</footer></body></html>"""


HUGO_SHARED_ROWS = 1000  # the rows of the shared data file; a page shows a run of them


def _hugo_row(i: int) -> dict[str, str]:
    return {"date": f"2026-0{1 + i % 9}-1{i % 9}", "weekday": "Monday",
            "name": f"International Day number {i}", "href": f"/obs-{i}/"}  # fmt: skip


def _hugo_site(root: Path, pages: int, shared_rows: int = 0) -> None:
    """Hugo's project of ``pages`` pages, each a title, a description and a table of 30 rows
    from its own front matter; or, with ``shared_rows``, that many rows each, taken from one
    data file all pages share (as our pages take theirs from the one catalogue)."""
    layout = HUGO_LAYOUT
    if shared_rows:
        run = f"first {shared_rows} (after (.Params.offset | default 0) site.Data.rows)"
        layout = layout.replace("{{ range .Params.items }}", f"{{{{ range {run} }}}}")
        (root / "data").mkdir(parents=True)
        table = [_hugo_row(i) for i in range(HUGO_SHARED_ROWS)]
        (root / "data" / "rows.json").write_text(json.dumps(table))
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "layouts" / "_default" / "single.html").write_text(layout)
    (root / "layouts" / "_default" / "list.html").write_text(layout)
    (root / "config.toml").write_text(
        'baseURL = "/"\nlanguageCode = "en"\ntitle = "bench"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    )
    content = root / "content"
    content.mkdir()
    items = "".join(
        f'  - date: "{r["date"]}"\n    weekday: "{r["weekday"]}"\n'
        f'    name: "{r["name"]}"\n    href: "{r["href"]}"\n'
        for r in map(_hugo_row, range(30))
    )
    for page in range(pages):
        head = f'title: "Observance {page}"\ndescription: "A description of observance {page}."\n'
        body = (
            f"offset: {page % (HUGO_SHARED_ROWS - shared_rows)}\n"
            if shared_rows
            else f"items:\n{items}"
        )
        (content / f"obs-{page}.md").write_text(f"---\n{head}{body}---\n")


def _mean_page(out: Path) -> float:
    """The mean size of the HTML pages under ``out``, in bytes."""
    sizes = [p.stat().st_size for p in out.rglob("*.html")]
    return sum(sizes) / len(sizes)


def _rows_for(hugo: str, root: Path, size: float) -> int:
    """How many shared rows make Hugo's pages ``size`` bytes on average (two small builds)."""
    means = []
    for rows in (30, 130):
        site = root / f"calibrate-{rows}"
        _hugo_site(site, 50, rows)
        timed_process([hugo, "--quiet", "-s", str(site), "-d", str(site / "public")], root)
        means.append(_mean_page(site / "public"))
    per_row = (means[1] - means[0]) / 100
    return max(1, min(HUGO_SHARED_ROWS - 1, round(30 + (size - means[0]) / per_row)))


# -- whole builds -----------------------------------------------------------------------


class Run(NamedTuple):
    """One whole process, timed."""

    seconds: float  # wall
    cpu: float  # user and system seconds of the process and of the processes it waited for
    memory: float  # MiB, the peak of the largest of its processes


def timed_process(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to its end, its output discarded; it must succeed."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    assert os.waitstatus_to_exitcode(status) == 0, f"{command[0]} failed"
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def timed_build(project: Path, out: Path, *options: str) -> Run:
    """One `calgen build` in a child process, as installed: its bytecode cached (pip compiles
    it at install; a ``PYTHONDONTWRITEBYTECODE`` here would have every run compile calendargen
    again)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "calendargen", "build", "--quiet", "--out", str(out)]
    return timed_process([*command, *options], project, env)


def _files(out: Path) -> dict[str, str]:
    """Each file's digest: this process stays small, so that the peak memory a child reports
    (which counts this process's at the fork) is the build's own."""
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def bench_rebuilds(repeat: int = 3) -> dict:
    """The default catalogue as a project on this disk: cold builds (the median of
    ``repeat``, each into a new folder: one cold build is as noisy as the disk), then rebuilds
    of the last one after renaming one observance and with nothing changed."""
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:  # this disk, not tmpfs
        project = Path(folder)
        shutil.copytree(shipped("data"), project / "data")
        (project / "calgen.toml").write_text('include_default = false\ndata = ["data"]\n')
        colds = [timed_build(project, project / f"public{run}") for run in range(repeat)]
        cold, memory = statistics.median(c.seconds for c in colds), max(c.memory for c in colds)
        out = project / f"public{repeat - 1}"
        entries = project / "data" / "observances" / "un-days.toml"
        text = entries.read_text(encoding="utf-8")
        name = 'name.en = "International Day of Neutrality"'
        assert name in text
        edits, again = [], []
        for run in range(repeat):
            changed = name.replace('Neutrality"', f'Neutrality {run}"')
            entries.write_text(text.replace(name, changed), encoding="utf-8")
            edits.append(timed_build(project, out).seconds)
            again.append(timed_build(project, out).seconds)
    edit, nothing = statistics.median(edits), statistics.median(again)
    return row(
        "default build (17 locales) on disk: cold, one observance renamed, nothing changed",
        f"cold median {cold:.1f} s of {', '.join(f'{c.seconds:.1f}' for c in colds)} (largest "
        f"process {memory:.0f} MiB); edit min {min(edits):.2f} s, "
        f"median {edit:.2f} s; no change min {min(again):.2f} s, median {nothing:.2f} s",
        "the cold build",
        f"edit = {edit / cold:.0%} of cold, no change = {nothing / cold:.1%} of cold",
        "edit at most 15%, no change at most 5% of the cold build",
        edit / cold <= 0.15 and nothing / cold <= 0.05,
    )


def bench_jobs() -> dict:
    """``--jobs 2`` against ``--jobs 1``, whole processes, alternating, for one locale (five
    pairs: a build of a second is as noisy as this disk) and for nine (two); the outputs must
    be byte-identical."""
    figures = []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
        project = Path(folder)
        for locales, repeat in ((("en",), 5), (LOCALES, 2)):
            options = [option for locale in locales for option in ("--locale", locale)]
            times: dict[int, list[float]] = {1: [], 2: []}
            for run in range(repeat):
                for jobs in (1, 2):
                    out = project / f"out-{len(locales)}-{jobs}-{run}"
                    times[jobs].append(
                        timed_build(project, out, "--jobs", str(jobs), *options).seconds
                    )
            outputs = [_files(project / f"out-{len(locales)}-{jobs}-0") for jobs in (1, 2)]
            assert outputs[0] == outputs[1], "--jobs 1 and --jobs 2 differ"
            one, two = statistics.median(times[1]), statistics.median(times[2])
            figures.append((len(locales), one, two))
    speedups = [one / two for _, one, two in figures]
    return row(
        f"--jobs 2 against --jobs 1 on {cores()} cores (one locale; nine), byte-identical output",
        "; ".join(f"{n} locale(s): jobs 2 median {two:.1f} s" for n, _, two in figures),
        "; ".join(f"{n} locale(s): jobs 1 median {one:.1f} s" for n, one, _ in figures),
        ", ".join(f"{speedup:.2f}x" for speedup in speedups),
        "at least 1.6x faster with two jobs, for one locale and for nine",
        min(speedups) >= 1.6,
    )


def bench_build_vs_hugo(repeat: int = 3) -> list[dict]:
    """Whole process against whole process: a cold default ``calgen build`` (pages, feeds,
    JSON and the search index, written to disk) against Hugo building as many similar pages
    (no feeds) from its own content files, with its writes; and, as a second reference, Hugo
    building pages of our pages' mean size from one shared data file. Runs alternate; min
    and median."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return [row("cold build against Hugo", "-", "hugo not installed", "-",
                    "1.5x faster than Hugo (apt-get install hugo)", False)]  # fmt: skip
    ours: list[Run] = []
    theirs: dict[str, list[Run]] = {"hugo": [], "sized": []}
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:  # this disk, not tmpfs
        root = Path(folder)
        project = root / "project"
        project.mkdir()
        timed_build(project, project / "probe")
        pages = sum(1 for _ in (project / "probe").rglob("*.html"))
        size = _mean_page(project / "probe")
        rows = _rows_for(hugo, root, size)
        _hugo_site(root / "hugo", pages)
        _hugo_site(root / "sized", pages, rows)
        for run in range(repeat):
            ours.append(timed_build(project, project / f"out{run}"))
            for site, runs in theirs.items():
                out = root / site / f"public{run}"
                runs.append(timed_process([hugo, "--quiet", "-s", str(root / site), "-d",
                                           str(out)], root))  # fmt: skip
        hugo_size = _mean_page(root / "sized" / "public0")
        small_size = _mean_page(root / "hugo" / "public0")

    our_wall = statistics.median(r.seconds for r in ours)
    our_cpu = statistics.median(r.cpu for r in ours)

    def ratios(runs: list[Run]) -> tuple[float, str]:
        wall = statistics.median(r.seconds for r in runs) / our_wall
        cpu = statistics.median(r.cpu for r in runs) / our_cpu
        return wall, f"{wall:.2f}x Hugo's speed (medians); in CPU time, {cpu:.2f}x"

    wall, ratio = ratios(theirs["hugo"])
    sized = ratios(theirs["sized"])[1]
    name = f"cold default build as a process ({pages:,} pages + feeds, {size / 1024:.1f} KB a page)"
    return [
        row(
            f"{name} against Hugo ({pages:,} pages of {small_size / 1024:.1f} KB)",
            _times(ours),
            f"Hugo {_times(theirs['hugo'])}",
            ratio,
            "at least 1.5x faster than Hugo",
            wall >= 1.5,
        ),
        row(
            f"the same builds against Hugo building {pages:,} pages of {hugo_size / 1024:.1f} KB "
            f"({rows} rows each from one shared data file)",
            _times(ours),
            f"Hugo {_times(theirs['sized'])}",
            sized,
            "a second reference (pages of the same size): no target of its own",
            None,
        ),
    ]


def _times(runs: list[Run]) -> str:
    """Wall and CPU seconds of a few runs: min and median."""
    wall, cpu = [r.seconds for r in runs], [r.cpu for r in runs]
    return (f"min {min(wall):.1f} s, median {statistics.median(wall):.1f} s; CPU median "
            f"{statistics.median(cpu):.1f} s")  # fmt: skip


def synthetic_catalogue(root: Path, size: int) -> None:
    """``size`` observances with names in 9 locales and every cheap rule kind."""
    (root / "data" / "observances").mkdir(parents=True)
    shutil.copy(shipped("data") / "categories.toml", root / "data" / "categories.toml")
    rules = ["{m:02d}-{d:02d}", "2nd tuesday of march", "last friday of october",
             "easter +{d}", "{d} shawwal", "{m:02d}-{d:02d} for 3 days"]  # fmt: skip
    header = '[catalogue]\ncategories = ["un", "international-day"]\n'
    for first in range(0, size, 5_000):  # files of 5,000 entries (a data file is at most 10 MB)
        lines = [header]
        for i in range(first, min(first + 5_000, size)):
            rule = rules[i % len(rules)].format(m=1 + i % 12, d=1 + i % 28)
            names = "".join(f'name.{loc} = "Day {i} ({loc})"\n' for loc in LOCALES)
            lines.append(
                f'[[observance]]\nid = "day-{i}"\nrule = "{rule} since 2000"\n{names}'
                f'source.title = "synthetic"\norigin.date = "{1950 + i % 70}-06-01"\n'
            )
        (root / "data" / "observances" / f"synthetic-{first:06d}.toml").write_text("\n".join(lines))
    (root / "calgen.toml").write_text(
        'include_default = false\ndata = ["data"]\nlocales = ["en"]\n'
        "[window]\nfrom = 2025\nto = 2027\n"
    )


def bench_synthetic(sizes: tuple[int, ...]) -> dict:
    """Synthetic catalogues in one locale, built on this disk: time per entry and the
    largest process's peak memory."""
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:
            root = Path(folder)
            synthetic_catalogue(root, size)
            run = timed_build(root, root / "public")
            results.append((size, run.seconds, run.memory))
    per = [s / n * 1000 for n, s, _ in results]
    spread = max(per) / min(per)
    largest = results[-1]
    return row(
        "synthetic catalogue in one locale, on disk, sizes "
        + ", ".join(f"{n:,}" for n, _, _ in results),
        "; ".join(f"{n:,}: {s:.1f} s, {m:.0f} MiB" for n, s, m in results),
        "time per observance: " + ", ".join(f"{p:.2f} ms" for p in per),
        f"largest/smallest per-observance time {spread:.2f}",
        "linear (per-observance time within 1.5x across sizes); under 500 MiB at 50,000",
        spread <= 1.5 and (largest[0] < 50_000 or largest[2] < 500),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="synthetic catalogues to 50,000")
    parser.add_argument("--only", help="run only benchmarks whose name contains this")
    args = parser.parse_args()
    sizes = (5_000, 10_000, 50_000) if args.full else (2_500, 5_000, 10_000)
    benches: dict[str, Callable[[], dict | list[dict]]] = {
        "expansion": bench_expansion,
        "ics": bench_ics,
        "hugo": bench_build_vs_hugo,
        "rebuilds": bench_rebuilds,
        "jobs": bench_jobs,
        "synthetic": lambda: bench_synthetic(sizes),
    }
    for name, bench in benches.items():
        if args.only and args.only not in name:
            continue
        found = bench()
        for result in found if isinstance(found, list) else [found]:
            status = {True: "ok", False: "MISSED", None: "info"}[result["ok"]]
            print(f"{result['benchmark']}\n  ours:      {result['ours']}")
            print(f"  reference: {result['reference']}\n  ratio:     {result['ratio']}")
            print(f"  target:    {result['target']}   [{status}]", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"(peak memory of this process: {peak} MiB)")


if __name__ == "__main__":
    main()
