"""Markdown bodies -> safe HTML, with links between content files resolved.

Raw HTML in content is shown as text (the parser is util/markdown_parser.py's):
content is untrusted. markdown-it-py also refuses javascript:, vbscript: and data: link targets.
"""

from __future__ import annotations

from typing import Callable

from digest.model.links import LinkResolver
from digest.render.pictures import Picture, show_pictures
from digest.util.markdown_parser import inline_tokens, parser


def render_markdown(body: str, resolve: LinkResolver | None = None,
                    picture: Callable[[str], Picture | None] | None = None
                    ) -> tuple[str, list[tuple[str, int]]]:
    """Render a body; return (html, [(href that could not be resolved, its line in the body)]).

    Headings move down one level, because the page's title is the only <h1>.
    `picture` gives how an image of the content folder is shown (sizes, variants),
    or None to leave the image as written; an image alone in its paragraph with a
    caption becomes a <figure> (see pictures.py).
    """
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
