"""Which files of a folder are the project's: hidden ones never are.

An editor's swap file (`.style.css.swp`), the Finder's `.DS_Store` or an old
`.git-old/` copy live beside the real files. The content reader, the static
files the site publishes and the build's cache salt all skip them by this one
rule, so a file is either an input everywhere or nowhere.
"""

from __future__ import annotations

import os


def is_hidden(name: str) -> bool:
    """A dot-file or dot-folder name."""
    return name.startswith(".")


def visible_files(root) -> list[str]:
    """Every file under `root` that is not hidden nor inside a hidden folder, as
    paths joined onto `root`, sorted (an absent folder has none)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not is_hidden(d)]   # os.walk then skips them
        found += [os.path.join(folder, f) for f in files if not is_hidden(f)]
    return sorted(found)
