#!/usr/bin/env python3
"""The floor: the plainest build of the same site, to measure ours against.

    python benchmarks/floor.py --config benchmarks/work/n1000/ours/config.yaml --out DIR

One process, no cache, no checks: read every content file, parse its front
matter with yaml.CSafeLoader, render its Markdown with markdown-it-py
(commonmark + table, raw HTML off), and render our own templates (the
templates_dir of the config) for the same page kinds ours writes: home,
years, provinces, topics, timeline, data, search, 404, one page per year,
province, topic and article; and the same other files: the search index,
digest.json, figures.csv, the Atom feeds (the site's and each province's),
robots.txt and .nojekyll. The search index is ours, made by the engine's own
functions (digest/outputs/search.py), as the comparison pages' data is. Each file is written once, straight into the
output folder.

It models the site with plain objects carrying the attributes our templates
read; orderings are simple (no Vietnamese collation, no slug clash
handling). The comparison pages' data (year tables, province charts, the
home page's coverage and tiles) come from the engine's own pure functions
(digest/compare.py, charts.py, geography.py): the floor measures the plainest
way to build the same pages, not a second implementation of them. It prints
the time of each phase.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import posixpath
import shutil
import sys
import time
import unicodedata
import uuid
from collections import defaultdict
from itertools import groupby
from pathlib import Path
from types import SimpleNamespace as Obj
from xml.sax.saxutils import escape, quoteattr

import jinja2
from markupsafe import Markup
import yaml
from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from digest import __version__  # noqa: E402
from digest.content.schema import Figure  # noqa: E402
from digest.model.routes import url_for  # noqa: E402
from digest.outputs.downloads import data_files  # noqa: E402
from digest.plan.keyfigures import key_figures  # noqa: E402
from digest.render.charts import series_chart, year_bars  # noqa: E402
from digest.model.compare import RESULT, TARGET, index_values, metric_table, province_series  # noqa: E402
from digest.model.geography import SHADES, coverage, province_facts, tile_map  # noqa: E402
from digest.outputs.search import index_files  # noqa: E402

PHASES = defaultdict(float)


class phase:
    """Adds the time spent in a `with` block to PHASES[name]."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        PHASES[self.name] += time.perf_counter() - self.start


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower()
                   if not unicodedata.combining(c))
    return "-".join(part for part in text.split("-") if part) or "trang"


def vi_date(day) -> str:
    return f"{day.day} tháng {day.month}, {day.year}"


def vi_month(year: int, month: int) -> str:
    return f"Tháng {month} năm {year}"


def vi_number(value) -> str:
    whole, _, fraction = f"{value:,.10f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", ".") + (f",{fraction}" if fraction else "")


@jinja2.pass_context
def rel(context, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(context["page_url"]) or ".")


# --- reading -------------------------------------------------------------------

def read_articles(content_dir: Path) -> list[Obj]:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    articles = []
    for path in sorted(content_dir.rglob("*.md")):
        with phase("read files"):
            text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        with phase("front matter"):
            meta = yaml.load(front, Loader=yaml.CSafeLoader)
        if meta.get("draft"):
            continue
        with phase("markdown"):
            html = md.render(body)
        slug = meta.get("slug") or slugify(meta["title"])
        figures = [Obj(text=f.get("text", ""), label=(f"{vi_number(f['value'])}%" if f.get("unit") == "%"
                                                     else f"{vi_number(f['value'])} {f.get('unit', '')}"),
                       value=f["value"], unit=f.get("unit", ""), metric=f.get("metric"),
                       kind=f.get("kind", "result"), year=f.get("year"),
                       qualifier=f.get("qualifier"), scope=f.get("scope"), anchor=f"so-lieu-{i}")
                   for i, f in enumerate(meta.get("figures") or [], 1)]
        articles.append(Obj(
            url=f"bai-viet/{slug}/index.html", title=meta["title"], date=meta["date"],
            province=meta.get("province"), review_year=meta.get("review_year"),
            plan_year=meta.get("plan_year"), authors=meta.get("authors") or [],
            topics=meta.get("topics") or [], summary=meta.get("summary") or "",
            source=meta.get("source") or "", draft=False, figures=figures, html=html, body=body,
            body_hash="",  # the index key of ours: not needed here
            years=tuple(y for y in (meta.get("review_year"), meta.get("plan_year")) if y),
            raw_figures=meta.get("figures") or [],
            figure_records=tuple(Figure(f["value"], f.get("unit", ""), f.get("text", ""),
                                        f.get("metric"), f.get("kind", "result"), f.get("year"),
                                        f.get("qualifier"), f.get("scope"), f"so-lieu-{i}")
                                 for i, f in enumerate(meta.get("figures") or [], 1)),
            outlet=meta.get("outlet"), outlet_url=None))
    return articles


