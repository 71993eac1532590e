"""What is wrong with an input, said so that an editor can fix it.

Every check in the build returns `Problem` values (never raises them): a file,
a line, what is wrong and what to do, and whether it stops the build.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file; `line` is 1-based, None for the whole file."""

    path: str
    line: int | None
    message: str
    level: str = "error"  # or "warning"
    # A stable name for the kind of problem (`date-format`, `link-broken`): the same in
    # every language, for scripts (`check --format json`), which never parse the message.
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
