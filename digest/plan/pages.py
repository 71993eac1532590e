"""Which pages the site has, what each one shows, and what each one depends on.

Every `Page` carries a `key`: a fingerprint of exactly the data its template
is given. Two builds that give a page the same key produce the same bytes,
so an incremental build re-renders only the pages whose key changed — no
more, and never fewer. Templates therefore receive only what is in the key
(never the whole site), and anything shown on every page (header, footer)
comes from the configuration, not from the content.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Callable

from digest.model.routes import STATIC_DIR, url_for
from digest.config import Config
from digest.content.assets import Assets, document_label
from digest.content.schema import Article
from digest.keys import fingerprint
from digest.util.memory import all_kept
from digest.problems import Problem
from digest.model.groups import Province, Site, Topic, YearDigest
from digest.model.compare import (RESULT, TARGET, MetricTable, Series, index_values, metric_table,
                                  province_series)
from digest.outputs.downloads import DATA_PAGE, data_files
from digest.plan.keyfigures import key_figures
from digest.model.geography import SHADES, coverage, province_facts, tile_map
from digest.outputs.search import INDEX_TEMPLATE, SEARCH_PAGE, index_files
from digest.model.links import LinkResolver, link_resolver


NOT_FOUND_PAGE = url_for("not_found")


class Page:
    """One file to render: its address, its template, and what the template is given."""

    def __init__(self, url: str, template: str, context: Callable[[], dict],
                 key: str | Callable[[], str], problems: list[Problem] | None = None,
                 data: bytes | None = None):
        self.url = url                  # site-relative path of the output file
        self.template = template
        self.context = context          # built when the page is rendered, not before
        self._key = key                 # or the function that computes it, once asked
        self.problems = problems if problems is not None else []  # found while rendering
        self.data = data                # made ahead of the stage (a yearly PDF edition)

    @property
    def key(self) -> str:
        """Fingerprint of everything the page shows. Computed when first asked for:
        the preview redraws a few pages of a new plan and needs only theirs."""
        if callable(self._key):
            self._key = self._key()
        return self._key

    def __repr__(self) -> str:
        return f"Page({self.url!r}, {self.template!r})"


@dataclass(frozen=True)
class Body:
    """An article's body as the plan describes it: its Markdown (the article's) and
    what drawing it needs. The render stage draws it: `{{ markdown(body) }}` in a
    template (render/draw.py). Its key is the article's body_hash, body_line and
    what its links point to (article_page)."""
    article: Article
    resolve: LinkResolver                  # a link written in it -> its href; None if broken
    assets: Assets | None = None           # its images shown from these; None: as written
    problems: list[Problem] | None = None  # where its broken links are said; None: elsewhere


def _once(compute: Callable):
    """`compute`, called when first needed and remembered: what a page's key and its
    context both need is computed once, and only for the pages asked for."""
    remembered = []

    def once():
        if not remembered:
            remembered.append(compute())
        return remembered[0]
    return once


_cards: dict[int, tuple[Article, str, str, str]] = {}  # id -> (article, its url, card, list card)


def _fingerprints(article: Article) -> tuple[str, str]:
    """(card, list card), computed once per build (and kept while the Article
    object and its URL stay the same): lists show the same article on many pages."""
    known = _cards.get(id(article))
    if known is not None and known[0] is article and known[1] == article.url:
        return known[2], known[3]
    full = fingerprint(article.url, article.path, article.title, article.date,
                       article.province, article.review_year, article.plan_year,
                       article.authors, article.topics, article.summary, article.source,
                       article.outlet, article.draft, article.figures,
                       article.extra)
    listed = fingerprint(article.url, article.title, article.date, article.province,
                         article.review_year, article.plan_year, article.summary,
                         article.draft)
    _cards[id(article)] = (article, article.url, full, listed)
    return full, listed


def card(article: Article) -> str:
    """Fingerprint of everything about an article but its body (its own page,
    the feeds and data files show all of it)."""
    return _fingerprints(article)[0]


def list_card(article: Article) -> str:
    """Fingerprint of what a list of pages shows of an article (partials/
    article_list.html and article_facts.html): editing a figure or an author
    does not redraw every list the article is in."""
    return _fingerprints(article)[1]


def _province_card(province: Province) -> tuple:
    return (province.name, province.url, len(province.articles))


def _groups(groups: list[tuple[Province, list[Article]]]) -> list:
    return [(p.name, p.url, p.known, [list_card(a) for a in items]) for p, items in groups]


def _year_card(digest: YearDigest) -> tuple:
    return (digest.year, digest.url, digest.counts)


def year_tables(site: Site) -> dict[int, tuple[MetricTable, MetricTable]]:
    """Each year's "Số liệu năm Y" tables (results, targets): its page and its edition show them."""
    values, columns = _index(site), [(p.name, p.url) for p in site.known_provinces]
    return {y.year: _year_pair(values, columns, y.year) for y in site.years}