# --- the site model ------------------------------------------------------------

def model(articles: list[Obj]) -> Obj:
    articles.sort(key=lambda a: (a.date, a.title), reverse=True)   # newest first
    provinces: dict[str, Obj] = {}
    topics: dict[str, Obj] = {}
    for a in articles:
        name = a.province or "Chưa xác định tỉnh"
        slug = slugify(a.province) if a.province else "chua-xac-dinh"
        p = provinces.setdefault(name, Obj(name=name, url=f"tinh/{slug}/index.html", feed_url=f"tinh/{slug}/feed.xml",
                                           known=bool(a.province), articles=[]))
        p.articles.append(a)
        a.province_obj = p
        a.topic_objs = []
        for t in a.topics:
            topic = topics.setdefault(t, Obj(name=t, url=f"chu-de/{slugify(t)}/index.html",
                                             articles=[]))
            topic.articles.append(a)
            a.topic_objs.append(topic)
    province_list = sorted(provinces.values(), key=lambda p: (not p.known, slugify(p.name)))
    for p in province_list:
        main = [(a.review_year or a.plan_year, a) for a in p.articles]
        main.sort(key=lambda ya: -ya[0])
        p.by_year = [(y, [a for _, a in g]) for y, g in groupby(main, key=lambda ya: ya[0])]
        chain = p.articles[::-1]                            # oldest first
        for i, a in enumerate(chain):
            a.older = chain[i - 1] if i else None
            a.newer = chain[i + 1] if i + 1 < len(chain) else None
    order = {p.name: i for i, p in enumerate(province_list)}

    def by_province(items):
        items = sorted(items, key=lambda a: order[a.province_obj.name])
        return [(p, list(g)) for p, g in groupby(items, key=lambda a: a.province_obj)]

    years = {}
    for y in sorted({y for a in articles for y in (a.review_year, a.plan_year) if y}, reverse=True):
        results = by_province([a for a in articles if a.review_year == y])
        tasks = by_province([a for a in articles if a.plan_year == y])
        years[y] = Obj(year=y, url=f"nam/{y}/index.html", results=results, tasks=tasks,
                       counts=(sum(len(g) for _, g in results), sum(len(g) for _, g in tasks)))
    year_list = list(years.values())
    for i, d in enumerate(year_list):
        d.next = year_list[i - 1] if i else None
        d.previous = year_list[i + 1] if i + 1 < len(year_list) else None
        d.province_counts = (sum(p.known for p, _ in d.results), sum(p.known for p, _ in d.tasks))
        d.missing_before = list(range(d.previous.year + 1, d.year)) if d.previous else []
        d.missing_after = list(range(d.year + 1, d.next.year)) if d.next else []
    known = [p for p in province_list if p.known]
    values = index_values([(p.name, p.articles) for p in known])
    for d in year_list:
        d.tables = tuple(metric_table(values.get((d.year, kind), {}), [(p.name, p.url) for p in known],
                                      d.year, kind) for kind in (RESULT, TARGET))
    for p in province_list:
        p.facts = province_facts(p.name) if p.known else None
        p.charts = [(s, f"bieu-do-{i}")
                    for i, s in enumerate(province_series(p.articles) if p.known else (), 1)]
    by_year = {d.year: d.counts for d in year_list}
    counts = [(y, *by_year.get(y, (0, 0))) for y in range(min(by_year, default=0), max(by_year, default=-1) + 1)]
    home = {"coverage": coverage([p.name for p in known], len(articles), list(years)),
            "tiles": tile_map([(p.name, p.url, len(p.articles)) for p in known]),
            "shades": SHADES,
            "year_counts": counts}
    oldest_first = articles[::-1]
    timeline = [(y, [(m, list(items)) for m, items in groupby(list(g), key=lambda a: a.date.month)])
                for y, g in groupby(oldest_first, key=lambda a: a.date.year)]
    return Obj(articles=articles, provinces=province_list, years=year_list, year=years, home=home,
               topics=sorted(topics.values(), key=lambda t: slugify(t.name)), timeline=timeline)


