"""The shipped catalogue: valid, sourced, and every date 2020-2030 pinned by a snapshot.

A snapshot per data file (tests/snapshots/FILE.json) makes every date change visible in review;
regenerate with `python -m pytest tests/test_catalogue.py --update-golden` and read the diff.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from calendargen.cli import main
from calendargen.defaults import shipped
from calendargen.engine import expand
from calendargen.loader import Catalogue, load
from calendargen.model import Observance
from calendargen.sources import secondary_only

SNAPSHOTS = Path(__file__).parent / "snapshots"
DATA_FILES = sorted((shipped("data") / "observances").glob("*.toml"))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load([shipped("data")])


def test_every_entry_sourced_and_named(catalogue: Catalogue) -> None:
    assert len(catalogue.observances) > 300
    for observance in catalogue.observances:
        assert observance.sources, observance.id
        assert any(s.symbol or s.url or s.title for s in observance.sources), observance.id
        assert observance.names.get("en"), observance.id


# Entries whose every source is a report or a dataset, each with why no primary source is cited
# yet (docs/reviews/sources-*.md); a new entry must cite its primary source.
SECONDARY_ONLY = {
    "az-state-sovereignty-day": "the presidential order of 19 September 2024 known from the press"
    " and a state institute's news page; the order's text on president.az not found (searched"
    " again in sources-2026-12-06.md)",
    "pk-days-off-by-decree": "the Election Commission's notification of 1 February 2024 (and the"
    " State Bank's notice of 6 February 2024) known only from the press and from python-holidays'"
    " citation of the State Bank's circular; neither text found (sources-2026-12-06.md)",
    "tj-days-off-by-decree": "the Government's 2023 and 2026 resolutions known only from the press"
    " (searched again in sources-2026-12-06.md)",
    "tj-working-days-by-decree": "the Government's 2023 and 2026 resolutions known only from the"
    " press",
}


def test_every_source_has_a_kind_and_entries_cite_a_primary_one(catalogue: Catalogue) -> None:
    """Every shipped source says what it is (law, decree, resolution, official page, press,
    secondary); only the listed entries lack a primary source."""
    unkind = [o.id for o in catalogue.observances if any(s.kind is None for s in o.sources)]
    assert unkind == []
    secondary = {w.entry for w in secondary_only(list(catalogue.observances))}
    assert secondary == set(SECONDARY_ONLY)


def _snapshot(catalogue: Catalogue, path: Path) -> str:
    observances = [o for o in catalogue.observances if Path(o.file).name == path.name]
    lines = []
    for o in expand(observances, date(2020, 1, 1), date(2030, 12, 31)):
        flags = [f for f in ("milestone", "observed", "estimated") if getattr(o, f)]
        entry = [o.start.isoformat(), o.end.isoformat(), o.id, o.anniversary, flags]
        lines.append(json.dumps(entry, ensure_ascii=False))
    return "[\n" + ",\n".join(lines) + "\n]\n"


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.stem for p in DATA_FILES])
def test_snapshot(catalogue: Catalogue, path: Path, update_golden: bool) -> None:
    snapshot = SNAPSHOTS / f"{path.stem}.json"
    current = _snapshot(catalogue, path)
    if update_golden:
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(current, encoding="utf-8")
    assert snapshot.exists(), f"{snapshot} is missing: write it with --update-golden"
    assert current == snapshot.read_text(encoding="utf-8")


def test_snapshots_have_data_files() -> None:
    assert {p.stem for p in SNAPSHOTS.glob("*.json")} == {p.stem for p in DATA_FILES}


def _json_2025(runner: CliRunner, *args: str) -> list[dict]:
    result = runner.invoke(main, ["list", "--year", "2025", "--format", "json", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_must_hold_2025(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no calgen.toml: the embedded default
    records = _json_2025(runner)
    by_day: dict[str, set[str]] = {}
    for record in records:
        by_day.setdefault(record["start"], set()).add(record["id"])
    assert {"tm-permanent-neutrality-day", "international-day-of-neutrality"} <= by_day[
        "2025-12-12"
    ]
    assert "international-day-of-nowruz" in by_day["2025-03-21"]
    year = [r for r in records if r["id"] == "international-year-of-peace-and-trust"]
    assert [(r["start"], r["end"]) for r in year] == [("2025-01-01", "2025-12-31")]
    un_day = [r for r in records if r["id"] == "united-nations-day"]
    assert {r["anniversary"] for r in un_day} == {80}


def test_first_years(catalogue: Catalogue) -> None:
    neutrality_day = catalogue.get("tm-permanent-neutrality-day")
    un_neutrality = catalogue.get("international-day-of-neutrality")
    assert neutrality_day is not None and un_neutrality is not None
    assert not expand([neutrality_day], date(1900, 1, 1), date(1994, 12, 31))
    assert not expand([un_neutrality], date(1900, 1, 1), date(2016, 12, 31))
    assert expand([un_neutrality], date(2017, 12, 12), date(2017, 12, 12))


def _first_start(observance: Observance, until: date = date(1950, 12, 31)) -> date | None:
    """The first day the entry occurs up to ``until``, looking from year 1 (any rule without a
    first year reaches back that far)."""
    occurrences = expand([observance], date(1, 1, 1), until)
    return occurrences[0].start if occurrences else None


def test_nothing_before_it_existed(catalogue: Catalogue) -> None:
    """No entry occurs before 1900: a rule without a first year would run back to year 1, before
    the country or the holiday existed. Where the act that first made a day a day off was not
    found, the first year is a lower bound a source supports, and the entry has `edition = false`
    (issue #12 item 6; docs/reviews/first-years-remaining.md)."""
    early = {
        o.id for o in catalogue.observances if (start := _first_start(o)) and start.year < 1900
    }
    assert early == set()


IRAN_LEGAL_BILL = (
    "ir-nowruz",
    "ir-nature-day",
    "ir-oil-nationalization-day",
    "ir-esfand-30",
    "ir-tasua",
    "ir-ashura",
    "ir-arbaeen",
    "ir-demise-of-prophet-and-martyrdom-of-imam-hasan",
    "ir-martyrdom-of-imam-reza",
    "ir-birth-of-prophet-and-imam-sadiq",
    "ir-birth-of-imam-ali",
    "ir-mabath",
    "ir-birth-of-imam-mahdi",
    "ir-martyrdom-of-imam-ali",
    "ir-eid-al-fitr",
    "ir-martyrdom-of-imam-sadiq",
    "ir-eid-al-adha",
    "ir-eid-al-ghadir",
)

# First years, each from the source cited on the entry.
FIRST_YEARS = [
    # Türkiye: Law 2739 of 27 May 1935 on national holidays and general holidays.
    pytest.param("tr-new-years-day", 1936, id="tr-new-year"),
    pytest.param("tr-ramazan-bayrami", 1936, id="tr-ramazan"),
    pytest.param("tr-kurban-bayrami", 1936, id="tr-kurban"),
    # Iran: the Legal Bill on the official holidays of 8 Tir 1359 (1980); Fatima from 1379 SH.
    *(pytest.param(entry, 1980, id=entry) for entry in IRAN_LEGAL_BILL),
    pytest.param("ir-martyrdom-of-fatima", 2000, id="ir-fatima"),
    # USSR: RSFSR Labour Code of 1918 (1 May, 7 November); decree of 8 May 1945 (9 May).
    pytest.param("ru-spring-and-labour-day", 1919, id="ru-1-may"),
    pytest.param("ru-day-of-accord-and-reconciliation", 1919, id="ru-7-november"),
    # The USSR list: 1-2 May and 7-8 November from 1928 (resolution of 1939; Wikipedia).
    pytest.param("am-labour-day", 1928, id="am-1-may"),
    pytest.param("kg-october-revolution-day", 1928, id="kg-7-november"),
    # Kyrgyzstan: Nooruz a yearly holiday with independence (press; the 1991 law on Nooruz); Orozo
    # ait and Kurman ait from the Labour Code of 4 August 2004, the first act found.
    pytest.param("kg-nooruz", 1992, id="kg-nooruz"),
    pytest.param("kg-orozo-ait", 2005, id="kg-orozo-ait"),
    pytest.param("kg-kurman-ait", 2005, id="kg-kurman-ait"),
    pytest.param("ge-victory-day", 1945, id="ge-victory"),
    pytest.param("az-victory-over-fascism-day", 1945, id="az-victory"),
    # Georgia: 8 March a USSR day off from 1966 (decree of 8 May 1965); abolished in 1991.
    pytest.param("ge-international-womens-day", 1966, id="ge-8-march"),
    # Azerbaijan: Labour Code art. 105 as worded before Law 194-IIIQD of 8 December 2006 (the
    # holidays law of 1992, as of 1998, does not list 15 June; the Code's 1999 text not read).
    pytest.param("az-national-salvation-day", 2006, id="az-salvation"),
    # Uzbekistan: decrees PP-221 of 20 June 1991 and PF-368 of 27 March 1992.
    pytest.param("uz-qurbon-hayiti", 1991, id="uz-qurbon"),
    pytest.param("uz-ramazon-hayiti", 1992, id="uz-ramazon"),
    # Uzbekistan: Navruz from the Labour Code of 21 December 1995 (decree of 3 May 1990 not read).
    pytest.param("uz-navruz", 1997, id="uz-navruz"),
    # Tajikistan (Khovar; saat.kg), Turkmenistan (press), Pakistan (labour policy of 1972),
    # Kazakhstan.
    pytest.param("tj-idi-ramazon", 1991, id="tj-ramazon"),
    pytest.param("tj-idi-qurbon", 1991, id="tj-qurbon"),
    pytest.param("tm-oraza-bayramy", 1998, id="tm-oraza"),
    pytest.param("pk-labour-day", 1972, id="pk-labour-day"),
    pytest.param("kz-constitution-day", 1996, id="kz-constitution-day"),
    # Lower bounds (issue #12 item 6): the first year a source shows the day off in that country;
    # earlier years are left out as unknown (docs/reviews/first-years-remaining.md, "Lower bounds").
    # Armenia: 1 January from the USSR list (1948); the law HO-37 in force 31 March 1996.
    pytest.param("am-new-year", 1948, id="am-new-year"),
    pytest.param("am-christmas", 1997, id="am-christmas"),
    # Georgia: the Labour Code of 17 December 2010 (Article 20); Easter 2011 also from the press;
    # 1 January from the USSR list (1948).
    pytest.param("ge-new-year", 1948, id="ge-new-year"),
    *(
        pytest.param(entry, 2011, id=entry)
        for entry in (
            "ge-christmas",
            "ge-epiphany",
            "ge-mothers-day",
            "ge-national-unity-day",
            "ge-orthodox-good-friday",
            "ge-orthodox-holy-saturday",
            "ge-orthodox-easter",
            "ge-orthodox-easter-monday",
            "ge-mariamoba",
            "ge-svetitskhovloba",
            "ge-giorgoba",
        )
    ),
    # Kyrgyzstan: the Labour Code of 4 August 2004, Article 113 (Christmas from 2006: the Code's
    # entry into force not read); 1-2 May from the USSR list (1928).
    pytest.param("kg-constitution-day", 2005, id="kg-constitution-day"),
    pytest.param("kg-independence-day", 2005, id="kg-independence-day"),
    pytest.param("kg-orthodox-christmas", 2006, id="kg-christmas"),
    pytest.param("kg-labour-day", 1928, id="kg-1-may"),
    pytest.param("tj-international-workers-solidarity-day", 1928, id="tj-1-may"),
    # Kazakhstan: 1 January from the USSR list (1948); Nauryz from the Government's resolution of
    # 2001 moving 25 March to 23 March "in connection with ... Nauryz meiramy".
    pytest.param("kz-new-year", 1948, id="kz-new-year"),
    pytest.param("kz-nauryz", 2001, id="kz-nauryz"),
    # Turkmenistan: the earliest decrees found (Gurban bayramy 2013; Nowruz: rest day moved, 2017).
    pytest.param("tm-gurban-bayramy", 2013, id="tm-gurban"),
    pytest.param("tm-national-spring-festival", 2017, id="tm-nowruz"),
    # Pakistan: the Ministry of Interior's list of public holidays of 2016 (circular of 26 January
    # 2016); the earliest notifications found for Eid-ul-Azha (2013) and Ashura (2015); Iqbal Day
    # from Geo News (2013).
    *(
        pytest.param(entry, 2016, id=entry)
        for entry in (
            "pk-pakistan-day",
            "pk-eid-ul-fitr",
            "pk-eid-milad-un-nabi",
            "pk-quaid-e-azam-day",
        )
    ),
    pytest.param("pk-eid-ul-azha", 2013, id="pk-eid-ul-azha"),
    pytest.param("pk-ashura", 2015, id="pk-ashura"),
    pytest.param("pk-iqbal-day", 2013, id="pk-iqbal-day"),
    # The USSR list in the former Soviet republics (docs/reviews/days-off-ussr.md): 1-2 May and
    # 7-8 November from 1928; USSR Constitution Day on 5 December from 1937 (the 1936
    # Constitution); 22 January from 1930 (the reform of 24 September 1929).
    *(
        pytest.param(f"{country}-workers-solidarity-day", 1928, id=f"{country}-1-may")
        for country in ("az", "ge", "kz", "tm", "uz")
    ),
    *(
        pytest.param(f"{country}-october-revolution-day", 1928, id=f"{country}-7-november")
        for country in ("am", "az", "ge", "kz", "tj", "tm", "uz")
    ),
    *(
        pytest.param(f"{country}-ussr-constitution-day", 1937, id=f"{country}-ussr-constitution")
        for country in ("am", "az", "ge", "kg", "kz", "ru", "tj", "tm", "uz")
    ),
    *(
        pytest.param(f"{country}-lenin-memorial-day", 1930, id=f"{country}-22-january")
        for country in ("am", "az", "ge", "kg", "kz", "tj", "tm", "uz")
    ),
    # Russia: 21 January from 1925; the other holidays of the RSFSR Labour Code of 1918 from 1919.
    pytest.param("ru-lenin-memorial-day", 1925, id="ru-21-january"),
    pytest.param("ru-new-year-holidays", 1919, id="ru-new-year"),
    pytest.param("ru-day-of-9-january-1905", 1919, id="ru-22-january"),
    pytest.param("ru-overthrow-of-the-autocracy-day", 1919, id="ru-12-march"),
    pytest.param("ru-paris-commune-day", 1919, id="ru-18-march"),
    # Armenia: 8 March from the USSR list (1966); 28 May from the law HO-37 (1996).
    pytest.param("am-womens-day", 1966, id="am-8-march"),
    pytest.param("am-republic-day", 1996, id="am-republic-day"),
]


@pytest.mark.parametrize(("entry", "year"), FIRST_YEARS)
def test_first_occurrence(catalogue: Catalogue, entry: str, year: int) -> None:
    observance = catalogue.get(entry)
    assert observance is not None
    start = _first_start(observance, until=date(year, 12, 31))
    assert start is not None and start.year == year


def test_russia_2026_days_off_match_the_production_calendar(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Government's 2026 calendar (resolution on moving days off in 2026): 1-9 January
    (Saturday 3 January moved to 9 January), 23 February, 8-9 March, 1 May, 9-11 May, 12 June,
    4 November and 31 December (Sunday 4 January moved to 31 December)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        main, ["list", "--year", "2026", "--days-off", "--category", "ru", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    days = set()
    for record in json.loads(result.stdout):
        start, end = date.fromisoformat(record["start"]), date.fromisoformat(record["end"])
        days |= {start + timedelta(days=n) for n in range((end - start).days + 1)}
    weekdays_off = sorted(d.isoformat() for d in days if d.weekday() < 5)
    assert weekdays_off == [
        "2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08",
        "2026-01-09", "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12",
        "2026-11-04", "2026-12-31",
    ]  # fmt: skip


def test_iran_eid_al_fitr_2025(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Iran's official calendar of 1403 SH: Eid al-Fitr on 31 March 2025 (Umm al-Qura: 30)."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["list", "--year", "2025", "--category", "ir", "--format", "json"])
    eid = [r for r in json.loads(result.stdout) if r["id"] == "ir-eid-al-fitr"]
    assert [(r["start"], r["estimated"]) for r in eid] == [("2025-03-31", False)]


@pytest.mark.slow
def test_one_neutrality_milestone_in_2025(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UN's Day of Neutrality and Turkmenistan's Neutrality Day commemorate one event."""
    monkeypatch.chdir(tmp_path)
    for locale in ("en", "ru", "tk", "fr", "es", "ar", "zh", "fa", "tr"):
        result = runner.invoke(
            main, ["list", "--from", "2025-12-12", "--to", "2025-12-12", "--milestones",
                   "--format", "json", "--locale", locale],
        )  # fmt: skip
        thirtieth = [r for r in json.loads(result.stdout) if r["anniversary"] == 30]
        assert len(thirtieth) == 1, (locale, thirtieth)


DATA_AS_OF = date(2026, 12, 6)  # the shipped catalogue's "data as of" date (README)
UNCONFIRMED = tomllib.loads(
    (Path(__file__).parent / "unconfirmed-estimates.toml").read_text(encoding="utf-8")
)


def test_no_stale_estimates(catalogue: Catalogue) -> None:
    """A past lunar date is recorded as observed, or its absence is explained."""
    stale = {
        (o.id, str(o.start.year))
        for o in expand(catalogue.observances, date(2020, 1, 1), DATA_AS_OF)
        if o.estimated and not o.milestone
    }
    listed = {(entry, year) for entry, years in UNCONFIRMED.items() for year in years}
    assert stale == listed


def test_the_un_list_is_complete(catalogue: Catalogue) -> None:
    """The UN's own list of observances (un.org/en/observances, as of 2026), by kind; entries
    left out are named in the catalogue files' comments (Vesak: a full-moon rule; the WHO weeks
    with moving dates; days of late-2025 resolutions not yet verified)."""
    kinds = {"international-day": 0, "international-week": 0, "international-year": 0,
             "international-decade": 0}  # fmt: skip
    for observance in catalogue.observances:
        if "un" in observance.categories:
            for kind in kinds:
                kinds[kind] += kind in observance.categories
    assert kinds == {"international-day": 232, "international-week": 8,
                     "international-year": 20, "international-decade": 24}  # fmt: skip
