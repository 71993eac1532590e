"""A progress bar for long builds: on an interactive terminal only, silent in CI and logs."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from digest.i18n import _

MIN_ITEMS = 500  # shorter work finishes before a bar would be worth reading


def wanted(total: int) -> bool:
    return (total >= MIN_ITEMS and sys.stderr.isatty() and not os.environ.get("CI")
            and os.environ.get("TERM") != "dumb")


@contextmanager
def progress_bar(total: int, what: str) -> Iterator[Callable[[int], None] | None]:
    """Yields a function to call with the number of items done, or None when no bar is shown.
    `what` is the bar's label, already translated (e.g. _("Rendering pages"))."""
    if not wanted(total):
        yield None
        return
    from tqdm import tqdm  # imported only when a bar is shown

    with tqdm(total=total, desc=what, unit=" " + _("pages"), leave=False, file=sys.stderr) as bar:
        yield bar.update
