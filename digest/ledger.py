"""seeds/imported.list, and the one rule for seed names everywhere.

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

Seed names are kept exactly, spaces, quotes and `$()` included: the page's
`source:`, the ledger and the build all compare the same string. Two rules
make that hold on every system:
- a name is compared in Unicode NFC (seed_key): macOS may hand out `Sở.txt`
  decomposed, while git, YAML and the content reader give it composed;
- a name with a control character, a line break or an invisible character is
  refused (name_problem): no line list can hold it, and the content format
  drops such characters, so its page could never name it.
A name that starts with a space, `#` or `"` is written in the ledger as a
JSON string ("\" 005.txt\""), so that no line of it is ambiguous; names never
end in a space (they end in `.txt`), so trailing blanks are ignored.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from digest.i18n import _
from digest.util.files import is_hidden
from digest.write.fsutil import atomic_write

LEDGER_NAME = "imported.list"
HEADER = (
    "# Seeds already imported into content/, one file name a line (kept sorted).\n"
    "# A seed listed here is not imported again, even when its page is deleted;\n"
    "# `python build.py import --again NAME` brings its page back.\n"
)


def ledger_path(seeds_dir: Path) -> Path:
    return Path(seeds_dir) / LEDGER_NAME


def is_seed_name(name: str) -> bool:
    """A seed's file name as the importer globs it: `*.txt`, not hidden, no folder."""
    return name.endswith(".txt") and not is_hidden(name) and "/" not in name


def seed_key(name: str) -> str:
    """The name as compared: composed (NFC), as a page's `source:` reads."""
    return unicodedata.normalize("NFC", name)


def name_problem(name: str) -> str | None:
    """Why a seed's name cannot be kept exactly, or None when it can."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch.isspace() and ch != " "
           for ch in name):
        return _("the file name holds a control character, a line break or an invisible "
                 "character, which no page's source: can hold — rename the file (letters, "
                 "digits, spaces and punctuation are fine) and import again")
    return None


def shown_name(name: str) -> str:
    """The name for a message on one line: unprintable characters as \\x escapes."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 256
                   else f"\\u{ord(ch):04x}" for ch in name)


def _line(name: str) -> str:
    return json.dumps(name, ensure_ascii=False) if name[:1] in (" ", "#", '"') else name


def _name(line: str) -> str | None:
    line = line.rstrip()
    if line.startswith('"'):
        try:
            line = json.loads(line)
        except ValueError:
            return None
    return line if isinstance(line, str) and is_seed_name(line) else None


def read_ledger(seeds_dir: Path) -> set[str]:
    """The names listed (as seed_key); an absent or unreadable ledger lists nothing."""
    try:
        text = ledger_path(seeds_dir).read_bytes().decode("utf-8", "replace")
    except OSError:
        return set()
    return {seed_key(name) for name in map(_name, text.splitlines()) if name}


def write_ledger(seeds_dir: Path, names: set[str]) -> bool:
    """Write the ledger when its names changed; True if it was written."""
    path = ledger_path(seeds_dir)
    if not names and not path.exists():
        return False
    text = HEADER + "".join(f"{_line(seed_key(name))}\n" for name in sorted(names)
                            if not name_problem(name))
    try:
        if path.read_bytes().decode("utf-8", "replace") == text:
            return False
    except OSError:
        pass
    atomic_write(path, text)
    return True


def seed_names(seeds_dir: Path) -> list[str]:
    """The seeds in a folder, as the importer reads them (names as on disk)."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        return []
    return sorted(p.name for p in seeds_dir.glob("*.txt")
                  if p.is_file() and is_seed_name(p.name))


def unimported_seeds(seeds_dir: Path, sources: set[str]) -> list[str]:
    """Seeds that no page names as its source and the ledger does not list:
    the ones `python build.py import` would write a page for (or refuse)."""
    done = {seed_key(source) for source in sources} | read_ledger(seeds_dir)
    return [name for name in seed_names(seeds_dir) if seed_key(name) not in done]
