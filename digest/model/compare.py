"""Figures side by side: the metric × province tables of a year page and the
metric series of a province page.

Pure functions over articles: they return plain frozen records (values,
labels, links), which the page plan fingerprints and the templates show as
they are. Which figures count:

- only figures with a `metric` (the rest cannot be compared);
- never a figure with `scope: national`: it is the country's number, quoted
  in a province's report, not the province's own;
- a figure's year is its own `year`, else the page's review year (for a
  result) or plan year (for a target);
- results and targets are told apart; changes and ranks are left out (a
  "tăng 8%" beside "1.463 tỷ đồng" would mislead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from digest.content.schema import Article, Figure
from digest.lexicon.metrics import load_metrics
from digest.util.text import sort_key, vi_number

RESULT, TARGET = "result", "target"


@dataclass(frozen=True)
class Value:
    """One figure as a table cell or chart mark shows it."""
    year: int
    kind: str          # result or target
    value: float
    unit: str
    label: str         # "gần 1.290 tỷ đồng"
    short: str         # "gần 1.290": where the unit is said once, in the row or caption
    url: str           # its row on the article page: bai-viet/x/index.html#so-lieu-2
    title: str         # the article's title, for the link's tooltip


@dataclass(frozen=True)
class Row:
    metric: str        # the metric's label
    unit: str | None   # the unit all its values share (said once, in the row header), or None
    cells: tuple[tuple[Value, ...], ...]   # one per column (empty: no figure)


@dataclass(frozen=True)
class MetricTable:
    kind: str                              # result or target
    year: int
    columns: tuple[tuple[str, str], ...]   # (province name, province page url)
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Series:
    """One metric in one unit over the years, for a province's chart."""
    metric: str                 # the metric's label
    unit: str
    values: tuple[Value, ...]   # oldest first; results before targets within a year

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({v.year for v in self.values}))

    @property
    def has_targets(self) -> bool:
        return any(v.kind == TARGET for v in self.values)

    @property
    def rows(self) -> list[tuple[int, tuple[Value, ...], tuple[Value, ...]]]:
        """(year, results, targets) for the chart's table, oldest first."""
        return [(year, tuple(v for v in self.values if v.year == year and v.kind == RESULT),
                 tuple(v for v in self.values if v.year == year and v.kind == TARGET))
                for year in self.years]


def value_label(figure: Figure) -> str:
    """The figure in Vietnamese form, its qualifier first: 'gần 1.290 tỷ đồng'."""
    return f"{figure.qualifier} {figure.label}" if figure.qualifier else figure.label


def short_label(figure: Figure) -> str:
    """The number alone, with its qualifier: 'gần 1.290'."""
    number = vi_number(figure.value)
    return f"{figure.qualifier} {number}" if figure.qualifier else number


def _common_unit(cells) -> str | None:
    units = {v.unit for values in cells for v in values}
    return units.pop() if len(units) == 1 else None


def figure_year(figure: Figure, article: Article) -> int | None:
    if figure.year is not None:
        return figure.year
    return article.review_year if figure.kind == RESULT else article.plan_year


def comparable(article: Article) -> Iterable[tuple[str, Value]]:
    """(metric id, Value) for each figure of the article that can be compared."""
    for figure in article.figures:
        if figure.metric is None or figure.scope is not None \
                or figure.kind not in (RESULT, TARGET):
            continue
        year = figure_year(figure, article)
        if year is None:
            continue
        yield figure.metric, Value(year, figure.kind, figure.value, figure.unit,
                                   value_label(figure), short_label(figure),
                                   f"{article.url}#{figure.anchor}", article.title)


def _metric_order() -> dict[str, int]:
    return {metric_id: i for i, metric_id in enumerate(load_metrics())}


def _label(metric_id: str) -> str:
    metric = load_metrics().get(metric_id)
    return metric.label if metric else metric_id


def _add(found: list[Value], value: Value) -> None:
    """Keep each distinct number once (two pages may repeat the same figure)."""
    if not any((v.kind, v.value, v.unit) == (value.kind, value.value, value.unit)
               for v in found):
        found.append(value)


Cells = dict[tuple[str, str], list[Value]]   # (metric id, province name) -> values


def index_values(provinces: list[tuple[str, list[Article]]]) -> dict[tuple[int, str], Cells]:
    """Every comparable figure of every province, by (year, kind): read once per
    build, then each year page takes its two tables from it."""
    index: dict[tuple[int, str], Cells] = {}
    for name, articles in provinces:
        for article in articles:
            for metric, value in comparable(article):
                cells = index.setdefault((value.year, value.kind), {})
                _add(cells.setdefault((metric, name), []), value)
    return index


def metric_table(cells: Cells, provinces: list[tuple[str, str]], year: int,
                 kind: str) -> MetricTable:
    """Metric × province table of the `kind` figures about `year`.

    `cells` is index_values(...)[(year, kind)]; `provinces` is (name, page
    url) of every known province in reading order. Only metrics and provinces
    with at least one value appear; a cell holds every distinct value found,
    newest page first.
    """
    order = _metric_order()
    with_values = {name for _, name in cells}
    columns = tuple((name, url) for name, url in provinces if name in with_values)
    metrics = sorted({metric for metric, _ in cells}, key=lambda m: (order.get(m, len(order)), m))
    rows = []
    for metric in metrics:
        row_cells = tuple(tuple(cells.get((metric, name), ())) for name, _ in columns)
        rows.append(Row(_label(metric), _common_unit(row_cells), row_cells))
    return MetricTable(kind, year, columns, tuple(rows))


def province_series(articles: list[Article], min_years: int = 2) -> tuple[Series, ...]:
    """A province's metrics with values in at least `min_years` years, one
    series per metric and unit (a share in % and a count of communes are not
    one line)."""
    found: dict[tuple[str, str], list[Value]] = {}
    for article in articles:
        for metric, value in comparable(article):
            _add(found.setdefault((metric, value.unit), []), value)
    order = _metric_order()
    series = []
    for (metric, unit), values in sorted(found.items(),
                                         key=lambda kv: (order.get(kv[0][0], len(order)),
                                                         sort_key(kv[0][1]))):
        if len({v.year for v in values}) < min_years:
            continue
        values.sort(key=lambda v: (v.year, v.kind != RESULT, v.value))
        series.append(Series(_label(metric), unit, tuple(values)))
    return tuple(series)
