"""Data downloads for analysts: du-lieu/digest.json and du-lieu/figures.csv.

- digest.json: every published page's metadata and key figures, newest first,
  UTF-8, the same fields as the content format plus each page's address.
- figures.csv: one key figure a row. UTF-8 *with* a byte-order mark, commas,
  CRLF line ends and '.' as the decimal mark. Without the BOM, Excel reads the
  file in the Windows code page and Vietnamese letters come out garbled
  ("LÃ¡ng SÆ¡n"); with it, Excel, LibreOffice, pandas and Python's csv module
  (encoding "utf-8-sig") all read it right. Where Windows is set to use ';'
  as list separator, Excel opens it through Data → From Text/CSV.

Both are generated from the site model on every build, with no timestamp, so
an unchanged site gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Iterator

from .config import Config
from .content import Article
from .model import Site
from .urls import public_url

DATA_PAGE = "du-lieu/index.html"
JSON_FILE = "du-lieu/digest.json"
CSV_FILE = "du-lieu/figures.csv"
FORMAT_VERSION = 1

# (column, meaning) of figures.csv, in order; the data page shows this table.
CSV_COLUMNS = [
    ("province", "tỉnh, thành phố (trống nếu bài chưa xác định tỉnh)"),
    ("review_year", "năm có kết quả được báo cáo (trống nếu không có)"),
    ("plan_year", "năm có nhiệm vụ được đặt ra (trống nếu không có)"),
    ("date", "ngày của bài, dạng YYYY-MM-DD"),
    ("title", "tiêu đề bài"),
    ("value", "số liệu, dấu chấm thập phân (99.5)"),
    ("unit", "đơn vị (%, tỷ đồng, điểm phục vụ…)"),
    ("sentence", "câu trong bài có số liệu"),
    ("url", "địa chỉ của bài"),
]


def data_files() -> dict:
    """What the data page (du-lieu/index.html) describes."""
    return {"json": JSON_FILE, "csv": CSV_FILE, "columns": CSV_COLUMNS,
            "version": FORMAT_VERSION}


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
        "figures": [{"value": f.value, "unit": f.unit, "text": f.text} for f in article.figures],
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
        for figure in article.figures:
            writer.writerow([article.province or "", _blank(article.review_year),
                             _blank(article.plan_year), article.date.isoformat(), article.title,
                             repr(figure.value), figure.unit, figure.text, url])
    return out.getvalue().encode("utf-8-sig")


def _blank(value) -> str:
    return "" if value is None else str(value)


def data_downloads(site: Site, config: Config) -> Iterator[tuple[str, bytes]]:
    yield JSON_FILE, digest_json(site, config)
    yield CSV_FILE, figures_csv(site, config)
