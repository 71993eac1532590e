"""The preview's quick rebuild: a save that changes only article bodies.

An article's body shows on its own page and in the one search-index part that
holds it, nowhere else: lists, feeds and data files show its card, which has no
body (the page keys in plan/pages.py say so). So when every saved file is an
article of the last build whose front matter is unchanged, the preview renders
that page and that part again against the last build's site model and plan,
instead of reading, modelling and planning the whole site: the cost of a save
no longer grows with the site. Anything else (a new or deleted file, a changed
title or figure, a problem, a template, a link to another content file, an
image or document of the content folder, a body that names other files than
before, an output folder deleted or emptied since) gets None, and the preview runs the
full build, which gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path

from digest.cache import BuildCache, SiteRecord, file_stamp, problems_to_plain
from digest.config import Config
from digest.content.schema import Article
from digest.model.groups import Site
from digest.pipeline import BuildResult
from digest.plan.pages import Page, article_page, index_pages
from digest.write.folder import WriteReport
from digest.write.lock import FolderBusy, writing


@dataclass
class LastBuild:
    """What a full build planned, for the quick rebuilds that follow it."""

    site: Site
    pages: list[Page]
    problems: list
    by_file: dict[str, Article]     # content file (absolute path) -> its article
    urls_by_path: dict[str, str]    # content file as shown -> its page
    folders: set[str]               # the folders those files are in (absolute paths)
    parts_due: bool = False         # bodies changed since the search parts were written

    @classmethod
    def of(cls, result: BuildResult) -> "LastBuild | None":
        if result.site is None or result.pages is None or result.errors:
            return None
        by_file = {os.path.abspath(a.file): a for a in result.site.articles}
        return cls(result.site, result.pages, result.problems, by_file,
                   {a.path: a.url for a in by_file.values()},
                   {os.path.dirname(file) for file in by_file})


def quick_build(config: Config, cache: BuildCache, last: LastBuild | None,
                changed: list[str]) -> BuildResult | None:
    """Rebuild the pages of body-only edits of `changed` (absolute paths), or
    None when the edit needs the full build. The search parts are left for
    `write_search_parts`, so the page being edited reloads first."""
    started = time.perf_counter()
    try:
        with writing(config.path("output_dir")):
            record = cache.site(config.path("output_dir"))  # None: another build wrote it since
            edits = _body_edits(cache, last, changed) if last and record else None
            if edits is None or not still_there(config.path("output_dir"), record,
                                                [old.url for old, _ in edits]):
                return None
            return _apply(config, cache, last, record, edits, started)
    except FolderBusy:
        return None  # the full build says who holds the folder


def _apply(config: Config, cache: BuildCache, last: LastBuild, record: SiteRecord,
           edits: list[tuple[Article, Article]], started: float) -> BuildResult | None:
    for old, new in edits:  # the site model and the plan keep the same Article objects
        old.body_hash, old.body_line, old._body = new.body_hash, new.body_line, new.body
    last.parts_due = True
    pages = [article_page(old, last.site, config, last.urls_by_path) for old, _ in edits]
    return _rewrite(config, cache, last, record, pages, started)


def write_search_parts(config: Config, cache: BuildCache, last: LastBuild) -> BuildResult | None:
    """The search-index parts that quick rebuilds left out of date, written now."""
    started = time.perf_counter()
    last.parts_due = False
    try:
        with writing(config.path("output_dir")):
            record = cache.site(config.path("output_dir"))
            if record is None:
                return None
            pages = [p for p in index_pages(last.site) if record.keys.get(p.url) != p.key]
            if not still_there(config.path("output_dir"), record, [p.url for p in pages]):
                return None
            return _rewrite(config, cache, last, record, pages, started)
    except FolderBusy:
        return None


def still_there(out_dir: Path, record: SiteRecord, urls: list[str]) -> bool:
    """The output folder still holds what `record` says, as far as a few stats
    tell: the home page and the files about to be rewritten, each as the last
    build wrote it (cache.site has already read the marker).

    A quick rebuild writes only its own files, so into a deleted or emptied
    folder it would write those few and nothing else. Checking every file
    (cache.intact) costs about 50 ms at 20,000 pages, more than the quick
    rebuild itself; the folder's inode and mtime would miss an emptied subfolder
    and change at each of our own writes. These few stats catch what happens to
    a whole site (deleted, emptied, its home page rewritten by another build);
    one other page deleted by hand comes back at the next full build.
    """
    out = str(out_dir) + os.sep
    return all(file_stamp(out + url) == record.stamps.get(url) for url in ("index.html", *urls))


def _rewrite(config: Config, cache: BuildCache, last: LastBuild, record: SiteRecord,
             pages: list[Page], started: float) -> BuildResult | None:
    """Write `pages` into the output folder as it is, and remember them."""
    if pages:
        from digest.render.stage import rewrite_pages

        written = rewrite_pages(last.site, pages, config, record)
        if written is None:
            return None
        cache.remember_site(config.path("output_dir"), written.record)
        new = {p.url: p for p in pages}
        last.pages = [new.get(page.url, page) for page in last.pages]
        report, rendered = written.report, written.rendered
    else:  # saved without a change
        report, rendered = WriteReport(unchanged=len(record.keys)), 0
    return BuildResult(last.problems, last.site, report, time.perf_counter() - started,
                       rendered, record.summary, last.pages)


def _body_edits(cache: BuildCache, last: LastBuild,
                changed: list[str]) -> list[tuple[Article, Article]] | None:
    """(article of the last build, the same file read now) for each changed file,
    if each is a body-only edit of an article without links to other files."""
    edits = []
    for path in changed:
        path = os.path.abspath(path)
        if path in last.folders and os.path.isdir(path):
            continue  # "modified" because a file in it was saved: that file is in `changed` too
        old = last.by_file.get(path)
        before = old and cache.articles.entries.get(old.path)
        if old is None or before is None or old.links_files or not os.path.isfile(old.file):
            return None
        [(new, problems)] = cache.articles.read_all([(old.file, old.path)])
        if new is None or new.links_files or problems_to_plain(problems) != before[3]:
            return None
        same_body = dataclasses.replace(new, body_hash=old.body_hash,
                                        body_line=old.body_line, url=old.url)
        if same_body != old:
            return None
        edits.append((old, new))
    return edits
