"""The one Markdown parser (markdown-it-py, CommonMark with tables), shared by the
content stage, which reads which files a body names, and the render stage,
which draws it. It lives here so that neither imports the other.

Raw HTML in content is shown as text (html=False): content is untrusted.
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def parser():
    """Made on first use, so a build that renders nothing does not pay for loading
    markdown-it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    # With html off these two rules only ever say no: skip asking them on every line.
    return md.enable(["table", "strikethrough"]).disable(["html_block", "html_inline"])


def inline_tokens(tokens):
    """(its block's first line, token) of every inline token (links, images) in order."""
    for token in tokens:
        for child in token.children or ():
            yield (token.map[0] if token.map else 0), child


def references(body: str) -> list[tuple[str, str, str, int]]:
    """(kind, target, alt text, line in the body) of every image ("image": its src,
    its alt text) and link ("link": its href, "") of a body, in order."""
    md = parser()
    found = []
    for line, child in inline_tokens(md.parse(body)):
        if child.type == "image":
            alt = md.renderer.renderInlineAsText(child.children or [], md.options, {})
            found.append(("image", str(child.attrGet("src") or ""), alt, line))
        elif child.type == "link_open":
            found.append(("link", str(child.attrGet("href") or ""), "", line))
    return found
