"""Spread a build's tasks over the machine's cores: tasks are independent, and the output of
each is the same whichever process runs it.

Workers are forked, so they inherit the plan already in memory and the work function itself;
only task indexes go out and small results come back (workers write their files
themselves), each worker on its own pipe. Where fork is unavailable, or with one job, the
tasks run in this process.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TypeVar

T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # prctl(2)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _die_with(parent: int) -> None:
    """On Linux, have the kernel kill this worker when ``parent`` dies (a killed build leaves
    no worker writing into its staging folder or holding its lock)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # it died before the request took effect
            os._exit(1)


def _serve(
    work: Callable[[int], object],
    pipe: Connection,
    inherited: list[Connection],
    parent: int,
) -> None:
    """A worker: run each task index it receives until the pipe says None or closes.

    The parent's ends of every pipe, inherited by the fork, are closed first, so that the
    parent's end is its alone: if the parent dies, the worker reads the end and exits."""
    _die_with(parent)
    for end in inherited:
        end.close()
    try:
        while (index := pipe.recv()) is not None:
            try:
                outcome: tuple[bool, object] = (True, work(index))
            except BaseException as error:  # the parent raises it
                outcome = (False, error)
            pipe.send(outcome)
    except (EOFError, OSError):
        pass  # the parent stopped listening: it has failed or been interrupted


class Queue:
    """The tasks not yet given, in order, by group: a worker keeps to one group while it has
    tasks (what a worker caches for a group, such as a locale's words, is made by one worker,
    not by each), then takes the first group in the tasks' order that no worker holds, or
    else helps with the group with the most tasks left."""

    def __init__(self, groups: Sequence[str]) -> None:
        self.left: dict[str, list[int]] = {}
        for index, group in enumerate(groups):
            self.left.setdefault(group, []).append(index)
        for indexes in self.left.values():
            indexes.reverse()  # popped from the end: in order
        self.held: dict[object, str] = {}  # a worker's group

    def next(self, worker: object) -> int | None:
        group = self.held.get(worker)
        if group is None or not self.left[group]:
            busy = [g for g, tasks in self.left.items() if tasks]
            if not busy:
                return None
            held = set(self.held.values())
            free = [g for g in busy if g not in held]  # in the order of their first task
            group = free[0] if free else max(busy, key=lambda g: len(self.left[g]))
            self.held[worker] = group
        return self.left[group].pop()


def map_tasks(
    work: Callable[[int], T],
    count: int,
    jobs: int,
    done: Callable[[int, T], None],
    groups: Sequence[str] | None = None,
) -> list[T]:
    """``[work(i) for i in range(count)]``, in up to ``jobs`` forked workers; ``done`` hears
    of each result as it arrives. Tasks of the same group (``groups``: one per task) go to
    the same worker where they can (see ``Queue``). An error in a worker is raised here, and a
    worker that dies stops the whole map."""
    workers_wanted = min(jobs, count)
    queue = Queue(groups if groups is not None else [""] * count)
    busy: dict[Connection, tuple[int, BaseProcess]] = {}
    workers: list[tuple[BaseProcess, Connection]] = []
    results: dict[int, T] = {}
    if workers_wanted < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index in range(count):
            results[index] = work(index)
            done(index, results[index])
        return list(results.values())
    context = multiprocessing.get_context("fork")

    def give(pipe: Connection, process: BaseProcess) -> None:
        index = queue.next(pipe)
        if index is not None:
            pipe.send(index)
            busy[pipe] = (index, process)

    try:
        for _ in range(workers_wanted):
            ours, theirs = context.Pipe()
            inherited = [pipe for _, pipe in workers] + [ours]
            started = context.Process(
                target=_serve, args=(work, theirs, inherited, os.getpid()), daemon=True
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
                        f"a worker stopped during task {index} (exit code {process.exitcode})"
                    ) from None
                if not ok:
                    assert isinstance(value, BaseException)
                    raise value
                results[index] = value
                done(index, value)
                give(ready, process)
    finally:
        for worker, pipe in workers:
            if busy:  # failed or interrupted: no result is wanted any more
                worker.terminate()
            pipe.close()  # an idle worker sees the end of its pipe and exits
        for worker, _ in workers:
            worker.join()
    return [results[index] for index in range(count)]
