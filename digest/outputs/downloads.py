"""Data downloads for analysts: du-lieu/digest.json, figures.csv and metrics.csv.

- digest.json: every published page's metadata and key figures, newest first,
  UTF-8, the same fields as the content format plus each page's address;
  each figure also carries its metric's label and its anchor on the page.
- figures.csv: one key figure a row, with its page's slug, province and date.
- metrics.csv: the metric lexicon (data/metrics.yaml): id, label, units.
- The CSV files are UTF-8 *with* a byte-order mark, commas,
  CRLF line ends and '.' as the decimal mark. Without the BOM, Excel reads the
  file in the Windows code page and Vietnamese letters come out garbled
  ("LÃ¡ng SÆ¡n"); with it, Excel, LibreOffice, pandas and Python's csv module
  (encoding "utf-8-sig") all read it right. Where Windows is set to use ';'
  as list separator, Excel opens it through Data → From Text/CSV.

All three are generated on every build, with no timestamp, so
an unchanged site gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Iterator

from digest.model.routes import url_for
from digest.config import Config
from digest.content.schema import Article, Figure
from digest.lexicon.metrics import load_metrics, metric_label
from digest.model.groups import Site
from digest.model.urls import public_url

DATA_PAGE = url_for("data")
JSON_FILE = url_for("data_json")
CSV_FILE = url_for("data_csv")
METRICS_FILE = url_for("data_metrics")
FORMAT_VERSION = 2   # 2: figures gained metric, metric_label, kind, year, qualifier, scope, anchor

# (key, meaning) of each figure in digest.json, in order; the data page shows this table.
FIGURE_FIELDS = [
    ("value", "số liệu, dấu chấm thập phân (99.5); một mức giảm là số âm"),
    ("unit", "đơn vị (%, tỷ đồng, sở, ban, ngành…)"),
    ("text", "câu trong bài có số liệu"),
    ("metric", "mã chỉ tiêu trong metrics.csv (telecom_revenue…), hoặc null nếu chưa nhận ra"),
    ("metric_label", "tên chỉ tiêu (Doanh thu viễn thông…), hoặc null"),
    ("kind", "loại: result (kết quả đạt được), target (mục tiêu), change (mức tăng, giảm), "
             "rank (thứ hạng)"),
    ("year", "năm mà số liệu nói tới, hoặc null"),
    ("qualifier", "từ đi kèm làm số liệu gần đúng hoặc là giới hạn (gần, khoảng, hơn, trên, "
                  "dưới, ước, vượt…), hoặc null"),
    ("scope", "national nếu là số liệu của cả nước, không phải của tỉnh; null nếu của tỉnh"),
    ("anchor", "mã của số liệu trên trang bài (so-lieu-1…): địa chỉ bài + #anchor"),
]

# (column, meaning) of figures.csv, in order; the data page shows this table.
CSV_COLUMNS = [
    ("province", "tỉnh, thành phố (trống nếu bài chưa xác định tỉnh)"),
    ("review_year", "năm có kết quả được báo cáo (trống nếu không có)"),
    ("plan_year", "năm có nhiệm vụ được đặt ra (trống nếu không có)"),
    ("date", "ngày của bài, dạng YYYY-MM-DD"),
    ("title", "tiêu đề bài"),
    ("slug", "tên của bài trong địa chỉ (bai-viet/<slug>/)"),
    ("value", "số liệu, dấu chấm thập phân (99.5); một mức giảm là số âm"),
    ("unit", "đơn vị (%, tỷ đồng, sở, ban, ngành…)"),
    ("qualifier", "gần, khoảng, hơn, trên, dưới, ước, vượt… (trống nếu không có)"),
    ("kind", "result, target, change hoặc rank (như trong digest.json)"),
    ("year", "năm mà số liệu nói tới (trống nếu không rõ)"),
    ("metric", "mã chỉ tiêu (trống nếu chưa nhận ra)"),
    ("metric_label", "tên chỉ tiêu (trống nếu chưa nhận ra)"),
    ("scope", "national nếu là số liệu của cả nước"),
    ("anchor", "mã của số liệu trên trang bài (so-lieu-1…)"),
    ("sentence", "câu trong bài có số liệu"),
    ("url", "địa chỉ của bài"),
]

# (column, meaning) of metrics.csv.
METRIC_COLUMNS = [
    ("id", "mã chỉ tiêu, như trong cột metric"),
    ("label", "tên chỉ tiêu"),
    ("unit", "đơn vị thường dùng (% là tỷ lệ, hạng là thứ hạng)"),
    ("units", "mọi đơn vị được nhận, cách nhau bằng dấu chấm phẩy"),
]


def data_files() -> dict:
    """What the data page (du-lieu/index.html) describes."""
    return {"json": JSON_FILE, "csv": CSV_FILE, "metrics": METRICS_FILE,
            "figure_fields": FIGURE_FIELDS, "columns": CSV_COLUMNS,
            "metric_columns": METRIC_COLUMNS, "version": FORMAT_VERSION}


def figure_record(figure: Figure) -> dict:
    """One figure as plain JSON-ready data (the keys of FIGURE_FIELDS)."""
    return {"value": figure.value, "unit": figure.unit, "text": figure.text,
            "metric": figure.metric, "metric_label": metric_label(figure.metric),
            "kind": figure.kind, "year": figure.year, "qualifier": figure.qualifier,
            "scope": figure.scope, "anchor": figure.anchor}


def article_slug(article: Article) -> str:
    """'bai-viet/<slug>/index.html' -> '<slug>'."""
    return article.url.split("/")[-2] if article.url.count("/") >= 2 else article.url


def page_record(article: Article, config: Config) -> dict:
    """One page as plain JSON-ready data."""
    return {
        "title": article.title,
        "url": public_url(article.url, config.base_url),
        "path": article.url,
        "date": article.date.isoformat(),
        "province": article.province,
        "review_year": article.review_year,
        "plan_year": article.plan_year,
        "authors": list(article.authors),
        "topics": list(article.topics),
        "summary": article.summary,
        "source": article.source,
        "outlet": article.outlet or None,
        "draft": article.draft,
        "figures": [figure_record(f) for f in article.figures],
        "extra": article.extra,
    }


def _plain(value):
    """JSON for the odd YAML value in `extra` (a date, a set…)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def digest_json(site: Site, config: Config) -> bytes:
    pages = [page_record(a, config) for a in site.articles]
    document = {
        "version": FORMAT_VERSION,
        "title": config.title,
        "base_url": config.base_url or None,
        "language": config.language,
        "page_count": len(pages),
        "figure_count": sum(len(p["figures"]) for p in pages),
        "pages": pages,
    }
    # No indent: json's fast C encoder works only without one, and the file is for programs.
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_plain)
            + "\n").encode("utf-8")


def figures_csv(site: Site, config: Config) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for article in site.articles:
        url = public_url(article.url, config.base_url)
        page = [article.province or "", _blank(article.review_year),
                _blank(article.plan_year), article.date.isoformat(), article.title,
                article_slug(article)]
        for figure in article.figures:
            writer.writerow(page + [
                repr(figure.value), figure.unit, _blank(figure.qualifier), figure.kind,
                _blank(figure.year), _blank(figure.metric), _blank(metric_label(figure.metric)),
                _blank(figure.scope), figure.anchor, figure.text, url])
    return out.getvalue().encode("utf-8-sig")


def metrics_csv() -> bytes:
    """The metric lexicon, one metric a row, in the file's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in METRIC_COLUMNS])
    for metric in load_metrics().values():
        writer.writerow([metric.id, metric.label, metric.unit, "; ".join(metric.units)])
    return out.getvalue().encode("utf-8-sig")


def _blank(value) -> str:
    return "" if value is None else str(value)


def data_downloads(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    yield JSON_FILE, digest_json(site, config)
    yield CSV_FILE, figures_csv(site, config)
    yield METRICS_FILE, metrics_csv()
