"""The build, stage by stage: seeds/ -> content/ -> articles -> site model ->
page plan -> files in site/. `build` below names every stage in order; each
stage is a function of another module that returns values, and the result
is made once, at the end.

Nothing is written to the output folder until every page has rendered and
no error was found; a failed build leaves the last good site as it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from digest.cache import (BuildCache, SiteRecord, inputs_fingerprint, nothing_changed, open_cache,
                    problems_from_plain, problems_to_plain)
from digest.config import Config
from digest.content.schema import Article
from digest.i18n import _
from digest.model.groups import Site, assign_urls, build_site
from digest.problems import Problem
from digest.content.assets import Assets, asset_problems, discover
from digest.content.reader import collect, content_paths, read_content, shown_path
from digest.seeding import import_new_seeds, seeds_without_pages
from digest.write.folder import WriteReport, output_problem
from digest.util.parallel import Stopped
from digest.write.lock import FolderBusy, writing

if TYPE_CHECKING:
    from digest.render.editions import Editions


@dataclass
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    site: Site | None = None
    report: WriteReport | None = None
    seconds: float = 0.0
    rendered: int = 0                  # pages rendered (the rest were unchanged)
    summary: tuple = ()                # (pages, articles, provinces, years)
    pages: list | None = None          # the page plan, for the preview's quick rebuilds
    editions: list | None = None       # the yearly PDF editions planned (serve.py makes them)
    editions_made: int = 0             # editions rendered (the rest were unchanged)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


def build(config: Config, drafts: bool = False, cache: BuildCache | None = None,
          out: Callable[[str], None] = print, save_cache: bool = True,
          changed: bool = False, import_new: bool = True,
          stop: Callable[[], bool] | None = None,
          editions_on_request: bool = False) -> BuildResult:
    """Import new seeds, then build the site; pages whose key and file are as the
    cache remembers are not rendered.

    `cache` is the preview server's, kept in memory (it saves it when it stops);
    the command line reads it from .cache/ and writes it back after a good build.
    `changed` says an input is known to have changed (the preview was told so),
    so looking for a reason to do nothing is skipped. Without `import_new` (the
    Pages build) a seed without a page is an error naming the command that
    imports it. `stop` (the preview's: a new save came) is asked between the
    stages and while rendering; when it says so, the build raises
    parallel.Stopped and writes nothing. With `editions_on_request` (the preview)
    the yearly PDF editions are planned, not made: the preview makes one when the
    browser asks for it.
    """
    started = time.perf_counter()
    cache = cache if cache is not None else open_cache(config)
    out_dir = config.path("output_dir")
    # 1. The output folder is the build's, and only the build's, and one build's at a time.
    refused = output_folder_problem(config)
    if refused:
        return BuildResult([refused])
    try:
        with writing(out_dir, waiting=lambda holder: out(
                _("Waiting for {holder} to finish writing {folder}/ …").format(
                    holder=holder, folder=config.output_dir))):
            return _build_locked(config, drafts, cache, out, save_cache, changed, import_new,
                                 started, stop or (lambda: False), editions_on_request)
    except FolderBusy as busy:
        return BuildResult([Problem(
            config.output_dir, None,
            _("is being written by {holder}, which has not finished — wait for it, or stop it "
              "(Ctrl-C in its terminal), then build again").format(holder=busy),
            code="output-busy")])


def _build_locked(config: Config, drafts: bool, cache: BuildCache, out: Callable[[str], None],
                  save_cache: bool, changed: bool, import_new: bool,
                  started: float, stop: Callable[[], bool],
                  editions_on_request: bool) -> BuildResult:
    """The build's stages, while this process alone writes the output folder."""
    out_dir = config.path("output_dir")
    previous = cache.site(out_dir)  # None if another build wrote the folder since
    # 2. Nothing changed since the last good build: do nothing, say what it said.
    inputs = "" if changed else inputs_fingerprint(config, drafts, import_new,
                                                   editions_on_request)
    if nothing_changed(previous, inputs, out_dir):
        return BuildResult(problems_from_plain(previous.warnings), None,
                           WriteReport(unchanged=len(previous.stamps)),
                           time.perf_counter() - started, 0, previous.summary)
    # 3. Content -> checked articles; new seeds -> content first (or errors on CI).
    site, problems = load_site(config, drafts, cache, import_out=out if import_new else None,
                               require_pages=not import_new)
    problems += [cache.warning] if cache.warning else []
    if any(p.level == "error" for p in problems):
        return BuildResult(problems, site, seconds=time.perf_counter() - started)
    # 4. The yearly PDF editions whose key changed (the year pages say their sizes),
    # then the page plan, then 5. render what changed and write it (imports Jinja).
    from digest.render.stage import render_and_write

    if stop():
        raise Stopped()
    pages, editions = plan_site(site, config, previous, editions_on_request)
    problems += editions.problems
    if any(p.level == "error" for p in editions.problems):
        return BuildResult(problems, site, seconds=time.perf_counter() - started)
    written = render_and_write(site, pages + ([] if editions_on_request else editions.pages),
                               config, previous, stop)
    problems += written.problems
    summary = (len(pages), len(site.articles), len(site.known_provinces), len(site.years))
    # 6. Remember what the output folder now holds, for the next build.
    if written.record is not None:
        remember(cache, out_dir, written.record, inputs, summary,
                 [p for p in problems if p.level == "warning" and p is not cache.warning])
        cache.warning = None
        if save_cache:
            cache.save()
    return BuildResult(problems, site, written.report, time.perf_counter() - started,
                       written.rendered, summary, pages, editions.pages, editions.made)


def plan_site(site: Site, config: Config, previous: SiteRecord | None,
              editions_on_request: bool = False) -> tuple[list, Editions]:
    """The page plan and the yearly PDF editions (made now, unless on request:
    the year pages link to them with their sizes)."""
    from digest.render.editions import make_editions
    from digest.plan.pages import plan_pages, year_tables

    tables = year_tables(site)
    editions = make_editions(site, config, tables, previous, on_request=editions_on_request)
    return plan_pages(site, config, tables, editions.links), editions


def load_site(config: Config, drafts: bool, cache: BuildCache | None = None,
              import_out: Callable[[str], None] | None = None,
              require_pages: bool = False) -> tuple[Site, list[Problem]]:
    """Read and check all content and model the site from it. With `import_out`,
    seeds that no page names as its `source` are imported first (their report
    goes there); with `require_pages`, such a seed is an error instead."""
    articles, problems = read_articles(config, cache)
    sources = {a.source for a in articles}
    if import_out is not None and import_new_seeds(config, sources, import_out):
        articles, problems = read_articles(config, cache)  # only the new pages are parsed
    if require_pages:
        problems += seeds_without_pages(config, sources)
    problems += assign_urls(articles)  # drafts too, so publishing one moves no address
    site = build_site([a for a in articles if drafts or not a.draft])
    site.taken_urls = frozenset(a.url for a in articles)
    site.assets, found = read_assets(config, cache)
    problems += found + asset_problems(site.assets, articles, site.articles, config.max_image_mb,
                                       config.max_document_mb)
    return site, problems


def read_assets(config: Config, cache: BuildCache | None) -> tuple[Assets, list[Problem]]:
    """The content folder's images and documents; read again only where their stamp
    changed since the build cache saw them."""
    content_dir = config.path("content_dir")
    return discover(content_dir, lambda path: shown_path(path, config.root),
                    cache.assets if cache is not None else {})


def read_articles(config: Config, cache: BuildCache | None) -> tuple[list[Article], list[Problem]]:
    """Every content file checked: from the cache where its bytes are unchanged,
    else parsed (the cache parses its misses over all cores)."""
    if cache is None:
        return read_content(config.path("content_dir"), config.root)
    return collect(cache.articles.read_all(content_paths(config.path("content_dir"),
                                                         config.root)))


def output_folder_problem(config: Config) -> Problem | None:
    refused = output_problem(config.path("output_dir"), config.root, {
        _("content folder"): config.path("content_dir"),
        _("seeds folder"): config.path("seeds_dir"),
        _("templates folder"): config.path("templates_dir"),
        _("configuration file"): config.file})
    return Problem(config.output_dir or ".", None,
                   _("the output folder {reason}").format(reason=refused),
                   code="output-folder-refused") if refused else None


def remember(cache: BuildCache, out_dir: Path, record: SiteRecord, inputs: str,
             summary: tuple, warnings: list[Problem]) -> None:
    """The record of a good build, with what it said, to say again if nothing changes."""
    record.inputs, record.summary = inputs, summary
    record.warnings = problems_to_plain(warnings)
    cache.remember_site(out_dir, record)


def check(config: Config) -> list[Problem]:
    """Every problem of the content, drafts included, without writing anything:
    whatever would stop `build` (with or without --drafts) is found here."""
    from digest.render.markdown import render_markdown
    from digest.model.links import broken_link_problems, link_resolver

    site, problems = load_site(config, drafts=True)
    everything = {a.path: a.url for a in site.articles}
    published = {a.path: a.url for a in site.articles if not a.draft}
    drafts = frozenset(everything.keys() - published.keys())
    for article in site.articles:
        # A published page may link only to published pages; a draft, to drafts too.
        targets = everything if article.draft else published
        broken = render_markdown(article.body, link_resolver(article, targets))[1]
        problems += broken_link_problems(article, broken, drafts)
    return problems
