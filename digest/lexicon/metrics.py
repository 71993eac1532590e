"""The metric lexicon (data/metrics.yaml): what a key figure measures.

One reader for the file, used by the content check (is `metric:` a known
id?), the importer (which metric a sentence speaks of), the pages (labels)
and the data downloads (metrics.csv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from digest.util.text import fold

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "metrics.yaml"

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


# --- recognising a metric in a sentence ---------------------------------------

GAP = "…"              # in a cue: up to GAP_WORDS words in between
GAP_WORDS = 6
MULTIPLIERS = ("nghin", "ngan", "trieu", "ty", "ti", "van")  # "1,7 triệu thuê bao"
RANK_UNIT = "hạng"     # the unit of the rank metrics (a figure of kind "rank")
PER_CAPITA = "/100 dan"   # folded: a density's unit ends so ("140 thuê bao/100 dân")


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern | None:
    """One regex for a metric's cues, on folded text; '…' allows a few words between."""
    if not cues:
        return None
    gap = rf"\W+(?:\w+\W+){{0,{GAP_WORDS}}}?"
    alts = [gap.join(re.escape(part.strip()) for part in fold(cue).split(GAP))
            for cue in cues]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")


@dataclass(frozen=True)
class _Matcher:
    metric: Metric
    cues: re.Pattern | None
    not_cues: re.Pattern | None
    units: tuple[str, ...]          # folded
    rank: bool


@lru_cache(maxsize=1)
def _matchers() -> tuple[_Matcher, ...]:
    """The lexicon compiled once: cues and near misses as regexes, units folded."""
    return tuple(_Matcher(m, _cue_pattern(m.cues), _cue_pattern(m.not_cues),
                          tuple(fold(u) for u in m.units), RANK_UNIT in m.units)
                 for m in _default().values())


def _unit_fits(unit: str, units: tuple[str, ...]) -> bool:
    """Does a figure's folded unit count what the metric counts?

    '/216 ban' is read as 'ban'; '% xa' is a share and fits a metric counted in
    '%'; a multiplier in front ('trieu thue bao') is skipped.
    """
    unit = re.sub(r"^/\S+\s*", "", unit).strip()
    if PER_CAPITA in unit:     # "80,87 máy/100 dân" is a density, never a count
        return any(PER_CAPITA in u for u in units)
    if unit.startswith("%"):
        return "%" in units
    words = unit.split()
    candidates = [unit]
    if len(words) > 1 and words[0] in MULTIPLIERS:
        candidates.append(" ".join(words[1:]))
    return any(c == u or c.startswith(u + " ") for c in candidates for u in units if u != "%")


def match_metric(windows: list[str], unit: str, rank: bool = False,
                 any_unit: bool = False) -> str | None:
    """The id of the metric a figure measures, or None.

    `windows` are the folded words around the figure, narrowest first; the
    first window in which some metric's cue matches decides. A rank only
    matches a rank metric, and any other figure only a metric its unit fits
    (or any metric with `any_unit`: a change in per cent, "tăng 10%").
    """
    return match_metric_in(windows, unit, rank, any_unit)[0]


def match_metric_in(windows: list[str], unit: str, rank: bool = False,
                    any_unit: bool = False) -> tuple[str | None, int | None]:
    """(metric id, index of the window whose cue decided), or (None, None):
    the index tells how near the cue stood (the importer reports far ones)."""
    folded_unit = fold(unit)
    fitting = [m for m in _matchers()
               if (m.rank if rank else not m.rank
                   and (any_unit or _unit_fits(folded_unit, m.units)))]
    for index, window in enumerate(windows):
        for m in fitting:
            if m.cues is not None and m.cues.search(window) and not (
                    m.not_cues is not None and m.not_cues.search(window)):
                return m.metric.id, index
    return None, None


def metric_label(metric_id: str | None) -> str | None:
    """The reader's label of a metric id ('Doanh thu viễn thông'), None if unknown."""
    metric = _default().get(metric_id) if metric_id else None
    return metric.label if metric else None
