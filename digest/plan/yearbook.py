"""The yearbook: each year's digest as one printable PDF edition, planned like a page.

`nam/<YYYY>/nien-giam-<YYYY>.pdf` holds what the year page holds, in full: the
overview, the "Số liệu năm Y" tables, then per province its results and its
tasks of the year, each article with its key figures and its text, and an index
of provinces. Its template is templates/yearbook.html (a print layout, not the
web page); render/pdf.py turns the HTML into PDF.

Its key is a fingerprint of everything it shows: each article's card, body and
what its links point to, the year's tables and the date on its cover. So an
article's edit makes only the editions of its review year and its plan year
again, and an unchanged edition is neither rendered nor written.

The date on the cover is the newest date of the pages it holds, not the clock:
two builds of the same content give the same bytes.
"""

from __future__ import annotations

import posixpath
from typing import Callable

from digest.config import Config
from digest.content.assets import size_label
from digest.content.schema import Article
from digest.keys import fingerprint
from digest.model.compare import MetricTable, Series, province_series
from digest.model.groups import Province, Site, YearDigest
from digest.model.routes import url_for
from digest.plan.keyfigures import key_figures
from digest.model.links import content_link_target, link_resolver
from digest.plan.pages import Body, Page, card
from digest.model.urls import absolute_url

TEMPLATE = "yearbook.html"
SECTIONS = (("ket-qua", "Kết quả năm {year}"), ("nhiem-vu", "Nhiệm vụ năm {year}"))


def edition_url(year: int) -> str:
    return url_for("edition", year=year)


def edition_link(year: int, size: int | None) -> dict:
    """What the year page and the data page say of an edition: its address, and
    'PDF, 1,2 MB' (only 'PDF' while the preview makes it on request)."""
    return {"year": year, "url": edition_url(year),
            "label": f"PDF, {size_label(size)}" if size is not None else "PDF"}


def plan_editions(site: Site, config: Config, tables: dict[int, tuple]) -> list[Page]:
    """One edition a year that has pages, newest first; `tables` are the year
    pages' own (year -> (results table, targets table))."""
    urls_by_path = {a.path: a.url for a in site.articles}
    series = {p.name: province_series(p.articles) for p in site.known_provinces}
    return [_edition(digest, site, config, tables[digest.year], urls_by_path, series)
            for digest in site.years]


def _edition(digest: YearDigest, site: Site, config: Config, tables: tuple,
             urls_by_path: dict[str, str], series: dict[str, tuple[Series, ...]]) -> Page:
    year, url = digest.year, edition_url(digest.year)
    groups = (digest.results, digest.tasks)
    anchors = {a.url: f"{prefix}-{a.url.split('/')[-2]}"
               for (prefix, _title), group in zip(SECTIONS, groups)
               for _province, articles in group for a in articles}
    dated = max((a.date for group in groups for _p, items in group for a in items))
    title = f"Niên giám năm {year}"
    # the charts of the province pages, once per province: under its results of the year
    charted = [province.name for province, _articles in digest.results if series.get(province.name)]

    def context() -> dict:
        def province_part(prefix: str, province: Province, articles: list[Article]) -> tuple:
            charts = series.get(province.name, ()) if prefix == SECTIONS[0][0] else ()
            return (province, f"{prefix}-{province.slug}",
                    [_article_view(a, prefix, site, config, urls_by_path, anchors)
                     for a in articles],
                    [(one, f"{prefix}-{province.slug}-bieu-do-{n}")  # drawn by the template
                     for n, one in enumerate(charts, 1)])

        sections = [(prefix, heading.format(year=year),
                     [province_part(prefix, province, articles) for province, articles in group])
                    for (prefix, heading), group in zip(SECTIONS, groups)]
        return {"config": config, "page_url": url, "title": title, "digest": digest,
                "dated": dated, "sections": sections,
                "tables": [_print_table(t, anchors) for t in tables if t.rows],
                "index": _province_index(sections, site.provinces)}

    articles = [(prefix, province.name, province.slug,
                 [(card(a), a.body_hash, a.body_line,
                   [(r.url, r.hash) for r in site.assets.referenced(a.assets)]) for a in items])
                for (prefix, _heading), group in zip(SECTIONS, groups)
                for province, items in group]
    links = urls_by_path if any(a.links_files for _p, a in _flat(groups)) else None
    key = fingerprint(TEMPLATE, title, dated, digest.counts, articles, tables, links,
                      [(name, series[name]) for name in charted])
    return Page(url, TEMPLATE, context, key)


def _flat(groups) -> list[tuple[Province, Article]]:
    return [(province, a) for group in groups for province, items in group for a in items]


def _article_view(article: Article, prefix: str, site: Site, config: Config,
                  urls_by_path: dict[str, str], anchors: dict[str, str]) -> dict:
    """One article as the edition shows it: facts, key figures and body."""
    rows, sentences = key_figures(article.figures)
    resolve = _edition_links(article, urls_by_path, anchors, site, config.base_url)
    body = Body(article, resolve)  # images as written; broken links: the article page says so
    return {"anchor": f"{prefix}-{article.url.split('/')[-2]}", "article": article,
            "figure_rows": rows, "figure_sentences": sentences, "body": body,
            "web": absolute_url(article.url, config.base_url) if config.base_url else None}


def _edition_links(article: Article, urls_by_path: dict[str, str], anchors: dict[str, str],
                   site: Site, base_url: str) -> Callable[[str], str | None]:
    """A link of the body as the edition writes it: to the article inside the edition
    when it is there, else to its page on the published site (absolute, so only
    with a base_url: a PDF has no address of its own to resolve a relative one)."""
    on_page = link_resolver(article, urls_by_path, site.assets)

    def resolve(href: str) -> str | None:
        target = content_link_target(href, article.path)
        if target in urls_by_path and urls_by_path[target] in anchors:
            return "#" + anchors[urls_by_path[target]]
        new = on_page(href)
        if new is None or "://" in new or new.startswith(("#", "mailto:")):
            return new
        site_path = posixpath.normpath(posixpath.join(posixpath.dirname(article.url), new))
        return absolute_url(site_path, base_url) if base_url else "#"
    return resolve


def _print_table(table: MetricTable, anchors: dict[str, str]) -> dict:
    """A metric × province table turned for paper: one row per (metric, province),
    so a year with sixty provinces still fits the page's width."""
    rows = []
    for row in table.rows:
        cells = [(name, [(v.label, _figure_anchor(v.url, anchors)) for v in values])
                 for (name, _url), values in zip(table.columns, row.cells) if values]
        rows.append((row.metric, cells))
    return {"kind": table.kind, "year": table.year, "rows": rows}


def _figure_anchor(url: str, anchors: dict[str, str]) -> str | None:
    """'bai-viet/x/index.html#so-lieu-2' -> the figure's id in the edition, if it is there."""
    page, _hash, figure = url.partition("#")
    return f"{anchors[page]}-{figure}" if page in anchors and figure else None


def _province_index(sections: list, provinces: list[Province]
                    ) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every province of the edition, in the site's (Vietnamese) order, with where
    each section has it."""
    index: dict[str, list[tuple[str, str]]] = {}
    for _prefix, heading, groups in sections:
        for province, anchor, _articles, _charts in groups:
            index.setdefault(province.name, []).append((heading, anchor))
    return [(p.name, index[p.name]) for p in provinces if p.name in index]
