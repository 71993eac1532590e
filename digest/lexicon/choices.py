"""The short word lists a page chooses from, read from data/*.yaml once:
the topics (data/topics.yaml's names, in the file's order) and the figure
qualifiers (the words data/figure_cues.yaml stores as `qualifier`).

The importer reads the same files for its cues (importer/lexicons.py); the
content format (content/pageformat.py) reads only the names, from here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def _read(name: str) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((DATA_DIR / name).read_text(encoding="utf-8"), Loader=loader) or {}


@lru_cache(maxsize=1)
def topic_names() -> tuple[str, ...]:
    """The sector's topics as the site shows them: 'Bưu chính', 'Viễn thông'…"""
    return tuple(str(name) for name in _read("topics.yaml"))


@lru_cache(maxsize=1)
def qualifier_words() -> tuple[str, ...]:
    """The qualifiers a figure may carry ('gần', 'khoảng', 'ước'…), each once,
    in the file's order: the values of figure_cues.yaml's `qualifiers`."""
    stored = (str(v) for v in _read("figure_cues.yaml")["qualifiers"].values())
    return tuple(dict.fromkeys(stored))
