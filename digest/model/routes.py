"""Every address of the site, in one table: a new kind of page is one line here.

Addresses are site-relative paths that name the file (`nam/2023/index.html`,
not `nam/2023/`), so the site works opened from disk as well as served.
Templates call `url_for` too, and make the result relative with `| rel`.
"""

from __future__ import annotations

ROUTES = {
    "home": "index.html",
    "years": "nam/index.html",
    "year": "nam/{year}/index.html",
    "edition": "nam/{year}/nien-giam-{year}.pdf",   # the year's printable edition (yearbook)
    "provinces": "tinh/index.html",
    "province": "tinh/{slug}/index.html",
    "province_feed": "tinh/{slug}/feed.xml",
    "topics": "chu-de/index.html",
    "topic": "chu-de/{slug}/index.html",
    "article": "bai-viet/{slug}/index.html",
    "timeline": "dong-thoi-gian/index.html",
    "search": "tim-kiem/index.html",
    "search_index": "tim-kiem/chi-muc.js",
    "search_part": "tim-kiem/chi-muc-{number}.js",
    "data": "du-lieu/index.html",
    "data_json": "du-lieu/digest.json",
    "data_csv": "du-lieu/figures.csv",
    "data_metrics": "du-lieu/metrics.csv",
    "page_schema": "du-lieu/page.schema.json",
    "cms_page": "admin/index.html",          # only with `cms:` in config.yaml
    "cms_config": "admin/config.yml",
    "cms_preview": "admin/preview.js",
    "feed": "feed.xml",
    "sitemap": "sitemap.xml",
    "robots": "robots.txt",
    "not_found": "404.html",   # GitHub Pages serves it for every missing address
}

# The design's own files (CSS, icon, scripts): the folder of that name in the
# templates folder is published as it is under the same name on the site.
STATIC_DIR = "static"


def url_for(name: str, **parts) -> str:
    """The address of page kind `name`: url_for("year", year=2023) -> nam/2023/index.html."""
    return ROUTES[name].format(**parts)