# --- the files besides the pages ------------------------------------------------

INDEX_FILE, JSON_FILE, CSV_FILE = "tim-kiem/chi-muc.js", "du-lieu/digest.json", "du-lieu/figures.csv"
CSV_COLUMNS = ["province", "review_year", "plan_year", "date", "title", "value", "unit",
               "sentence", "url"]
FEED_SIZE = 20


def compact_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def search_index(site: Obj):
    """The same index as ours (every article's title, province, facts, figures
    and body, in parts), made by the engine's own functions: what it costs is
    the work, not a second way of doing it."""
    for part in index_files(site, lambda article: ""):
        yield part.url, part.script()


def digest_json(site: Obj, config: Obj) -> str:
    pages = [{"title": a.title, "url": a.url, "date": a.date.isoformat(), "province": a.province,
              "review_year": a.review_year, "plan_year": a.plan_year, "authors": a.authors,
              "topics": a.topics, "summary": a.summary, "source": a.source,
              "figures": a.raw_figures} for a in site.articles]
    return compact_json({"version": 1, "title": config.title, "pages": pages})


def figures_csv(site: Obj) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in site.articles:
        for f in a.raw_figures:
            writer.writerow([a.province or "", a.review_year or "", a.plan_year or "",
                             a.date.isoformat(), a.title, f.get("value"), f.get("unit", ""),
                             f.get("text", ""), a.url])
    return "\ufeff" + out.getvalue()                 # the BOM, for Excel, as ours


def atom_feed(title: str, feed_url: str, articles: list[Obj]) -> str:
    """An Atom feed of the newest articles, links relative to the feed file, as ours."""
    def link(url: str) -> str:
        return quoteattr(posixpath.relpath(url, posixpath.dirname(feed_url) or "."))

    def stamp(a: Obj) -> str:
        return f"{a.date.isoformat()}T00:00:00+07:00"

    newest = articles[:FEED_SIZE]
    entries = "".join(
        f"<entry><id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, a.url)}</id>"
        f"<title>{escape(a.title)}</title><link rel=\"alternate\" href={link(a.url)}/>"
        f"<published>{stamp(a)}</published><updated>{stamp(a)}</updated>"
        + "".join(f"<author><name>{escape(name)}</name></author>" for name in a.authors)
        + "".join(f"<category term={quoteattr(t)}/>" for t in [a.province or "", *a.topics] if t)
        + f"<summary type=\"text\">{escape(a.summary)}</summary></entry>" for a in newest)
    updated = stamp(newest[0]) if newest else "1970-01-01T00:00:00Z"
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
            f"<id>urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, feed_url)}</id><title>{escape(title)}</title>"
            f"<updated>{updated}</updated><link rel=\"self\" href={link(feed_url)}/>{entries}</feed>")


def other_files(site: Obj, config: Obj):
    """(path, text) of every file but the pages."""
    yield from search_index(site)
    yield JSON_FILE, digest_json(site, config)
    yield CSV_FILE, figures_csv(site)
    yield "feed.xml", atom_feed(config.title, "feed.xml", site.articles)
    for p in site.provinces:
        yield p.feed_url, atom_feed(f"{p.name} · {config.title}", p.feed_url, p.articles)
    yield "robots.txt", f"# {config.title}\nUser-agent: *\nAllow: /\n"
    yield ".nojekyll", ""


