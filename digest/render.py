"""The site's pages: which exist, what each shows, and Jinja to turn them into HTML.

`plan_pages` lists every page as (url, template, context); `render_pages`
renders them one at a time, so memory stays flat however big the site is.
Every link a template writes goes through the `rel` filter, which makes it
relative to the page it is on: the site works from disk, under a sub-path
and at a domain root.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import jinja2

from .config import Config
from .content import Article
from .data import DATA_PAGE, data_files
from .frontmatter import Problem
from .markdown import content_link_target, render_markdown
from .model import Site
from .text import vi_date, vi_month, vi_number
from .urls import absolute_url, relative_url  # noqa: F401  (relative_url: imported from here too)

STATIC_DIR = "static"
NOT_FOUND_PAGE = "404.html"  # GitHub Pages serves it for every missing address


@dataclass
class Page:
    url: str                        # site-relative path of the output file
    template: str
    context: Callable[[], dict]     # built when the page is rendered, not before


@jinja2.pass_context
def _rel(context, target: str) -> str:
    link_base = context.get("link_base")  # set only on 404.html, served at any depth
    if link_base and "://" not in target and not target.startswith(("#", "mailto:")):
        return link_base + target
    return relative_url(target, context["page_url"])


@jinja2.pass_context
def _absolute(context, target: str) -> str:
    return absolute_url(target, context["config"].base_url)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,                  # every value from content is escaped
        undefined=jinja2.StrictUndefined,  # a typo in a template is an error, not a blank
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update(rel=_rel, absolute=_absolute, vi_date=vi_date, vi_number=vi_number)
    env.globals.update(vi_month=vi_month, static=STATIC_DIR)
    return env


def plan_pages(site: Site, config: Config, problems: list[Problem]) -> list[Page]:
    """Every page of the site. Broken links found while rendering go to `problems`."""
    common = {"site": site, "config": config}

    def page(url: str, template: str, title: str, **values) -> Page:
        return Page(url, template, lambda: {**common, "page_url": url, "title": title, **values})

    by_path = {a.path: a for a in site.articles}
    pages = [
        page("index.html", "home.html", config.title),
        page("nam/index.html", "years.html", "Các năm"),
        page("tinh/index.html", "provinces.html", "Các tỉnh"),
        page("chu-de/index.html", "topics.html", "Chủ đề"),
        page("dong-thoi-gian/index.html", "timeline.html", "Dòng thời gian"),
        page(DATA_PAGE, "data.html", "Dữ liệu", data=data_files()),
        page(NOT_FOUND_PAGE, "404.html", "Không tìm thấy trang", **_not_found(config)),
    ]
    pages += [page(y.url, "year.html", f"Năm {y.year}", digest=y) for y in site.years]
    pages += [page(p.url, "province.html", p.name, province=p) for p in site.provinces]
    pages += [page(t.url, "topic.html", t.name, topic=t) for t in site.topics]
    for article in site.articles:
        older, newer = site.neighbours[article.url]
        pages.append(Page(article.url, "article.html", _article_context(
            article, site, common, by_path, problems, older, newer)))
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


def _article_context(article: Article, site: Site, common: dict, by_path: dict,
                     problems: list[Problem], older, newer) -> Callable[[], dict]:
    def resolve(href: str) -> str | None:
        target = content_link_target(href, article.path)
        if target is None:
            return href
        linked = by_path.get(target)
        if linked is None:
            return None
        fragment = href.partition("#")[2]
        return relative_url(linked.url, article.url) + (f"#{fragment}" if fragment else "")

    def context() -> dict:
        body, broken = render_markdown(article.body, resolve)
        problems.extend(Problem(article.path, None, f"link to {href}: no such page in "
                                "the content folder — fix the file name or remove the link")
                        for href in broken)
        return {**common, "page_url": article.url, "title": article.title,
                "article": article, "body": body,
                "province": site.province_of(article), "topics": site.topics_of(article),
                "review_digest": site.year(article.review_year),
                "plan_digest": site.year(article.plan_year),
                "older": older, "newer": newer}
    return context


def render_pages(pages: list[Page], env: jinja2.Environment) -> Iterator[tuple[str, bytes]]:
    for page in pages:
        html = env.get_template(page.template).render(page.context())
        yield page.url, html.encode("utf-8")


def static_files(templates_dir: Path) -> Iterator[tuple[str, bytes]]:
    """The design's CSS, icon and scripts, copied as they are."""
    root = templates_dir / STATIC_DIR
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        yield f"{STATIC_DIR}/{path.relative_to(root).as_posix()}", path.read_bytes()
