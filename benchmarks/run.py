"""Benchmarks, each measured beside a reference in the same run so that the ratio holds on a
noisy machine. From the repository's root: ``python -m benchmarks.run`` (all but the largest
synthetic catalogue) or ``python -m benchmarks.run --full`` (up to 10,000 observances). Prints
each figure with its reference and target; ``[MISSED]`` marks a target not met.
"""

from __future__ import annotations

import argparse
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

from calendargen.build import make_plan
from calendargen.config import Config
from calendargen.defaults import shipped
from calendargen.engine import expand
from calendargen.i18n import occurrence_title
from calendargen.loader import load
from calendargen.model import Occurrence
from calendargen.render.feeds import plan_feeds
from calendargen.render.ics import EventContext, _description, render_event, uid
from calendargen.render.site import plan_site

STAMP = datetime(2026, 1, 1, tzinfo=UTC)
COUNTRIES = ("TM", "RU", "IR", "TR", "PK", "KZ", "UZ", "KG", "TJ", "AM", "AZ", "GE")
FIRST, LAST = 1900, 2100
TODAY = date(2026, 11, 28)
EPOCH = "1795824000"  # 2026-11-28T00:00:00Z
LOCALES = ("en", "ru", "tk", "fr", "es", "ar", "zh", "fa", "tr")


def median_seconds(work: Callable[[], int], repeat: int = 5) -> tuple[float, int]:
    """Median wall time of ``work`` and the count it returns."""
    times, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), count


def row(name: str, ours: str, reference: str, ratio: str, target: str, ok: bool) -> dict:
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
    seconds, count = median_seconds(ours)
    ref_seconds, ref_count = median_seconds(reference, repeat=3)
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
    categories = ",".join(_floor_escape(context.category_names[c]) for c in o.categories)
    return uid(o, locale), title, language, notes, categories


