"""seeds/imported.list: the seeds already imported, one file name a line.

A seed is imported once. Its page then belongs to the editors: they may
edit it, move it, or delete it, and a deleted page stays deleted, because
its seed is still listed here. `python build.py import --again NAME`
imports it again.

The file lives beside the seeds it lists (so `--seeds DIR` carries its own),
is not a `*.txt` (so it is never taken for a seed), and holds sorted names,
one a line: two branches that import different seeds touch different lines,
and `.gitattributes` marks it `merge=union` so that git keeps both.
A line that is not a seed's name (a comment, a left-over conflict marker)
is ignored, never fatal.
"""

from __future__ import annotations

from pathlib import Path

from digest.write.fsutil import atomic_write

LEDGER_NAME = "imported.list"
HEADER = (
    "# Seeds already imported into content/, one file name a line (kept sorted).\n"
    "# A seed listed here is not imported again, even when its page is deleted;\n"
    "# `python build.py import --again NAME` brings its page back.\n"
)


def ledger_path(seeds_dir: Path) -> Path:
    return Path(seeds_dir) / LEDGER_NAME


def is_seed_name(line: str) -> bool:
    """A seed's file name as the importer globs it: `*.txt`, not hidden, no folder."""
    return line.endswith(".txt") and not line.startswith((".", "#")) and "/" not in line


def read_ledger(seeds_dir: Path) -> set[str]:
    """The names listed; an absent or unreadable ledger lists nothing."""
    try:
        text = ledger_path(seeds_dir).read_bytes().decode("utf-8", "replace")
    except OSError:
        return set()
    return {line.strip() for line in text.splitlines() if is_seed_name(line.strip())}


def write_ledger(seeds_dir: Path, names: set[str]) -> bool:
    """Write the ledger when its names changed; True if it was written."""
    path = ledger_path(seeds_dir)
    if not names and not path.exists():
        return False
    text = HEADER + "".join(f"{name}\n" for name in sorted(names))
    try:
        if path.read_bytes().decode("utf-8", "replace") == text:
            return False
    except OSError:
        pass
    atomic_write(path, text)
    return True


def seed_names(seeds_dir: Path) -> list[str]:
    """The seeds in a folder, as the importer reads them."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        return []
    return sorted(p.name for p in seeds_dir.glob("*.txt")
                  if p.is_file() and is_seed_name(p.name))


def unimported_seeds(seeds_dir: Path, sources: set[str]) -> list[str]:
    """Seeds that no page names as its source and the ledger does not list:
    the ones `python build.py import` would write a page for."""
    done = sources | read_ledger(seeds_dir)
    return [name for name in seed_names(seeds_dir) if name not in done]