def _index(site: Site) -> dict:
    return index_values([(p.name, p.articles) for p in site.known_provinces])


def _year_pair(values: dict, columns: list[tuple[str, str]], year: int
               ) -> tuple[MetricTable, MetricTable]:
    return tuple(metric_table(values.get((year, kind), {}), columns, year, kind)
                 for kind in (RESULT, TARGET))


@all_kept  # the plan's pages all live: no collection needs to walk the model meanwhile
def plan_pages(site: Site, config: Config, tables: dict | None = None,
               editions: dict[int, dict] | None = None) -> list[Page]:
    """Every page of the site, in a stable order. `tables` are year_tables(site)
    (made here if not given); `editions` the yearbook's links by year (yearbook.py)."""

    def lazy_page(url: str, template: str, title: str, key_data: Callable[[], object],
                  values: Callable[[], dict]) -> Page:
        kind = template.removesuffix(".html")  # the base layout is told, never guesses
        return Page(url, template,
                    lambda: {"config": config, "page_url": url, "page_kind": kind,
                             "title": title, **values()},
                    lambda: fingerprint(template, title, key_data()))

    def page(url: str, template: str, title: str, key_data, **values) -> Page:
        return lazy_page(url, template, title, lambda: key_data, lambda: values)

    years = [_year_card(y) for y in site.years]
    provinces = [_province_card(p) for p in site.provinces]
    editions_shown = list((editions or {}).values())  # newest year first, as site.years
    latest = site.articles[:config.latest_count]
    home = _once(lambda: _home_view(site))
    pages = [
        lazy_page(url_for("home"), "home.html", config.title,
                  lambda: (years, provinces, [list_card(a) for a in latest], home()),
                  lambda: dict(years=site.years, provinces=site.provinces, latest=latest,
                               **home())),
        page(url_for("years"), "years.html", "Các năm", years, years=site.years),
        page(url_for("provinces"), "provinces.html", "Các tỉnh", provinces,
             provinces=site.provinces),
        page(url_for("topics"), "topics.html", "Chủ đề",
             [(t.name, t.url, len(t.articles)) for t in site.topics], topics=site.topics),
        lazy_page(url_for("timeline"), "timeline.html", "Dòng thời gian",
                  lambda: [list_card(a) for a in site.articles],
                  lambda: {"timeline": site.timeline}),
        page(DATA_PAGE, "data.html", "Dữ liệu",
             (data_files(), len(site.articles), provinces, editions_shown),
             data=data_files(), article_count=len(site.articles), provinces=site.provinces,
             editions=editions_shown),
        page(NOT_FOUND_PAGE, "404.html", "Không tìm thấy trang", None, **_not_found(config)),
        page(SEARCH_PAGE, "search.html", "Tìm kiếm", None),  # the header's box names the index
    ]
    values = _once(lambda: _index(site))
    columns = [(p.name, p.url) for p in site.known_provinces]
    editions = editions or {}
    for y in site.years:
        tables_of = (lambda y=y: tables[y.year]) if tables is not None \
            else _once(lambda y=y: _year_pair(values(), columns, y.year))
        edition = editions.get(y.year)
        pages.append(lazy_page(y.url, "year.html", f"Năm {y.year}",
                               lambda y=y, t=tables_of, e=edition: (_year_key(y), t(), e),
                               lambda y=y, t=tables_of, e=edition: {
                                   "digest": y, "tables": t(), "edition": e}))
    for p in site.provinces:
        series = _once(lambda p=p: province_series(p.articles) if p.known else ())
        facts = province_facts(p.name) if p.known else None
        pages.append(lazy_page(p.url, "province.html", p.name,
                               lambda p=p, facts=facts, series=series:
                               ([list_card(a) for a in p.articles], facts, series()),
                               lambda p=p, facts=facts, series=series:
                               {"province": p, "facts": facts, "charts": _charts(series())}))
    pages += [lazy_page(t.url, "topic.html", t.name,
                        lambda t=t: [list_card(a) for a in t.articles], lambda t=t: {"topic": t})
              for t in site.topics]
    urls_by_path = {a.path: a.url for a in site.articles}
    pages += [article_page(a, site, config, urls_by_path) for a in site.articles]
    pages[:0] = index_pages(site)  # the heaviest jobs, handed out before the pages
    live = {id(a) for a in site.articles}
    for stale in _cards.keys() - live:  # articles of earlier builds (a preview server's)
        del _cards[stale]
    return pages


