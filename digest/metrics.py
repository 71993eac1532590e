"""The metric lexicon (data/metrics.yaml): what a key figure measures.

One reader for the file, used by the content check (is `metric:` a known
id?), the importer (which metric a sentence speaks of), the pages (labels)
and the data downloads (metrics.csv).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "metrics.yaml"

KINDS = ("result", "target", "change", "rank")   # what a figure says about its metric
SCOPES = ("national",)                           # a figure that is not the province's own


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    units: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    not_cues: tuple[str, ...] = ()

    @property
    def unit(self) -> str:
        return self.units[0] if self.units else ""


def _metric(row: dict, path: Path) -> Metric:
    try:
        return Metric(str(row["id"]), str(row["label"]),
                      tuple(str(u) for u in row.get("units") or ()),
                      tuple(str(c) for c in row.get("cues") or ()),
                      tuple(str(c) for c in row.get("not") or ()))
    except (KeyError, TypeError) as err:
        raise ValueError(f"{path}: each metric needs an id and a label ({row!r})") from err


def _build(path: Path) -> dict[str, Metric]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    metrics = [_metric(row, path) for row in data["metrics"]]
    by_id = {m.id: m for m in metrics}
    if len(by_id) != len(metrics):
        raise ValueError(f"{path}: metric ids are not unique")
    return by_id


@lru_cache(maxsize=1)
def _default() -> dict[str, Metric]:
    return _build(DEFAULT_PATH)


def load_metrics(path: str | Path | None = None) -> dict[str, Metric]:
    """id -> Metric, in the file's order (read once, cached)."""
    return _default() if path is None else _build(Path(path))
