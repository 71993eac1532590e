"""What the user keeps in the output folder: `.git`, `CNAME`, the marker, and
the `keep:` patterns of config.yaml.

A pattern is a path relative to the output folder, matched segment by
segment as in .gitignore: `*` and `?` never cross a `/`, and `**` stands
for any number of folders. So `*.html` keeps a root `about.html` and not
`bai-viet/x/index.html`; `docs/**` (or just `docs`) keeps a whole folder.
A pattern that covers a file the build writes is an error (`covered_outputs`):
such a file would never be updated again, and a deleted page would stay
published.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

# The file that says "the build made this folder": a build writes into a
# non-empty folder only when it is there. Hidden, never linked or listed.
MARKER = ".digest-output"
# Beside it, the list of files the build wrote (apart: a save that changes a page's
# text rewrites the small marker, not a list as long as the site).
WRITTEN_LIST = ".digest-files"
ALWAYS_KEPT = (".git", "CNAME", MARKER, WRITTEN_LIST)  # never removed, on any build


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern:
    """The regular expression of one pattern, matched against a path with a `/`
    added at its end, so that every segment, `**`'s included, ends with one."""
    regex = ""
    for segment in pattern.strip("/").split("/"):
        if segment == "**":
            regex += "(?:[^/]+/)*"  # any number of whole folders, none included
            continue
        regex += "".join("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c)
                         for c in segment) + "/"
    return re.compile(regex + r"\Z")


def matches(rel: str, pattern: str) -> bool:
    """`rel` (a path in the output folder, with `/`) matches `pattern`."""
    return _compiled(pattern).match(rel + "/") is not None


def is_kept(rel: str, patterns: Iterable[str]) -> bool:
    """A path the user keeps: it, or a folder it is in, matches a pattern."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    return any(matches(prefix, pattern) for pattern in patterns for prefix in prefixes)


def covered_outputs(patterns: Iterable[str], outputs: Iterable[str]) -> dict[str, list[str]]:
    """pattern -> the files the build writes that it would keep (only those that cover some)."""
    outputs = sorted(outputs)
    covered = {}
    for pattern in patterns:
        hits = [rel for rel in outputs if is_kept(rel, (pattern,))]
        if hits:
            covered[pattern] = hits
    return covered
