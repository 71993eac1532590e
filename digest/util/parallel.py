"""Spread independent work over the machine's cores, when that pays.

Worker processes are forked, so they start with everything the parent has
already built (the site model, the templates) and only small items and small
results cross between processes. Where fork is missing (Windows, macOS
start method) or the work is small, the same function simply runs in-process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterable, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 400  # below this, starting processes costs more than it saves


class Stopped(Exception):
    """The work was given up because `stop()` said so (the preview: a new save came)."""
_task: Callable | None = None
_items: list = []


def _run(bounds: tuple[int, int]) -> list:
    """In a worker: the task over items[start:stop], which the fork already copied."""
    start, stop = bounds
    return [_task(item) for item in _items[start:stop]]


def workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def parallel_map(task: Callable[[Item], Result], items: Iterable[Item],
                 min_items: int | None = None, progress: Callable[[int], None] | None = None,
                 stop: Callable[[], bool] | None = None, chunk: int | None = None
                 ) -> list[Result]:
    """[task(item) for item in items], in order, over all cores when it pays.

    `min_items` (default MIN_ITEMS, read at each call so tests can lower it) is
    the smallest batch worth forking for. `progress`, if given, is called with
    the number of items just finished. `stop`, if given, is asked as each item
    or chunk of items is done: when it says so, the workers are ended and
    Stopped is raised. `chunk`: items handed to a worker at a time (by default
    enough to keep the handing out cheap; 1 for a few long items).
    """
    global _task, _items
    items = list(items)
    min_items = MIN_ITEMS if min_items is None else min_items
    count = workers()

    def tick(done: int) -> None:
        if progress:
            progress(done)
        if stop and stop():
            raise Stopped()

    if count < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        results = []
        for item in items:
            results.append(task(item))
            tick(1)
        return results
    # Small chunks balance uneven pages; with `stop`, smaller ones let it be asked
    # every few dozen pages (the preview's finishing build: a new save waits for it).
    size = chunk or max(16, len(items) // (count * (32 if stop else 8)))
    chunks = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _task, _items = task, items  # only chunk bounds and results cross between processes
    results = []
    # Objects made before the fork stay out of the workers' garbage collections,
    # which would otherwise write to every one of them and so copy every memory
    # page the workers share with this process (the gc module's advice for fork).
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            for chunk in pool.imap(_run, chunks):
                results += chunk
                tick(len(chunk))
    finally:
        gc.unfreeze()
        _task, _items = None, []
    return results
