"""The one Markdown parser (markdown-it-py, CommonMark with tables), shared by the
content stage, which reads which files a body names, and the render stage,
which draws it. It lives here so that neither imports the other.

Raw HTML in content is shown as text (html=False): content is untrusted.

`compiled_parser` is the same parser compiled (markdown-it.rs, through
markdown-it-pyrs): six times faster, and the same bytes for the same rules
(tests/test_markdown_compiled.py compares every body of the fixture, the
seeds' pages and a generated corpus). It is optional: where it is not
installed (no wheel for the Python), markdown-it-py draws every body.
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


# markdown-it-py's "commonmark" preset with tables and strikethrough, html off: the
# same rules by their markdown-it.rs names (html_block and html_inline left out).
COMPILED_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
                  "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image",
                  "link", "newline", "table", "strikethrough"]


@functools.lru_cache(maxsize=1)
def compiled_parser():
    """markdown-it.rs set to `parser`'s rules, or None where it is not installed."""
    try:
        from markdown_it_pyrs import MarkdownIt
    except ImportError:
        return None
    return MarkdownIt("zero").enable_many(COMPILED_RULES)


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
