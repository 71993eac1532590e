"""Jinja: the environment, the filters templates use, and rendering pages.

`render_pages` renders pages one at a time, so memory stays flat however big
the site is. Every link a template writes goes through the `rel` filter, which makes it
relative to the page it is on: the site works from disk, under a sub-path
and at a domain root.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Iterator

import jinja2

from .text import vi_date, vi_month, vi_number

STATIC_DIR = "static"


def relative_url(target: str, page_url: str) -> str:
    """`target` (site-relative) as seen from the page at `page_url`."""
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    start = posixpath.dirname(page_url) or "."
    return posixpath.relpath(target, start)


@jinja2.pass_context
def _rel(context, target: str) -> str:
    return relative_url(target, context["page_url"])


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,                  # every value from content is escaped
        undefined=jinja2.StrictUndefined,  # a typo in a template is an error, not a blank
        trim_blocks=True, lstrip_blocks=True)
    env.filters.update(rel=_rel, vi_date=vi_date, vi_number=vi_number)
    env.globals.update(vi_month=vi_month, static=STATIC_DIR)
    return env


def render_pages(pages, env: jinja2.Environment) -> Iterator[tuple[str, bytes]]:
    """(url, HTML bytes) for each page, rendered one at a time."""
    for page in pages:
        html = env.get_template(page.template).render(page.context())
        yield page.url, html.encode("utf-8")


def static_files(templates_dir: Path) -> Iterator[tuple[str, bytes]]:
    """The design's CSS, icon and scripts, copied as they are."""
    root = templates_dir / STATIC_DIR
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        yield f"{STATIC_DIR}/{path.relative_to(root).as_posix()}", path.read_bytes()
