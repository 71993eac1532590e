"""Markdown bodies -> safe HTML, with links between content files resolved.

Raw HTML in content is shown as text (the parser is util/markdown_parser.py's):
content is untrusted. markdown-it-py also refuses javascript:, vbscript: and data: link targets.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from digest.model.links import LinkResolver
from digest.render.pictures import Picture, show_pictures
from digest.util.markdown_parser import compiled_parser, inline_tokens, parser

HEADING_TAG = re.compile(r"<(/?)h([1-6])>")
LINK_TARGET = re.compile(r'<a href="([^"]*)"')


def render_markdown(body: str, resolve: LinkResolver | None = None,
                    picture: Callable[[str], Picture | None] | None = None
                    ) -> tuple[str, list[tuple[str, int]]]:
    """Render a body; return (html, [(href that could not be resolved, its line in the body)]).

    Headings move down one level, because the page's title is the only <h1>.
    `picture` gives how an image of the content folder is shown (sizes, variants),
    or None to leave the image as written; an image alone in its paragraph with a
    caption becomes a <figure> (see pictures.py).
    """
    fast = _compiled(body, resolve, picture)
    if fast is not None:
        return fast, []
    return by_markdown_it(body, resolve, picture)


def by_markdown_it(body: str, resolve: LinkResolver | None = None,
                   picture: Callable[[str], Picture | None] | None = None
                   ) -> tuple[str, list[tuple[str, int]]]:
    """render_markdown's work done by markdown-it-py, token by token."""
    md = parser()
    tokens = md.parse(body)
    broken = []
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    for line, child in inline_tokens(tokens):
        if child.type == "link_open" and resolve is not None:
            href = str(child.attrGet("href") or "")
            new = resolve(href)
            if new is None:
                broken.append((href, line))
            elif new != href:
                child.attrSet("href", new)
    if picture is not None:
        show_pictures(md, tokens, picture)
    return md.renderer.render(tokens, md.options, {}), broken


def _compiled(body: str, resolve: LinkResolver | None,
              picture: Callable[[str], Picture | None] | None) -> str | None:
    """The body drawn by the compiled parser, when it needs none of the steps above:
    no image to show as a picture, and every link resolving to itself (a web
    address). None otherwise, or when the compiled parser is not installed.

    Raw HTML is off, so every <img and <a href= of its HTML is one of the body's
    images or links, in order, with the same href markdown-it-py gives (escaped).
    """
    md = compiled_parser()
    if md is None:
        return None
    drawn = md.render(body)
    if picture is not None and "<img" in drawn:
        return None
    if resolve is not None:
        for href in map(html.unescape, LINK_TARGET.findall(drawn)):
            if resolve(href) != href:
                return None
    return HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 1, 6)}>", drawn)