# --- rendering -----------------------------------------------------------------

def pages(site: Obj, config: Obj):
    """(url, template, context) of every page."""
    def page(url, template, title, **values):
        return url, template, {"config": config, "page_url": url, "title": title,
                               "page_kind": template.removesuffix(".html"), **values}

    yield page("index.html", "home.html", config.title, years=site.years,
               provinces=site.provinces, latest=site.articles[:config.latest_count], **site.home)
    yield page("nam/index.html", "years.html", "Các năm", years=site.years)
    yield page("tinh/index.html", "provinces.html", "Các tỉnh", provinces=site.provinces)
    yield page("chu-de/index.html", "topics.html", "Chủ đề", topics=site.topics)
    yield page("dong-thoi-gian/index.html", "timeline.html", "Dòng thời gian", timeline=site.timeline)
    yield page("du-lieu/index.html", "data.html", "Dữ liệu", article_count=len(site.articles),
               provinces=site.provinces, editions=[],  # no PDF editions, as the corpus's config
               data=data_files())  # the same description as ours: a table of plain strings
    yield page("tim-kiem/index.html", "search.html", "Tìm kiếm", index_file=INDEX_FILE, root="../")
    yield page("404.html", "404.html", "Không tìm thấy trang", inline_css=config.css)
    for d in site.years:
        yield page(d.url, "year.html", f"Năm {d.year}", digest=d, tables=d.tables, edition=None)
    for p in site.provinces:
        yield page(p.url, "province.html", p.name, province=p, facts=p.facts, charts=p.charts)
    for t in site.topics:
        yield page(t.url, "topic.html", t.name, topic=t)
    for a in site.articles:
        rows, sentences = key_figures(a.figure_records)
        yield page(a.url, "article.html", a.title, article=a, body=a.html,
                   figure_rows=rows, figure_sentences=sentences,
                   province=a.province_obj, topics=a.topic_objs,
                   review_digest=site.year.get(a.review_year),
                   plan_digest=site.year.get(a.plan_year), older=a.older, newer=a.newer,
                   documents=[], og_image=None)  # the corpus has no photos or documents


def build(config_path: Path, out: Path) -> int:
    with phase("config"):
        raw = yaml.load(config_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
        root = config_path.parent
        config = Obj(title=raw.get("title", ""), intro=raw.get("intro", ""), base_url="",
                     language=raw.get("language", "vi"), latest_count=raw.get("latest_count", 10))
        templates = root / raw.get("templates_dir", "templates")
        content = root / raw.get("content_dir", "content")
        config.css = (templates / "static" / "style.css").read_text(encoding="utf-8")  # 404.html inlines it
    articles = read_articles(content)
    with phase("model"):
        site = model(articles)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(rel=rel, vi_date=vi_date, vi_number=vi_number,
                       absolute=lambda target: target)  # no base_url: never applied
    env.globals.update(vi_month=vi_month, static="static", url_for=url_for,
                       generator_version=__version__,
                       markdown=Markup,  # a body here is its HTML already
                       series_chart=lambda *args: Markup(series_chart(*args)),
                       year_bars=lambda *args: Markup(year_bars(*args)))
    count = 0
    for url, template, context in pages(site, config):
        with phase("templates"):
            html = env.get_template(template).render(context)
        with phase("write"):
            path = out / url
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        count += 1
    for path, text in other_files(site, config):
        with phase("other files"):
            path = out / path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    with phase("write"):
        shutil.copytree(templates / "static", out / "static", dirs_exist_ok=True)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description="The floor: a plain build of the same site.")
    parser.add_argument("--config", type=Path, required=True, help="our config.yaml")
    parser.add_argument("--out", type=Path, required=True, help="output folder (emptied first)")
    args = parser.parse_args()
    started = time.perf_counter()
    shutil.rmtree(args.out, ignore_errors=True)
    count = build(args.config, args.out)
    total = time.perf_counter() - started
    detail = ", ".join(f"{name} {secs:.2f} s" for name, secs in PHASES.items())
    print(f"floor: {count} pages in {total:.2f} s ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
