"""Splitting pure, CPU-bound steps (linking, verifying the ledger) between two processes, or
two threads where the work is mostly numpy and rapidfuzz, which let go of the interpreter."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Here = TypeVar("Here")
There = TypeVar("There")

# Below this many items a second process costs more than it saves.
SPLIT_FROM = 20_000
# Below this many rows of numpy work (candidate pairs, blocking keys) one thread does it all:
# a second would cost more than it saves.
THREADED_FROM = 200_000


def _second_cpu() -> bool:
    """Whether a forked helper can run beside this process: Linux (where fork is safe and
    cheap), a second CPU to run on, not inside a daemonic worker, and not turned off with
    PARLEY_WORKERS=1. It gates the second thread too (`in_two_threads`): one switch and one
    judgement of the machine for every way Parley splits its work, same output either way.
    """
    if sys.platform != "linux" or multiprocessing.current_process().daemon:
        return False
    if os.environ.get("PARLEY_WORKERS", "") == "1":
        return False
    return len(os.sched_getaffinity(0)) > 1


def side_by_side(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There]:
    """`(here(), there())`, with `there` run by a forked helper meanwhile. The helper sees this
    process's memory as it was, so nothing is copied to it; its result comes back pickled.
    `there` must be free of side effects: if the helper fails, it is run again here.
    """
    if not _second_cpu():
        return here(), there()
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)

    def helper() -> None:
        try:
            sending.send((True, there()))
        except BaseException:  # the caller does the work itself
            sending.send((False, None))

    process = context.Process(target=helper, daemon=True)
    process.start()
    sending.close()
    try:
        mine = here()
        try:
            done, theirs = receiving.recv()
        except (EOFError, OSError):
            done, theirs = False, None
    finally:
        receiving.close()
        process.join()
    return mine, (theirs if done else there())


def in_halves(
    work: Callable[[list[Item]], list[Result]], items: list[Item], split_from: int = SPLIT_FROM
) -> list[Result]:
    """`work(items)`, the first half done by a forked helper while this process does the
    second, when there are at least `split_from` items; `work` must be free of side effects.
    """
    if len(items) < split_from:
        return work(items)
    middle = len(items) // 2
    first: Any
    second, first = side_by_side(lambda: work(items[middle:]), lambda: work(items[:middle]))
    return list(first) + list(second)


def in_threaded_halves(
    size: int, work: Callable[[int, int], Result], threaded: bool | None = None
) -> list[Result]:
    """`[work(0, size)]`, or `[work(0, middle), work(middle, size)]` with the halves run in two
    threads (`in_two_threads`) when `threaded`, by default from THREADED_FROM rows of work."""
    if not (size >= THREADED_FROM if threaded is None else threaded):
        return [work(0, size)]
    middle = size // 2
    first, second = in_two_threads(lambda: work(0, middle), lambda: work(middle, size))
    return [first, second]


def each_in_two_threads(work: Callable[[Item], Result], items: list[Item]) -> list[Result]:
    """`[work(item) for item in items]`, two items at a time in two threads when there is a
    second CPU (`in_two_threads`); in the items' order."""
    if len(items) < 2 or not _second_cpu():
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(work, items))


def in_two_threads(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There]:
    """`(here(), there())`, with `there` run by a second thread meanwhile when there is a second
    CPU. Nothing is copied and no memory doubled, unlike a forked helper; it pays only for work
    that releases the interpreter lock (numpy, rapidfuzz, pandas' hash tables).
    """
    if not _second_cpu():
        return here(), there()
    with ThreadPoolExecutor(max_workers=1) as helper:
        theirs = helper.submit(there)
        mine = here()
        return mine, theirs.result()
