"""Spread per-locale work over the machine's cores: locales are independent, and the output
of each is the same whichever process renders it.

Workers are forked, so they inherit the plan already in memory and the work function itself;
only locale indexes go out and results (file contents) come back, each worker on its own
pipe. Where fork is unavailable, on one core, or for small sites, the work runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TypeVar

T = TypeVar("T")


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _serve(
    work: Callable[[str], object],
    locales: Sequence[str],
    pipe: Connection,
    inherited: list[Connection],
) -> None:
    """A worker: render each locale index it receives until the pipe says None or closes.

    The parent's ends of every pipe, inherited by the fork, are closed first, so that the
    parent's end is its alone: if the parent dies, the worker reads the end and exits."""
    for end in inherited:
        end.close()
    try:
        while (index := pipe.recv()) is not None:
            try:
                outcome: tuple[bool, object] = (True, work(locales[index]))
            except BaseException as error:  # the parent raises it
                outcome = (False, error)
            pipe.send(outcome)
    except (EOFError, OSError):
        pass  # the parent stopped listening: it has failed or been interrupted


def map_locales(work: Callable[[str], T], locales: Sequence[str], parallel: bool) -> list[T]:
    """``[work(locale) for locale in locales]``, in forked workers when ``parallel``; an error
    in a worker is raised here, and a worker that dies stops the whole map."""
    count = min(cores(), len(locales))
    if not parallel or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(locale) for locale in locales]
    context = multiprocessing.get_context("fork")
    pending = list(reversed(range(len(locales))))
    busy: dict[Connection, tuple[int, BaseProcess]] = {}
    workers: list[tuple[BaseProcess, Connection]] = []
    results: dict[int, T] = {}

    def give(pipe: Connection, process: BaseProcess) -> None:
        if pending:
            index = pending.pop()
            pipe.send(index)
            busy[pipe] = (index, process)

    try:
        for _ in range(count):
            ours, theirs = context.Pipe()
            inherited = [pipe for _, pipe in workers] + [ours]
            started = context.Process(
                target=_serve, args=(work, locales, theirs, inherited), daemon=True
            )
            started.start()
            theirs.close()
            workers.append((started, ours))
            give(ours, started)
        while busy:
            for ready in wait(list(busy)):
                assert isinstance(ready, Connection)
                index, process = busy.pop(ready)
                try:
                    ok, value = ready.recv()
                except EOFError:
                    process.join(1)
                    raise RuntimeError(
                        f"the worker rendering locale '{locales[index]}' stopped "
                        f"(exit code {process.exitcode})"
                    ) from None
                if not ok:
                    assert isinstance(value, BaseException)
                    raise value
                results[index] = value
                give(ready, process)
    finally:
        for worker, pipe in workers:
            if busy:  # failed or interrupted: no result is wanted any more
                worker.terminate()
            pipe.close()  # an idle worker sees the end of its pipe and exits
        for worker, _ in workers:
            worker.join()
    return [results[index] for index in range(len(locales))]
