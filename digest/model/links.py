"""Links written in a content file -> the addresses they point to.

A body links to another page by its content file ('other.md#part') and to a
document or image of the content folder by its path; the site shows each as a
relative link to where that is published. A link to no page is a Problem
naming the file and line (`broken_link_problems`), said by the article's page
and by `check`.
"""

from __future__ import annotations

import posixpath
from typing import Callable
from urllib.parse import unquote, urlsplit

from digest.content.assets import Assets, asset_target
from digest.content.schema import Article
from digest.i18n import _
from digest.model.urls import relative_url
from digest.problems import Problem

# Resolves a link written in a content file; returns the new href or None if broken.
LinkResolver = Callable[[str], "str | None"]


def content_link_target(href: str, page_path: str) -> str | None:
    """The content path a relative link to a '.md' file points to, else None.

    'other.md#part' written in content/2020/a.md -> 'content/2020/other.md'.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(parts.path)))


def link_resolver(article: Article, urls_by_path: dict[str, str],
                  assets: Assets | None = None) -> Callable[[str], str | None]:
    """Turns a link to another content file into a link to its page, and a link to
    a document or image of the content folder into a link to where it is published;
    None if broken (a missing file is asset_problems' to report)."""
    def resolve(href: str) -> str | None:
        target = content_link_target(href, article.path)
        if target is None:
            asset = assets and assets.by_path.get(asset_target(href, article.path, False))
            if not asset:
                return href  # a web address, an anchor, a file the content does not hold
            published = asset.url
        elif target in urls_by_path:
            published = urls_by_path[target]
        else:
            return None
        fragment = href.partition("#")[2]
        return relative_url(published, article.url) + (f"#{fragment}" if fragment else "")
    return resolve


def broken_link_problems(article: Article, broken: list[tuple[str, int]],
                         draft_paths: frozenset[str] = frozenset()) -> list[Problem]:
    def problem(href: str, offset: int) -> Problem:
        if content_link_target(href, article.path) in draft_paths:
            code, message = "link-draft", _("link to {link}: that page is a draft, so it is not "
                                            "on the site — publish it (draft: false) or remove "
                                            "the link")
        else:
            code, message = "link-broken", _("link to {link}: no such page in the content "
                                             "folder — fix the file name or remove the link")
        return Problem(article.path, article.body_line + offset, message.format(link=href),
                       code=code)
    return [problem(href, offset) for href, offset in broken]
