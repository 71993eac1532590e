"""Garbage collection held off while a build makes objects that all live.

Planning a site makes tens of thousands of small objects (a page, its closures,
a group's lists) and keeps every one. Python's cycle collector runs every few
hundred allocations and, every so often, walks every object the process holds:
on a site of 5,000 articles planning took 140 ms instead of 40, most of it in
collections that found nothing. None of these objects is garbage while the
build runs, so collections wait until the block ends.
"""

from __future__ import annotations

import functools
import gc
from typing import Callable, TypeVar

Result = TypeVar("Result")


def all_kept(make: Callable[..., Result]) -> Callable[..., Result]:
    """`make`, run with the cycle collector held off (reference counting still frees
    what is dropped); it runs again as before once `make` returns."""
    @functools.wraps(make)
    def run(*args, **kwargs) -> Result:
        if not gc.isenabled():
            return make(*args, **kwargs)
        gc.disable()
        try:
            return make(*args, **kwargs)
        finally:
            gc.enable()
    return run
