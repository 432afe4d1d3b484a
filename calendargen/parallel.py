"""Spread per-locale work over the machine's cores: locales are independent, and the output
of each is the same whichever process renders it.

Workers are forked, so they inherit the catalogue and occurrences already in memory; only
their results (file contents) travel back. Where fork is unavailable, on one core, or for
small sites, the work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
_work: Callable[[str], object] | None = None


def _call(locale: str) -> object:
    assert _work is not None
    return _work(locale)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_locales(work: Callable[[str], T], locales: Sequence[str], parallel: bool) -> list[T]:
    """``[work(locale) for locale in locales]``, in forked workers when ``parallel``."""
    global _work
    workers = min(cores(), len(locales))
    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(locale) for locale in locales]
    _work = work
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(_call, locales))  # type: ignore[arg-type]
    finally:
        _work = None