def _floor_lines(o: Occurrence, texts: tuple[str, ...]) -> list[str]:
    """One event's content lines from its prepared texts."""
    event_uid, title, language, notes, categories = texts
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
    return [
        *lines,
        "CATEGORIES:" + categories,
        f"STATUS:{'TENTATIVE' if o.estimated else 'CONFIRMED'}",
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

    seconds, count = median_seconds(ours, repeat=3)
    ref_seconds, ref_count = median_seconds(floor, repeat=3)
    rate, ref_rate = count / seconds, ref_count / ref_seconds
    return row(
        ".ics writing: the default window's events in 9 locales",
        f"{count:,} events = {rate:,.0f}/s",
        f"true floor: f-strings writing the same bytes from texts prepared in advance: "
        f"{ref_rate:,.0f}/s",
        f"{ref_rate / rate:.2f}x" if ref_rate > rate else f"{rate / ref_rate:.2f}x faster",
        "within 2x of the plain formatter",
        ref_rate / rate <= 2,
    )


# -- HTML -------------------------------------------------------------------------------

HUGO_LAYOUT = """<!DOCTYPE html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><nav><a href="{{ "" | relURL }}">Home</a></nav></header><main><h1>{{ .Title }}</h1>
<p>{{ .Params.description }}</p><table>{{ range .Params.items }}<tr><td>{{ .date }}</td>
<td>{{ .weekday }}</td><td><a href="{{ .href }}">{{ .name }}</a></td></tr>{{ end }}</table>
</main><footer>calendargen</footer></body></html>"""


def _hugo_site(root: Path, pages: int) -> None:
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "layouts" / "_default" / "single.html").write_text(HUGO_LAYOUT)
    (root / "layouts" / "_default" / "list.html").write_text(HUGO_LAYOUT)
    (root / "config.toml").write_text(
        'baseURL = "/"\nlanguageCode = "en"\ntitle = "bench"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    )
    content = root / "content"
    content.mkdir()
    items = "".join(
        f'  - date: "2026-0{1 + i % 9}-1{i % 9}"\n    weekday: "Monday"\n'
        f'    name: "International Day number {i}"\n    href: "/obs-{i}/"\n'
        for i in range(30)
    )
    for page in range(pages):
        (content / f"obs-{page}.md").write_text(
            f'---\ntitle: "Observance {page}"\ndescription: "A description of observance '
            f'{page}."\nitems:\n{items}---\n'
        )


def bench_html() -> dict:
    plan = make_plan(Config(), TODAY, STAMP)
    published = frozenset(plan_feeds(plan)[0])

    def ours() -> int:
        return sum(1 for p in plan_site(plan, published) if ".html" in p)

    seconds, pages = median_seconds(ours, repeat=3)
    hugo = shutil.which("hugo")
    if hugo is None:
        return row("HTML pages", f"{pages / seconds:,.0f} pages/s", "hugo not installed",
                   "-", "1.5x Hugo (apt-get install hugo)", False)  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _hugo_site(root, pages)

        def reference() -> int:
            subprocess.run([hugo, "--quiet", "-s", str(root), "-d", str(root / "public")],
                           check=True, capture_output=True)  # fmt: skip
            return pages

        ref_seconds, _ = median_seconds(reference, repeat=3)
    rate, ref_rate = pages / seconds, pages / ref_seconds
    return row(
        "HTML pages of the default site (9 locales), rendered in memory",
        f"{pages:,} pages in {seconds:.2f} s = {rate:,.0f}/s (both cores)",
        f"Hugo {pages:,} similar pages: {ref_rate:,.0f}/s (both cores)",
        f"{rate / ref_rate:.2f}x",
        "1.5x Hugo's rate",
        rate / ref_rate >= 1.5,
    )


# -- whole builds -----------------------------------------------------------------------


def timed_build(project: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one `calgen build` in a child process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "calendargen", "build", "--quiet", "--out", str(out)],
        cwd=project, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    assert os.waitstatus_to_exitcode(status) == 0, "build failed"
    return seconds, usage.ru_maxrss / 1024


def bench_build() -> dict:
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:  # this disk, not tmpfs
        project = Path(folder)
        cold, memory = timed_build(project, project / "public")
        again, _ = timed_build(project, project / "public")
    return row(
        "default build: cold into an empty folder, then a no-change rebuild",
        f"cold {cold:.1f} s (peak {memory:.0f} MiB), rebuild {again:.2f} s",
        "the cold build",
        f"rebuild = {again / cold:.1%} of cold",
        "no-change rebuild under 10% of the cold build",
        again / cold < 0.10,
    )


def bench_build_vs_hugo(repeat: int = 3) -> dict:
    """Whole process against whole process: a cold default ``calgen build`` (pages, feeds,
    JSON and the search index, written to disk) against Hugo building as many similar pages
    (no feeds) from its own content files, with its writes; runs alternate, min and median."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return row("cold build against Hugo", "-", "hugo not installed", "-",
                   "1.5x faster than Hugo (apt-get install hugo)", False)  # fmt: skip
    ours, theirs = [], []
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as folder:  # this disk, not tmpfs
        root = Path(folder)
        project = root / "project"
        project.mkdir()
        timed_build(project, project / "probe")
        pages = sum(1 for _ in (project / "probe").rglob("*.html"))
        _hugo_site(root / "hugo", pages)
        for run in range(repeat):
            ours.append(timed_build(project, project / f"out{run}")[0])
            started = time.perf_counter()
            subprocess.run([hugo, "--quiet", "-s", str(root / "hugo"), "-d",
                            str(root / "hugo" / f"public{run}")], check=True,
                           capture_output=True)  # fmt: skip
            theirs.append(time.perf_counter() - started)
    ratio = statistics.median(theirs) / statistics.median(ours)
    return row(
        f"cold default build as a process ({pages:,} pages + feeds) against Hugo ({pages:,} pages)",
        f"min {min(ours):.1f} s, median {statistics.median(ours):.1f} s",
        f"Hugo min {min(theirs):.1f} s, median {statistics.median(theirs):.1f} s",
        f"{ratio:.2f}x Hugo's speed (medians)",
        "at least 1.5x faster than Hugo",
        ratio >= 1.5,
    )


def synthetic_catalogue(root: Path, size: int) -> None:
    """``size`` observances with names in 9 locales and every cheap rule kind."""
    (root / "data" / "observances").mkdir(parents=True)
    shutil.copy(shipped("data") / "categories.toml", root / "data" / "categories.toml")
    rules = ["{m:02d}-{d:02d}", "2nd tuesday of march", "last friday of october",
             "easter +{d}", "{d} shawwal", "{m:02d}-{d:02d} for 3 days"]  # fmt: skip
    lines = ['[catalogue]\ncategories = ["un", "international-day"]\n']
    for i in range(size):
        rule = rules[i % len(rules)].format(m=1 + i % 12, d=1 + i % 28)
        names = "".join(f'name.{loc} = "Day {i} ({loc})"\n' for loc in LOCALES)
        lines.append(
            f'[[observance]]\nid = "day-{i}"\nrule = "{rule} since 2000"\n{names}'
            f'source.title = "synthetic"\norigin.date = "{1950 + i % 70}-06-01"\n'
        )
    (root / "data" / "observances" / "synthetic.toml").write_text("\n".join(lines))
    (root / "calgen.toml").write_text(
        'include_default = false\ndata = ["data"]\n[window]\nfrom = 2025\nto = 2027\n'
    )


def bench_synthetic(sizes: tuple[int, ...]) -> dict:
    results = []
    scratch = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    for size in sizes:
        with tempfile.TemporaryDirectory(dir=scratch) as folder:
            root = Path(folder)
            synthetic_catalogue(root, size)
            seconds, memory = timed_build(root, root / "public")
            results.append((size, seconds, memory))
    per = [s / n * 1000 for n, s, _ in results]
    spread = max(per) / min(per)
    return row(
        f"synthetic catalogue in 9 locales ({'tmpfs' if scratch else 'disk'}), sizes "
        + ", ".join(f"{n:,}" for n, _, _ in results),
        "; ".join(f"{n:,}: {s:.1f} s, {m:.0f} MiB" for n, s, m in results),
        "time per observance: " + ", ".join(f"{p:.2f} ms" for p in per),
        f"largest/smallest per-observance time {spread:.2f}",
        "linear: per-observance time within 1.5x across sizes",
        spread <= 1.5,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="include 10,000 observances")
    parser.add_argument("--only", help="run only benchmarks whose name contains this")
    args = parser.parse_args()
    sizes = (1250, 2500, 5000, 10000) if args.full else (500, 1000, 2000)
    benches: list[Callable[[], dict]] = [
        bench_expansion, bench_ics, bench_html, bench_build, bench_build_vs_hugo,
        lambda: bench_synthetic(sizes),
    ]  # fmt: skip
    names = ["expansion", "ics", "html", "build", "hugo", "synthetic"]
    for name, bench in zip(names, benches, strict=True):
        if args.only and args.only not in name:
            continue
        result = bench()
        status = "ok" if result["ok"] else "MISSED"
        print(f"{result['benchmark']}\n  ours:      {result['ours']}")
        print(f"  reference: {result['reference']}\n  ratio:     {result['ratio']}")
        print(f"  target:    {result['target']}   [{status}]", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"(peak memory of this process: {peak} MiB)")


if __name__ == "__main__":
    main()