def _not_found(config: Config) -> dict:
    """404.html is served for a missing address at any depth of the site.

    With a base_url its links are absolute. Without one they are relative to
    the site root and the stylesheet is inlined, so the page is styled at any
    depth and its links work one level down (and when opened from disk).
    """
    if config.base_url:
        return {"link_base": config.base_url, "inline_css": ""}
    css = config.path("templates_dir") / STATIC_DIR / "style.css"
    return {"link_base": None, "inline_css": css.read_text(encoding="utf-8") if css.is_file() else ""}


def _home_view(site: Site) -> dict:
    """What the home page shows of the whole country: coverage, tiles, pages per year."""
    known = site.known_provinces
    # every year from the first to the last, those without pages as zeros, so the
    # bars stand at their true distance
    by_year = {y.year: y.counts for y in site.years}
    counts = [(year, *by_year.get(year, (0, 0)))
              for year in range(min(by_year, default=0), max(by_year, default=-1) + 1)]
    return {
        "coverage": coverage([p.name for p in known], len(site.articles),
                             [y.year for y in site.years]),
        "tiles": tile_map([(p.name, p.url, len(p.articles)) for p in known]),
        "shades": SHADES,
        "year_counts": counts,  # drawn by the template: year_bars(year_counts, ...)
    }


def _charts(series) -> list[tuple[Series, str]]:
    """(series, its chart's id) for a province page, which draws each one."""
    return [(one, f"bieu-do-{number}") for number, one in enumerate(series, 1)]


def _year_key(digest: YearDigest) -> tuple:
    return (_groups(digest.results), _groups(digest.tasks),
            digest.previous and _year_card(digest.previous),
            digest.next and _year_card(digest.next))


def index_pages(site: Site) -> list[Page]:
    """The search index's files, planned like pages."""
    return [Page(f.url, INDEX_TEMPLATE, lambda f=f: {"script": f.script()},
                 fingerprint(INDEX_TEMPLATE, f.key)) for f in index_files(site, card)]


def article_page(article: Article, site: Site, config: Config,
                 urls_by_path: dict[str, str]) -> Page:
    found: list[Problem] = []
    links = urls_by_path if article.links_files else None  # only then can links change

    @_once
    def around() -> dict:
        """Where the article stands in the site: what its page links to."""
        older, newer = site.neighbours[article.url]
        province: Province = site.province_of(article)
        topics: list[Topic] = site.topics_of(article)
        return {"province": province, "topics": topics, "older": older, "newer": newer,
                "review_digest": site.year(article.review_year),
                "plan_digest": site.year(article.plan_year)}

    def context() -> dict:
        body = Body(article, link_resolver(article, urls_by_path, site.assets), site.assets, found)
        figure_rows, figure_sentences = key_figures(article.figures)
        documents = [{"url": a.url, "name": posixpath.basename(a.path),
                      "label": document_label(a)} for a in site.assets.documents(article.assets)]
        picture = site.assets.first_image(article.assets)
        return {"config": config, "page_url": article.url, "page_kind": "article",
                "title": article.title, "figure_rows": figure_rows,
                "figure_sentences": figure_sentences, "article": article, "body": body,
                "documents": documents, "og_image": picture and picture.url, **around()}

    def key() -> str:
        a = around()
        province, older, newer = a["province"], a["older"], a["newer"]
        review, plan = a["review_digest"], a["plan_digest"]
        return fingerprint("article.html", card(article), article.body_hash, article.body_line,
                           (province.name, province.url), [(t.name, t.url) for t in a["topics"]],
                           review and review.url, plan and plan.url,
                           older and (older.url, older.title), newer and (newer.url, newer.title),
                           links, [(a.url, a.hash, a.width, a.height)
                                   for a in site.assets.referenced(article.assets)])
    return Page(article.url, "article.html", context, key, found)
