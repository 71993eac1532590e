"""content/**/*.md on disk -> checked `Article`s: listing, reading, hashing.

The format itself (what each key may hold) is schema.py; this module only
finds the files and hands each one's bytes to it.
"""

from __future__ import annotations

import os
from pathlib import Path

from digest.content.assets import page_references
from digest.content.schema import Article, check_page
from digest.content.frontmatter import ContentError, decode, parse_page
from digest.i18n import _
from digest.problems import Problem
from digest.util.files import visible_files


def read_file(path: Path, shown_as: str) -> tuple[Article | None, list[Problem]]:
    """Read, parse and check one content file."""
    try:
        return parse_file(path.read_bytes(), path, shown_as)
    except OSError as err:
        return None, [unreadable(shown_as, err)]


def unreadable(shown_as: str, err: OSError) -> Problem:
    return Problem(shown_as, None, _("cannot be read: {reason}").format(reason=err.strerror),
                   code="file-unreadable")


def parse_file(data: bytes, path: Path, shown_as: str) -> tuple[Article | None, list[Problem]]:
    try:
        raw = parse_page(decode(data, shown_as), shown_as)
    except ContentError as err:
        return None, [err.problem]
    article, problems = check_page(raw)
    if article is not None:
        article.file = str(path)
        article.assets, warnings = page_references(article.body, shown_as, article.body_line)
        problems += warnings
    return article, problems


def content_files(content_dir: Path) -> list[str]:
    """Every page file's path, in a stable order; hidden files and folders are skipped."""
    return [path for path in visible_files(content_dir) if path.endswith(".md")]


def shown_path(path: str, root: Path | None) -> str:
    """The path editors see in messages: relative to the project, with '/'."""
    text = path
    if root is not None:
        prefix = str(root).rstrip(os.sep) + os.sep
        text = text[len(prefix):] if text.startswith(prefix) and str(root) != "." else text
    return text.replace(os.sep, "/")


def content_paths(content_dir: Path, shown_root: Path | None = None) -> list[tuple[str, str]]:
    """(real path, path as shown to editors) of every page file."""
    return [(path, shown_path(path, shown_root)) for path in content_files(content_dir)]


def collect(results: list[tuple[Article | None, list[Problem]]]
            ) -> tuple[list[Article], list[Problem]]:
    """The articles that passed, and every problem found, in file order."""
    articles, problems = [], []
    for article, found in results:
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


def read_content(content_dir: Path, shown_root: Path | None = None
                 ) -> tuple[list[Article], list[Problem]]:
    """All articles of a content folder and all problems found in it (no cache:
    the build asks its cache first, see pipeline.read_articles)."""
    return collect([read_file(Path(path), shown)
                    for path, shown in content_paths(content_dir, shown_root)])
