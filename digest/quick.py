"""The preview's quick rebuild: the page being edited first, at once.

A save of an article's body changes that page and the one search-index part
that holds it, nowhere else: lists, feeds and data files show its card, which
has no body (the page keys in plan/pages.py say so). So the preview renders
that page again against the last build's site model and plan; the part
follows when the saves pause (`write_search_parts`).

A save of its front matter (a title, a figure, a province, a year) or a new
page changes its own page and the pages that list it. The preview models the
site again with the saved page (tens of milliseconds: nothing else is read or
planned), renders that page alone and reloads it (after a deletion: the pages
the browser showed last, planned again); the full build follows when
the saves pause (`LastBuild.full_due`, run by the preview) and rewrites the
pages that list it, so the site ends as a cold build makes it.

A save of a page template redraws the pages the browser asked for last (as
`hugo server`'s fast render does), and every other page when the saves pause.

Either way the cost of showing a save does not grow with the site. Anything
else (a static file, a template while no page has been shown, a draft, a
changed address or source, an error, a link to another content file in a
changed body or to a deleted page, an image or document of the content
folder, an output folder deleted or emptied since) gets None, and the preview runs the full build at once,
which gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path

from digest.cache import BuildCache, SiteRecord, build_salt, file_stamp, problems_to_plain
from digest.config import Config
from digest.content.reader import shown_path
from digest.content.schema import Article
from digest.model.groups import Site, article_slug, build_site
from digest.model.links import link_resolver
from digest.model.routes import STATIC_DIR, url_for
from digest.pipeline import BuildResult, plan_site
from digest.plan.pages import Page, article_page, index_pages, plan_pages
from digest.render.markdown import render_markdown
from digest.write.folder import WriteReport
from digest.util.files import is_hidden
from digest.write.lock import FolderBusy, writing


# A template edit redraws at once the pages the browser asked for last, at most this many.
VISITED_FIRST = 3


@dataclass
class LastBuild:
    """What a full build planned, for the quick rebuilds that follow it."""

    site: Site
    pages: list[Page] | None        # None: planned again when first needed (see `planned`)
    problems: list
    by_file: dict[str, Article]     # content file (absolute path) -> its article
    urls_by_path: dict[str, str]    # content file as shown -> its page
    folders: set[str]               # the folders those files are in (absolute paths)
    parts_due: bool = False         # bodies changed since the search parts were written
    full_due: bool = False          # front matter changed since the pages listing it were

    @classmethod
    def of(cls, result: BuildResult) -> "LastBuild | None":
        if result.site is None or result.pages is None or result.errors:
            return None
        by_file = {os.path.abspath(a.file): a for a in result.site.articles}
        return cls(result.site, result.pages, result.problems, by_file,
                   {a.path: a.url for a in by_file.values()},
                   {os.path.dirname(file) for file in by_file})


def quick_build(config: Config, cache: BuildCache, last: LastBuild | None,
                changed: list[str], visited: list[str] = ()) -> BuildResult | None:
    """Rebuild the pages of the saved files `changed` (absolute paths), or None
    when the save needs the full build now. What lists them, and the search
    parts, are left for later (see the module's docstring), so the page being
    edited reloads first. `visited` are the pages the browser asked for last,
    newest first: the ones a template edit redraws first."""
    started = time.perf_counter()
    try:
        with writing(config.path("output_dir")):
            record = cache.site(config.path("output_dir"))  # None: another build wrote it since
            if last and record and _templates_only(config, changed):
                return _apply_templates(config, cache, last, record, visited, started)
            edits = _edits(config, cache, last, changed) if last and record else None
            if edits is None or not still_there(config.path("output_dir"), record,
                                                [edit.url for edit in edits]):
                return None
            if all(edit.body_only for edit in edits):
                return _apply_bodies(config, cache, last, record, edits, started)
            return _apply_front_matter(config, cache, last, record, edits, visited, started)
    except FolderBusy:
        return None  # the full build says who holds the folder


def _apply_bodies(config: Config, cache: BuildCache, last: LastBuild, record: SiteRecord,
                  edits: list[Edit], started: float) -> BuildResult | None:
    for edit in edits:  # the site model and the plan keep the same Article objects
        old, new = edit.old, edit.new
        old.body_hash, old.body_line, old._body = new.body_hash, new.body_line, new.body
    last.parts_due = True
    pages = [article_page(edit.old, last.site, config, last.urls_by_path) for edit in edits]
    return _rewrite(config, cache, last, record, pages, started)


def _apply_front_matter(config: Config, cache: BuildCache, last: LastBuild, record: SiteRecord,
                        edits: list[Edit], visited: list[str], started: float
                        ) -> BuildResult | None:
    """The saved pages' own pages, against the site modelled again with them; after
    a deletion, the pages the browser showed last."""
    saved = {id(edit.old): edit.new for edit in edits if edit.old is not None}
    articles = [new for new in (saved.get(id(a), a) for a in last.site.articles) if new]
    articles += [edit.new for edit in edits if edit.old is None]
    site = build_site(articles)
    site.assets = last.site.assets
    site.taken_urls = last.site.taken_urls | {edit.url for edit in edits}
    urls_by_path = {**last.urls_by_path, **{e.new.path: e.url for e in edits if e.new}}
    for edit in edits:
        if edit.new is None:
            del urls_by_path[edit.old.path]
    pages = [article_page(edit.new, site, config, urls_by_path) for edit in edits if edit.new]
    if len(pages) < len(edits):  # a page deleted: the pages that listed it, if shown
        if _links_broken(site, urls_by_path):
            return None  # a page links to the deleted one: the full build says which
        own = {page.url for page in pages}
        pages += last_shown(plan_pages(site, config), [url for url in visited if url not in own])
        if not pages:
            return None
    last.site, last.urls_by_path, last.full_due = site, urls_by_path, True
    for edit in edits:
        file = os.path.abspath((edit.new or edit.old).file)
        if edit.new is None:
            del last.by_file[file]
        else:
            last.by_file[file] = edit.new
            last.folders.add(os.path.dirname(file))
    return _rewrite(config, cache, last, record, pages, started)


def _links_broken(site: Site, urls_by_path: dict[str, str]) -> bool:
    """Some page links to a content file that is not in `urls_by_path`."""
    return any(render_markdown(a.body, link_resolver(a, urls_by_path, site.assets))[1]
               for a in site.articles if a.links_files)


def _templates_only(config: Config, changed: list[str]) -> bool:
    """Every changed file is a page template (not a static file, not hidden)."""
    saved = 0
    for path in changed:
        parts = _visible_parts(path, config.path("templates_dir"))
        if parts is not None and os.path.isdir(path):
            continue  # its folder: "modified" because the template in it was saved
        if parts is None or not path.endswith(".html") or parts[0] == STATIC_DIR:
            return False
        saved += 1
    return saved > 0


def _visible_parts(path: str, folder: Path) -> tuple[str, ...] | None:
    """The parts of `path` under `folder`, or None if it is elsewhere or hidden
    (util/files.py's rule: the build never reads a hidden file)."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    parts = Path(relative).parts
    if relative.startswith("..") or any(is_hidden(part) for part in parts):
        return None
    return parts


def _apply_templates(config: Config, cache: BuildCache, last: LastBuild, record: SiteRecord,
                     visited: list[str], started: float) -> BuildResult | None:
    """After a template edit: the pages the browser showed last, drawn with the
    templates as they are now; every other page when the saves pause."""
    pages = last_shown(planned(config, last), visited)
    if not pages or not still_there(config.path("output_dir"), record, [p.url for p in pages]):
        return None
    last.full_due = True
    return _rewrite(config, cache, last, record, pages, started, salt=build_salt(config))


def planned(config: Config, last: LastBuild) -> list[Page]:
    """The last build's plan. A finishing build in the background plans in its own
    process: this one plans again from its model, when a template edit first needs it."""
    if last.pages is None:
        last.pages = plan_site(last.site, config, None, editions_on_request=True)[0]
    return last.pages


def last_shown(pages: list[Page], visited: list[str]) -> list[Page]:
    """The pages of `pages` the browser asked for last (`visited`, the last first),
    at most VISITED_FIRST of them; pages no longer planned (a deleted one) are passed over."""
    by_url = {page.url: page for page in pages}
    return [by_url[url] for url in visited if url in by_url][:VISITED_FIRST]


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
             pages: list[Page], started: float, salt: str | None = None) -> BuildResult | None:
    """Write `pages` into the output folder as it is, and remember them."""
    if pages:
        from digest.render.stage import rewrite_pages

        written = rewrite_pages(last.site, pages, config, record, salt)
        if written is None:
            return None
        cache.remember_site(config.path("output_dir"), written.record)
        new = {p.url: p for p in pages}
        if last.pages is not None:
            last.pages = [new.get(page.url, page) for page in last.pages]
        report, rendered = written.report, written.rendered
    else:  # saved without a change
        report, rendered = WriteReport(unchanged=len(record.keys)), 0
    return BuildResult(last.problems, last.site, report, time.perf_counter() - started,
                       rendered, record.summary, last.pages)


@dataclass
class Edit:
    """One saved content file the quick rebuild can show."""

    old: Article | None  # the article of the last build; None for a new page
    new: Article | None  # the file as saved, with its address; None if it was deleted
    body_only: bool

    @property
    def url(self) -> str:
        return (self.new or self.old).url


def _edits(config: Config, cache: BuildCache, last: LastBuild,
           changed: list[str]) -> list[Edit] | None:
    """An Edit for each changed file, or None if one of them needs the full build."""
    edits = []
    for path in changed:
        path = os.path.abspath(path)
        if path in last.folders and os.path.isdir(path):
            continue  # "modified" because a file in it was saved: that file is in `changed` too
        old = last.by_file.get(path)
        if old and not os.path.lexists(path):
            edit = Edit(old, None, body_only=False)  # deleted
        else:
            edit = _saved(cache, last, old) if old else _new_page(config, cache, last, path)
        if edit is None:
            return None
        edits.append(edit)
    return edits


def _saved(cache: BuildCache, last: LastBuild, old: Article) -> Edit | None:
    """The edit of an article of the last build, if its address, source, draft
    state, problems and the files it names stay as they were (links to other
    content files too: a body with such links may change only its front matter)."""
    before = cache.articles.entries.get(old.path)
    if before is None or not os.path.isfile(old.file):
        return None
    [(new, problems)] = cache.articles.read_all([(old.file, old.path)])
    if new is None or problems_to_plain(problems) != before[3]:
        return None
    if (old.links_files or new.links_files) and new.body_hash != old.body_hash:
        return None  # links to content files are checked by the full build
    if (_address(new) != old.url or new.source != old.source
            or new.draft != old.draft or new.assets != old.assets):
        return None
    new.url = old.url
    same_body = dataclasses.replace(new, body_hash=old.body_hash, body_line=old.body_line)
    return Edit(old, new, body_only=same_body == old)


def _new_page(config: Config, cache: BuildCache, last: LastBuild, path: str) -> Edit | None:
    """A new page file of the content folder, published, without errors, that names
    no other file and takes no address of another page (a draft's included). Its
    warnings are said by the full build that follows."""
    parts = _visible_parts(path, config.path("content_dir"))
    if parts is None or not path.endswith(".md") or not os.path.isfile(path):
        return None
    file = os.path.join(str(config.path("content_dir")), *parts)  # as the full build names it
    [(new, problems)] = cache.articles.read_all([(file, shown_path(file, config.root))])
    if new is None or any(p.level == "error" for p in problems) or new.draft \
            or new.links_files or new.assets \
            or _address(new) in last.site.taken_urls:
        return None
    new.url = _address(new)
    return Edit(None, new, body_only=False)


def _address(article: Article) -> str:
    """The address the full build gives the article (model/groups.assign_urls)."""
    return url_for("article", slug=article_slug(article))
